//! Making erased text unrecoverable from the database's files.
//!
//! Deleting a row only unlinks it: its bytes stay in the page it lived in,
//! in the write-ahead log, and (PostgreSQL) in the planner's statistics
//! until something overwrites them. [`Scrub::scrub_after_erasure`] is run
//! once an erasure has committed, and does what each database needs for
//! those bytes to be gone from its files (ARCHITECTURE.md, "Erasure leaves
//! no plaintext"). What it could not do is said in the report, never
//! silently skipped.

use crate::StoreError;
use async_trait::async_trait;

/// What a scrub did, and what it could not do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScrubReport {
    /// The tables whose files were rewritten without their deleted rows
    /// (PostgreSQL's `VACUUM FULL`). Empty on SQLite, where
    /// `secure_delete` zeroes a row as it is deleted.
    pub rewritten: Vec<String>,
    /// Whether the write-ahead log no longer holds anything written before
    /// the erasure: SQLite's WAL emptied, PostgreSQL's segments switched,
    /// checkpointed and the recycled ones overwritten.
    pub wal_cleared: bool,
    /// Each step that could not be done, in words (a missing privilege, a
    /// transaction that kept an old snapshot): empty when nothing the
    /// erasure deleted is left in the files.
    pub left: Vec<String>,
}

impl ScrubReport {
    /// Nothing the erasure deleted is left in the database's files.
    pub fn complete(&self) -> bool {
        self.wal_cleared && self.left.is_empty()
    }
}

#[async_trait]
pub trait Scrub: Send + Sync {
    /// Called after an erasure has committed, with the tables it deleted
    /// rows from: overwrites what those rows left in the database's files
    /// (pages, indexes, statistics, the write-ahead log). Safe to call at
    /// any time and more than once; a table name the database does not
    /// know is an error, and nothing is done.
    async fn scrub_after_erasure(&self, tables: &[&str]) -> Result<ScrubReport, StoreError>;
}
