//! SQLite: every writing connection has `secure_delete` on (the SQLite
//! crate's `open.rs` and `audit.rs`), so a deleted row's cells, and pages
//! it freed, are zeros in the page as the DELETE writes it. But that page
//! goes to the WAL first; the WAL keeps earlier frames of the same page
//! (the text as inserted) and the main file keeps the old page until a
//! checkpoint copies the new one over it. `wal_checkpoint(TRUNCATE)` does
//! both: it copies every frame into the main file and empties the WAL.

use super::ScrubDialect;
use crate::prelude::*;
use rebound_store::{ScrubReport, StoreError};
use sqlx::{Pool, Sqlite};
use std::time::Duration;

/// A checkpoint waits (the 5 s busy timeout) for readers still on older
/// frames; should one keep reading past that, it is tried again a few times.
const TRIES: u32 = 5;
const PAUSE: Duration = Duration::from_millis(200);

impl ScrubDialect for Sqlite {
    async fn scrub(pool: &Pool<Sqlite>, _tables: &[&str]) -> Result<ScrubReport, StoreError> {
        let mut conn = pool.acquire().await.map_err(backend)?;
        let mut report = ScrubReport::default();
        let secure: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut *conn)
            .await
            .map_err(backend)?;
        if secure == 0 {
            report.left.push(
                "secure_delete is off on this connection: deleted rows may remain in free space"
                    .into(),
            );
        }
        for attempt in 1..=TRIES {
            // (busy, frames in the WAL, frames checkpointed); -1 frames
            // when the database is not in WAL mode (in memory), where there
            // is no WAL to empty.
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&mut *conn)
                .await
                .map_err(backend)?;
            if busy == 0 {
                report.wal_cleared = true;
                return Ok(report);
            }
            if attempt < TRIES {
                tokio::time::sleep(PAUSE).await;
            }
        }
        report.left.push(format!(
            "the WAL could not be emptied: a reader kept an older snapshot through {TRIES} checkpoints; the deleted text stays in the -wal file until the next checkpoint"
        ));
        Ok(report)
    }
}
