//! The audit log on PostgreSQL: appended in batches (one multi-row INSERT),
//! read newest first.

use crate::rows::{Cols, backend, corrupt};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::StoreError;
use sqlx::{PgPool, Postgres, QueryBuilder};

pub(crate) async fn record(pool: &PgPool, events: &[AuditEvent]) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "INSERT INTO audit_log (at, actor_kind, actor_id, action, part, resource_kind, resource_id) ",
    );
    q.push_values(events, |mut row, e| {
        let (kind, id) = match &e.actor {
            AuditActor::User(id) => ("user", id.clone()),
            AuditActor::Guest(id) => ("guest", id.clone()),
        };
        row.push_bind(e.at.as_millisecond())
            .push_bind(kind)
            .push_bind(id)
            .push_bind(e.action.clone())
            .push_bind(e.part.clone())
            .push_bind(e.resource_kind.clone())
            .push_bind(e.resource_id.clone());
    });
    q.build().execute(pool).await.map_err(backend)?;
    Ok(())
}

pub(crate) async fn of(
    pool: &PgPool,
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
