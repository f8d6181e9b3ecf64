//! PostgreSQL's WAL after an erasure. The segments written before it hold
//! the rows as inserted (and, with full-page writes, whole pages of them).
//!
//! 1. `pg_switch_wal()` ends the segment being written (the rest of it is
//!    written as zeros).
//! 2. `CHECKPOINT` writes every changed page to its file (the old files of
//!    the rewritten tables, already empty, are unlinked) and moves the redo
//!    point past the switch: every segment before it is no longer needed
//!    and is removed.
//! 3. "Removed" is only true with `wal_recycle = off`. By default PostgreSQL
//!    renames an old segment to a future name for reuse, contents intact,
//!    until the WAL reaches it. So, with `wal_recycle` on, every segment that
//!    exists after step 2 is passed through: one small record, then a
//!    switch, which writes the rest of the segment as zeros. The segment
//!    written after that is a new file.
//! 4. Segments before the redo point that are still there are kept on
//!    purpose (`wal_keep_size`, a replication slot, archiving): reported.
//!
//! `CHECKPOINT` needs superuser or `pg_checkpoint`, `pg_switch_wal` superuser
//! (or a grant), listing `pg_wal` superuser or `pg_monitor`; a refusal stops
//! here, said in the report.

use super::postgres::code;
use crate::prelude::*;
use rebound_store::{ScrubReport, StoreError};
use sqlx::{Executor, PgConnection};

/// How many segments step 3 passes through at most: PostgreSQL keeps
/// recycled segments up to `max_wal_size` (1 GB by default: 64 of 16 MB).
const MAX_SEGMENTS: usize = 1024;

const SEGMENTS: &str =
    "SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' ORDER BY name";
const WRITING: &str = "SELECT pg_walfile_name(pg_current_wal_insert_lsn())";

pub(super) async fn clear(
    conn: &mut PgConnection,
    report: &mut ScrubReport,
) -> Result<(), StoreError> {
    let switched = sqlx::query("SELECT pg_switch_wal()")
        .execute(&mut *conn)
        .await
        .map(drop);
    if refused(switched, "pg_switch_wal()", report)?.is_none() {
        return Ok(());
    }
    // One record, so the segment named is the one after the switch.
    let _: String = scalar(conn, "SELECT pg_current_xact_id()::text").await?;
    let first_after: String = scalar(conn, WRITING).await?;
    if refused(checkpoint(conn).await, "CHECKPOINT", report)?.is_none() {
        return Ok(());
    }
    let segments = sqlx::query_scalar::<_, String>(SEGMENTS)
        .fetch_all(&mut *conn)
        .await;
    let Some(segments) = refused(segments, "pg_ls_waldir()", report)? else {
        return Ok(());
    };
    let recycle: String = scalar(conn, "SHOW wal_recycle").await?;
    if recycle == "on" {
        let newest = segments.last().cloned().unwrap_or_default();
        overwrite_through(conn, &newest).await?;
    }
    let kept = segments.iter().filter(|s| **s < first_after).count();
    if kept > 0 {
        report.left.push(format!(
            "{kept} WAL segments from before the erasure are kept by PostgreSQL (wal_keep_size, a replication slot or archiving): they hold the erased text until it removes them"
        ));
        return Ok(());
    }
    report.wal_cleared = true;
    Ok(())
}

/// Step 3: until the segment being written is newer than `newest`, one
/// record (an id's commit) and a switch.
async fn overwrite_through(conn: &mut PgConnection, newest: &str) -> Result<(), StoreError> {
    for _ in 0..MAX_SEGMENTS {
        let _: String = scalar(conn, "SELECT pg_current_xact_id()::text").await?;
        let writing: String = scalar(conn, WRITING).await?;
        if writing.as_str() > newest {
            return Ok(());
        }
        sqlx::query("SELECT pg_switch_wal()")
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    Err(StoreError::Backend(
        format!("the WAL did not pass the segment {newest} after {MAX_SEGMENTS} switches").into(),
    ))
}

async fn checkpoint(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    conn.execute("CHECKPOINT").await.map(drop)
}

async fn scalar(conn: &mut PgConnection, sql: &'static str) -> Result<String, StoreError> {
    sqlx::query_scalar(sql)
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)
}

/// `Some` when `done` succeeded; `None` when the role lacks the privilege
/// for `what` (said in the report); any other failure is an error.
fn refused<T>(
    done: Result<T, sqlx::Error>,
    what: &str,
    report: &mut ScrubReport,
) -> Result<Option<T>, StoreError> {
    match done {
        Ok(v) => Ok(Some(v)),
        Err(e) if code(&e).as_deref() == Some("42501") => {
            report.left.push(format!(
                "the role may not run {what} (it needs superuser, or pg_checkpoint for CHECKPOINT and pg_monitor to list pg_wal): the WAL still holds the erased text until PostgreSQL recycles and overwrites its segments"
            ));
            Ok(None)
        }
        Err(e) => Err(backend(e)),
    }
}
