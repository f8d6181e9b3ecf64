//! The door to recovery plans. The relation is worked out from stored
//! facts on every request: the plan's report is the asker, or the report's
//! manager **right now** is the asker, or neither — so a manager change
//! ends the old manager's access on their very next request. The decision
//! is `rebound_domain::access::allows_recovery`; a "no" is a 404, as if the
//! plan did not exist. Every allowed read or write is an audit event
//! (which plan, which part, which action — never content). Private notes
//! are read by plan and author together, so nobody reads another's.

use super::Guard;
use crate::error::{ApiError, ApiResult};
use axum::http::StatusCode;
use rebound_domain::access::{self, Action, Part, PlanRelation, RecoveryPart};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::id::RecoveryPlanId;
use rebound_domain::recovery::{PrivateNote, RecoveryError, RecoveryPlan};
use rebound_domain::{Mistake, User, UserId};
use rebound_store::{PlanSaved, StoreError};

/// A plan someone may do something with, and how they relate to it.
pub struct PlanGrant {
    plan: RecoveryPlan,
    rel: PlanRelation,
    user: UserId,
    /// What it was opened for (and audited as).
    opened: (RecoveryPart, Action),
}

impl PlanGrant {
    pub fn plan(&self) -> &RecoveryPlan {
        &self.plan
    }

    pub fn relation(&self) -> PlanRelation {
        self.rel
    }

    pub fn allows(&self, part: RecoveryPart, action: Action) -> bool {
        access::allows_recovery(self.rel, part, action)
    }

    fn require(&self, part: RecoveryPart, action: Action) -> ApiResult<()> {
        if self.allows(part, action) {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }

    /// Whether opening it was already audited as this part and action
    /// (only a read is audited on opening).
    fn audited_as(&self, part: RecoveryPart, action: Action) -> bool {
        action == Action::Read && self.opened == (part, action)
    }
}

impl From<RecoveryError> for ApiError {
    fn from(e: RecoveryError) -> Self {
        match e {
            // What the plan's state refuses, as a mistake's lifecycle does.
            RecoveryError::Ended { .. } | RecoveryError::AlreadyEnded { .. } => {
                ApiError::new(StatusCode::CONFLICT, "refused", e.to_string())
            }
            e => ApiError::unprocessable(e.to_string()),
        }
    }
}

/// 409 `plan_open`: one plan at a time per report; the message names the
/// open one, so the caller can go to it (the web page links it).
pub(crate) fn plan_already_open(report: &User, open: &RecoveryPlanId) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "plan_open",
        format!(
            "{} already has a recovery plan open ({open}); carry on with that one, or end it before opening another",
            report.display_name
        ),
    )
}

fn no_such_report() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "nobody with that id reports to you; a plan can be opened only for one of your own reports",
    )
}

impl Guard {
    fn plan_event(
        &self,
        user: &UserId,
        plan: &RecoveryPlanId,
        part: RecoveryPart,
        action: Action,
    ) -> AuditEvent {
        let actor = AuditActor::User(user.to_string());
        AuditEvent::recovery(self.clock.now(), actor, plan.as_str(), part, action)
    }

    /// Records a read of `part` of `plan` (a write carries its event instead).
    pub(super) fn audit_plan(
        &self,
        user: &UserId,
        plan: &RecoveryPlanId,
        part: RecoveryPart,
        action: Action,
    ) {
        self.audit.event(self.plan_event(user, plan, part, action));
    }

    /// How `user` relates to `plan`, from stored facts now.
    async fn plan_relation(&self, user: &User, plan: &RecoveryPlan) -> ApiResult<PlanRelation> {
        if plan.report == user.id {
            return Ok(PlanRelation::Report);
        }
        let report = match self.backend.user(&plan.report).await {
            Ok(u) => u,
            Err(StoreError::UserNotFound(_)) => return Ok(PlanRelation::None),
            Err(e) => return Err(e.into()),
        };
        Ok(if report.manager.as_ref() == Some(&user.id) {
            PlanRelation::CurrentManager
        } else {
            PlanRelation::None
        })
    }

