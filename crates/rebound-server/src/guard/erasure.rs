//! Erasing an account, for the operation that decided who may (the person
//! themselves, or an admin): the event commits with the erasure, naming
//! nobody the store erased.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{User, UserId};
use rebound_store::Effects;

impl Guard {
    /// Erases `whom` at `by`'s request (see `ErasureStore::erase_account`).
    pub async fn erase_account(&self, by: &User, whom: &UserId) -> ApiResult<()> {
        let now = self.clock.now();
        let actor = AuditActor::User(by.id.to_string());
        let event = AuditEvent::deleted(now, actor, "account", whom.as_str());
        let erase = self.backend.erase_account(whom, now);
        self.audit
            .carrying_effects(Effects::audit(vec![event]), erase)
            .await?;
        Ok(())
    }
}
