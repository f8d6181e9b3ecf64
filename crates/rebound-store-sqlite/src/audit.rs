//! The audit log on SQLite: appended in batches, read newest first.

use crate::rows::{Cols, backend, corrupt};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::StoreError;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// Rows per INSERT: one statement for many events, as each statement is a
/// round trip to sqlx's worker thread (7 values a row, well under SQLite's
/// limit of 32,766 bound values).
const ROWS_PER_INSERT: usize = 100;

pub(crate) async fn record(pool: &SqlitePool, events: &[AuditEvent]) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut tx = pool.begin().await.map_err(backend)?;
    for chunk in events.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_log (at, actor_kind, actor_id, action, part, resource_kind, resource_id) ",
        );
        insert.push_values(chunk, |mut row, e| {
            let (kind, id) = match &e.actor {
                AuditActor::User(id) => ("user", id),
                AuditActor::Guest(id) => ("guest", id),
            };
            row.push_bind(e.at.as_millisecond())
                .push_bind(kind)
                .push_bind(id.as_str())
                .push_bind(e.action.as_str())
                .push_bind(e.part.as_str())
                .push_bind(e.resource_kind.as_str())
                .push_bind(e.resource_id.as_str());
        });
        insert.build().execute(&mut *tx).await.map_err(backend)?;
    }
    tx.commit().await.map_err(backend)
}

pub(crate) async fn of(
    pool: &SqlitePool,
    resource_kind: &str,
    resource_id: &str,
    limit: u32,
) -> Result<Vec<AuditEvent>, StoreError> {
    let rows = sqlx::query(
        "SELECT at, actor_kind, actor_id, action, part, resource_kind, resource_id FROM audit_log
         WHERE resource_kind = $1 AND resource_id = $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(resource_kind)
    .bind(resource_id)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
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
