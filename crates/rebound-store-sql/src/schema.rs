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

/// Runs the rebuilds a migration asked for (`rebuilds_pending`, migration
/// 0021), after migrating: today only 'children', the kept document of
/// every mistake without one (`children.rs`: rows stored before migration
/// 0020). The row goes only once its rebuild is done; two servers starting
/// at once may both rebuild, and the second finds nothing left to build.
pub async fn run_pending_rebuilds<D: Dialect>(conn: &mut D::Connection) -> Result<(), StoreError> {
    let pending = query::<D>("SELECT 1 FROM rebuilds_pending WHERE what = 'children'")
        .maybe(conn)
        .await?;
    if pending.is_some() {
        query::<D>(D::statements().fill_children).run(conn).await?;
        query::<D>("DELETE FROM rebuilds_pending WHERE what = 'children'")
            .run(conn)
            .await?;
    }
    Ok(())
}
