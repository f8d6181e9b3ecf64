//! The SQLite writer: one thread with its own rusqlite connection that
//! runs the hot writes (a new mistake, or a saved one read back in the
//! same transaction, with what it carries; batches of audit events) as
//! lists of shared statements (`rebound_store_sql::stmt`),
//! with group commit: what queued while the last commit waited for the
//! disk goes into the next transaction together, one fsync for all.
//!
//! Through sqlx every statement is a round trip to its connection's worker
//! thread: a new mistake took about 25 context switches, and with writes
//! one at a time behind the file's gate the server sat a third idle at
//! ~1k POSTs a second (issue 20; BENCHMARKS.md, "Writes under load"). Here
//! a write is one hand-off each way, and its statements run back to back.
//!
//! Each request's list runs inside a savepoint, so one that fails (a taken
//! id) rolls back alone; every request is answered only after the commit
//! that holds it is durable (`synchronous=FULL`), or with the error that
//! kept it from being.

use crate::fast::{inline, to_question_marks};
use crate::readers::{Names, Opener, fail, first};
use rebound_domain::{Mistake, MistakeId};
use rebound_store::StoreError;
use rebound_store_sql::rows::Cols;
use rebound_store_sql::stmt::{Arg, Stmt};
use rusqlite::{Connection, TransactionBehavior};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Requests' lists taken into one transaction at most.
const MAX_GROUP: usize = 64;

struct Job {
    stmts: Vec<Stmt>,
    /// A mistake to read back after the statements, in the same transaction.
    read_back: Option<MistakeId>,
    done: oneshot::Sender<Outcome>,
}

type Outcome = Result<Option<Mistake>, StoreError>;

/// The way to the writer thread; the thread (and its connection) ends when
/// this is dropped.
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    pub(crate) fn new(opener: Opener) -> Result<Writer, StoreError> {
        let (jobs, queue) = mpsc::channel();
        let gate = rebound_store_sql::gate::for_file(opener.path());
        std::thread::Builder::new()
            .name("rebound-sqlite-writer".into())
            .spawn(move || Thread { opener, conn: None }.serve(&queue, &gate))
            .map_err(|e| {
                StoreError::Unavailable(format!("cannot start the database writer: {e}"))
            })?;
        Ok(Writer { jobs })
    }

    /// Runs `stmts` in one durable transaction (shared with other
    /// requests'); all of them or none.
    pub(crate) async fn write(&self, stmts: Vec<Stmt>) -> Result<(), StoreError> {
        if stmts.is_empty() {
            return Ok(());
        }
        self.send(stmts, None).await.map(drop)
    }

    /// Runs `stmts` as [`Writer::write`] does, then reads mistake `id` in
    /// the same transaction: what they stored, as a read would return it.
    pub(crate) async fn write_and_read(
        &self,
        stmts: Vec<Stmt>,
        id: &MistakeId,
    ) -> Result<Option<Mistake>, StoreError> {
        self.send(stmts, Some(id.clone())).await
    }

    async fn send(&self, stmts: Vec<Stmt>, read_back: Option<MistakeId>) -> Outcome {
        let (done, answer) = oneshot::channel();
        let stopped = || StoreError::Unavailable("the database writer has stopped".into());
        let job = Job {
            stmts,
            read_back,
            done,
        };
        self.jobs.send(job).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

struct Thread {
    opener: Opener,
    conn: Option<Connection>,
}

impl Thread {
    fn serve(mut self, queue: &mpsc::Receiver<Job>, gate: &rebound_store_sql::gate::Gate) {
        while let Ok(first) = queue.recv() {
            // In line with the pool's writers (`rebound_store_sql::gate`),
            // so neither meets SQLite's sleeping busy handler; what queued
            // meanwhile joins this commit.
            let held = gate.blocking_lock();
            let mut group = vec![first];
            while group.len() < MAX_GROUP {
                match queue.try_recv() {
                    Ok(job) => group.push(job),
                    Err(_) => break,
                }
            }
            let (work, answers): (Vec<_>, Vec<_>) = group
                .into_iter()
                .map(|j| ((j.stmts, j.read_back), j.done))
                .unzip();
            let n = work.len();
            // A panic fails this group (its transaction rolls back as it
            // unwinds), not every later write of the process.
            let results =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.commit(work)))
                    .unwrap_or_else(|_| {
                        self.conn = None;
                        let e = StoreError::Unavailable("the database writer failed".into());
                        failed(n, &e)
                    });
            drop(held);
            for (answer, result) in answers.into_iter().zip(results) {
                // A request that stopped waiting (its client went away) has
                // nobody to tell; what it asked for is stored all the same,
                // with its events, as a request finished after its client left.
                let _ = answer.send(result);
            }
        }
    }

    /// Runs each list in its own savepoint of one transaction and commits
    /// what succeeded; each list's outcome.
    fn commit(&mut self, lists: Vec<(Vec<Stmt>, Option<MistakeId>)>) -> Vec<Outcome> {
        let n = lists.len();
        let conn = match &mut self.conn {
            Some(c) => c,
            empty => match open(&self.opener) {
                Ok(c) => empty.insert(c),
                Err(e) => return failed(n, &e),
            },
        };
        let mut tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => tx,
            Err(e) => return failed(n, &fail(e)),
        };
        let mut results = Vec::with_capacity(n);
        for (stmts, read_back) in lists {
            // Dropped without `commit`, a savepoint rolls back to where it began.
            let outcome = tx.savepoint().map_err(fail).and_then(|sp| {
                stmts.into_iter().try_for_each(|s| run(&sp, s))?;
                let stored = match read_back {
                    Some(id) => read_one(&sp, &id)?,
                    None => None,
                };
                sp.commit().map_err(fail)?;
                Ok(stored)
            });
            results.push(outcome);
        }
        if results.iter().all(Result::is_err) {
            return results; // the transaction rolls back when dropped
        }
        match tx.commit() {
            Ok(()) => results,
            Err(e) => {
                let e = fail(e);
                results
                    .into_iter()
                    .map(|r| r.and_then(|_| Err(again(&e))))
                    .collect()
            }
        }
    }
}

