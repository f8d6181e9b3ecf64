//! What differs between the two databases, and nothing else: how a write
//! transaction and a snapshot read begin, a table lock, JSON aggregation and
//! list parameters. Every statement elsewhere is one text for both.
//!
//! Generic sqlx code would otherwise repeat a dozen bounds (`i64: Encode<D>
//! + Type<D>`, `&mut D::Connection: Executor`, …) on every function, because
//! Rust implies only supertraits. So the bounds live here once, as
//! supertraits ([`Bind`], [`Get`]) and one associated executor type, and the
//! rest of the crate writes `D: Dialect`.

use rebound_store::StoreError;
use serde_json::value::RawValue;
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Row, Type};
use std::future::Future;
use std::pin::Pin;

pub use crate::tx::Tx;
pub(crate) use crate::tx::{begin_read, begin_write};

pub(crate) type Query<'q, D> = sqlx::query::Query<'q, D, <D as Database>::Arguments>;
type Boxed<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// A value sqlx can bind for `D`.
pub trait Bind<T>: Database {
    fn bind_to(q: Query<'_, Self>, v: T) -> Query<'_, Self>;
}

impl<'t, D: Database, T: Encode<'t, D> + Type<D>> Bind<T> for D {
    fn bind_to(q: Query<'_, D>, v: T) -> Query<'_, D> {
        q.bind(v)
    }
}

/// A value sqlx can read from `D`'s rows, by column name.
pub trait Get<T>: Database {
    fn get_from(row: &Self::Row, column: &str) -> Result<T, sqlx::Error>;
}

impl<D: Database, T> Get<T> for D
where
    T: for<'r> Decode<'r, D> + Type<D>,
    for<'c> &'c str: ColumnIndex<D::Row>,
{
    fn get_from(row: &D::Row, column: &str) -> Result<T, sqlx::Error> {
        row.try_get(column)
    }
}

/// The few statements that truly differ, and the bounds every query needs.
pub trait Dialect:
    Database<Arguments: IntoArguments<Self>, Connection: Send, Row: Send + Sync>
    + Bind<i64>
    + Bind<Option<i64>>
    + Bind<bool>
    + Bind<String>
    + Bind<Option<String>>
    + for<'a> Bind<&'a str>
    + for<'a> Bind<Option<&'a str>>
    + Get<Option<i64>>
    + Get<Option<String>>
    + Get<Option<bool>>
    + Bind<Json<Box<RawValue>>>
    + Get<Option<Json<Box<RawValue>>>>
{
    type Exec<'c>: Executor<'c, Database = Self> + Send;
    /// How many rows a statement changed.
    fn affected(done: &Self::QueryResult) -> u64;
    /// A connection as sqlx's executor (each driver implements it for its
    /// own `&mut Connection`, which generic code cannot name otherwise).
    fn exec(conn: &mut Self::Connection) -> Self::Exec<'_>;

    /// Begins a transaction that may write after it reads: its checks and
    /// its writes see the same data even with other processes writing.
    const BEGIN_WRITE: &'static str;
    /// The gate every writer of this process takes first (`gate.rs`), where
    /// the database has one write lock.
    fn write_gate(pool: &Pool<Self>) -> Option<crate::gate::Gate>;
    /// Begins a read-only transaction whose statements all see one snapshot.
    const BEGIN_READ: &'static str;
    /// Appended to a SELECT of one row: locks it against other writers
    /// (not readers, nor rows that merely reference it) until the
    /// transaction ends, where `BEGIN_WRITE` does not already.
    const LOCK_ROW: &'static str;
    /// Appended to the SELECT that picks queued rows to claim: claimers
    /// pass over rows another is claiming instead of waiting for them.
    const SKIP_LOCKED: &'static str;
    /// Write transactions worth running at once: commits that overlap share
    /// one flush of the log where the database allows several writers.
    const WRITERS_AT_ONCE: usize;
    /// A row when the table named `$1` exists.
    const TABLE_EXISTS: &'static str;
    /// Locks `table` against other writers (not readers) until the
    /// transaction ends, where `BEGIN_WRITE` does not already.
    fn lock_statement(table: &str, mode: LockMode) -> Option<String>;

    /// A scalar subquery giving the rows of several `(columns, from)`
    /// (each a table and its WHERE) together as one JSON text array of
    /// arrays of their columns: `[]` for none.
    fn json_tagged_rows(lists: &[(String, String)]) -> String;
    /// `column` is one of the strings bound at `param` by [`Dialect::bind_list`].
    fn in_list(column: &str, param: &str) -> String;
    fn bind_list<'q>(q: Query<'q, Self>, items: &[&str]) -> Query<'q, Self>;

