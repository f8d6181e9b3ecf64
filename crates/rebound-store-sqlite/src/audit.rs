//! The audit log on SQLite: appended in batches, read newest first.
//!
//! A busy server appends an event for every read it allows, so appending
//! is on the hot path. Batches go through a rusqlite connection of their
//! own, on a blocking thread, as multi-row INSERTs prepared once, their
//! values bound straight from the events. Through sqlx each batch was
//! rebuilt as SQL text, its values copied into owned arguments and handed
//! to sqlx's worker thread (see BENCHMARKS.md, "Server").

use crate::readers::{Opener, fail};
use rebound_domain::audit::AuditEvent;
use rebound_store::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::sync::{Arc, Mutex};

/// Rows per INSERT: SQLite pays a statement's setup (and AUTOINCREMENT's
/// bookkeeping) once per statement, so full chunks share one; the rest of
/// a batch goes row by row.
const ROWS_PER_INSERT: usize = 64;

/// The shared INSERT text, with rusqlite's placeholders.
fn insert_of(rows: usize) -> String {
    crate::fast::to_question_marks(&rebound_store_sql::audit::insert_of(rows))
}

/// The writing connection, opened on the first batch. Only the server's
/// one audit task writes, so the lock is never contended.
pub(crate) struct Writer {
    opener: Opener,
    conn: Mutex<Option<Connection>>,
    /// The INSERT of a full chunk, and of one row.
    chunk: String,
    one: String,
}

impl Writer {
    pub(crate) fn new(opener: Opener) -> Writer {
        Writer {
            opener,
            conn: Mutex::new(None),
            chunk: insert_of(ROWS_PER_INSERT),
            one: insert_of(1),
        }
    }

    /// Appends `events` in one durable transaction, off the async threads
    /// (the commit waits for the disk).
    pub(crate) async fn record(
        self: &Arc<Self>,
        events: Vec<AuditEvent>,
    ) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        let writer = self.clone();
        // In line with the pool's writers (`rebound_store_sql::gate`), so
        // neither meets SQLite's sleeping busy handler.
        let gate = rebound_store_sql::gate::for_file(self.opener.path())
            .lock_owned()
            .await;
        tokio::task::spawn_blocking(move || {
            let done = writer.append(&events);
            drop(gate);
            done
        })
        .await
        .map_err(|e| StoreError::Backend(Box::new(e)))?
    }

    fn append(&self, events: &[AuditEvent]) -> Result<(), StoreError> {
        // A panic mid-batch leaves nothing half-done: the transaction
        // rolls back when dropped.
        let mut slot = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let conn = match &mut *slot {
            Some(c) => c,
            empty => empty.insert(self.open()?),
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut rows = events.chunks_exact(ROWS_PER_INSERT);
        for full in &mut rows {
            insert(&tx, &self.chunk, full)?;
        }
        for e in rows.remainder() {
            insert(&tx, &self.one, std::slice::from_ref(e))?;
        }
        tx.commit().map_err(fail)
    }

    /// Durable, and zeroing what it deletes, as sqlx's connections are
    /// (`open.rs`); read back, as there.
    fn open(&self) -> Result<Connection, StoreError> {
        let conn = self.opener.open()?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(fail)?;
        let secure: i64 = conn
            .pragma_query_value(None, "secure_delete", |r| r.get(0))
            .map_err(fail)?;
        if secure != 1 {
            return Err(StoreError::Unavailable(
                "cannot append to the audit log: secure_delete did not take effect".into(),
            ));
        }
        Ok(conn)
    }
}

/// Runs `sql`, an INSERT of `events.len()` rows, with their values bound
/// straight from the events.
fn insert(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    events: &[AuditEvent],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(sql).map_err(fail)?;
    let mut at = 0;
    let mut bind = |v: &dyn rusqlite::ToSql| {
        at += 1;
        stmt.raw_bind_parameter(at, v).map_err(fail)
    };
    for e in events {
        let (kind, id) = rebound_store_sql::audit::actor_columns(&e.actor);
        bind(&e.at.as_millisecond())?;
        bind(&kind)?;
        bind(&id)?;
        bind(&e.action)?;
        bind(&e.part)?;
        bind(&e.resource_kind)?;
        bind(&e.resource_id)?;
    }
    stmt.raw_execute().map_err(fail).map(drop)
}