/// Durable, zeroing what it deletes and checking references, as sqlx's
/// connections are (`open.rs`); read back, as there.
fn open(opener: &Opener) -> Result<Connection, StoreError> {
    let conn = opener.open()?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(fail)?;
    conn.pragma_update(None, "secure_delete", "ON")
        .map_err(fail)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(fail)?;
    let on = |pragma: &str| -> Result<bool, StoreError> {
        conn.pragma_query_value(None, pragma, |r| r.get::<_, i64>(0))
            .map(|v| v == 1)
            .map_err(fail)
    };
    for pragma in ["secure_delete", "foreign_keys"] {
        if !on(pragma)? {
            return Err(StoreError::Unavailable(format!(
                "cannot write to the database: {pragma} did not take effect"
            )));
        }
    }
    // The audit log's multi-row INSERTs come in a few sizes besides the
    // mistake's statements.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Runs one shared statement, its `$N` written `?N` as the inline readers
/// do (`fast::to_question_marks`): SQLite then numbers each parameter N,
/// so argument N-1 binds at index N.
fn run(conn: &Connection, mut s: Stmt) -> Result<(), StoreError> {
    let mut stmt = (conn.prepare_cached(&to_question_marks(&s.sql))).map_err(fail)?;
    for i in 1..=stmt.parameter_count() {
        let Some(arg) = s.args.get(i - 1) else {
            return Err(fail(rusqlite::Error::InvalidParameterName(format!(
                "parameter {i} of a statement has no argument"
            ))));
        };
        match arg {
            Arg::Int(v) => stmt.raw_bind_parameter(i, v),
            Arg::Text(v) => stmt.raw_bind_parameter(i, v),
            Arg::Bool(v) => stmt.raw_bind_parameter(i, v),
        }
        .map_err(fail)?;
    }
    let changed = stmt.raw_execute().map_err(fail)?;
    s.changed(changed as u64).map(drop)
}

/// Mistake `id` as a read returns it, by the shared statement and decoder.
fn read_one(conn: &Connection, id: &MistakeId) -> Result<Option<Mistake>, StoreError> {
    let mut stmt = conn.prepare_cached(inline().mistake).map_err(fail)?;
    let names = Names::of(&stmt);
    first(&mut stmt, &names, [id.as_str()], |row| {
        rebound_store_sql::read::decode(&Cols(row))
    })
}

fn failed(n: usize, e: &StoreError) -> Vec<Outcome> {
    (0..n).map(|_| Err(again(e))).collect()
}

/// One failure told to every request it stopped.
fn again(e: &StoreError) -> StoreError {
    StoreError::Unavailable(format!("the database did not store the change: {e}"))
}
