//! The embedded SQLite backend of Rebound's [`Store`].
//!
//! Timestamps are stored as INTEGER epoch milliseconds: the store keeps
//! millisecond precision, so callers should pass times at that precision
//! (finer parts are truncated and do not come back).
//!
//! Every connection runs in WAL mode with `synchronous=FULL`, foreign keys on
//! and a 5 s busy timeout; `open` reads those settings back and refuses to
//! continue if they did not take.

mod accounts;
mod audit;
mod open;
mod open_as;
mod purge;
mod read;
mod readers;
mod recovery;
mod reflections;
mod rows;
mod sharing;
mod write;

use async_trait::async_trait;
use jiff::Timestamp;
use read::Scope;
use rebound_domain::{
    ApiTokenId, Change, Email, Mistake, MistakeId, Role, SessionId, Team, TeamId, TokenHash, User,
    UserId,
};
use rebound_store::{
    AccountStore, ApiTokenInfo, Candidates, Invitation, ListFilter, NewApiToken, NewSession,
    Profile, SessionInfo, Store, StoreError,
};
use sqlx::SqlitePool;
use std::path::Path;

pub struct SqliteStore {
    pool: SqlitePool,
    /// The hot point reads, inline (see `readers.rs`).
    readers: readers::Readers,
    /// The audit log's own writing connection (see `audit.rs`).
    audit: std::sync::Arc<audit::Writer>,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating the file (not its
    /// directory) if missing, and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        open::open_path(path).await.map(SqliteStore::from)
    }

    /// Same as [`SqliteStore::open`], for a `sqlite://…` URL.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        open::open_url(url).await.map(SqliteStore::from)
    }

    /// The newest schema version this build knows.
    pub fn schema_version() -> i64 {
        open::known_version()
    }

    fn from((pool, readers, audit): open::Opened) -> SqliteStore {
        SqliteStore {
            pool,
            readers,
            audit: std::sync::Arc::new(audit),
        }
    }

    /// Waits for the connections to finish and closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn create(&self, mistake: &Mistake) -> Result<(), StoreError> {
        write::create(&self.pool, mistake).await
    }

    async fn get(&self, id: &MistakeId) -> Result<Mistake, StoreError> {
        read::one(&self.readers, id)?.ok_or_else(|| StoreError::NotFound(id.clone()))
    }

    async fn list(&self, filter: ListFilter) -> Result<Vec<Mistake>, StoreError> {
        self.load(match filter {
            ListFilter::Open => Scope::Open,
            ListFilter::All => Scope::All,
        })
        .await
    }

    async fn list_among(
        &self,
        filter: ListFilter,
        candidates: &Candidates,
    ) -> Result<Vec<Mistake>, StoreError> {
        self.load(Scope::Among(filter, candidates)).await
    }

    async fn save(&self, mistake: &Mistake, changes: &[Change]) -> Result<Mistake, StoreError> {
        write::save(&self.pool, mistake, changes).await
    }
}

#[async_trait]
impl rebound_store::AuditStore for SqliteStore {
    async fn record_audit(
        &self,
        events: Vec<rebound_domain::audit::AuditEvent>,
    ) -> Result<(), StoreError> {
        self.audit.record(events).await
    }

    async fn audit_of(
        &self,
        resource_kind: &str,
        resource_id: &str,
        limit: u32,
    ) -> Result<Vec<rebound_domain::audit::AuditEvent>, StoreError> {
        audit::of(&self.pool, resource_kind, resource_id, limit).await
    }
}

impl SqliteStore {
    /// One statement, so one snapshot, even while another process writes.
    async fn load(&self, scope: Scope<'_>) -> Result<Vec<Mistake>, StoreError> {
        let mut conn = self.pool.acquire().await.map_err(rows::backend)?;
        read::load(&mut conn, scope).await
    }
}

