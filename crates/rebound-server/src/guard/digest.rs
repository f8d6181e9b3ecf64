//! What the Monday notes of a page of people may name, read through the
//! policy like any list, for the whole page at once (a few statements per
//! page, not several per person): each person's own open mistakes, the
//! notes shared with them that they have not acknowledged (only those
//! they may read the note of now), and the plans about their current
//! reports.

use super::Guard;
use crate::error::ApiResult;
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, RecoveryPart, Relation, Viewer};
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::{Mistake, MistakeId, Principle, Reflection, User, UserId};
use rebound_store::digest::Stake;
use rebound_store::{Candidates, ListFilter};
use std::collections::HashMap;

/// One person's share of a page's digest reads.
#[derive(Debug, Default)]
pub struct DigestReads {
    /// Their own open mistakes.
    pub own_open: Vec<Mistake>,
    /// Open mistakes whose note they may read as a stakeholder and have
    /// not acknowledged: each with its owner's name and when they were named.
    pub awaiting_ack: Vec<(Mistake, String, Timestamp)>,
    /// Plans about their current reports, each read audited.
    pub managing: Vec<(User, RecoveryPlan)>,
    /// Their own reflections and principles (personal records, read as
    /// their owner's), for the lessons that are back.
    pub reflections: Vec<Reflection>,
    pub principles: Vec<Principle>,
    /// The titles of their own mistakes those lessons came from, for the
    /// ones back now.
    pub lesson_titles: HashMap<MistakeId, String>,
}

/// The relation the stored facts of `stake` give its holder to `m`, as
/// `Guard::relation` works it out for one mistake.
fn relation(stake: &Stake, m: &Mistake) -> Relation {
    let Some(owner) = &stake.owner else {
        // No owner, or the owner's account is gone.
        return Relation::default();
    };
    if m.owner.as_ref() == Some(&stake.user) {
        return Relation {
            owner: true,
            ..Relation::default()
        };
    }
    Relation {
        owner: false,
        owners_manager: owner.manager.as_ref() == Some(&stake.user),
        stakeholder: true,
        teammate: owner.shares_a_team,
    }
}

impl Guard {
    /// The digest reads of each of `users` (keyed by id; everyone has an
    /// entry).
    pub async fn digest_reads(&self, users: &[User]) -> ApiResult<HashMap<UserId, DigestReads>> {
        let ids: Vec<UserId> = users.iter().map(|u| u.id.clone()).collect();
        let mut out: HashMap<UserId, DigestReads> = ids
            .iter()
            .map(|id| (id.clone(), DigestReads::default()))
            .collect();
        let mine = Candidates {
            owners: ids.clone(),
            mistakes: Vec::new(),
        };
        for m in self.backend.list_among(ListFilter::Open, &mine).await? {
            if let Some(r) = m.owner.as_ref().and_then(|o| out.get_mut(o)) {
                r.own_open.push(m);
            }
        }
        self.awaiting(&ids, &mut out).await?;
        self.managing(users, &mut out).await?;
        self.lessons(users, &mut out).await?;
        Ok(out)
    }

    async fn awaiting(
        &self,
        ids: &[UserId],
        out: &mut HashMap<UserId, DigestReads>,
    ) -> ApiResult<()> {
        let stakes: Vec<Stake> = (self.backend.stakes_of(ids).await?)
            .into_iter()
            .filter(|s| s.acknowledged_at.is_none())
            .collect();
        if stakes.is_empty() {
            return Ok(());
        }
        let mut on: HashMap<&MistakeId, Vec<&Stake>> = HashMap::new();
        for s in &stakes {
            on.entry(&s.mistake).or_default().push(s);
        }
        let among = Candidates {
            owners: Vec::new(),
            mistakes: on.keys().map(|id| (*id).clone()).collect(),
        };
        // In the list's order, as a person's own list would be.
        for m in self.backend.list_among(ListFilter::Open, &among).await? {
            for s in on.get(&m.id).into_iter().flatten() {
                let viewer = Viewer::Account(relation(s, &m));
                if !access::allows(viewer, m.visibility, Part::Note, Action::Read) {
                    continue;
                }
                let owner = s.owner.as_ref().map(|o| o.display_name.to_string());
                if let Some(r) = out.get_mut(&s.user) {
                    let name = owner.unwrap_or_else(|| "Someone".into());
                    r.awaiting_ack.push((m.clone(), name, s.added_at));
                }
            }
        }
        Ok(())
    }

    /// The plans each of `users` manages now (the rule `plans_for`
    /// applies: about their current reports), each listed one an audited read.
    async fn managing(
        &self,
        users: &[User],
        out: &mut HashMap<UserId, DigestReads>,
    ) -> ApiResult<()> {
        let ids: Vec<UserId> = users.iter().map(|u| u.id.clone()).collect();
        let reports = self.backend.reports_of_any(&ids).await?;
        if reports.is_empty() {
            return Ok(());
        }
        let report_ids: Vec<UserId> = reports.iter().map(|r| r.id.clone()).collect();
        let mut plans: HashMap<UserId, Vec<RecoveryPlan>> = HashMap::new();
        for p in self.backend.plans_about_any(&report_ids).await? {
            plans.entry(p.report.clone()).or_default().push(p);
        }
        for report in reports {
            let Some(manager) = report.manager.clone() else {
                continue;
            };
            let Some(r) = out.get_mut(&manager) else {
                continue;
            };
            for p in plans.remove(&report.id).unwrap_or_default() {
                self.audit_plan(&manager, &p.id, RecoveryPart::Plan, Action::Read);
                r.managing.push((report.clone(), p));
            }
        }
        Ok(())
    }

    /// Each person's own reflections and principles: `allows_personal`
    /// is the owner alone, and each row goes only to its owner's entry;
    /// then, in one read, the titles of the mistakes the ones back now
    /// (on each person's clock) came from, each title only to the
    /// mistake's owner.
    async fn lessons(
        &self,
        users: &[User],
        out: &mut HashMap<UserId, DigestReads>,
    ) -> ApiResult<()> {
        let ids: Vec<UserId> = users.iter().map(|u| u.id.clone()).collect();
        let (reflections, principles) = self.backend.lessons_of_any(&ids).await?;
        for r in reflections {
            if let Some(d) = r.owner.as_ref().and_then(|o| out.get_mut(o)) {
                d.reflections.push(r);
            }
        }
        for p in principles {
            if let Some(d) = p.owner.as_ref().and_then(|o| out.get_mut(o)) {
                d.principles.push(p);
            }
        }
        let mut wanted: Vec<MistakeId> = Vec::new();
        for u in users {
            let Some(d) = out.get(&u.id) else { continue };
            let now = self.clock.now_for(u);
            let back = rebound_domain::reflection::returning(&d.reflections, &d.principles, &now);
            wanted.extend(back.iter().filter_map(|b| b.mistake().cloned()));
        }
        if wanted.is_empty() {
            return Ok(());
        }
        let among = Candidates {
            owners: Vec::new(),
            mistakes: wanted,
        };
        for m in self.backend.list_among(ListFilter::All, &among).await? {
            // The owner reads their own mistake's record; nobody else's.
            if let Some(d) = m.owner.as_ref().and_then(|o| out.get_mut(o)) {
                d.lesson_titles.insert(m.id.clone(), m.title.clone());
            }
        }
        Ok(())
    }
}
