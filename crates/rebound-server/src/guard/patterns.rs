//! The door for patterns and insights. A person's patterns are gathered
//! from their own records alone: their own mistakes as owner (each an
//! audited read), and reflections, principles and wins through the
//! personal door (`guard/reflections.rs`, each an audited read). A
//! leader's insights read a group's records only to count them: the
//! caller has checked the asker may ask for the view and that the group
//! is big enough (`rebound_domain::insights`); nothing read here leaves but
//! the domain's figures, and the reading is one audit event on the view
//! (who, when, which group), never per record.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::insights::{self, GroupFigures};
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::{Actor, FailureType, Mistake, User, UserId};
use rebound_store::{Candidates, ListFilter};

/// The audit event's part for reading a group's figures.
pub const INSIGHTS: &str = "insights";

impl Guard {
    /// `user`'s own mistakes, each an audited read of its record.
    pub async fn own_mistakes(&self, user: &User) -> ApiResult<Vec<Mistake>> {
        let by = Actor::Account(user.id.clone());
        let mut out = Vec::new();
        for m in self.owned_by(std::slice::from_ref(&user.id)).await? {
            self.audit.mistake(&by, &m, Part::Record, Action::Read);
            out.push(m);
        }
        Ok(out)
    }

    /// Every mistake the `owners` own, and nobody else's, each with every
    /// update (updates on cadence counts them all).
    async fn owned_by(&self, owners: &[UserId]) -> ApiResult<Vec<Mistake>> {
        let candidates = Candidates {
            owners: owners.to_vec(),
            mistakes: Vec::new(),
        };
        let all = self
            .backend
            .list_whole(ListFilter::All, Some(&candidates))
            .await?;
        Ok(all
            .into_iter()
            .filter(|m| m.owner.as_ref().is_some_and(|o| owners.contains(o)))
            .collect())
    }

    /// The enabled accounts in the organisation, by id.
    pub async fn enabled_people(&self) -> ApiResult<Vec<User>> {
        let all = self.backend.list_users().await?;
        Ok(all.into_iter().filter(|u| !u.is_disabled()).collect())
    }

    /// The figures of the group `members` (enabled accounts the caller
    /// resolved), for `asker`'s view `(kind, id)`: their mistakes, the
    /// failure types their reflections name (no more of a reflection), the
    /// plans about them. One audit event, on the view.
    pub async fn group_figures(
        &self,
        asker: &User,
        (kind, id): (&str, &str),
        members: &[UserId],
    ) -> ApiResult<GroupFigures> {
        let mistakes = self.owned_by(members).await?;
        let mut failures: Vec<FailureType> = Vec::new();
        let mut plans: Vec<RecoveryPlan> = Vec::new();
        for m in members {
            let theirs = self.backend.reflections(Some(m)).await?;
            failures.extend(
                (theirs.iter())
                    .filter(|r| r.owner.as_ref() == Some(m))
                    .filter_map(|r| r.failure_type),
            );
            plans.extend(self.backend.plans_about(m).await?);
        }
        self.audit.event(AuditEvent {
            at: self.clock.now(),
            actor: AuditActor::User(asker.id.to_string()),
            action: "read".into(),
            part: INSIGHTS.into(),
            resource_kind: kind.into(),
            resource_id: id.into(),
        });
        Ok(insights::figures(&mistakes, failures.into_iter(), &plans))
    }
}
