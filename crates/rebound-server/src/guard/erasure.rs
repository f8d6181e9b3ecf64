//! Erasing an account, for the operation that decided who may (the person
//! themselves, or an admin): the event commits with the erasure, naming
//! nobody the store erased.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{User, UserId};
use rebound_store::{ACCOUNT_TABLES, Effects, MISTAKE_TABLES};

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
        let tables: Vec<&str> = MISTAKE_TABLES
            .iter()
            .chain(ACCOUNT_TABLES)
            .copied()
            .collect();
        self.scrub(&tables).await;
        Ok(())
    }

    /// After an erasure has committed: overwrites what the deleted rows left
    /// in the database's files (ARCHITECTURE.md, "Erasure leaves no
    /// plaintext"). Awaited before the answer, so "deleted" means gone from
    /// the files too; what it could not do is logged, never returned — the
    /// erasure itself stands, and the next erasure's scrub covers it again.
    pub(crate) async fn scrub(&self, tables: &[&str]) {
        match self.backend.scrub_after_erasure(tables).await {
            Ok(r) if r.complete() => {}
            Ok(r) => tracing::error!(
                left = %r.left.join("; "),
                wal_cleared = r.wal_cleared,
                "erasure committed, but its text may remain in the database files"
            ),
            Err(e) => tracing::error!(
                error = %e,
                "erasure committed, but the scrub of the database files failed"
            ),
        }
    }

    pub(crate) async fn scrub_mistake(&self) {
        self.scrub(MISTAKE_TABLES).await
    }
}
