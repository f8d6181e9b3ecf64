//! The embedded SQLite backend of Rebound's stores: opening the file
//! (`open.rs`: connection settings, the durability check, migrations) and
//! the hot paths answered without sqlx (`fast.rs`, over `readers.rs` and
//! the writer thread `writer.rs`), and online backup and restore of the file
//! (`backup.rs`). Every other method is the shared SQL of `rebound-store-sql`.
//!
//! Every connection runs in WAL mode with `synchronous=FULL`, foreign keys on
//! and a 5 s busy timeout; `open` reads those settings back and refuses to
//! continue if they did not take.

pub mod backup;
mod fast;
mod open;
mod readers;
mod writer;

pub use fast::Fast;
use rebound_store::StoreError;
use rebound_store_sql::SqlStore;
use std::path::Path;

/// Every storage trait on one SQLite database.
pub type SqliteStore = SqlStore<sqlx::Sqlite, Fast>;

/// Opens the database file at `path`, creating the file (not its
/// directory) if missing, and brings its schema up to date.
pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
    open::open_path(path).await.map(store)
}

/// Same as [`open`], for a `sqlite://…` URL.
pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
    open::open_url(url).await.map(store)
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    open::known_version()
}

fn store((pool, readers, audit): open::Opened) -> SqliteStore {
    SqlStore::new(pool, Fast::new(readers, audit))
}
