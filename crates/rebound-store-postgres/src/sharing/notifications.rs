//! In-app notifications, always within their recipient's rows.

use super::require_mistake;
use crate::accounts::{require_user, write_tx};
use crate::rows::{Cols, backend, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, UserId};
use rebound_store::{Notification, StoreError};
use sqlx::{PgConnection, PgPool};

pub(crate) async fn list(pool: &PgPool, user: &UserId) -> Result<Vec<Notification>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, user_id, mistake_id, kind, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY created_at DESC, id COLLATE \"C\"",
    )
    .bind(user.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            let kind = c.text("kind")?;
            Ok(Notification {
                id: c.notification_id("id")?,
                user: c.user_id("user_id")?,
                mistake: c.mistake_id("mistake_id")?,
                kind: NotificationKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == kind)
                    .ok_or_else(|| corrupt("kind", &kind))?,
                created_at: c.at("created_at")?,
                read_at: c.opt_at("read_at")?,
            })
        })
        .collect()
}

pub(crate) async fn mark_read(
    pool: &PgPool,
    user: &UserId,
    id: &NotificationId,
    at: Timestamp,
) -> Result<(), StoreError> {
    // The user_id condition keeps anyone from touching someone else's.
    let done = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2",
    )
    .bind(id.as_str())
    .bind(user.as_str())
    .bind(ms(at))
    .execute(pool)
    .await
    .map_err(backend)?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotificationNotFound(id.clone()))
    } else {
        Ok(())
    }
}

/// Notifies `user` about `mistake`, checking both exist.
pub(crate) async fn notify(
    pool: &PgPool,
    id: &NotificationId,
    user: &UserId,
    mistake: &MistakeId,
    kind: NotificationKind,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    insert(&mut tx, id, user, mistake, kind, at).await?;
    tx.commit().await.map_err(backend)
}

/// One notification, inside the caller's transaction; `AlreadyExists`
/// when the id is taken.
pub(crate) async fn insert(
    conn: &mut PgConnection,
    id: &NotificationId,
    user: &UserId,
    mistake: &MistakeId,
    kind: NotificationKind,
    at: Timestamp,
) -> Result<(), StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO notifications (id, user_id, mistake_id, kind, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(id.as_str())
    .bind(user.as_str())
    .bind(mistake.as_str())
    .bind(kind.as_str())
    .bind(ms(at))
    .execute(conn)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        Err(StoreError::AlreadyExists {
            what: "notification",
            id: id.to_string(),
        })
    } else {
        Ok(())
    }
}
