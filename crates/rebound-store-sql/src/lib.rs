//! Rebound's storage, written once for SQLite and PostgreSQL: every
//! method of the `rebound-store` traits is one function here, generic over
//! [`Dialect`] (what truly differs between the two databases), in one
//! generic [`SqlStore`].
//!
//! The exception is named: [`HotPaths`], the few point reads (and the
//! audit append) a backend may answer without sqlx. [`Plain`] answers them
//! with the shared SQL (PostgreSQL); the SQLite crate answers them inline
//! on rusqlite connections.
//!
//! Timestamps are stored as epoch milliseconds: the store keeps millisecond
//! precision, so callers should pass times at that precision (finer parts
//! are truncated and do not come back).

pub mod accounts;
pub mod audit;
mod children;
pub mod delivery;
pub mod dialect;
mod erasure;
mod flag;
pub mod gate;
mod hot;
mod insights;
mod journal;
pub mod open_as;
mod personal;
mod playbooks;
mod purge;
pub mod read;
mod recovery;
mod reflections;
mod retention;
pub mod rows;
pub mod schema;
pub mod scrub;
pub mod sharing;
mod statements;
pub mod stmt;
mod tx;
mod updates;
pub mod write;

pub use dialect::{Dialect, LockMode, Tx};
pub use hot::{HotPaths, Plain};

use async_trait::async_trait;
use read::Scope;
use rebound_domain::{Change, Mistake, MistakeId};
use rebound_store::{Candidates, ListFilter, Store, StoreError, UpdatePage};
use sqlx::Pool;

/// What every module uses.
pub(crate) mod prelude {
    pub(crate) use crate::dialect::{
        Dialect, LockMode, Run, Tx, backend, begin_read, begin_write, commit_write, lock,
        nothing_done, query, query_owned,
    };
    pub(crate) use sqlx::Pool;
}

/// Every storage trait, for one database: a pool, and the hot paths.
pub struct SqlStore<D: Dialect, H: HotPaths<D> = Plain<D>> {
    pool: Pool<D>,
    hot: H,
}

impl<D: Dialect, H: HotPaths<D>> SqlStore<D, H> {
    /// A store over an open, migrated pool.
    pub fn new(pool: Pool<D>, hot: H) -> Self {
        SqlStore { pool, hot }
    }

    pub fn pool(&self) -> &Pool<D> {
        &self.pool
    }

    /// Waits for the connections to finish and closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The ids of the mistakes whose kept children document is missing or
    /// differs from one built from their rows now: none, when every write
    /// rebuilt it (`children.rs`; checked after both backends' conformance
    /// runs, so a write path that forgets to fails a test).
    pub async fn stale_children(&self) -> Result<Vec<String>, StoreError> {
        children::stale::<D>(&self.pool).await
    }
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> Store for SqlStore<D, H> {
    async fn create(&self, mistake: &Mistake) -> Result<(), StoreError> {
        self.hot.create(&self.pool, mistake).await
    }

    async fn get(&self, id: &MistakeId) -> Result<Mistake, StoreError> {
        self.hot
            .mistake(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.clone()))
    }

    async fn list(&self, filter: ListFilter) -> Result<Vec<Mistake>, StoreError> {
        let scope = match filter {
            ListFilter::Open => Scope::Open,
            ListFilter::All => Scope::All,
        };
        read::load(&self.pool, scope).await
    }

    async fn list_among(
        &self,
        filter: ListFilter,
        candidates: &Candidates,
    ) -> Result<Vec<Mistake>, StoreError> {
        read::load(&self.pool, Scope::Among(filter, candidates)).await
    }

    async fn save(&self, mistake: &Mistake, changes: &[Change]) -> Result<Mistake, StoreError> {
        self.hot.save(&self.pool, mistake, changes).await
    }