    /// The statements that read mistakes, built for this dialect once.
    fn statements() -> &'static crate::read::Statements;
}

/// `SELECT array(columns) AS r FROM from UNION ALL …` over `lists`; an
/// empty `from` is one row of the outer query's own columns.
fn union(lists: &[(String, String)], array: &str) -> String {
    let rows: Vec<String> = lists
        .iter()
        .map(|(columns, from)| match from.as_str() {
            "" => format!("SELECT {array}({columns}) AS r"),
            _ => format!("SELECT {array}({columns}) AS r FROM {from}"),
        })
        .collect();
    rows.join(" UNION ALL ")
}

/// PostgreSQL's table lock modes that Rebound takes.
#[derive(Debug, Clone, Copy)]
pub enum LockMode {
    /// Others read, nobody else writes (the first account).
    Exclusive,
    /// Like `Exclusive`, and conflicts with itself (changes of manager).
    ShareRowExclusive,
}

/// A statement for `D` (one text for both dialects).
pub(crate) fn query<D: Dialect>(sql: &'static str) -> Query<'static, D> {
    sqlx::query(sql)
}

/// A statement assembled at run time from dialect parts.
pub(crate) fn query_owned<D: Dialect>(sql: String) -> Query<'static, D> {
    sqlx::query(sqlx::AssertSqlSafe(sql))
}

pub fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// Running a query on a connection (a pooled one, or a transaction's),
/// with database errors as `StoreError::Backend`.
pub(crate) trait Run<'q, D: Dialect>: Sized {
    fn arg<T>(self, v: T) -> Self
    where
        D: Bind<T>;
    /// Runs the statement; how many rows it changed.
    fn run<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, u64>
    where
        'q: 'c;
    fn run_on(self, pool: &Pool<D>) -> Boxed<'_, u64>
    where
        'q: 'static;
    fn all_on(self, pool: &Pool<D>) -> Boxed<'_, Vec<D::Row>>
    where
        'q: 'static;
    fn maybe_on(self, pool: &Pool<D>) -> Boxed<'_, Option<D::Row>>
    where
        'q: 'static;
    fn all<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, Vec<D::Row>>
    where
        'q: 'c;
    fn maybe<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, Option<D::Row>>
    where
        'q: 'c;
    /// Exactly one row (none is a `Backend` error).
    fn one<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, D::Row>
    where
        'q: 'c;
    fn one_on(self, pool: &Pool<D>) -> Boxed<'_, D::Row>
    where
        'q: 'static;
}

impl<'q, D: Dialect> Run<'q, D> for Query<'q, D> {
    fn arg<T>(self, v: T) -> Self
    where
        D: Bind<T>,
    {
        D::bind_to(self, v)
    }

    fn run<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, u64>
    where
        'q: 'c,
    {
        Box::pin(async move {
            let done = self.execute(D::exec(conn)).await.map_err(backend)?;
            Ok(D::affected(&done))
        })
    }

    fn one<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, D::Row>
    where
        'q: 'c,
    {
        Box::pin(async move { self.fetch_one(D::exec(conn)).await.map_err(backend) })
    }

    fn one_on(self, pool: &Pool<D>) -> Boxed<'_, D::Row>
    where
        'q: 'static,
    {
        Box::pin(async move {
            let mut conn = pool.acquire().await.map_err(backend)?;
            self.one(&mut conn).await
        })
    }

    fn run_on(self, pool: &Pool<D>) -> Boxed<'_, u64>
    where
        'q: 'static,
    {
        Box::pin(async move {
            // A statement on its own writes too: through the gate.
            let _gate = crate::tx::gate(pool).await;
            let mut conn = pool.acquire().await.map_err(backend)?;
            self.run(&mut conn).await
        })
    }

    fn all_on(self, pool: &Pool<D>) -> Boxed<'_, Vec<D::Row>>
    where
        'q: 'static,
    {
        Box::pin(async move {
            let mut conn = pool.acquire().await.map_err(backend)?;
            self.all(&mut conn).await
        })
    }

    fn maybe_on(self, pool: &Pool<D>) -> Boxed<'_, Option<D::Row>>
    where
        'q: 'static,
    {
        Box::pin(async move {
            let mut conn = pool.acquire().await.map_err(backend)?;
            self.maybe(&mut conn).await
        })
    }

    fn all<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, Vec<D::Row>>
    where
        'q: 'c,
    {
        Box::pin(async move { self.fetch_all(D::exec(conn)).await.map_err(backend) })
    }

    fn maybe<'c>(self, conn: &'c mut D::Connection) -> Boxed<'c, Option<D::Row>>
    where
        'q: 'c,
    {
        Box::pin(async move { self.fetch_optional(D::exec(conn)).await.map_err(backend) })
    }
}

/// Commits a write transaction, first appending what the call carries
/// ([`rebound_store::effects`]: the change's audit events, the messages,
/// jobs and in-app notifications it causes): they commit with the change or not at all. Every write transaction ends here.
pub(crate) async fn commit_write<D: Dialect>(mut tx: Tx<D>) -> Result<(), StoreError> {
    let carried = crate::stmt::carried(&rebound_store::effects::take());
    crate::stmt::run_all::<D>(&mut tx, carried).await?;
    tx.commit().await.map_err(backend)
}

