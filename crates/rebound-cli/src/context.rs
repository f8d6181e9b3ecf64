//! What every command needs: the store, the clock, the time zone, randomness.
//! Settings come in explicitly from the parsed command line.

use crate::error::{CliError, Result};
use jiff::{Timestamp, Zoned, tz::TimeZone};
use rebound_domain::{Mistake, MistakeId};
use rebound_store::{ReflectionStore, Store, StoreError};
use std::path::{Path, PathBuf};

/// What the local side needs of a database: mistakes, and the person's
/// own records from reflecting. SQLite and PostgreSQL both offer it.
pub trait LocalStore: Store + ReflectionStore {}

impl<T: Store + ReflectionStore> LocalStore for T {}

pub struct Ctx {
    pub store: Box<dyn LocalStore>,
    /// Now, in the person's time zone, at the store's millisecond precision.
    pub now: Zoned,
}

impl Ctx {
    pub async fn open(data_dir: Option<PathBuf>, database_url: Option<String>) -> Result<Ctx> {
        let store: Box<dyn LocalStore> = match database_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => open_url(&url).await?,
            None => Box::new(rebound_store_sqlite::open(&sqlite_file(data_dir)?).await?),
        };
        Ok(Ctx { store, now: now() })
    }

    /// Saves and returns the mistake as stored.
    pub async fn save(&self, m: &Mistake, changes: &[rebound_domain::Change]) -> Result<Mistake> {
        let mut m = m.clone();
        m.updated_at = self.now.timestamp();
        Ok(self.store.save(&m, changes).await?)
    }
}

async fn open_url(url: &str) -> Result<Box<dyn LocalStore>> {
    if url.starts_with("sqlite:") {
        return Ok(Box::new(rebound_store_sqlite::connect(url).await?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Box::new(rebound_store_postgres::connect(url).await?));
    }
    let scheme = url.split(':').next().unwrap_or(url);
    Err(CliError::invalid(format!(
        "unsupported database URL scheme '{scheme}': this build stores data in SQLite (sqlite://PATH) or PostgreSQL (postgres://USER@HOST:PORT/DATABASE)"
    )))
}

fn default_data_dir() -> Result<PathBuf> {
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
fn sqlite_file(data_dir: Option<PathBuf>) -> Result<PathBuf> {
    let dir = match data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    Ok(prepare_dir(&dir)?.join("rebound.db"))
}

/// The backend for `serve`: mistakes and accounts from one database.
pub async fn open_backend(
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
) -> Result<std::sync::Arc<dyn rebound_server::Backend>> {
    match database_url.filter(|u| !u.trim().is_empty()) {
        Some(url) if url.starts_with("sqlite:") => Ok(std::sync::Arc::new(
            rebound_store_sqlite::connect(&url).await?,
        )),
        Some(url) if url.starts_with("postgres:") || url.starts_with("postgresql:") => {
            // Several servers may share this database: PgStore keeps the
            // account and sharing rules (one first admin, no manager loops,
            // single-use invitations, one vote each) across processes.
            Ok(std::sync::Arc::new(
                rebound_store_postgres::connect(&url).await?,
            ))
        }
        Some(url) => {
            open_url(&url).await?;
            Err(CliError::invalid("unsupported database URL"))
        }
        None => Ok(std::sync::Arc::new(
            rebound_store_sqlite::open(&sqlite_file(data_dir)?).await?,
        )),
    }
}
