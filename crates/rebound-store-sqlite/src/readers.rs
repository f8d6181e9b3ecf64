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
//! Each thread that reads keeps its own connection (and its own table of
//! column names): nothing waits while holding one, so a thread never needs
//! two, and a connection that stays on one core keeps its memory in that
//! core's cache. Handing connections between threads through a shared stack
//! cost a lock per read and a cache miss on most of SQLite's own structures
//! (see BENCHMARKS.md, "Server"). A read nested inside another on the same
//! thread, which no caller does today, opens a connection of its own.

use rebound_store::StoreError;
use rusqlite::{Connection, OpenFlags};
use sqlx::sqlite::SqliteConnectOptions;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;
use thread_local::ThreadLocal;

pub(crate) struct Readers {
    opener: Opener,
    /// Each thread's connection, opened on its first read; all are closed
    /// when the store is dropped.
    mine: ThreadLocal<RefCell<Option<Reader>>>,
}

/// A connection and each statement's column names, read once per
/// connection, keyed by the address of its static SQL text (whose columns
/// are all named, never `*`, so they cannot change under it).
struct Reader {
    conn: Connection,
    names: HashMap<usize, Names>,
}

/// A statement's column names, and for each the address of the static
/// name a decoder last found it by (0 for none yet).
pub(crate) struct Names {
    names: Box<[Box<str>]>,
    asked_as: Box<[Cell<usize>]>,
}

/// Opens rusqlite connections to the database sqlx opened, with the same
/// busy timeout (an in-memory database is seen only through the shared
/// cache).
#[derive(Clone)]
pub(crate) struct Opener {
    path: PathBuf,
    flags: OpenFlags,
    busy_timeout: Duration,
}

impl Opener {
    pub(crate) fn new(
        options: &SqliteConnectOptions,
        in_memory: bool,
        busy_timeout: Duration,
    ) -> Opener {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if in_memory {
            flags |= OpenFlags::SQLITE_OPEN_MEMORY | OpenFlags::SQLITE_OPEN_SHARED_CACHE;
        }
        Opener {
            path: options.get_filename().to_path_buf(),
            flags,
            busy_timeout,
        }
    }

    /// The database's file, as sqlx's pool names it too (one write gate).
    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub(crate) fn open(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(&self.path, self.flags).map_err(fail)?;
        conn.busy_timeout(self.busy_timeout).map_err(fail)?;
        Ok(conn)
    }
}

impl Readers {
    pub(crate) fn new(opener: Opener) -> Readers {
        Readers {
            opener,
            mine: ThreadLocal::new(),
        }
    }

    /// Runs `f` on this thread's connection.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Reader) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let slot = self.mine.get_or(|| RefCell::new(None));
        let Ok(mut slot) = slot.try_borrow_mut() else {
            return f(&mut self.open()?);
        };
        let reader = match &mut *slot {
            Some(r) => r,
            empty => empty.insert(self.open()?),
        };
        f(reader)
    }

    fn open(&self) -> Result<Reader, StoreError> {
        let conn = self.opener.open()?;
        conn.pragma_update(None, "query_only", true).map_err(fail)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(Reader {
            conn,
            names: HashMap::new(),
        })
    }

    /// The first row `sql` returns for `params`, decoded by `decode`.
    pub(crate) fn row<T>(
        &self,
        sql: &'static str,
        params: impl rusqlite::Params,
        decode: impl FnOnce(&ByName<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.with(|reader| {
            let mut stmt = reader.conn.prepare_cached(sql).map_err(fail)?;
            let names = reader
                .names
                .entry(sql.as_ptr() as usize)
                .or_insert_with(|| Names::of(&stmt));
            first(&mut stmt, names, params, decode)
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

impl Names {
    pub(crate) fn of(stmt: &rusqlite::Statement<'_>) -> Names {
        Names {
            names: stmt.column_names().into_iter().map(Box::from).collect(),
            asked_as: (0..stmt.column_count()).map(|_| Cell::new(0)).collect(),
        }
    }
}

/// The first row `stmt` returns for `params`, decoded by `decode` by the
/// statement's column `names`.
pub(crate) fn first<T>(
    stmt: &mut rusqlite::Statement<'_>,
    names: &Names,
    params: impl rusqlite::Params,
    decode: impl FnOnce(&ByName<'_>) -> Result<T, StoreError>,
) -> Result<Option<T>, StoreError> {
    let mut rows = stmt.query(params).map_err(fail)?;
    match rows.next().map_err(fail)? {
        Some(row) => decode(&ByName {
            names: &names.names,
            asked_as: &names.asked_as,
            next: Cell::new(0),
            row,
        })
        .map(Some),
        None => Ok(None),
    }
}

/// A row and its statement's column names. Decoders ask for columns
/// mostly in SELECT order, so the search starts after the last one found;
/// and they ask by the same static names every time, so a name at the
/// address and of the length that found the column last time is that
/// column, without comparing the text.
pub(crate) struct ByName<'r> {
    pub(crate) row: &'r rusqlite::Row<'r>,
    names: &'r [Box<str>],
    asked_as: &'r [Cell<usize>],
    next: Cell<usize>,
}

impl ByName<'_> {
    #[inline]
    pub(crate) fn index(&self, column: &'static str) -> Result<usize, StoreError> {
        let start = self.next.get();
        if let Some(seen) = self.asked_as.get(start)
            && seen.get() == column.as_ptr() as usize
            && self.names[start].len() == column.len()
        {
            self.next.set(start + 1);
            return Ok(start);
        }
        self.search(column)
    }

    /// The first time a decoder asks for `column` here, or when it asks
    /// out of order.
    #[cold]
    fn search(&self, column: &'static str) -> Result<usize, StoreError> {
        let start = self.next.get().min(self.names.len());
        let (earlier, rest) = self.names.split_at(start);
        let found = rest
            .iter()
            .position(|n| **n == *column)
            .map(|i| start + i)
            .or_else(|| earlier.iter().position(|n| **n == *column));
        match found {
            Some(i) => {
                self.asked_as[i].set(column.as_ptr() as usize);
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

impl rebound_store_sql::rows::Columns for ByName<'_> {
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        self.row.get(self.index(column)?).map_err(fail)
    }

    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.row.get(self.index(column)?).map_err(fail)
    }
}
