//! The hot paths: the point reads behind nearly every request (the
//! credential check, one mistake, one user, the facts of a relation, the
//! commonest request whole), a new or saved mistake and the audit append.
//! [`Plain`] answers them with the shared SQL; a backend may answer them
//! its own faster way (the SQLite crate does, on rusqlite connections), as
//! long as it returns exactly what the shared SQL would — the conformance
//! suites run on both.

use crate::prelude::*;
use crate::{accounts, audit, open_as, read, sharing};
use jiff::Timestamp;
use rebound_domain::audit::AuditEvent;
use rebound_domain::{Change, Mistake, MistakeId, TokenHash, User, UserId};
use rebound_store::{ApiTokenInfo, Opened, Presented, SessionInfo, StoreError};
use std::future::Future;

pub trait HotPaths<D: Dialect>: Send + Sync + 'static {
    fn mistake(
        &self,
        id: &MistakeId,
    ) -> impl Future<Output = Result<Option<Mistake>, StoreError>> + Send;

    fn user(&self, id: &UserId) -> impl Future<Output = Result<Option<User>, StoreError>> + Send;

    /// The live session with this hash, and its enabled account.
    fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<(SessionInfo, User)>, StoreError>> + Send;

    /// The live API token with this hash, and its enabled account; its
    /// use is recorded by the caller.
    fn live_token(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<(ApiTokenInfo, User)>, StoreError>> + Send;

    fn share_a_team(
        &self,
        a: &UserId,
        b: &UserId,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    fn is_stakeholder(
        &self,
        mistake: &MistakeId,
        user: &UserId,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// [`rebound_store::OpenAs`] in one statement; a token's use is
    /// recorded by the caller.
    fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Opened>, StoreError>> + Send;

    /// Stores the new mistake `m` with what the call carries, in one
    /// durable transaction (`IdTaken` when its id is): by default through
    /// the pool.
    fn create(
        &self,
        pool: &Pool<D>,
        m: &Mistake,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        crate::write::create(pool, m)
    }

    /// Saves `m` with `changes` and what the call carries, in one durable
    /// transaction, and reads it back there: by default through the pool.
    fn save(
        &self,
        pool: &Pool<D>,
        m: &Mistake,
        changes: &[Change],
    ) -> impl Future<Output = Result<Mistake, StoreError>> + Send {
        crate::write::save(pool, m, changes)
    }

    /// Appends `events` durably, in one transaction.
    fn record_audit(
        &self,
        events: Vec<AuditEvent>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The hot paths through the shared SQL, on the pool.
pub struct Plain<D: Dialect> {
    pool: Pool<D>,
}

impl<D: Dialect> Plain<D> {
    pub fn new(pool: Pool<D>) -> Self {
        Plain { pool }
    }
}

impl<D: Dialect> HotPaths<D> for Plain<D> {
    async fn mistake(&self, id: &MistakeId) -> Result<Option<Mistake>, StoreError> {
        read::one(&self.pool, id).await
    }

    async fn user(&self, id: &UserId) -> Result<Option<User>, StoreError> {
        accounts::users::get(&self.pool, id).await
    }

    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError> {
        use accounts::sessions::{SESSION_USER, live, session_and_user};
        live(&self.pool, SESSION_USER, token_hash, now, session_and_user).await
    }

    async fn live_token(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
        use accounts::sessions::{LIVE_TOKEN, live, token_and_user};
        live(&self.pool, LIVE_TOKEN, token_hash, now, token_and_user).await
    }

    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
        accounts::teams::share_a_team(&self.pool, a, b).await
    }

    async fn is_stakeholder(&self, mistake: &MistakeId, user: &UserId) -> Result<bool, StoreError> {
        sharing::stakeholders::is_stakeholder(&self.pool, mistake, user).await
    }

    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError> {
        open_as::read(&self.pool, presented, id, now).await
    }

    async fn record_audit(&self, events: Vec<AuditEvent>) -> Result<(), StoreError> {
        audit::record(&self.pool, events).await
    }
}
