//! The guard both backends run before migrating.

use crate::prelude::*;
use crate::rows::Cols;
use rebound_store::StoreError;

/// Refuses a database migrated by a newer Rebound (one with migrations
/// numbered past `known`), before anything runs on it: migrating would fail
/// half-way or, worse, write to a schema this build does not understand.
pub async fn refuse_newer_schema<D: Dialect>(
    conn: &mut D::Connection,
    known: i64,
) -> Result<(), StoreError> {
    let tracked = query::<D>(D::TABLE_EXISTS)
        .arg("_sqlx_migrations")
        .maybe(conn)
        .await?;
    if tracked.is_none() {
        return Ok(());
    }
    let row = query::<D>("SELECT MAX(version) AS v FROM _sqlx_migrations")
        .one(conn)
        .await?;
    match Cols(&row).opt_int("v")? {
        Some(found) if found > known => Err(StoreError::NewerSchema { found, known }),
        _ => Ok(()),
    }
}

/// Builds the kept children document of every mistake that has none
/// (`children.rs`): those stored before migration 0020, or whose document
/// a later migration set back to NULL to have it rebuilt. Run by both
/// backends after migrating; one statement, finding nothing once done, and
/// safe when two servers start at once (each row is built by whichever
/// locks it first, and the other then finds it built).
pub async fn build_missing_children<D: Dialect>(
    conn: &mut D::Connection,
) -> Result<(), StoreError> {
    query::<D>(D::statements().fill_children).run(conn).await?;
    Ok(())
}
