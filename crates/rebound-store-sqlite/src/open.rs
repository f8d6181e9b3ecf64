//! Opening the database: connection settings, the durability check, the
//! guard against schemas from a newer Rebound, then migrations.

use crate::readers::{Opener, Readers};
use crate::writer::Writer;
use rebound_store::StoreError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{SqliteConnection, SqlitePool};
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// The pool, and the rusqlite connections beside it.
pub(crate) type Opened = (SqlitePool, Readers, Writer);

/// Embedded at build time; append-only (sqlx refuses an edited applied one).
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// One CLI process rarely needs more; SQLite has a single writer anyway.
const MAX_CONNECTIONS: u32 = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const POOL_IDLE: Duration = Duration::from_secs(30);

pub(crate) async fn open_path(path: &Path) -> Result<Opened, StoreError> {
    open_with(SqliteConnectOptions::new().filename(path), true).await
}

pub(crate) async fn open_url(url: &str) -> Result<Opened, StoreError> {
    // sqlx would take anything else as a file name.
    if !url.starts_with("sqlite:") {
        return Err(StoreError::Unavailable(format!(
            "cannot use the database URL {url}: this build opens sqlite:// URLs only"
        )));
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::Unavailable(format!("cannot use the database URL {url}: {e}")))?;
    // An in-memory URL names no file to check (and loses data at exit).
    let on_disk = !(url.contains(":memory:") || url.contains("mode=memory"));
    open_with(options, on_disk).await
}

async fn open_with(options: SqliteConnectOptions, on_disk: bool) -> Result<Opened, StoreError> {
    let path = options.get_filename().to_path_buf();
    let unavailable = |reason: String| {
        StoreError::Unavailable(format!(
            "cannot open the database at {}: {reason}",
            path.display()
        ))
    };
    if on_disk {
        probe(&path).map_err(unavailable)?;
    }
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Deleted rows and freed pages are overwritten with zeros, not
        // just unlinked (ARCHITECTURE.md, "Erasure leaves no plaintext").
        .pragma("secure_delete", "ON")
        .busy_timeout(BUSY_TIMEOUT);
    let opener = Opener::new(&options, !on_disk, BUSY_TIMEOUT);
    let pool = SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        // A pooled connection is a thread with its own page cache; the hot
        // paths do not use the pool, so an idle server lets them go. (An
        // in-memory database lives only while a connection to it does.)
        .idle_timeout(on_disk.then_some(POOL_IDLE))
        .connect_with(options)
        .await
        .map_err(|e| unavailable(explain(&path, e)))?;
    let writer = match prepare(&pool, on_disk).await {
        Ok(()) => Writer::new(opener.clone()),
        Err(Prepare::Unsafe(reason)) => Err(unavailable(reason)),
        Err(Prepare::Store(e)) => Err(e),
    };
    match writer {
        Ok(writer) => Ok((pool, Readers::new(opener), writer)),
        Err(e) => {
            pool.close().await;
            Err(e)
        }
    }
}

enum Prepare {
    Unsafe(String),
    Store(StoreError),
}

async fn prepare(pool: &SqlitePool, on_disk: bool) -> Result<(), Prepare> {
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| Prepare::Store(rebound_store_sql::dialect::backend(e)))?;
    if on_disk {
        assert_durability(&mut conn)
            .await
            .map_err(Prepare::Unsafe)?;
    }
    rebound_store_sql::schema::refuse_newer_schema::<sqlx::Sqlite>(&mut conn, known_version())
        .await
        .map_err(Prepare::Store)?;
    MIGRATOR
        .run(&mut *conn)
        .await
        .map_err(|e| Prepare::Store(StoreError::Backend(Box::new(e))))?;
    rebound_store_sql::schema::run_pending_rebuilds::<sqlx::Sqlite>(&mut conn)
        .await
        .map_err(Prepare::Store)
}

/// Opens (creating if missing) the file itself first, so a missing
/// directory or a permission problem is reported as such rather than as
/// SQLite's generic "unable to open database file".
fn probe(path: &Path) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!("the directory {} does not exist", dir.display()));
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map(drop)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::IsADirectory => "it is a directory".to_string(),
            _ => e.to_string(),
        })
}

fn explain(path: &Path, e: sqlx::Error) -> String {
    match e.as_database_error() {
        // SQLITE_CANTOPEN once the file itself opened: WAL needs to create
        // the -wal and -shm files beside it.
        Some(d) if d.code().as_deref() == Some("14") => format!(
            "{} (SQLite also needs write access to the directory {})",
            d.message(),
            path.parent().unwrap_or(Path::new(".")).display()
        ),
        // SQLITE_BUSY (and its extended codes) after the busy timeout.
        Some(d)
            if d.code()
                .is_some_and(|c| c == "5" || c.parse::<i32>().is_ok_and(|c| c & 0xff == 5)) =>
        {
            format!(
                "another program is using it and kept it locked for {} s; nothing was changed — try again in a moment",
                BUSY_TIMEOUT.as_secs()
            )
        }
        Some(d) => d.message().to_string(),
        None => e.to_string(),
    }
}

/// Reads the settings back: SQLite silently keeps its old journal mode when
/// WAL is impossible (some network file systems), and durability (or
/// erasure's zeroing) is not something to assume.
pub(crate) async fn assert_durability(conn: &mut SqliteConnection) -> Result<(), String> {
    let journal: String = pragma(conn, "PRAGMA journal_mode").await?;
    let synchronous: i64 = pragma(conn, "PRAGMA synchronous").await?;
    let foreign_keys: i64 = pragma(conn, "PRAGMA foreign_keys").await?;
    let secure_delete: i64 = pragma(conn, "PRAGMA secure_delete").await?;
    let mut wrong = Vec::new();
    if !journal.eq_ignore_ascii_case("wal") {
        wrong.push(format!("journal_mode is {journal}, not wal"));
    }
    if synchronous != 2 {
        wrong.push(format!("synchronous is {synchronous}, not 2 (full)"));
    }
    if foreign_keys != 1 {
        wrong.push("foreign_keys is off".to_string());
    }
    if secure_delete != 1 {
        wrong.push("secure_delete is off".to_string());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "its durability settings did not take effect ({})",
            wrong.join("; ")
        ))
    }
}

async fn pragma<T>(conn: &mut SqliteConnection, sql: &'static str) -> Result<T, String>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .fetch_one(conn)
        .await
        .map_err(|e| format!("cannot read {sql}: {e}"))
}

/// The newest schema version this build carries.
pub(crate) fn known_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Connection;

    #[tokio::test(flavor = "current_thread")]
    async fn durability_check_names_each_wrong_setting() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("plain.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Delete)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(false);
        let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
        let err = assert_durability(&mut conn).await.unwrap_err();
        assert!(err.contains("journal_mode is delete, not wal"), "{err}");
        assert!(err.contains("synchronous is 1"), "{err}");
        assert!(err.contains("foreign_keys is off"), "{err}");
        assert!(err.contains("secure_delete is off"), "{err}");
        conn.close().await.unwrap();
    }

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        let versions: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=versions.len() as i64).collect();
        assert_eq!(versions, expected);
        assert_eq!(known_version(), versions.len() as i64);
    }
}
