//! Erasure (issue 18): deleting a mistake and deleting an account, each in
//! one write transaction that also stores the carried audit events.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::{MistakeId, UserId};

/// What the audit log says instead of a deleted account's id, wherever
/// the account was the actor or the record: the event stays, not who.
pub const REMOVED_ACCOUNT: &str = "removed";

/// The tables a mistake's deletion removes rows from (directly or by
/// cascade): what [`crate::Scrub::scrub_after_erasure`] is given after it.
pub const MISTAKE_TABLES: &[&str] = &[
    "mistakes",
    "timeline_entries",
    "timeline_revisions",
    "time_corrections",
    "progress_updates",
    "transitions",
    "prevention_items",
    "linked_commits",
    "stakeholders",
    "affected_entries",
    "acknowledgements",
    "comments",
    "comment_votes",
    "share_links",
    "guest_sessions",
    "notifications",
    "outbox",
    "outbox_attempts",
    "jobs",
];

/// Besides [`MISTAKE_TABLES`], what an account's erasure removes rows from
/// or blanks. The audit log is not among them: its rows stay, and their
/// earlier versions hold an account id, never text people wrote.
pub const ACCOUNT_TABLES: &[&str] = &[
    "users",
    "sessions",
    "api_tokens",
    "team_members",
    "invitations",
    "login_failures",
    "reflections",
    "diagnosis_feedback",
    "principles",
    "wins",
    "self_care_plans",
    "journal_entries",
    "recovery_plans",
    "recovery_private_notes",
    "delivery_preferences",
    "webhooks",
    // Their playbooks and revisions stay, the author's id blanked.
    "playbooks",
    "playbook_revisions",
];

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
    /// personal records (the journal included), sessions, tokens, invitations, memberships,
    /// preferences, webhooks, votes, stakeholder rows, acknowledgements,
    /// notifications and messages to or from them, and recovery plans
    /// about them with their notes. What they wrote on other people's
    /// mistakes stays as removed comments (no text, no author, removed at
    /// `at`; replies stay); a plan they opened for a report stays with the
    /// report, opened by nobody; the organisation's playbooks they wrote
    /// stay, every version written by nobody; their reports lose their manager; audit
    /// rows keep the event with [`REMOVED_ACCOUNT`] for who. The last
    /// enabled admin is refused (`LastAdmin`); no such account is
    /// `UserNotFound`.
    async fn erase_account(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError>;
}
