//! PostgreSQL: a deleted tuple stays in its heap page (VACUUM marks the
//! space free, it does not zero it), in index pages, in TOAST, in the
//! planner's statistics (`pg_statistic`: most common values, histogram
//! bounds) and in the WAL. So, after the erasure commits:
//!
//! 1. wait (bounded) until no transaction that began before it still runs
//!    (in any database: a snapshot's xmin is server-wide) and no session of
//!    this database holds a snapshot from before it: `VACUUM FULL` copies
//!    the rows such a snapshot could see, deleted ones included;
//! 2. `VACUUM (FULL, ANALYZE)` each table: the table, its indexes and its
//!    TOAST are written to new files with the live rows only; the old files
//!    are truncated to nothing when it commits; the statistics are made
//!    again from the live rows (a table left empty keeps its old ones, so
//!    they are removed);
//! 3. `VACUUM FULL pg_statistic`, whose old tuples hold the old statistics;
//! 4. the WAL (`postgres_wal.rs`).
//!
//! The steps that need a privilege the role may lack are tried and, when
//! refused, reported in words and logged, never silently skipped.

use super::ScrubDialect;
use super::postgres_wal;
use crate::prelude::*;
use rebound_store::{ScrubReport, StoreError};
use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection, Pool, Postgres};
use std::time::{Duration, Instant};

/// How long step 1 waits for older snapshots to end.
const HORIZON_WAIT: Duration = Duration::from_secs(10);
/// How long a rewrite waits for a table's lock before giving that table up
/// (a rewrite holds an exclusive lock, and every reader queues behind it).
const LOCK_TIMEOUT: &str = "10s";

impl ScrubDialect for Postgres {
    async fn scrub(pool: &Pool<Postgres>, tables: &[&str]) -> Result<ScrubReport, StoreError> {
        // A connection of its own, closed at the end: the session settings
        // below never go back to the pool.
        let mut conn = pool.acquire().await.map_err(backend)?.detach();
        let report = scrub_on(&mut conn, tables).await;
        let _ = conn.close().await;
        report
    }
}

async fn scrub_on(conn: &mut PgConnection, tables: &[&str]) -> Result<ScrubReport, StoreError> {
    let mut report = ScrubReport::default();
    conn.execute(AssertSqlSafe(format!(
        "SET lock_timeout = '{LOCK_TIMEOUT}'"
    )))
    .await
    .map_err(backend)?;
    if let Some(holders) = wait_for_older_snapshots(conn).await? {
        report.left.push(format!(
            "transactions that began before the erasure were still open after {} s (on this server, in any database: {holders}); the deleted rows they keep visible are copied into the rewritten tables: scrub again once they end",
            HORIZON_WAIT.as_secs()
        ));
    }
    for table in tables {
        if !may_vacuum(conn, table).await? {
            report.left.push(format!(
                "the role does not own the table {table}, so it cannot rewrite it: its deleted rows stay in its files"
            ));
            continue;
        }
        let sql = format!("VACUUM (FULL, ANALYZE) \"{table}\"");
        match conn.execute(AssertSqlSafe(sql)).await {
            Ok(_) => {
                report.rewritten.push((*table).to_string());
                forget_statistics_if_empty(conn, table, &mut report).await?;
            }
            Err(e) if code(&e).as_deref() == Some("55P03") => report.left.push(format!(
                "the table {table} stayed locked by others for {LOCK_TIMEOUT}: not rewritten, its deleted rows stay in its files"
            )),
            Err(e) => return Err(backend(e)),
        }
    }
    // The ANALYZEs above replaced the statistics: their old versions are
    // dead only once every snapshot taken before them has ended, anywhere
    // on the server, so wait again before rewriting pg_statistic (a run of
    // the whole test suite caught a rewrite that kept them).
    if let Some(holders) = wait_for_older_snapshots(conn).await? {
        report.left.push(format!(
            "transactions older than the new statistics were still open after {} s ({holders}): pg_statistic may keep the old ones: scrub again once they end",
            HORIZON_WAIT.as_secs()
        ));
    }
    if may_vacuum(conn, "pg_catalog.pg_statistic").await? {
        match conn.execute("VACUUM FULL pg_catalog.pg_statistic").await {
            Ok(_) => {}
            Err(e) if code(&e).as_deref() == Some("55P03") => report.left.push(format!(
                "pg_statistic stayed locked by others for {LOCK_TIMEOUT}: old statistics of the erased rows' columns stay in its files"
            )),
            Err(e) => return Err(backend(e)),
        }
    } else {
        report.left.push(
            "only a superuser or the database's owner may rewrite pg_statistic: old statistics of the erased rows' columns stay in its files".into(),
        );
    }
    postgres_wal::clear(conn, &mut report).await?;
    Ok(report)
}

