//! Deleting the mistake a grant opened: the owner's alone (the policy's
//! `Action::Delete` of `Part::Record`), with its event in the same
//! transaction. Stakeholders lose it on their next request.

use super::Granted;
use crate::error::{ApiError, ApiResult};
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{Actor, Author};
use rebound_store::Effects;

impl Granted {
    /// Deletes the mistake and everything under it. Only a grant opened to
    /// delete it deletes; any other is refused like any "no": 404.
    pub async fn delete(self) -> ApiResult<()> {
        if self.opened_for != (Part::Record, Action::Delete) {
            return Err(ApiError::not_found());
        }
        self.check(Part::Record, Action::Delete)?;
        let (Author::Account(me), Some(owner)) = (&self.author, &self.mistake.owner) else {
            return Err(ApiError::not_found());
        };
        let actor = match self.actor() {
            Actor::Account(u) => AuditActor::User(u.to_string()),
            Actor::Guest(g) => AuditActor::Guest(g.to_string()),
        };
        let id = &self.mistake.id;
        let event = AuditEvent::deleted(self.guard.clock.now(), actor, "mistake", id.as_str());
        debug_assert_eq!(me, owner, "the policy lets only the owner delete");
        let delete = self.guard.backend.delete_mistake(id, Some(owner));
        self.guard
            .audit
            .carrying_effects(Effects::audit(vec![event]), delete)
            .await?;
        self.guard.scrub_mistake().await;
        Ok(())
    }
}