/// Accounts: each method is one function in `accounts/`.
#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        accounts::users::create(&self.pool, user, password_hash).await
    }

    async fn create_first_user(
        &self,
        user: &User,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        accounts::users::create_first(&self.pool, user, password_hash).await
    }

    async fn user(&self, id: &UserId) -> Result<User, StoreError> {
        accounts::users::get(&self.readers, id)
    }

    async fn user_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError> {
        accounts::users::by_email(&self.pool, email).await
    }

    async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users::list(&self.pool).await
    }

    async fn count_users(&self) -> Result<u64, StoreError> {
        accounts::users::count(&self.pool).await
    }

    async fn reports_of(&self, manager: &UserId) -> Result<Vec<User>, StoreError> {
        accounts::users::reports_of(&self.pool, manager).await
    }

    async fn set_manager(&self, user: &UserId, manager: Option<&UserId>) -> Result<(), StoreError> {
        accounts::users::set_manager(&self.pool, user, manager).await
    }

    async fn set_role(&self, user: &UserId, role: Role) -> Result<(), StoreError> {
        accounts::users::set_role(&self.pool, user, role).await
    }

    async fn set_email(&self, user: &UserId, email: &Email) -> Result<(), StoreError> {
        accounts::users::set_email(&self.pool, user, email).await
    }

    async fn set_profile(&self, user: &UserId, profile: &Profile) -> Result<(), StoreError> {
        accounts::users::set_profile(&self.pool, user, profile).await
    }

    async fn set_password_hash(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        accounts::users::set_password_hash(&self.pool, user, password_hash).await
    }

    async fn disable_user(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        accounts::users::disable(&self.pool, user, at).await
    }

    async fn enable_user(&self, user: &UserId) -> Result<(), StoreError> {
        accounts::users::enable(&self.pool, user).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        accounts::sessions::create_session(&self.pool, session).await
    }

    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError> {
        accounts::sessions::session_user(&self.readers, token_hash, now)
    }

    async fn touch_session(
        &self,
        token_hash: &TokenHash,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        accounts::sessions::touch_session(&self.pool, token_hash, at).await
    }

    async fn list_sessions(
        &self,
        user: &UserId,
        now: Timestamp,
    ) -> Result<Vec<SessionInfo>, StoreError> {
        accounts::sessions::list_sessions(&self.pool, user, now).await
    }

    async fn end_session(&self, user: &UserId, session: &SessionId) -> Result<(), StoreError> {
        accounts::sessions::end_session(&self.pool, user, session).await
    }

    async fn end_session_by_hash(&self, token_hash: &TokenHash) -> Result<bool, StoreError> {
        accounts::sessions::end_session_by_hash(&self.pool, token_hash).await
    }

    async fn end_all_sessions(
        &self,
        user: &UserId,
        keep: Option<&SessionId>,
    ) -> Result<u64, StoreError> {
        accounts::sessions::end_all_sessions(&self.pool, user, keep).await
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<(), StoreError> {
        accounts::sessions::create_api_token(&self.pool, token).await
    }

    async fn token_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
        accounts::sessions::token_user(&self.pool, &self.readers, token_hash, now).await
    }

    async fn list_api_tokens(&self, user: &UserId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        accounts::sessions::list_api_tokens(&self.pool, user).await
    }

    async fn revoke_api_token(
        &self,
        user: &UserId,
        token: &ApiTokenId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        accounts::sessions::revoke_api_token(&self.pool, user, token, at).await
    }

    async fn create_team(&self, team: &Team) -> Result<(), StoreError> {
        accounts::teams::create(&self.pool, team).await
    }

    async fn team(&self, id: &TeamId) -> Result<Team, StoreError> {
        accounts::teams::get(&self.pool, id).await
    }

    async fn list_teams(&self) -> Result<Vec<Team>, StoreError> {
        accounts::teams::list(&self.pool).await
    }

    async fn add_member(&self, team: &TeamId, user: &UserId) -> Result<(), StoreError> {
        accounts::teams::add_member(&self.pool, team, user).await
    }

    async fn remove_member(&self, team: &TeamId, user: &UserId) -> Result<bool, StoreError> {
        accounts::teams::remove_member(&self.pool, team, user).await
    }

    async fn teams_of(&self, user: &UserId) -> Result<Vec<Team>, StoreError> {
        accounts::teams::teams_of(&self.pool, user).await
    }

    async fn members(&self, team: &TeamId) -> Result<Vec<User>, StoreError> {
        accounts::teams::members(&self.pool, team).await
    }

    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
        accounts::teams::share_a_team(&self.readers, a, b)
    }

    async fn create_invitation(&self, invitation: &Invitation) -> Result<(), StoreError> {
        accounts::invitations::create(&self.pool, invitation).await
    }

    async fn take_invitation(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<Invitation>, StoreError> {
        accounts::invitations::take(&self.pool, token_hash, now).await
    }

    async fn record_login_failure(&self, key: &str, at: Timestamp) -> Result<(), StoreError> {
        accounts::throttle::record_failure(&self.pool, key, at).await
    }

    async fn login_failures_since(&self, key: &str, since: Timestamp) -> Result<u32, StoreError> {
        accounts::throttle::failures_since(&self.pool, key, since).await
    }

    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        accounts::throttle::clear_failures(&self.pool, key).await
    }

    async fn purge_expired(
        &self,
        now: Timestamp,
        failures_before: Timestamp,
    ) -> Result<u64, StoreError> {
        accounts::throttle::purge_expired(&self.pool, now, failures_before).await
    }
}