/// `ANALYZE` of a table with no rows left keeps its last statistics (it
/// writes new ones only from rows it sampled), which may hold erased
/// values: a superuser removes them; anyone else can only say so.
async fn forget_statistics_if_empty(
    conn: &mut PgConnection,
    table: &str,
    report: &mut ScrubReport,
) -> Result<(), StoreError> {
    let stale: bool = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT NOT EXISTS (SELECT 1 FROM \"{table}\") \
         AND EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1)"
    )))
    .bind(table)
    .fetch_one(&mut *conn)
    .await
    .map_err(backend)?;
    if !stale {
        return Ok(());
    }
    let removed =
        sqlx::query("DELETE FROM pg_catalog.pg_statistic WHERE starelid = to_regclass($1)")
            .bind(table)
            .execute(&mut *conn)
            .await;
    match removed {
        Ok(_) => Ok(()),
        Err(e) if code(&e).as_deref() == Some("42501") => {
            report.left.push(format!(
                "the table {table} is empty now, and PostgreSQL keeps its last statistics, which may hold erased values: only a superuser may remove them"
            ));
            Ok(())
        }
        Err(e) => Err(backend(e)),
    }
}

/// Step 1. The erasure committed before this call, so an id drawn now is
/// newer than its transaction. A snapshot's xmin is the oldest transaction
/// still running on the whole server, whatever its database, so the
/// rewrite's own snapshot keeps the deleted rows while any transaction that
/// began before the mark runs anywhere; and a session of this database keeps
/// them while its snapshot is older. Waits until neither is so (the pids of
/// those still older after [`HORIZON_WAIT`]). Prepared transactions count
/// too, as running.
async fn wait_for_older_snapshots(conn: &mut PgConnection) -> Result<Option<String>, StoreError> {
    let mark: String = sqlx::query_scalar("SELECT pg_current_xact_id()::text")
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)?;
    let mark = xid32(&mark)?;
    // xids wrap around: older is "behind by less than half the space".
    let older = |xid: &Option<String>| -> Result<bool, StoreError> {
        Ok(match xid {
            Some(x) => (xid32(x)?.wrapping_sub(mark) as i32) < 0,
            None => false,
        })
    };
    let started = Instant::now();
    loop {
        let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT pid::text, backend_xid::text, \
                    CASE WHEN datname = current_database() THEN backend_xmin::text END \
             FROM pg_stat_activity \
             WHERE pid <> pg_backend_pid() AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL) \
             UNION ALL \
             SELECT 'prepared ' || gid, transaction::text, NULL FROM pg_prepared_xacts",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        let mut holders = Vec::new();
        for (who, xid, xmin) in rows {
            if older(&xid)? || older(&xmin)? {
                holders.push(who);
            }
        }
        if holders.is_empty() {
            return Ok(None);
        }
        if started.elapsed() >= HORIZON_WAIT {
            return Ok(Some(holders.join(", ")));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The 32-bit transaction id of an `xid` or `xid8` in text (an xid8 is the
/// epoch and the xid in one 64-bit number).
fn xid32(text: &str) -> Result<u32, StoreError> {
    text.parse::<u64>()
        .map(|x| x as u32)
        .map_err(|_| StoreError::Backend(format!("not a transaction id: {text:?}").into()))
}

/// What `VACUUM` itself checks (PostgreSQL 15): the owner's privileges, or
/// the database's owner for a table that is not shared; one it may not
/// vacuum it skips with a warning, not an error, so the check comes first.
async fn may_vacuum(conn: &mut PgConnection, table: &str) -> Result<bool, StoreError> {
    sqlx::query_scalar(
        "SELECT pg_has_role(c.relowner, 'USAGE') \
            OR (pg_has_role(d.datdba, 'USAGE') AND NOT c.relisshared) \
         FROM pg_class c, pg_database d \
         WHERE c.oid = to_regclass($1) AND d.datname = current_database()",
    )
    .bind(table)
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)
    .map(|allowed: Option<bool>| allowed.unwrap_or(false))
}

/// The SQLSTATE of a database error.
pub(super) fn code(e: &sqlx::Error) -> Option<String> {
    e.as_database_error()
        .and_then(|d| d.code())
        .map(|c| c.into_owned())
}
