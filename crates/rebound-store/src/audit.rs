//! The audit boundary: append who did what to which record, and read it back.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::audit::AuditEvent;

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Appends events in one transaction (the server batches them; the
    /// batch is handed over, so a backend may write it on another thread).
    async fn record_audit(&self, events: Vec<AuditEvent>) -> Result<(), StoreError>;

    /// How many `record_audit` calls may usefully run at once: one where
    /// the database has a single write lock; more where concurrent commits
    /// share one disk flush, so a commit in flight need not finish before
    /// the next starts.
    fn audit_commits_at_once(&self) -> usize {
        1
    }

    /// The newest `limit` events about one record, newest first.
    async fn audit_of(
        &self,
        resource_kind: &str,
        resource_id: &str,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, StoreError>;
}
