//! The storage boundary. The CLI and the server talk to `dyn Store` and its
//! siblings; `rebound-store-sql` fills them once for SQLite and PostgreSQL.
//! No SQL or driver type appears here, so a new backend never touches the
//! domain or the callers.

use async_trait::async_trait;
use rebound_domain::{AccountError, ApiTokenId, Email, SessionId, TeamId, TeamName, UserId};
use rebound_domain::{Change, Mistake, MistakeId};
use rebound_domain::{CommentId, NotificationId, ShareLinkId};

pub mod accounts;
pub mod audit;
#[cfg(feature = "conformance")]
pub mod conformance;
#[cfg(feature = "conformance")]
pub mod conformance_accounts;
#[cfg(feature = "conformance")]
pub mod conformance_audit;
#[cfg(feature = "conformance")]
pub mod conformance_carry;
#[cfg(feature = "conformance")]
pub mod conformance_delivery;
#[cfg(feature = "conformance")]
pub mod conformance_digest;
#[cfg(feature = "conformance")]
pub mod conformance_erasure;
#[cfg(feature = "conformance")]
pub mod conformance_insights;
#[cfg(feature = "conformance")]
pub mod conformance_jobs;
#[cfg(feature = "conformance")]
pub mod conformance_journal;
#[cfg(feature = "conformance")]
pub mod conformance_open_as;
#[cfg(feature = "conformance")]
pub mod conformance_personal;
#[cfg(feature = "conformance")]
pub mod conformance_playbooks;
#[cfg(feature = "conformance")]
pub mod conformance_recovery;
#[cfg(feature = "conformance")]
pub mod conformance_reflections;
#[cfg(feature = "conformance")]
pub mod conformance_retention;
#[cfg(feature = "conformance")]
pub mod conformance_scrub;
#[cfg(feature = "conformance")]
pub mod conformance_sharing;
#[cfg(feature = "conformance")]
pub mod conformance_timeline;
#[cfg(feature = "conformance")]
pub mod conformance_updates;
#[cfg(feature = "conformance")]
pub mod conformance_webhooks;
pub mod delivery;
pub mod digest;
pub mod effects;
pub mod erasure;
pub mod insights;
pub mod journal;
pub mod open_as;
pub mod personal;
pub mod playbooks;
pub mod recovery;
pub mod reflections;
pub mod retention;
pub mod scrub;
pub mod sharing;
pub mod webhooks;

pub use accounts::{
    AccountStore, ApiTokenInfo, Invitation, NewApiToken, NewSession, Profile, SessionInfo,
};
pub use audit::AuditStore;
pub use delivery::{
    Attempt, Claimed, ClaimedJob, DeliveryStore, JobEnd, MessageState, NewJob, NewMessage,
    SentMessage,
};
pub use effects::{Effects, NewNotification};
pub use erasure::{ACCOUNT_TABLES, ErasureStore, MISTAKE_TABLES, REMOVED_ACCOUNT};
pub use insights::InsightStore;
pub use journal::JournalStore;
pub use open_as::{Holder, OpenAs, Opened, Presented};
pub use personal::{CastVote, PersonalStore};
pub use playbooks::{
    NewPlaybook, OrgPlaybook, PlaybookAuthor, PlaybookEdit, PlaybookEdited, PlaybookRevision,
    PlaybookStore,
};
pub use recovery::{PlanSaved, RecoveryStore};
pub use reflections::{PrincipleFilter, ReflectionStore};
pub use retention::RetentionStore;
pub use scrub::{Scrub, ScrubReport};
pub use sharing::{
    Acknowledgement, GuestSession, ListedComment, NewComment, NewGuestSession, NewShareLink,
    Notification, ShareLinkInfo, SharingStore, Stakeholder,
};
pub use webhooks::{ChatFormat, NewWebhook, Webhook, WebhookOwner, WebhookStore};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no mistake with id {0}")]
    NotFound(MistakeId),
    #[error("a mistake with id {0} already exists")]
    IdTaken(MistakeId),
    #[error("mistake {0} was changed by someone else meanwhile; run the command again")]
    Conflict(MistakeId),
    #[error(
        "the database was written by a newer version of Rebound (schema {found}, this build knows up to {known}); upgrade Rebound to use it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("{0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("no account with id {0}")]
    UserNotFound(UserId),
    #[error("no team with id {0}")]
    TeamNotFound(TeamId),
    #[error("no session {0} among yours")]
    SessionNotFound(SessionId),
    #[error("no API token {0} among yours")]
    ApiTokenNotFound(ApiTokenId),
    #[error("an account with the email {0} already exists")]
    EmailTaken(Email),
    #[error("a team named '{0}' already exists")]
    TeamNameTaken(TeamName),
    /// A freshly drawn id or token collided with a stored one: draw again.
    #[error("a {what} with id {id} already exists")]
    AlreadyExists { what: &'static str, id: String },
    /// A domain rule refused the change (e.g. a loop of managers).
    #[error("{0}")]
    AccountRule(#[from] AccountError),
    /// No such comment on that mistake (it may exist under another one).
    #[error("no comment {0} on this mistake")]
    CommentNotFound(CommentId),
    /// No such share link on that mistake (it may exist under another one).
    #[error("no share link {0} on this mistake")]
    ShareLinkNotFound(ShareLinkId),
    #[error("no notification {0} among yours")]
    NotificationNotFound(NotificationId),
    /// No such reflection, principle, … among the owner's.
    #[error("no {what} {id} among yours")]
    RecordNotFound { what: &'static str, id: String },
    /// The report already has a plan that has not ended: one at a time.
    #[error("they already have a recovery plan open ({0}); end it before opening another")]
    PlanAlreadyOpen(rebound_domain::id::RecoveryPlanId),
    /// Deleting this account would leave no enabled admin.
    #[error("this is the last admin account; make someone else an admin before deleting it")]
    LastAdmin,
}

/// A page of a mistake's progress updates, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdatePage {
    pub updates: Vec<rebound_domain::ProgressUpdate>,
    /// Whether updates older than the last on this page exist.
    pub older: bool,
}

/// Which mistakes `list` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListFilter {
    /// Everything not closed.
    #[default]
    Open,
    All,
}

