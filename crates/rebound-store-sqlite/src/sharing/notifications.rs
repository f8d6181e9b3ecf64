//! In-app notifications, always within their recipient's rows.

use crate::rows::{Cols, backend, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::{NotificationId, NotificationKind, UserId};
use rebound_store::{Notification, StoreError};
use sqlx::SqlitePool;

pub(crate) async fn list(
    pool: &SqlitePool,
    user: &UserId,
) -> Result<Vec<Notification>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, user_id, mistake_id, kind, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY created_at DESC, id",
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
    pool: &SqlitePool,
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
