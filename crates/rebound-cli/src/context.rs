//! What every command needs: the store, the clock, the time zone, randomness.
//! Settings come in explicitly from the parsed command line.

use crate::database_url::DatabaseUrl;
use crate::error::{CliError, Result};
use jiff::{Timestamp, Zoned, tz::TimeZone};
use rebound_domain::{Mistake, MistakeId};
use rebound_store::{ErasureStore, JournalStore, ReflectionStore, Scrub, Store, StoreError};
use rebound_store_postgres::PgStore;
use rebound_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the local side needs of a database: mistakes, and the person's
/// own records from reflecting. SQLite and PostgreSQL both offer it.
pub trait LocalStore: Store + ReflectionStore + JournalStore + ErasureStore + Scrub {}

impl<T: Store + ReflectionStore + JournalStore + ErasureStore + Scrub> LocalStore for T {}

pub struct Ctx {
    pub store: Box<dyn LocalStore>,
    /// Now, in the person's time zone, at the store's millisecond precision.
    pub now: Zoned,
}

impl Ctx {
    pub async fn open(data_dir: Option<PathBuf>, database_url: Option<String>) -> Result<Ctx> {
        let url = database(data_dir, database_url)?;
        Ok(Ctx {
            store: open_store(&url).await?.local(),
            now: now(),
        })
    }

    /// Saves and returns the mistake as stored.
    pub async fn save(&self, m: &Mistake, changes: &[rebound_domain::Change]) -> Result<Mistake> {
        let mut m = m.clone();
        m.updated_at = self.now.timestamp();
        Ok(self.store.save(&m, changes).await?)
    }
}

/// Where the data lives: `--database-url` when given (and not blank),
/// else the embedded file under the data directory.
pub fn database(data_dir: Option<PathBuf>, database_url: Option<String>) -> Result<DatabaseUrl> {
    match database_url.filter(|u| !u.trim().is_empty()) {
        Some(url) => DatabaseUrl::parse(&url).map_err(|e| CliError::invalid(e.to_string())),
        None => Ok(DatabaseUrl::SqliteFile(sqlite_file(data_dir)?)),
    }
}

/// An open database of either kind; both offer everything the CLI and the
/// server need, as different trait objects.
pub enum Opened {
    // Boxed: the SQLite store is large beside PostgreSQL's pool handle.
    Sqlite(Box<SqliteStore>),
    Postgres(PgStore),
}

/// The one place a store is opened.
pub async fn open_store(url: &DatabaseUrl) -> Result<Opened> {
    Ok(match url {
        DatabaseUrl::SqliteFile(path) => {
            Opened::Sqlite(Box::new(rebound_store_sqlite::open(path).await?))
        }
        DatabaseUrl::SqliteUrl(url) => {
            Opened::Sqlite(Box::new(rebound_store_sqlite::connect(url).await?))
        }
        // Several servers may share this database: PgStore keeps the
        // account and sharing rules (one first admin, no manager loops,
        // single-use invitations, one vote each) across processes.
        DatabaseUrl::Postgres(url) => Opened::Postgres(rebound_store_postgres::connect(url).await?),
    })
}

impl Opened {
    pub fn local(self) -> Box<dyn LocalStore> {
        match self {
            Opened::Sqlite(s) => s,
            Opened::Postgres(s) => Box::new(s),
        }
    }

    pub fn backend(self) -> Arc<dyn rebound_server::Backend> {
        match self {
            Opened::Sqlite(s) => Arc::new(*s),
            Opened::Postgres(s) => Arc::new(s),
        }
    }
}

pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "rebound")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::invalid("cannot find your data directory (no HOME?): pass --data-dir DIR")
        })
}

/// Creates the data directory if needed, with a message that names it when that fails.
fn prepare_dir(dir: &Path) -> Result<&Path> {
    if dir.exists() && !dir.is_dir() {
        return Err(StoreError::Unavailable(format!(
            "the data directory {} is not a directory",
            dir.display()
        ))
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        StoreError::Unavailable(format!(
            "cannot create the data directory {}: {}",
            dir.display(),
            plain(&e)
        ))
    })?;
    Ok(dir)
}

/// An io::Error's message without the "(os error N)" tail.
pub fn plain(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s,
    }
}

/// The clock, truncated to milliseconds so what is stored reads back equal.
pub fn now() -> Zoned {
    ms(Timestamp::now()).to_zoned(TimeZone::system())
}

pub fn ms(ts: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(ts.as_millisecond()).unwrap_or(ts)
}

pub fn new_id() -> Result<MistakeId> {
    Ok(MistakeId::from_random(random5()?))
}

/// Five random bytes: what every record id is drawn from.
pub fn random5() -> Result<[u8; 5]> {
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes)
        .map_err(|e| CliError::Io(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

/// The embedded database file under the data directory (created if needed).
pub fn sqlite_file(data_dir: Option<PathBuf>) -> Result<PathBuf> {
    let dir = match data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    Ok(prepare_dir(&dir)?.join("rebound.db"))
}
