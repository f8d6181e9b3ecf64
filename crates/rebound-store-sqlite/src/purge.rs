//! Housekeeping's deletes: several statements in one transaction, each
//! with its own cut-off time bound as `$1`.

use crate::accounts::write_tx;
use crate::rows::{backend, ms};
use jiff::Timestamp;
use rebound_store::StoreError;
use sqlx::SqlitePool;

/// Runs each `(DELETE …, cut-off)` in one transaction; returns how many
/// rows went in all.
pub(crate) async fn delete_all(
    pool: &SqlitePool,
    statements: &[(&'static str, Timestamp)],
) -> Result<u64, StoreError> {
    let mut tx = write_tx(pool).await?;
    let mut gone = 0;
    for (sql, at) in statements {
        gone += sqlx::query(*sql)
            .bind(ms(*at))
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
    }
    tx.commit().await.map_err(backend)?;
    Ok(gone)
}
