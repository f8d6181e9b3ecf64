//! Housekeeping's deletes: several statements in one transaction, each
//! with its own cut-off time bound as `$1`.

use crate::prelude::*;

use crate::rows::ms;
use jiff::Timestamp;
use rebound_store::StoreError;

/// Runs each `(DELETE …, cut-off)` in one transaction; returns how many
/// rows went in all.
pub(crate) async fn delete_all<D: Dialect>(
    pool: &Pool<D>,
    statements: &[(&'static str, Timestamp)],
) -> Result<u64, StoreError> {
    let mut tx = begin_write(pool).await?;
    let mut gone = 0;
    for (sql, at) in statements {
        gone += query::<D>(sql).arg(ms(*at)).run(&mut *tx).await?;
    }
    commit_write(tx).await?;
    Ok(gone)
}
