//! The outbox and the scheduler, one text for both databases. A claim is
//! one short transaction that leases rows to a worker; the sending happens
//! after it, outside any transaction, and its outcome is a second one that
//! holds only while the lease is still that worker's. On PostgreSQL,
//! `SKIP LOCKED` keeps claimers from waiting on each other; on SQLite the
//! write lock orders them. Either way the lease, not the lock, is what
//! keeps two workers off one row.

pub(crate) mod digest;
pub(crate) mod jobs;
pub(crate) mod outbox;
pub(crate) mod preferences;
pub(crate) mod webhooks;

use crate::prelude::*;
use crate::rows::{Cols, ms};
use crate::stmt::Stmt;
use jiff::Timestamp;
use rebound_store::{NewJob, NewMessage, StoreError};

/// Queues `messages` and schedules `jobs` inside `tx` (what a write
/// carries); a key already there is skipped. Returns how many were new.
pub(crate) async fn append_in<D: Dialect>(
    tx: &mut Tx<D>,
    messages: &[NewMessage],
    jobs: &[NewJob],
) -> Result<usize, StoreError> {
    let new = crate::stmt::run_all::<D>(&mut *tx, statements(messages, jobs)).await?;
    Ok(new as usize)
}

/// The statements that queue `messages` and schedule `jobs`.
pub fn statements(messages: &[NewMessage], jobs: &[NewJob]) -> Vec<Stmt> {
    let messages = messages.iter().map(|m| {
        Stmt::new(
            "INSERT INTO outbox (idem_key, channel, kind, sender_id, recipient_id, address,
                 mistake_id, message_id, payload, next_attempt_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (idem_key) DO NOTHING",
        )
        .arg(m.idem_key.as_str())
        .arg(m.channel.as_str())
        .arg(m.kind.as_str())
        .arg(m.sender.as_ref().map(|u| u.as_str()))
        .arg(m.recipient.as_ref().map(|u| u.as_str()))
        .arg(m.address.as_str())
        .arg(m.mistake.as_ref().map(|i| i.as_str()))
        .arg(m.message_id.as_str())
        .arg(m.payload.as_str())
        .arg(ms(m.due))
        .arg(ms(m.created))
    });
    let jobs = jobs.iter().map(|j| {
        Stmt::new(
            "INSERT INTO jobs (job_key, kind, payload, due_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (job_key) DO NOTHING",
        )
        .arg(j.key.as_str())
        .arg(j.kind.as_str())
        .arg(j.payload.as_str())
        .arg(ms(j.due))
    });
    messages.chain(jobs).collect()
}

/// What to claim from: the table, its due-time column and the columns a
/// claim returns.
pub(crate) struct Queue {
    pub table: &'static str,
    pub due: &'static str,
    pub returning: &'static str,
}

/// Leases up to `limit` pending rows of `q` due at `now` whose lease is
/// free (or ran out) to `worker` until `until`, oldest due first, in one
/// short transaction; the rows as claimed.
pub(crate) async fn claim<D: Dialect>(
    pool: &Pool<D>,
    q: &Queue,
    worker: &str,
    (now, until): (Timestamp, Timestamp),
    limit: u32,
) -> Result<Vec<D::Row>, StoreError> {
    let (table, due, returning) = (q.table, q.due, q.returning);
    let sql = format!(
        "UPDATE {table} SET lease_owner = $1, lease_until = $2 WHERE id IN (
             SELECT id FROM {table} WHERE state = 'pending' AND {due} <= $3
                AND (lease_until IS NULL OR lease_until <= $3)
              ORDER BY {due}, id LIMIT $4{})
         RETURNING {returning}",
        D::SKIP_LOCKED
    );
    let mut tx = begin_write(pool).await?;
    let rows = query_owned::<D>(sql)
        .arg(worker)
        .arg(ms(until))
        .arg(ms(now))
        .arg(i64::from(limit))
        .all(&mut tx)
        .await?;
    commit_write(tx).await?;
    Ok(rows)
}

/// The earliest time a pending message or job can be claimed: its due
/// time, or when its lease runs out if it is held.
pub(crate) async fn next_due<D: Dialect>(pool: &Pool<D>) -> Result<Option<Timestamp>, StoreError> {
    let row = query::<D>(
        "SELECT MIN(t) AS t FROM (
             SELECT MIN(CASE WHEN lease_until > next_attempt_at THEN lease_until
                             ELSE next_attempt_at END) AS t
               FROM outbox WHERE state = 'pending'
             UNION ALL
             SELECT MIN(CASE WHEN lease_until > due_at THEN lease_until ELSE due_at END) AS t
               FROM jobs WHERE state = 'pending') x",
    )
    .one_on(pool)
    .await?;
    let c = Cols(&row);
    c.opt_at("t")
}

/// The secret `name`, storing `fresh` first if there is none.
pub(crate) async fn secret<D: Dialect>(
    pool: &Pool<D>,
    name: &str,
    fresh: &str,
    now: Timestamp,
) -> Result<String, StoreError> {
    let mut tx = begin_write(pool).await?;
    query::<D>(
        "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO NOTHING",
    )
    .arg(name)
    .arg(fresh)
    .arg(ms(now))
    .run(&mut tx)
    .await?;
    let row = query::<D>("SELECT value FROM server_secrets WHERE name = $1")
        .arg(name)
        .one(&mut tx)
        .await?;
    let value = Cols(&row).text("value")?;
    commit_write(tx).await?;
    Ok(value)
}
