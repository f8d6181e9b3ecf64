//! Point reads without sqlx's per-connection worker thread: a few read-only
//! rusqlite connections on the same file, used inline. A prepared point
//! read answers in a few microseconds, where the hop through sqlx's worker
//! thread costs several times that — and the server's hottest request
//! (`GET /api/v1/mistakes/{id}`) is one such read (see BENCHMARKS.md).
//! Writes stay on sqlx; WAL lets these readers run beside the writer and
//! see every committed transaction.

use rebound_store::StoreError;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const READERS: usize = 4;

pub(crate) struct FastReads {
    conns: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl FastReads {
    /// Read-only connections to the database file; `None` for an in-memory
    /// database or when the file cannot be opened this way (reads then go
    /// through sqlx, which is slower but the same).
    pub(crate) fn open(path: &Path) -> Option<FastReads> {
        if path.as_os_str().is_empty() || path == Path::new(":memory:") {
            return None;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conns = (0..READERS)
            .map(|_| {
                let c = Connection::open_with_flags(path, flags).ok()?;
                c.busy_timeout(Duration::from_secs(5)).ok()?;
                Some(Mutex::new(c))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FastReads {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// The single text column of the single row `sql` returns for `param`.
    pub(crate) fn text(&self, sql: &str, param: &str) -> Result<Option<String>, StoreError> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.conns.len();
        // A free connection if there is one; otherwise wait for ours.
        let guard = (0..n)
            .find_map(|i| self.conns[(start + i) % n].try_lock().ok())
            .unwrap_or_else(|| {
                self.conns[start % n]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
            });
        let mut stmt = guard.prepare_cached(sql).map_err(fail)?;
        stmt.query_row([param], |r| r.get::<_, String>(0))
            .optional()
            .map_err(fail)
    }
}

fn fail(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}