/// A write that found nothing to do (nothing to remove, a stale version):
/// what it carries is dropped, so nothing is logged for it.
pub(crate) fn nothing_done() {
    drop(rebound_store::effects::take());
}

pub(crate) async fn lock<D: Dialect>(
    tx: &mut Tx<D>,
    table: &str,
    mode: LockMode,
) -> Result<(), StoreError> {
    if let Some(sql) = D::lock_statement(table, mode) {
        query_owned::<D>(sql).run(tx).await?;
    }
    Ok(())
}

impl Dialect for sqlx::Sqlite {
    fn statements() -> &'static crate::read::Statements {
        static BUILT: std::sync::OnceLock<crate::read::Statements> = std::sync::OnceLock::new();
        BUILT.get_or_init(crate::read::Statements::build::<Self>)
    }
    type Exec<'c> = &'c mut sqlx::SqliteConnection;
    fn exec(conn: &mut sqlx::SqliteConnection) -> Self::Exec<'_> {
        conn
    }
    fn affected(done: &sqlx::sqlite::SqliteQueryResult) -> u64 {
        done.rows_affected()
    }
    // Takes the write lock first: a deferred transaction would instead fail
    // when it upgraded a stale snapshot to write.
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    fn write_gate(pool: &Pool<Self>) -> Option<crate::gate::Gate> {
        Some(crate::gate::for_file(pool.connect_options().get_filename()))
    }
    // In WAL mode a read transaction keeps the snapshot of its first read.
    const BEGIN_READ: &'static str = "BEGIN";
    // BEGIN IMMEDIATE already holds the database's one write lock.
    const LOCK_ROW: &'static str = "";
    // BEGIN IMMEDIATE: one claimer at a time already.
    const SKIP_LOCKED: &'static str = "";
    // One write lock: a second writer would only wait for it.
    const WRITERS_AT_ONCE: usize = 1;
    const TABLE_EXISTS: &'static str =
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1";
    fn lock_statement(_: &str, _: LockMode) -> Option<String> {
        None // BEGIN IMMEDIATE already holds the database's one write lock.
    }
    // Each row's array is text by the time it leaves the UNION, so the
    // rows are joined as text rather than parsed again as JSON.
    fn json_tagged_rows(lists: &[(String, String)]) -> String {
        let rows = union(lists, "json_array");
        format!("(SELECT COALESCE('[' || group_concat(x.r, ',') || ']', '[]') FROM ({rows}) x)")
    }
    fn in_list(column: &str, param: &str) -> String {
        format!("{column} IN (SELECT value FROM json_each({param}))")
    }
    fn bind_list<'q>(q: Query<'q, Self>, items: &[&str]) -> Query<'q, Self> {
        q.bind(serde_json::to_string(items).expect("a list of strings is always JSON"))
    }
}

impl Dialect for sqlx::Postgres {
    fn statements() -> &'static crate::read::Statements {
        static BUILT: std::sync::OnceLock<crate::read::Statements> = std::sync::OnceLock::new();
        BUILT.get_or_init(crate::read::Statements::build::<Self>)
    }
    type Exec<'c> = &'c mut sqlx::PgConnection;
    fn exec(conn: &mut sqlx::PgConnection) -> Self::Exec<'_> {
        conn
    }
    fn affected(done: &sqlx::postgres::PgQueryResult) -> u64 {
        done.rows_affected()
    }
    // READ COMMITTED: each statement sees what others committed before it,
    // which checks followed by a write under a row or table lock need.
    const BEGIN_WRITE: &'static str = "BEGIN";
    fn write_gate(_: &Pool<Self>) -> Option<crate::gate::Gate> {
        None // row locks: writers of different rows go side by side.
    }
    // The default takes a new snapshot per statement.
    const BEGIN_READ: &'static str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    const LOCK_ROW: &'static str = " FOR NO KEY UPDATE";
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";
    // Backends committing together are flushed by one WAL write.
    const WRITERS_AT_ONCE: usize = 4;
    const TABLE_EXISTS: &'static str = "SELECT 1 WHERE to_regclass($1) IS NOT NULL";
    fn lock_statement(table: &str, mode: LockMode) -> Option<String> {
        let mode = match mode {
            LockMode::Exclusive => "EXCLUSIVE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        };
        Some(format!("LOCK TABLE {table} IN {mode} MODE"))
    }
    fn json_tagged_rows(lists: &[(String, String)]) -> String {
        let rows = union(lists, "json_build_array");
        format!("(SELECT COALESCE(json_agg(x.r), '[]'::json)::text FROM ({rows}) x)")
    }
    // An array parameter: PostgreSQL answers it from the index (a BitmapOr
    // beside another condition).
    fn in_list(column: &str, param: &str) -> String {
        format!("{column} = ANY({param})")
    }
    fn bind_list<'q>(q: Query<'q, Self>, items: &[&str]) -> Query<'q, Self> {
        q.bind(items.to_vec())
    }
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
