//! The audit log: appended in batches (multi-row INSERTs), read newest
//! first. (On SQLite the append is a hot path of its own, in that crate.)

use crate::prelude::*;
use crate::rows::{Cols, corrupt};
use crate::stmt::Stmt;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::StoreError;

/// Rows per INSERT: 7 values each, well under both databases' limits on
/// bound parameters.
const ROWS_PER_INSERT: usize = 64;

/// `INSERT … VALUES ($1, …, $7), ($8, …)` for `rows` rows.
pub fn insert_of(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO audit_log (at, actor_kind, actor_id, action, part, resource_kind, resource_id) VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        let n = r * 7;
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5,
            n + 6,
            n + 7
        ));
    }
    sql
}

/// How an event's actor sits in `(actor_kind, actor_id)`.
pub fn actor_columns(actor: &AuditActor) -> (&'static str, &str) {
    match actor {
        AuditActor::User(id) => ("user", id),
        AuditActor::Guest(id) => ("guest", id),
    }
}

/// Appends `events` in one transaction.
pub(crate) async fn record<D: Dialect>(
    pool: &Pool<D>,
    events: Vec<AuditEvent>,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut tx = begin_write(pool).await?;
    append_in(&mut tx, &events).await?;
    commit_write(tx).await
}

/// Appends `events` inside `tx`: a change's events commit with it, or not
/// at all.
pub(crate) async fn append_in<D: Dialect>(
    tx: &mut Tx<D>,
    events: &[AuditEvent],
) -> Result<(), StoreError> {
    crate::stmt::run_all::<D>(&mut *tx, statements(events))
        .await
        .map(drop)
}

/// The multi-row INSERTs that append `events`.
pub fn statements(events: &[AuditEvent]) -> Vec<Stmt> {
    events
        .chunks(ROWS_PER_INSERT)
        .map(|chunk| {
            let mut s = Stmt::owned(insert_of(chunk.len()));
            for e in chunk {
                let (kind, id) = actor_columns(&e.actor);
                s = s
                    .arg(e.at.as_millisecond())
                    .arg(kind)
                    .arg(id)
                    .arg(e.action.as_str())
                    .arg(e.part.as_str())
                    .arg(e.resource_kind.as_str())
                    .arg(e.resource_id.as_str());
            }
            s
        })
        .collect()
}

pub(crate) async fn of<D: Dialect>(
    pool: &Pool<D>,
    resource_kind: &str,
    resource_id: &str,
    limit: u32,
) -> Result<Vec<AuditEvent>, StoreError> {
    let rows = query::<D>(
        "SELECT at, actor_kind, actor_id, action, part, resource_kind, resource_id FROM audit_log
         WHERE resource_kind = $1 AND resource_id = $2 ORDER BY id DESC LIMIT $3",
    )
    .arg(resource_kind)
    .arg(resource_id)
    .arg(i64::from(limit))
    .all_on(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let c = Cols(row);
            let actor_id = c.text("actor_id")?;
            let actor = match c.text("actor_kind")?.as_str() {
                "user" => AuditActor::User(actor_id),
                "guest" => AuditActor::Guest(actor_id),
                other => return Err(corrupt("actor_kind", other)),
            };
            Ok(AuditEvent {
                at: c.at("at")?,
                actor,
                action: c.text("action")?,
                part: c.text("part")?,
                resource_kind: c.text("resource_kind")?,
                resource_id: c.text("resource_id")?,
            })
        })
        .collect()
}
