//! The embedded SQLite backend of Rebound's [`Store`].
//!
//! Timestamps are stored as INTEGER epoch milliseconds: the store keeps
//! millisecond precision, so callers should pass times at that precision
//! (finer parts are truncated and do not come back).
//!
//! Every connection runs in WAL mode with `synchronous=FULL`, foreign keys on
//! and a 5 s busy timeout; `open` reads those settings back and refuses to
//! continue if they did not take.

mod open;
mod read;
mod rows;
mod write;

use async_trait::async_trait;
use read::Scope;
use rebound_domain::{Change, Mistake, MistakeId};
use rebound_store::{ListFilter, Store, StoreError};
use sqlx::SqlitePool;
use std::path::Path;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating the file (not its
    /// directory) if missing, and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        open::open_path(path).await.map(|pool| SqliteStore { pool })
    }

    /// Same as [`SqliteStore::open`], for a `sqlite://…` URL.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        open::open_url(url).await.map(|pool| SqliteStore { pool })
    }

    /// The newest schema version this build knows.
    pub fn schema_version() -> i64 {
        open::known_version()
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

impl SqliteStore {
    /// Reads inside a transaction so the mistakes and their children come
    /// from one snapshot, even while another process writes.
    async fn load(&self, scope: Scope<'_>) -> Result<Vec<Mistake>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(rows::backend)?;
        let mistakes = read::load(&mut tx, scope).await?;
        tx.commit().await.map_err(rows::backend)?;
        Ok(mistakes)
    }
}
