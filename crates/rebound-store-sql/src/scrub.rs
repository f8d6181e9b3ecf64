//! [`Scrub`] on both databases: the table names checked once here, then
//! what each database needs for deleted rows to leave its files
//! (`scrub/sqlite.rs`, `scrub/postgres.rs`; ARCHITECTURE.md, "Erasure
//! leaves no plaintext"). Unlike every other method this one truly differs
//! per database, so it is the dialect's, whole.

mod postgres;
mod postgres_wal;
mod sqlite;

use crate::prelude::*;
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_store::{Scrub, ScrubReport, StoreError};
use std::future::Future;

/// How one database overwrites what deleted rows left in its files.
pub trait ScrubDialect: Dialect {
    /// `tables` are known tables of the schema (checked by the caller).
    fn scrub(
        pool: &Pool<Self>,
        tables: &[&str],
    ) -> impl Future<Output = Result<ScrubReport, StoreError>> + Send;
}

#[async_trait]
impl<D: ScrubDialect, H: HotPaths<D>> Scrub for SqlStore<D, H> {
    async fn scrub_after_erasure(&self, tables: &[&str]) -> Result<ScrubReport, StoreError> {
        for table in tables {
            check_table::<D>(&self.pool, table).await?;
        }
        let report = D::scrub(&self.pool, tables).await?;
        for what in &report.left {
            tracing::warn!(left = %what, "erasure scrub incomplete");
        }
        tracing::info!(
            tables = tables.len(),
            rewritten = report.rewritten.len(),
            wal_cleared = report.wal_cleared,
            complete = report.complete(),
            "erasure scrub done"
        );
        Ok(report)
    }
}

/// A plain lower-case name of a table the schema has: the PostgreSQL side
/// writes it into `VACUUM`, which takes no parameters.
async fn check_table<D: Dialect>(pool: &Pool<D>, table: &str) -> Result<(), StoreError> {
    let plain = table
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && table
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let exists = plain
        && query::<D>(D::TABLE_EXISTS)
            .arg(table)
            .maybe_on(pool)
            .await?
            .is_some();
    if exists {
        Ok(())
    } else {
        Err(StoreError::Backend(
            format!("cannot scrub the table {table:?}: the schema has no such table").into(),
        ))
    }
}
