//! The PostgreSQL backend of Rebound's [`Store`], for one database shared by
//! several processes (servers, CLIs).
//!
//! Timestamps are stored as BIGINT epoch milliseconds: the store keeps
//! millisecond precision, so callers should pass times at that precision
//! (finer parts are truncated and do not come back).
//!
//! Concurrency: `save` checks the version in its UPDATE, which also locks the
//! mistake's row until the transaction ends, so of two savers holding the
//! same version exactly one wins and the other gets `Conflict`; everything a
//! save appends is computed behind that lock. Reads run in one
//! REPEATABLE READ snapshot.

mod connect;
mod read;
mod rows;
mod write;

#[cfg(feature = "testing")]
pub mod testing;

use async_trait::async_trait;
use read::Scope;
use rebound_domain::{Change, Mistake, MistakeId};
use rebound_store::{ListFilter, Store, StoreError};
use sqlx::PgPool;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the `postgres://` or `postgresql://` URL and brings the
    /// database's schema up to date. An unreachable server, refused
    /// credentials or a missing database are `Unavailable`, naming
    /// host:port/database (never the password); a database migrated by a
    /// newer Rebound is `NewerSchema`, and is left untouched.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        connect::connect(url).await.map(|pool| PgStore { pool })
    }

    /// The newest schema version this build knows.
    pub fn schema_version() -> i64 {
        connect::known_version()
    }

    /// Waits for the connections to finish and closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for PgStore {
    async fn create(&self, mistake: &Mistake) -> Result<(), StoreError> {
        write::create(&self.pool, mistake).await
    }

    async fn get(&self, id: &MistakeId) -> Result<Mistake, StoreError> {
        self.load(Scope::One(id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound(id.clone()))
    }

    async fn list(&self, filter: ListFilter) -> Result<Vec<Mistake>, StoreError> {
        self.load(match filter {
            ListFilter::Open => Scope::Open,
            ListFilter::All => Scope::All,
        })
        .await
    }

    async fn save(&self, mistake: &Mistake, changes: &[Change]) -> Result<Mistake, StoreError> {
        write::save(&self.pool, mistake, changes).await
    }
}

impl PgStore {
    /// Reads in one REPEATABLE READ transaction: PostgreSQL's default (READ
    /// COMMITTED) takes a new snapshot per statement, and the mistakes and
    /// their children must come from the same one while others write.
    async fn load(&self, scope: Scope<'_>) -> Result<Vec<Mistake>, StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await
            .map_err(rows::backend)?;
        let mistakes = read::load(&mut tx, scope).await?;
        tx.commit().await.map_err(rows::backend)?;
        Ok(mistakes)
    }
}
