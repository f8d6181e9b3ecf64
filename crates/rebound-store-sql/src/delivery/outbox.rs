//! Messages: claimed under a lease, each attempt recorded with its outcome.

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_domain::{MistakeId, UserId};
use rebound_store::{Attempt, Claimed, MessageState, NewMessage, SentMessage, StoreError};

pub(crate) async fn enqueue<D: Dialect>(
    pool: &Pool<D>,
    messages: &[NewMessage],
) -> Result<usize, StoreError> {
    let mut tx = begin_write(pool).await?;
    let new = super::append_in(&mut tx, messages, &[]).await?;
    commit_write(tx).await?;
    Ok(new)
}

const QUEUE: super::Queue = super::Queue {
    table: "outbox",
    due: "next_attempt_at",
    returning: "id, idem_key, channel, kind, sender_id, recipient_id, address, mistake_id,
        message_id, payload, next_attempt_at, attempts, created_at",
};

pub(crate) async fn claim<D: Dialect>(
    pool: &Pool<D>,
    worker: &str,
    now: Timestamp,
    until: Timestamp,
    limit: u32,
) -> Result<Vec<Claimed>, StoreError> {
    let rows = super::claim(pool, &QUEUE, worker, (now, until), limit).await?;
    let mut claimed = rows
        .iter()
        .map(|r| claimed(&Cols(r)))
        .collect::<Result<Vec<_>, _>>()?;
    claimed.sort_by_key(|c| (c.message.due, c.id));
    Ok(claimed)
}

fn claimed(c: &Cols) -> Result<Claimed, StoreError> {
    Ok(Claimed {
        id: c.int("id")?,
        message: NewMessage {
            idem_key: c.text("idem_key")?,
            channel: channel(c)?,
            kind: kind(c)?,
            sender: user(c, "sender_id")?,
            recipient: user(c, "recipient_id")?,
            address: c.text("address")?,
            mistake: mistake(c)?,
            message_id: c.text("message_id")?,
            payload: c.text("payload")?,
            created: c.at("created_at")?,
            due: c.at("next_attempt_at")?,
        },
        attempts: attempts(c)?,
    })
}

fn channel(c: &Cols) -> Result<Channel, StoreError> {
    let v = c.text("channel")?;
    Channel::parse(&v).ok_or_else(|| corrupt("channel", v))
}

fn kind(c: &Cols) -> Result<MessageKind, StoreError> {
    let v = c.text("kind")?;
    MessageKind::parse(&v).ok_or_else(|| corrupt("kind", v))
}

fn user(c: &Cols, column: &'static str) -> Result<Option<UserId>, StoreError> {
    c.opt_text(column)?
        .map(|v| UserId::parse(&v).map_err(|_| corrupt(column, v)))
        .transpose()
}

fn mistake(c: &Cols) -> Result<Option<MistakeId>, StoreError> {
    c.opt_text("mistake_id")?
        .map(|v| MistakeId::parse(&v).map_err(|_| corrupt("mistake_id", v)))
        .transpose()
}

fn attempts(c: &Cols) -> Result<u32, StoreError> {
    let n = c.int("attempts")?;
    u32::try_from(n).map_err(|_| corrupt("attempts", n))
}

/// The row's new state after `attempt`, and when it is next due.
fn after(attempt: &Attempt) -> (MessageState, Option<Timestamp>, Option<&str>) {
    match attempt {
        Attempt::Sent => (MessageState::Delivered, None, None),
        Attempt::Retry { error, at } => (MessageState::Pending, Some(*at), Some(error)),
        Attempt::Failed { error } => (MessageState::Failed, None, Some(error)),
        Attempt::Cancelled { reason } => (MessageState::Cancelled, None, Some(reason)),
    }
}

fn outcome(attempt: &Attempt) -> &'static str {
    match attempt {
        Attempt::Sent => "sent",
        Attempt::Retry { .. } => "retry",
        Attempt::Failed { .. } => "failed",
        Attempt::Cancelled { .. } => "cancelled",
    }
}

pub(crate) async fn record<D: Dialect>(
    pool: &Pool<D>,
    id: i64,
    worker: &str,
    attempt: &Attempt,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let (state, next, error) = after(attempt);
    let done_at = (state != MessageState::Pending).then_some(ms(now));
    let mut tx = begin_write(pool).await?;
    let row = query::<D>(
        "UPDATE outbox SET state = $1, attempts = attempts + 1,
             next_attempt_at = COALESCE($2, next_attempt_at), last_error = $3, done_at = $4,
             lease_owner = NULL, lease_until = NULL
         WHERE id = $5 AND lease_owner = $6 AND state = 'pending'
         RETURNING attempts",
    )
    .arg(state.as_str())
    .arg(next.map(ms))
    .arg(error)
    .arg(done_at)
    .arg(id)
    .arg(worker)
    .maybe(&mut tx)
    .await?;
    let Some(row) = row else {
        nothing_done();
        return Ok(false);
    };
    let attempt_no = Cols(&row).int("attempts")?;
    query::<D>(
        "INSERT INTO outbox_attempts (outbox_id, attempt, at, outcome, detail)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .arg(id)
    .arg(attempt_no)
    .arg(ms(now))
    .arg(outcome(attempt))
    .arg(error)
    .run(&mut tx)
    .await?;
    commit_write(tx).await?;
    Ok(true)
}

pub(crate) async fn sent_by<D: Dialect>(
    pool: &Pool<D>,
    sender: &UserId,
    about: Option<&MistakeId>,
    limit: u32,
) -> Result<Vec<SentMessage>, StoreError> {
    let rows = query::<D>(
        "SELECT id, channel, kind, address, mistake_id, state, attempts, last_error, created_at,
                done_at
           FROM outbox WHERE sender_id = $1 AND ($2 IS NULL OR mistake_id = $2)
          ORDER BY created_at DESC, id DESC LIMIT $3",
    )
    .arg(sender.as_str())
    .arg(about.map(|m| m.as_str()))
    .arg(i64::from(limit))
    .all_on(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            let state = c.text("state")?;
            Ok(SentMessage {
                id: c.int("id")?,
                channel: channel(&c)?,
                kind: kind(&c)?,
                address: c.text("address")?,
                mistake: mistake(&c)?,
                state: MessageState::parse(&state).ok_or_else(|| corrupt("state", state))?,
                attempts: attempts(&c)?,
                last_error: c.opt_text("last_error")?,
                created_at: c.at("created_at")?,
                done_at: c.opt_at("done_at")?,
            })
        })
        .collect()
}