    /// Opens plan `id` for `user` if they may do `action` on `part` of it.
    pub async fn open_plan(
        &self,
        user: &User,
        id: &str,
        part: RecoveryPart,
        action: Action,
    ) -> ApiResult<PlanGrant> {
        let id = RecoveryPlanId::parse(id).map_err(|_| ApiError::not_found())?;
        let plan = self
            .backend
            .plan(&id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        let rel = self.plan_relation(user, &plan).await?;
        if !access::allows_recovery(rel, part, action) {
            return Err(ApiError::not_found());
        }
        // A write carries its event into its own transaction, by what does it.
        if action == Action::Read {
            self.audit_plan(&user.id, &plan.id, part, action);
        }
        Ok(PlanGrant {
            plan,
            rel,
            user: user.id.clone(),
            opened: (part, action),
        })
    }

    /// One more part or action on a plan already opened, without reading
    /// it again: allowed or 404, and audited (once, if it is what the plan
    /// was opened for).
    pub fn plan_part(
        &self,
        grant: &PlanGrant,
        part: RecoveryPart,
        action: Action,
    ) -> ApiResult<()> {
        grant.require(part, action)?;
        if !grant.audited_as(part, action) {
            self.audit_plan(&grant.user, &grant.plan.id, part, action);
        }
        Ok(())
    }

    /// The report `report` of `user`'s, or a 404 saying a plan is only for
    /// one's own reports (the same answer whether the id exists or not).
    pub async fn my_report(&self, user: &User, report: &str) -> ApiResult<User> {
        let id = UserId::parse(report).map_err(|_| no_such_report())?;
        match self.backend.user(&id).await {
            Ok(u) if u.manager.as_ref() == Some(&user.id) && u.disabled_at.is_none() => Ok(u),
            Ok(_) | Err(StoreError::UserNotFound(_)) => Err(no_such_report()),
            Err(e) => Err(e.into()),
        }
    }

    /// A mistake of `report`'s that `user` may read, to link a plan to.
    pub async fn report_mistake(&self, user: &User, report: &User, id: &str) -> ApiResult<Mistake> {
        let m = self
            .open(user, id, Part::Record, Action::Read)
            .await?
            .into_mistake();
        if m.owner.as_ref() != Some(&report.id) {
            return Err(ApiError::unprocessable(
                "link one of their own mistakes, or none",
            ));
        }
        Ok(m)
    }

    /// Stores a new plan, opened by `user` for one of their current reports.
    pub async fn create_plan(&self, user: &User, plan: &RecoveryPlan) -> ApiResult<()> {
        let report = self.backend.user(&plan.report).await?;
        if plan.opened_by.as_ref() != Some(&user.id) || report.manager.as_ref() != Some(&user.id) {
            return Err(no_such_report());
        }
        let event = self.plan_event(&user.id, &plan.id, RecoveryPart::Plan, Action::Create);
        let caused = self.invites(None, plan).await?;
        match self
            .audit
            .carrying_effects(caused.with(event), self.backend.create_plan(plan))
            .await
        {
            Err(StoreError::AlreadyExists { .. }) => Err(ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "a freshly drawn id collided; try again",
            )),
            Err(StoreError::PlanAlreadyOpen(open)) => Err(plan_already_open(&report, &open)),
            other => Ok(other?),
        }
    }

