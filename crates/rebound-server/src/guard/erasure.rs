//! Erasing an account, for the operation that decided who may (the person
//! themselves, or an admin): the event commits with the erasure, naming
//! nobody the store erased. Also retention's deletion of closed mistakes,
//! for housekeeping, and the scrub both run after they commit.

use super::Guard;
use crate::error::ApiResult;
use jiff::Timestamp;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{User, UserId};
use rebound_store::{ACCOUNT_TABLES, Effects, MISTAKE_TABLES, StoreError};

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

    /// Retention: deletes every mistake still closed since before
    /// `closed_before` the way its owner's delete does — children by the
    /// store's erasure, a `deleted` event by [`AuditActor::retention`] in
    /// each one's transaction — then scrubs once for them all (also when a
    /// failure stopped the round part way). Returns how many went.
    pub(crate) async fn delete_closed_before(
        &self,
        closed_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut gone = 0;
        let done = self.delete_closed(closed_before, &mut gone).await;
        if gone > 0 {
            self.scrub_mistake().await;
        }
        done.map(|()| gone)
    }

    async fn delete_closed(
        &self,
        closed_before: Timestamp,
        gone: &mut u64,
    ) -> Result<(), StoreError> {
        const BATCH: u32 = 100;
        loop {
            let ids = self.backend.closed_before(closed_before, BATCH).await?;
            let mut went = 0;
            for id in &ids {
                let now = self.clock.now();
                let event =
                    AuditEvent::deleted(now, AuditActor::retention(), "mistake", id.as_str());
                let delete = self.backend.delete_closed_mistake(id, closed_before);
                // `false`: reopened meanwhile; it stays, and nothing is logged.
                if self
                    .audit
                    .carrying_effects(Effects::audit(vec![event]), delete)
                    .await?
                {
                    went += 1;
                    *gone += 1;
                }
            }
            // A short batch was the last; one where nothing went would
            // only find the same again.
            if ids.len() < BATCH as usize || went == 0 {
                return Ok(());
            }
        }
    }

    pub(crate) async fn scrub_mistake(&self) {
        self.scrub(MISTAKE_TABLES).await
    }
}
