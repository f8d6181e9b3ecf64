//! The hot point reads, inline: rusqlite connections on the same database,
//! used on the calling thread. Through sqlx every statement is a round trip
//! to the connection's own worker thread (a channel send and a thread
//! wake-up each way), and under load those hand-offs, not SQLite, were most
//! of the server's CPU time (see BENCHMARKS.md, "Server"). A point read by
//! primary key or unique index answers in microseconds, so it runs where it
//! is asked.
//!
//! Only single-statement reads come here (each one snapshot, like every
//! read): the token or session check, one mistake, one user, and the facts
//! that decide a relation. Writes, transactions and whole-table reads stay
//! on sqlx. The connections are read-write at the file level (so a WAL
//! database's shared-memory file can always be opened) but `query_only`,
//! so they cannot change anything.
//!
//! In WAL mode a reader never waits for the writer, so running on an async
//! worker thread costs only the read itself (the busy timeout covers
//! SQLite's rare recovery of the WAL index).
//!
//! Connections are kept on a stack: a caller takes one or opens a new one,
//! and gives it back when done. As nothing waits while holding one, there
//! are never more than the threads that read at once.

use rebound_store::StoreError;
use rusqlite::{Connection, OpenFlags};
use sqlx::sqlite::SqliteConnectOptions;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// Idle connections kept; more are closed when given back.
const KEEP: usize = 8;

pub(crate) struct Readers {
    path: PathBuf,
    flags: OpenFlags,
    busy_timeout: Duration,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    /// Connections to the database `options` name, opened as sqlx opens
    /// them (an in-memory database is seen only through the shared cache).
    pub(crate) fn new(
        options: &SqliteConnectOptions,
        in_memory: bool,
        busy_timeout: Duration,
    ) -> Readers {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if in_memory {
            flags |= OpenFlags::SQLITE_OPEN_MEMORY | OpenFlags::SQLITE_OPEN_SHARED_CACHE;
        }
        Readers {
            path: options.get_filename().to_path_buf(),
            flags,
            busy_timeout,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` on an idle connection (or a new one).
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let idle = self.lock().pop();
        let conn = match idle {
            Some(c) => c,
            None => self.open()?,
        };
        let out = f(&conn);
        let mut idle = self.lock();
        if idle.len() < KEEP {
            idle.push(conn);
        }
        out
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // The list holds no invariant a panic could break.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn open(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(&self.path, self.flags).map_err(fail)?;
        conn.busy_timeout(self.busy_timeout).map_err(fail)?;
        conn.pragma_update(None, "query_only", true).map_err(fail)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(conn)
    }

    /// The first row `sql` returns for `params`, decoded by `decode`.
    pub(crate) fn row<T>(
        &self,
        sql: &'static str,
        params: impl rusqlite::Params,
        decode: impl FnOnce(&ByName<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(sql).map_err(fail)?;
            let mut rows = stmt.query(params).map_err(fail)?;
            match rows.next().map_err(fail)? {
                Some(row) => decode(&ByName {
                    names: row.as_ref().column_names(),
                    row,
                })
                .map(Some),
                None => Ok(None),
            }
        })
    }

    /// Whether `sql` returns any row for `params`.
    pub(crate) fn exists(
        &self,
        sql: &'static str,
        params: impl rusqlite::Params,
    ) -> Result<bool, StoreError> {
        self.row(sql, params, |_| Ok(())).map(|r| r.is_some())
    }
}

/// A row whose column names are read once: rusqlite's lookup by name asks
/// SQLite for every column's name on every lookup.
pub(crate) struct ByName<'r> {
    pub(crate) row: &'r rusqlite::Row<'r>,
    names: Vec<&'r str>,
}

impl ByName<'_> {
    pub(crate) fn index(&self, column: &'static str) -> Result<usize, StoreError> {
        self.names
            .iter()
            .position(|n| *n == column)
            .ok_or_else(|| fail(rusqlite::Error::InvalidColumnName(column.to_string())))
    }
}

pub(crate) fn fail(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}