    /// Opens plan `id` for a change to `part`, applies `f`, and saves with
    /// the version check (someone else's save in between is a 409).
    pub async fn change_plan<T>(
        &self,
        user: &User,
        id: &str,
        part: RecoveryPart,
        f: impl FnOnce(&mut RecoveryPlan) -> Result<T, ApiError>,
    ) -> ApiResult<(RecoveryPlan, T)> {
        let grant = self.open_plan(user, id, part, Action::Change).await?;
        let before = grant.plan.clone();
        let mut plan = grant.plan;
        let out = f(&mut plan)?;
        // A stale save stores nothing, its event and invitations included.
        let event = self.plan_event(&user.id, &plan.id, part, Action::Change);
        let caused = self.invites(Some(&before), &plan).await?;
        match self
            .audit
            .carrying_effects(caused.with(event), self.backend.save_plan(&plan))
            .await?
        {
            PlanSaved::Saved(p) => Ok((*p, out)),
            PlanSaved::Stale => Err(ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "the plan was changed meanwhile; reload it and try again",
            )),
        }
    }

    /// The calendar invitations a change from `before` to `after` calls
    /// for, to the report's current manager and the report.
    async fn invites(
        &self,
        before: Option<&RecoveryPlan>,
        after: &RecoveryPlan,
    ) -> ApiResult<rebound_store::Effects> {
        let report = self.backend.user(&after.report).await?;
        let Some(manager) = &report.manager else {
            return Ok(Default::default());
        };
        let manager = self.backend.user(manager).await?;
        let now = self.clock.now();
        let outbox = crate::delivery::invites::for_change(
            &self.delivery,
            before,
            after,
            [&manager, &report],
            now,
        );
        if !outbox.is_empty() {
            self.delivery_due.notify_one();
        }
        Ok(rebound_store::Effects {
            outbox,
            ..Default::default()
        })
    }

    /// Plans `user` manages now (about their current reports), and plans
    /// about `user`, each listed one an audited read.
    pub async fn plans_for(
        &self,
        user: &User,
    ) -> ApiResult<(Vec<(User, RecoveryPlan)>, Vec<RecoveryPlan>)> {
        let mut managing = Vec::new();
        for report in self.backend.reports_of(&user.id).await? {
            for p in self.backend.plans_about(&report.id).await? {
                self.audit_plan(&user.id, &p.id, RecoveryPart::Plan, Action::Read);
                managing.push((report.clone(), p));
            }
        }
        let about_me = self.backend.plans_about(&user.id).await?;
        for p in &about_me {
            self.audit_plan(&user.id, &p.id, RecoveryPart::Plan, Action::Read);
        }
        Ok((managing, about_me))
    }

    /// The asker's own private notes on the plan (the grant's holder must
    /// be allowed to read private notes at all).
    pub async fn private_notes(&self, grant: &PlanGrant) -> ApiResult<Vec<PrivateNote>> {
        grant.require(RecoveryPart::PrivateNotes, Action::Read)?;
        if !grant.audited_as(RecoveryPart::PrivateNotes, Action::Read) {
            self.audit_plan(
                &grant.user,
                &grant.plan.id,
                RecoveryPart::PrivateNotes,
                Action::Read,
            );
        }
        Ok(self
            .backend
            .private_notes(&grant.plan.id, &grant.user)
            .await?)
    }

    /// Adds a private note by the grant's holder.
    pub async fn add_private_note(&self, grant: &PlanGrant, body: &str) -> ApiResult<PrivateNote> {
        grant.require(RecoveryPart::PrivateNotes, Action::Create)?;
        let note = PrivateNote::new(
            rebound_domain::id::PrivateNoteId::from_random(crate::random::bytes5()?),
            grant.plan.id.clone(),
            grant.user.clone(),
            self.clock.now(),
            body,
        )?;
        let (part, action) = (RecoveryPart::PrivateNotes, Action::Create);
        let event = self.plan_event(&grant.user, &grant.plan.id, part, action);
        let add = self.backend.add_private_note(&note);
        self.audit.carrying(vec![event], add).await?;
        Ok(note)
    }

    /// The display name of the person a plan is about.
    pub async fn person(&self, id: &UserId) -> ApiResult<User> {
        Ok(self.backend.user(id).await?)
    }
}

#[cfg(test)]
#[path = "recovery_tests.rs"]
pub(crate) mod tests;
