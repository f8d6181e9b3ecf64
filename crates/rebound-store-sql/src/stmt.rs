//! A write as a list of statements with owned arguments, built once from
//! the domain and run by either of two executors: sqlx inside a
//! transaction (both databases), or the SQLite crate's writer thread,
//! which runs many requests' lists in one transaction on its own
//! connection without a thread hand-off between statements (issue 20:
//! through sqlx each statement was a round trip to the connection's worker
//! thread, ~25 context switches for one new mistake).
//!
//! The text is the shared one (`$N` placeholders, which SQLite also reads
//! by number), so both executors run exactly the same statements.

use crate::prelude::*;
use rebound_store::StoreError;
use std::borrow::Cow;

/// A value bound to a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(Some(v))
    }
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::Int(v)
    }
}

impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}

impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_string))
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}

impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}

/// One statement, its arguments (`$1` is the first), and what it means
/// when it changes no row.
#[derive(Debug)]
pub struct Stmt {
    pub sql: Cow<'static, str>,
    pub args: Vec<Arg>,
    unless_changed: Option<StoreError>,
}

impl Stmt {
    pub fn new(sql: &'static str) -> Stmt {
        Stmt {
            sql: Cow::Borrowed(sql),
            args: Vec::new(),
            unless_changed: None,
        }
    }

    pub fn owned(sql: String) -> Stmt {
        Stmt {
            sql: Cow::Owned(sql),
            args: Vec::new(),
            unless_changed: None,
        }
    }

    pub fn arg(mut self, v: impl Into<Arg>) -> Stmt {
        self.args.push(v.into());
        self
    }

    /// The write fails with `e` (and rolls back) if this changes no row.
    pub fn unless_changed(mut self, e: StoreError) -> Stmt {
        self.unless_changed = Some(e);
        self
    }

    /// Checks how many rows the statement changed, by either executor.
    pub fn changed(&mut self, rows: u64) -> Result<u64, StoreError> {
        match (rows, self.unless_changed.take()) {
            (0, Some(e)) => Err(e),
            _ => Ok(rows),
        }
    }

    /// Runs it through sqlx on `conn` (a transaction's connection).
    pub(crate) async fn run<D: Dialect>(
        mut self,
        conn: &mut D::Connection,
    ) -> Result<u64, StoreError> {
        let sql = std::mem::take(&mut self.sql);
        let mut q = match sql {
            Cow::Borrowed(s) => query::<D>(s),
            Cow::Owned(s) => query_owned::<D>(s),
        };
        for a in std::mem::take(&mut self.args) {
            q = match a {
                Arg::Int(v) => q.arg(v),
                Arg::Text(v) => q.arg(v),
                Arg::Bool(v) => q.arg(v),
            };
        }
        let rows = q.run(conn).await?;
        self.changed(rows)
    }
}

/// Runs `stmts` in order through sqlx; the rows they changed, together.
pub(crate) async fn run_all<D: Dialect>(
    conn: &mut D::Connection,
    stmts: Vec<Stmt>,
) -> Result<u64, StoreError> {
    let mut changed = 0;
    for s in stmts {
        changed += s.run::<D>(&mut *conn).await?;
    }
    Ok(changed)
}

/// What a write carries ([`rebound_store::effects`]: its audit events, the
/// messages, jobs and in-app notifications it causes), as statements to
/// run just before its commit.
pub fn carried(e: &rebound_store::Effects) -> Vec<Stmt> {
    let mut stmts = crate::audit::statements(&e.audit);
    stmts.extend(crate::delivery::statements(&e.outbox, &e.jobs));
    stmts.extend(e.notifications.iter().map(|n| {
        crate::sharing::notifications::insert_statement(&n.id, &n.user, &n.mistake, n.kind, n.at)
    }));
    stmts
}
