//! Failed sign-ins, counted in the database so every server process
//! sharing it sees the same numbers; and the sweeping of expired rows.

use crate::rows::{backend, corrupt, ms};
use jiff::Timestamp;
use rebound_store::StoreError;
use sqlx::PgPool;

pub(crate) async fn record_failure(
    pool: &PgPool,
    key: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(ms(at))
        .execute(pool)
        .await
        .map(drop)
        .map_err(backend)
}

pub(crate) async fn failures_since(
    pool: &PgPool,
    key: &str,
    since: Timestamp,
) -> Result<u32, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(ms(since))
            .fetch_one(pool)
            .await
            .map_err(backend)?;
    // More than u32::MAX failures would take a while; saturate rather than fail.
    u32::try_from(n).or_else(|_| {
        if n > 0 {
            Ok(u32::MAX)
        } else {
            Err(corrupt("COUNT(*)", n))
        }
    })
}

pub(crate) async fn clear_failures(pool: &PgPool, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key)
        .execute(pool)
        .await
        .map(drop)
        .map_err(backend)
}

pub(crate) async fn purge_expired(
    pool: &PgPool,
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
