//! Failed sign-ins, counted in the database so every server process
//! sharing it sees the same numbers; and the sweeping of expired rows.

use crate::prelude::*;
use crate::rows::Cols;
use crate::rows::{corrupt, ms};
use jiff::Timestamp;
use rebound_store::StoreError;

pub(crate) async fn record_failure<D: Dialect>(
    pool: &Pool<D>,
    key: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    query::<D>("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
        .arg(key)
        .arg(ms(at))
        .run_on(pool)
        .await
        .map(drop)
}

pub(crate) async fn failures_since<D: Dialect>(
    pool: &Pool<D>,
    key: &str,
    since: Timestamp,
) -> Result<u32, StoreError> {
    let row = query::<D>("SELECT COUNT(*) AS n FROM login_failures WHERE key = $1 AND at >= $2")
        .arg(key)
        .arg(ms(since))
        .one_on(pool)
        .await?;
    let n = Cols(&row).int("n")?;
    // More than u32::MAX failures would take a while; saturate rather than fail.
    u32::try_from(n).or_else(|_| {
        if n > 0 {
            Ok(u32::MAX)
        } else {
            Err(corrupt("COUNT(*)", n))
        }
    })
}

pub(crate) async fn clear_failures<D: Dialect>(
    pool: &Pool<D>,
    key: &str,
) -> Result<(), StoreError> {
    query::<D>("DELETE FROM login_failures WHERE key = $1")
        .arg(key)
        .run_on(pool)
        .await
        .map(drop)
}

pub(crate) async fn purge_expired<D: Dialect>(
    pool: &Pool<D>,
    now: Timestamp,
    failures_before: Timestamp,
) -> Result<u64, StoreError> {
    crate::purge::delete_all(
        pool,
        &[
            ("DELETE FROM sessions WHERE expires_at <= $1", now),
            ("DELETE FROM invitations WHERE expires_at <= $1", now),
            ("DELETE FROM login_failures WHERE at < $1", failures_before),
        ],
    )
    .await
}
