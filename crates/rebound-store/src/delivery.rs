//! The outbox and the scheduler: messages waiting to leave, and timed jobs.
//! Both are rows claimed under a lease, so any number of server instances
//! on one database share the work and each row is worked on by one of them
//! at a time; a crashed worker's lease runs out and another takes over.
//! "Now" is always passed in (the application's clock), never read by the
//! database, so tests step time instead of waiting.

use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::delivery::{Channel, MessageKind, Preference};
use rebound_domain::{MistakeId, UserId};

use crate::StoreError;

/// A message to queue: with the change that causes it (carried in
/// [`crate::Effects::outbox`]), or on its own ([`DeliveryStore::enqueue`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// Unique: queuing the same key again is a no-op, so a job re-run after
    /// a crash queues nothing twice.
    pub idem_key: String,
    pub channel: Channel,
    pub kind: MessageKind,
    /// Who caused it (the owner who sent a heads-up): they see it fail.
    pub sender: Option<UserId>,
    /// The account it is for, when it is for one: the policy is asked
    /// again for them when it is sent.
    pub recipient: Option<UserId>,
    /// An email address or a webhook's id: where it goes.
    pub address: String,
    pub mistake: Option<MistakeId>,
    /// Fixed when queued, so a resend carries the same one.
    pub message_id: String,
    /// What to compose (JSON, the server's), never a secret.
    pub payload: String,
    /// When it was queued, and when it is first due.
    pub created: Timestamp,
    pub due: Timestamp,
}

/// A message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub message: NewMessage,
    /// Attempts already made (0 on the first).
    pub attempts: u32,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// It may pass: try again at `at`.
    Retry {
        error: String,
        at: Timestamp,
    },
    /// It will not pass (or retries ran out): the sender is told why.
    Failed {
        error: String,
    },
    /// Not sent on purpose (the recipient may no longer read it, …).
    Cancelled {
        reason: String,
    },
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageState {
    Pending,
    Delivered,
    Failed,
    Cancelled,
}

impl MessageState {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageState::Pending => "pending",
            MessageState::Delivered => "delivered",
            MessageState::Failed => "failed",
            MessageState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Delivered,
            Self::Failed,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// A queued message as its sender sees it (no body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMessage {
    pub id: i64,
    pub channel: Channel,
    pub kind: MessageKind,
    pub address: String,
    pub mistake: Option<MistakeId>,
    pub state: MessageState,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
}

/// A timed job to schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// Unique: scheduling the same key again is a no-op, so two instances
    /// (or a re-run) schedule each occurrence once.
    pub key: String,
    pub kind: String,
    pub payload: String,
    pub due: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub job: NewJob,
    pub attempts: u32,
}

/// How a job run ended. Whatever the run carries ([`crate::Effects`]: the
/// messages it queues, the next occurrence) commits with this, or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEnd {
    Done,
    Retry { error: String, at: Timestamp },
    Dead { error: String },
}

#[async_trait]
pub trait DeliveryStore: Send + Sync {
    /// Queues messages not tied to a change (a settings check); returns how
    /// many were new.
    async fn enqueue(&self, messages: &[NewMessage]) -> Result<usize, StoreError>;

    /// Takes up to `limit` messages due at `now` whose lease is free, for
    /// `worker` until `until`, oldest due first.
    async fn claim_messages(
        &self,
        worker: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<Claimed>, StoreError>;

    /// Records one attempt on a message `worker` holds; `false` (nothing
    /// recorded) when its lease went to another meanwhile.
    async fn record_attempt(
        &self,
        id: i64,
        worker: &str,
        attempt: &Attempt,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    /// The earliest time a pending message or job falls due.
    async fn next_due(&self) -> Result<Option<Timestamp>, StoreError>;

    /// Messages `sender` caused, newest first (at most `limit`), about
    /// `mistake` when given.
    async fn messages_sent_by(
        &self,
        sender: &UserId,
        mistake: Option<&MistakeId>,
        limit: u32,
    ) -> Result<Vec<SentMessage>, StoreError>;

    /// Schedules jobs not tied to a change; returns how many were new.
    async fn schedule(&self, jobs: &[NewJob]) -> Result<usize, StoreError>;

    /// Like [`DeliveryStore::claim_messages`], for jobs.
    async fn claim_jobs(
        &self,
        worker: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<ClaimedJob>, StoreError>;

    /// Ends a run of a job `worker` holds, with what the call carries;
    /// `false` (nothing stored, the effects dropped) when the lease went to
    /// another meanwhile.
    async fn finish_job(
        &self,
        id: i64,
        worker: &str,
        end: &JobEnd,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    /// What `user` chose (only what they chose; defaults are the domain's).
    async fn preferences(&self, user: &UserId) -> Result<Vec<Preference>, StoreError>;

    /// What each of `users` chose, for sending to many at once.
    async fn preferences_of(
        &self,
        users: &[UserId],
    ) -> Result<Vec<(UserId, Preference)>, StoreError>;

    /// Records `user`'s choice (replacing an earlier one for that kind and
    /// channel); `UserNotFound` for no such account.
    async fn set_preference(
        &self,
        user: &UserId,
        choice: Preference,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// The secret called `name`: `fresh` stored if there is none yet, so
    /// every instance on one database reads the same one.
    async fn secret(&self, name: &str, fresh: &str, now: Timestamp) -> Result<String, StoreError>;
}
