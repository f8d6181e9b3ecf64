//! Lists: the mistakes someone may read, with the facts that decide
//! their relations read once for the whole list, not once per mistake.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::access::{self, Action, Part, Relation, Viewer};
use rebound_domain::{Mistake, MistakeId, User, UserId};
use rebound_store::{Candidates, ListFilter};
use std::collections::HashSet;

impl Guard {
    /// The mistakes `user` may read. The facts that decide relations are
    /// read once for the whole list (my reports, my teammates, where I am a
    /// stakeholder), not once per mistake.
    pub async fn list(&self, user: &User, filter: ListFilter) -> ApiResult<Vec<Mistake>> {
        let facts = self.facts_about(user).await?;
        let mut out = Vec::new();
        for m in self.backend.list_among(filter, &facts.candidates()).await? {
            if access::allows(
                Viewer::Account(facts.relation(&m)),
                m.visibility,
                Part::Record,
                Action::Read,
            ) {
                self.audit.listed(user, &m);
                out.push(m);
            }
        }
        Ok(out)
    }

    /// The mistakes `user` is a named stakeholder on: a fact about
    /// themselves, which narrows what could wait for their acknowledgement
    /// before any mistake is opened.
    pub async fn stakes_of(&self, user: &User) -> ApiResult<HashSet<MistakeId>> {
        Ok(self
            .backend
            .stakeholder_on(&user.id)
            .await?
            .into_iter()
            .collect())
    }

    async fn facts_about(&self, user: &User) -> ApiResult<Facts> {
        let reports = self
            .backend
            .reports_of(&user.id)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let mut teammates = HashSet::new();
        for team in self.backend.teams_of(&user.id).await? {
            teammates.extend(
                self.backend
                    .members(&team.id)
                    .await?
                    .into_iter()
                    .map(|u| u.id),
            );
        }
        teammates.remove(&user.id);
        let stakes = self
            .backend
            .stakeholder_on(&user.id)
            .await?
            .into_iter()
            .collect();
        Ok(Facts {
            me: user.id.clone(),
            reports,
            teammates,
            stakes,
        })
    }
}

/// What decides one person's relation to any mistake, read once.
struct Facts {
    me: UserId,
    /// People I manage directly.
    reports: HashSet<UserId>,
    /// People sharing a team with me.
    teammates: HashSet<UserId>,
    /// Mistakes I am a stakeholder on.
    stakes: HashSet<MistakeId>,
}

impl Facts {
    /// Every mistake these facts could relate to (owned by me, a report or a
    /// teammate, or one I hold a stake in): what the store narrows a list to
    /// before the policy looks at each. Nobody else's relation is ever more
    /// than none, so nothing readable is left out.
    fn candidates(&self) -> Candidates {
        let mut owners: Vec<UserId> =
            Vec::with_capacity(1 + self.reports.len() + self.teammates.len());
        owners.push(self.me.clone());
        owners.extend(self.reports.iter().cloned());
        owners.extend(self.teammates.difference(&self.reports).cloned());
        Candidates {
            owners,
            mistakes: self.stakes.iter().cloned().collect(),
        }
    }

    /// The same relation `Guard::relation` reads from storage, from these facts.
    fn relation(&self, m: &Mistake) -> Relation {
        let Some(owner) = &m.owner else {
            return Relation::default();
        };
        if *owner == self.me {
            return Relation {
                owner: true,
                ..Relation::default()
            };
        }
        Relation {
            owner: false,
            owners_manager: self.reports.contains(owner),
            stakeholder: self.stakes.contains(&m.id),
            teammate: self.teammates.contains(owner),
        }
    }
}
