//! Sign-in attempts, counted in the database before the password is
//! checked (a success takes its own back) so every server process
//! sharing it sees the same numbers; and the sweeping of expired rows.

use crate::prelude::*;
use crate::rows::Cols;
use crate::rows::{corrupt, ms};
use jiff::Timestamp;
use rebound_store::StoreError;

/// Counts one sign-in attempt under every key, before the password is
/// checked: `None` (and nothing written) if a key already has `limit`
/// attempts at or after `since`, else each key gets one row, stamped with
/// the returned time. The check and the insert are one step for every
/// process on the database: PostgreSQL's READ COMMITTED would let two
/// servers count the same rows and both go on, so the table is locked
/// against other writers first (SQLite's write lock already is one). The
/// stamp is `at`, or just after the key's latest row, so a key's rows are
/// unique and [`forget_attempt`] removes exactly this one.
pub(crate) async fn begin_attempt<D: Dialect>(
    pool: &Pool<D>,
    keys: &[&str],
    at: Timestamp,
    since: Timestamp,
    limit: u32,
) -> Result<Option<Timestamp>, StoreError> {
    let mut tx = begin_write(pool).await?;
    lock(&mut tx, "login_failures", LockMode::ShareRowExclusive).await?;
    let mut stamp = ms(at);
    for key in keys {
        let row = query::<D>(
            "SELECT (SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2) AS n, \
                    (SELECT MAX(at) FROM login_failures WHERE key = $1) AS latest",
        )
        .arg(*key)
        .arg(ms(since))
        .one(&mut tx)
        .await?;
        if Cols(&row).int("n")? >= i64::from(limit) {
            tx.rollback().await.map_err(backend)?;
            return Ok(None);
        }
        if let Some(latest) = Cols(&row).opt_int("latest")? {
            stamp = stamp.max(latest + 1);
        }
    }
    for key in keys {
        query::<D>("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .arg(*key)
            .arg(stamp)
            .run(&mut tx)
            .await?;
    }
    commit_write(tx).await?;
    Timestamp::from_millisecond(stamp)
        .map(Some)
        .map_err(|_| corrupt("at", stamp))
}

/// Removes the attempt [`begin_attempt`] stamped `at` under `key`.
pub(crate) async fn forget_attempt<D: Dialect>(
    pool: &Pool<D>,
    key: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    query::<D>("DELETE FROM login_failures WHERE key = $1 AND at = $2")
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
