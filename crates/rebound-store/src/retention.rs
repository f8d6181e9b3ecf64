//! Retention (issue 18): what the server's housekeeping finds and deletes
//! once the operator's settings say it has been kept long enough. A closed
//! mistake goes the way an owner's delete takes it (`ErasureStore`), only
//! while it is still closed since before the cut-off; audit events go by
//! age, a batch at a time.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::MistakeId;
use rebound_domain::account::Timestamp;

#[async_trait]
pub trait RetentionStore: Send + Sync {
    /// Up to `limit` mistakes that are closed and were last closed before
    /// `closed_before` (a reopened one is not closed; one closed again
    /// counts from its latest close), in id order.
    async fn closed_before(
        &self,
        closed_before: Timestamp,
        limit: u32,
    ) -> Result<Vec<MistakeId>, StoreError>;

    /// Deletes mistake `id` with everything under it, exactly as
    /// [`crate::ErasureStore::delete_mistake`] does, if it is still closed
    /// since before `closed_before` when the write transaction holds it;
    /// `false` when it is not (reopened, closed again since, gone): nothing
    /// changes and what the call carries is dropped.
    async fn delete_closed_mistake(
        &self,
        id: &MistakeId,
        closed_before: Timestamp,
    ) -> Result<bool, StoreError>;

    /// Deletes up to `limit` audit events stamped before `before`, oldest
    /// first; returns how many went. An event appended out of order (stamped
    /// earlier than one already stored before it) may wait for a later
    /// call, never goes early.
    async fn purge_audit_before(&self, before: Timestamp, limit: u32) -> Result<u64, StoreError>;
}