/// The mistakes someone could possibly read, narrowed by who they are: those
/// owned by one of `owners` (themselves, their reports, their teammates) or
/// listed in `mistakes` (where they are a stakeholder). A superset of what
/// they may read: the access policy still decides each one, so this only
/// keeps a list from reading every mistake in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    pub owners: Vec<UserId>,
    pub mistakes: Vec<MistakeId>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Stores a new mistake (version 0) with everything on it (and what
    /// the call carries, [`effects`], in the same transaction).
    async fn create(&self, mistake: &Mistake) -> Result<(), StoreError>;

    /// [`Store::create`] carrying `audit`: the events are stored exactly
    /// when the mistake is.
    async fn create_audited(
        &self,
        mistake: &Mistake,
        audit: &[rebound_domain::audit::AuditEvent],
    ) -> Result<(), StoreError> {
        let carried = Effects::audit(audit.to_vec());
        let (out, left) = effects::carrying(carried, self.create(mistake)).await;
        debug_assert!(out.is_err() || left.is_none(), "create took its events");
        out
    }

    /// The mistake with its timeline, commits and transitions, and its
    /// newest [`rebound_domain::RECENT_UPDATES`] updates (`older_updates`
    /// counts the rest).
    async fn get(&self, id: &MistakeId) -> Result<Mistake, StoreError>;

    /// [`Store::get`] with every update, however many: for exports, which
    /// must hold the whole record.
    async fn get_whole(&self, id: &MistakeId) -> Result<Mistake, StoreError>;

    /// [`Store::list`] (`among` None) or [`Store::list_among`], each mistake
    /// with every update: for exports and a person's patterns.
    async fn list_whole(
        &self,
        filter: ListFilter,
        among: Option<&Candidates>,
    ) -> Result<Vec<Mistake>, StoreError>;

    /// Up to `limit` of mistake `id`'s updates, newest first, older than
    /// update `before` (from the newest when None), and whether there are
    /// older ones still. `None` when `before` is not one of this mistake's
    /// updates (or the mistake does not exist).
    async fn updates(
        &self,
        id: &MistakeId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Option<UpdatePage>, StoreError>;

    /// Whole mistakes, most recently detected first.
    async fn list(&self, filter: ListFilter) -> Result<Vec<Mistake>, StoreError>;

    /// Whole mistakes among `candidates`, most recently detected first; read
    /// through the owner and stakeholder indexes, so its cost follows the
    /// candidates, not the size of the table.
    async fn list_among(
        &self,
        filter: ListFilter,
        candidates: &Candidates,
    ) -> Result<Vec<Mistake>, StoreError>;

    /// Writes the mistake's own fields (note, prevention items and commits
    /// included) and appends `changes`, in one transaction, if the stored
    /// version still equals `mistake.version`; returns the mistake as stored
    /// afterwards (version + 1). A stale version is `Conflict`, and nothing
    /// is written.
    async fn save(&self, mistake: &Mistake, changes: &[Change]) -> Result<Mistake, StoreError>;

    /// [`Store::save`] carrying `audit`: a refused save (`Conflict`,
    /// `NotFound`) stores none.
    async fn save_audited(
        &self,
        mistake: &Mistake,
        changes: &[Change],
        audit: &[rebound_domain::audit::AuditEvent],
    ) -> Result<Mistake, StoreError> {
        let carried = Effects::audit(audit.to_vec());
        let (out, left) = effects::carrying(carried, self.save(mistake, changes)).await;
        debug_assert!(out.is_err() || left.is_none(), "save took its events");
        out
    }
}
