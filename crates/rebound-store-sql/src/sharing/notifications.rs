//! In-app notifications, always within their recipient's rows.

use super::require_mistake;
use crate::accounts::require_user;
use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, UserId};
use rebound_store::{Notification, StoreError};

pub(crate) async fn list<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
) -> Result<Vec<Notification>, StoreError> {
    let rows = query::<D>(
        "SELECT id, user_id, mistake_id, kind, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY created_at DESC, id",
    )
    .arg(user.as_str())
    .all_on(pool)
    .await?;
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

pub(crate) async fn mark_read<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    id: &NotificationId,
    at: Timestamp,
) -> Result<(), StoreError> {
    // The user_id condition keeps anyone from touching someone else's.
    let done = query::<D>(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2",
    )
    .arg(id.as_str())
    .arg(user.as_str())
    .arg(ms(at))
    .run_on(pool)
    .await?;
    if done == 0 {
        Err(StoreError::NotificationNotFound(id.clone()))
    } else {
        Ok(())
    }
}

/// Every unread one of `user`'s, in one statement; how many there were.
pub(crate) async fn mark_all_read<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    at: Timestamp,
) -> Result<u64, StoreError> {
    query::<D>("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
        .arg(user.as_str())
        .arg(ms(at))
        .run_on(pool)
        .await
}

/// The header's count: served by the `(user_id, created_at)` index.
pub(crate) async fn unread<D: Dialect>(pool: &Pool<D>, user: &UserId) -> Result<u64, StoreError> {
    let row = query::<D>(
        "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .arg(user.as_str())
    .one_on(pool)
    .await?;
    let n = Cols(&row).int("n")?;
    u64::try_from(n).map_err(|_| corrupt("COUNT(*)", n))
}

/// Notifies `user` about `mistake`, checking both exist.
pub(crate) async fn notify<D: Dialect>(
    pool: &Pool<D>,
    id: &NotificationId,
    user: &UserId,
    mistake: &MistakeId,
    kind: NotificationKind,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    insert(&mut tx, id, user, mistake, kind, at).await?;
    commit_write(tx).await
}

/// One notification, inside the caller's transaction; `AlreadyExists`
/// when the id is taken.
pub(crate) async fn insert<D: Dialect>(
    conn: &mut Tx<D>,
    id: &NotificationId,
    user: &UserId,
    mistake: &MistakeId,
    kind: NotificationKind,
    at: Timestamp,
) -> Result<(), StoreError> {
    insert_statement(id, user, mistake, kind, at)
        .run::<D>(conn)
        .await
        .map(drop)
}

/// The statement that stores one notification.
pub fn insert_statement(
    id: &NotificationId,
    user: &UserId,
    mistake: &MistakeId,
    kind: NotificationKind,
    at: Timestamp,
) -> crate::stmt::Stmt {
    crate::stmt::Stmt::new(
        "INSERT INTO notifications (id, user_id, mistake_id, kind, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .arg(id.as_str())
    .arg(user.as_str())
    .arg(mistake.as_str())
    .arg(kind.as_str())
    .arg(ms(at))
    .unless_changed(StoreError::AlreadyExists {
        what: "notification",
        id: id.to_string(),
    })
}
