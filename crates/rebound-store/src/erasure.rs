//! Erasure (issue 18): deleting a mistake and deleting an account, each in
//! one write transaction that also stores the carried audit events.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::{MistakeId, UserId};

/// What the audit log says instead of a deleted account's id, wherever
/// the account was the actor or the record: the event stays, not who.
pub const REMOVED_ACCOUNT: &str = "removed";

#[async_trait]
pub trait ErasureStore: Send + Sync {
    /// Deletes `owner`'s mistake `id` with everything under it (timeline
    /// and its revisions, updates, prevention, commits, stakeholders,
    /// acknowledgements, comments and votes, share links and their guest
    /// sessions, notifications, queued messages and reminder jobs about
    /// it). The owner's own records that pointed at it (reflections,
    /// principles, wins, the self-care plan, recovery plans) stay, no
    /// longer pointing at it. Someone else's mistake, or none, is
    /// `NotFound`, and nothing changes. `owner` is `None` for a personal
    /// database's mistakes, which belong to nobody.
    async fn delete_mistake(
        &self,
        id: &MistakeId,
        owner: Option<&UserId>,
    ) -> Result<(), StoreError>;

    /// Erases account `user`: their mistakes (as [`Self::delete_mistake`]),
    /// personal records, sessions, tokens, invitations, memberships,
    /// preferences, webhooks, votes, stakeholder rows, acknowledgements,
    /// notifications and messages to or from them, and recovery plans
    /// about them with their notes. What they wrote on other people's
    /// mistakes stays as removed comments (no text, no author, removed at
    /// `at`; replies stay); a plan they opened for a report stays with the
    /// report, opened by nobody; their reports lose their manager; audit
    /// rows keep the event with [`REMOVED_ACCOUNT`] for who. The last
    /// enabled admin is refused (`LastAdmin`); no such account is
    /// `UserNotFound`.
    async fn erase_account(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError>;
}
