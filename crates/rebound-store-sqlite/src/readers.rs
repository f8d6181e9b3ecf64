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
use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Idle connections kept; more are closed when given back.
const KEEP: usize = 8;

pub(crate) struct Readers {
    path: PathBuf,
    flags: OpenFlags,
    busy_timeout: Duration,
    idle: Idle,
    /// Each statement's column names, read once per process, keyed by the
    /// address of its static SQL text (whose columns are all named, never
    /// `*`, so they cannot change under it).
    names: Mutex<HashMap<usize, Names>>,
}

type Idle = Mutex<Vec<Connection>>;
type Names = Arc<[Box<str>]>;

fn give_back(idle: &Idle, conn: Connection) {
    let mut idle = lock(idle);
    if idle.len() < KEEP {
        idle.push(conn);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Neither the stack nor the name table holds an invariant a panic
    // could break.
    m.lock().unwrap_or_else(|e| e.into_inner())
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
            names: Mutex::new(HashMap::new()),
        }
    }

    /// Runs `f` on an idle connection (or a new one).
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = self.take()?;
        let out = f(&conn);
        give_back(&self.idle, conn);
        out
    }

    fn take(&self) -> Result<Connection, StoreError> {
        let idle = lock(&self.idle).pop();
        match idle {
            Some(c) => Ok(c),
            None => self.open(),
        }
    }

    /// `stmt`'s column names, from the table after the first time.
    fn names(&self, sql: &'static str, stmt: &rusqlite::Statement<'_>) -> Names {
        let key = sql.as_ptr() as usize;
        if let Some(n) = lock(&self.names).get(&key) {
            return n.clone();
        }
        let n: Names = stmt.column_names().into_iter().map(Box::from).collect();
        lock(&self.names).insert(key, n.clone());
        n
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
            let names = self.names(sql, &stmt);
            let mut rows = stmt.query(params).map_err(fail)?;
            match rows.next().map_err(fail)? {
                Some(row) => decode(&ByName {
                    names: &names,
                    next: Cell::new(0),
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

/// A row and its statement's column names. Decoders ask for columns
/// mostly in SELECT order, so the search starts after the last one found.
pub(crate) struct ByName<'r> {
    pub(crate) row: &'r rusqlite::Row<'r>,
    names: &'r [Box<str>],
    next: Cell<usize>,
}

impl ByName<'_> {
    pub(crate) fn index(&self, column: &'static str) -> Result<usize, StoreError> {
        let start = self.next.get().min(self.names.len());
        let (earlier, rest) = self.names.split_at(start);
        let found = rest
            .iter()
            .position(|n| **n == *column)
            .map(|i| start + i)
            .or_else(|| earlier.iter().position(|n| **n == *column));
        match found {
            Some(i) => {
                self.next.set(i + 1);
                Ok(i)
            }
            None => Err(fail(rusqlite::Error::InvalidColumnName(column.to_string()))),
        }
    }
}

pub(crate) fn fail(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}
