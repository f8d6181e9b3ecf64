//! [`RetentionStore`]: the closed mistakes housekeeping may delete, their
//! deletion through the erasure's own `remove_mistake`, and the audit log's
//! oldest events, written once for both databases.

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::MistakeId;
use rebound_store::{RetentionStore, StoreError};

/// A mistake closed, and last closed before `$N`: its latest move to
/// closed (the transitions' primary key walks its own rows). One with no
/// recorded move is never taken.
macro_rules! closed_before {
    ($n:literal) => {
        concat!(
            "m.state = 'closed' AND (SELECT MAX(t.moved_at) FROM transitions t
               WHERE t.mistake_id = m.id AND t.to_state = 'closed') < $",
            $n
        )
    };
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> RetentionStore for SqlStore<D, H> {
    async fn closed_before(
        &self,
        closed_before: Timestamp,
        limit: u32,
    ) -> Result<Vec<MistakeId>, StoreError> {
        let rows = query::<D>(concat!(
            "SELECT m.id FROM mistakes m WHERE ",
            closed_before!(1),
            " ORDER BY m.id LIMIT $2"
        ))
        .arg(ms(closed_before))
        .arg(i64::from(limit))
        .all_on(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id = Cols(row).text("id")?;
                MistakeId::parse(&id).map_err(|_| corrupt("id", id))
            })
            .collect()
    }

    async fn delete_closed_mistake(
        &self,
        id: &MistakeId,
        closed_before: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        // Touching the row locks it on PostgreSQL (re-checking its state
        // after any save that got there first), so a reopen racing this
        // either lands first and it stays, or waits and finds it gone.
        // SQLite's write lock already covers it.
        let held = query::<D>(concat!(
            "UPDATE mistakes SET state = state WHERE id IN
               (SELECT m.id FROM mistakes m WHERE m.id = $1 AND ",
            closed_before!(2),
            ")"
        ))
        .arg(id.as_str())
        .arg(ms(closed_before))
        .run(&mut *tx)
        .await?;
        if held == 0 {
            nothing_done();
            return Ok(false);
        }
        crate::erasure::remove_mistake(&mut tx, id.as_str()).await?;
        commit_write(tx).await?;
        Ok(true)
    }

    async fn purge_audit_before(&self, before: Timestamp, limit: u32) -> Result<u64, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        // The log has no index on `at`, and needs none here: events are
        // appended roughly in time order, so the old ones are the lowest
        // ids, below the first event that is new enough. Walking the key
        // up to it costs what is deleted, not the whole log.
        let gone = query::<D>(
            "DELETE FROM audit_log WHERE id IN
               (SELECT id FROM audit_log
                WHERE at < $1
                  AND id < COALESCE((SELECT id FROM audit_log WHERE at >= $1 ORDER BY id LIMIT 1), $3)
                ORDER BY id LIMIT $2)",
        )
        .arg(ms(before))
        .arg(i64::from(limit))
        .arg(i64::MAX)
        .run(&mut *tx)
        .await?;
        commit_write(tx).await?;
        Ok(gone)
    }
}