    async fn get_whole(&self, id: &MistakeId) -> Result<Mistake, StoreError> {
        read::whole(&self.pool, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.clone()))
    }

    async fn list_whole(
        &self,
        filter: ListFilter,
        among: Option<&Candidates>,
    ) -> Result<Vec<Mistake>, StoreError> {
        let scope = match (among, filter) {
            (Some(c), _) => Scope::Among(filter, c),
            (None, ListFilter::Open) => Scope::Open,
            (None, ListFilter::All) => Scope::All,
        };
        read::load_whole(&self.pool, scope).await
    }

    async fn updates(
        &self,
        id: &MistakeId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Option<UpdatePage>, StoreError> {
        updates::page(&self.pool, id, before, limit).await
    }
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> rebound_store::AuditStore for SqlStore<D, H> {
    async fn record_audit(
        &self,
        events: Vec<rebound_domain::audit::AuditEvent>,
    ) -> Result<(), StoreError> {
        self.hot.record_audit(events).await
    }

    fn audit_commits_at_once(&self) -> usize {
        D::WRITERS_AT_ONCE
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

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> rebound_store::OpenAs for SqlStore<D, H> {
    async fn open_as(
        &self,
        presented: rebound_store::Presented<'_>,
        id: &MistakeId,
        now: jiff::Timestamp,
    ) -> Result<Option<rebound_store::Opened>, StoreError> {
        let Some(mut opened) = self.hot.open_as(presented, id, now).await? else {
            return Ok(None);
        };
        if let (rebound_store::Holder::ApiToken(token), rebound_store::Presented::ApiToken(hash)) =
            (&mut opened.holder, presented)
            && !accounts::sessions::note_use(&self.pool, hash, token, now).await?
        {
            return Ok(None);
        }
        Ok(Some(opened))
    }
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> rebound_store::DeliveryStore for SqlStore<D, H> {
    async fn enqueue(&self, messages: &[rebound_store::NewMessage]) -> Result<usize, StoreError> {
        delivery::outbox::enqueue(&self.pool, messages).await
    }

    async fn claim_messages(
        &self,
        worker: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
        limit: u32,
    ) -> Result<Vec<rebound_store::Claimed>, StoreError> {
        delivery::outbox::claim(&self.pool, worker, now, until, limit).await
    }

    async fn record_attempt(
        &self,
        id: i64,
        worker: &str,
        attempt: &rebound_store::Attempt,
        now: jiff::Timestamp,
    ) -> Result<bool, StoreError> {
        delivery::outbox::record(&self.pool, id, worker, attempt, now).await
    }

    async fn next_due(&self) -> Result<Option<jiff::Timestamp>, StoreError> {
        delivery::next_due(&self.pool).await
    }

    async fn messages_sent_by(
        &self,
        sender: &rebound_domain::UserId,
        mistake: Option<&MistakeId>,
        limit: u32,
    ) -> Result<Vec<rebound_store::SentMessage>, StoreError> {
        delivery::outbox::sent_by(&self.pool, sender, mistake, limit).await
    }

    async fn schedule(&self, jobs: &[rebound_store::NewJob]) -> Result<usize, StoreError> {
        delivery::jobs::schedule(&self.pool, jobs).await
    }

    async fn claim_jobs(
        &self,
        worker: &str,
        now: jiff::Timestamp,
        until: jiff::Timestamp,
        limit: u32,
    ) -> Result<Vec<rebound_store::ClaimedJob>, StoreError> {
        delivery::jobs::claim(&self.pool, worker, now, until, limit).await
    }

    async fn finish_job(
        &self,
        id: i64,
        worker: &str,
        end: &rebound_store::JobEnd,
        now: jiff::Timestamp,
    ) -> Result<bool, StoreError> {
        delivery::jobs::finish(&self.pool, id, worker, end, now).await
    }

    async fn preferences(
        &self,
        user: &rebound_domain::UserId,
    ) -> Result<Vec<rebound_domain::delivery::Preference>, StoreError> {
        delivery::preferences::of(&self.pool, user).await
    }

    async fn preferences_of(
        &self,
        users: &[rebound_domain::UserId],
    ) -> Result<Vec<(rebound_domain::UserId, rebound_domain::delivery::Preference)>, StoreError>
    {
        delivery::preferences::of_many(&self.pool, users).await
    }

    async fn set_preference(
        &self,
        user: &rebound_domain::UserId,
        choice: rebound_domain::delivery::Preference,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        delivery::preferences::set(&self.pool, user, choice, at).await
    }

    async fn secret(
        &self,
        name: &str,
        fresh: &str,
        now: jiff::Timestamp,
    ) -> Result<String, StoreError> {
        delivery::secret(&self.pool, name, fresh, now).await
    }
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> rebound_store::WebhookStore for SqlStore<D, H> {
    async fn set_webhook(
        &self,
        hook: &rebound_store::NewWebhook,
    ) -> Result<rebound_store::Webhook, StoreError> {
        delivery::webhooks::set(&self.pool, hook).await
    }

    async fn webhook(
        &self,
        owner: &rebound_store::WebhookOwner,
    ) -> Result<Option<rebound_store::Webhook>, StoreError> {
        delivery::webhooks::of(&self.pool, owner).await
    }

    async fn webhook_by_id(&self, id: &str) -> Result<Option<rebound_store::Webhook>, StoreError> {
        delivery::webhooks::by_id(&self.pool, id).await
    }

    async fn remove_webhook(
        &self,
        owner: &rebound_store::WebhookOwner,
    ) -> Result<bool, StoreError> {
        delivery::webhooks::remove(&self.pool, owner).await
    }

    async fn webhooks_for_users(
        &self,
        users: &[rebound_domain::UserId],
    ) -> Result<Vec<rebound_store::Webhook>, StoreError> {
        delivery::webhooks::for_users(&self.pool, users).await
    }
}
