//! Stakeholders, the affected list and acknowledgements.

use super::{notifications, require_mistake};
use crate::accounts::{require_user, write_tx};
use crate::readers::Readers;
use crate::rows::{Cols, backend, ms};
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, UserId};
use rebound_store::{Acknowledgement, Stakeholder, StoreError};
use sqlx::SqlitePool;

pub(crate) async fn add(
    pool: &SqlitePool,
    mistake: &MistakeId,
    user: &UserId,
    at: Timestamp,
    notification: &NotificationId,
) -> Result<bool, StoreError> {
    let mut tx = write_tx(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    let added = sqlx::query(
        "INSERT INTO stakeholders (mistake_id, user_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(mistake.as_str())
    .bind(user.as_str())
    .bind(ms(at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?
    .rows_affected()
        > 0;
    if added {
        // Failing, dropping the transaction undoes the stakeholder too.
        let kind = NotificationKind::StakeholderAdded;
        notifications::insert(&mut tx, notification, user, mistake, kind, at).await?;
    }
    tx.commit().await.map_err(backend)?;
    Ok(added)
}

pub(crate) async fn remove(
    pool: &SqlitePool,
    mistake: &MistakeId,
    user: &UserId,
) -> Result<bool, StoreError> {
    sqlx::query("DELETE FROM stakeholders WHERE mistake_id = $1 AND user_id = $2")
        .bind(mistake.as_str())
        .bind(user.as_str())
        .execute(pool)
        .await
        .map(|done| done.rows_affected() > 0)
        .map_err(backend)
}

pub(crate) fn is_stakeholder(
    readers: &Readers,
    mistake: &MistakeId,
    user: &UserId,
) -> Result<bool, StoreError> {
    readers.exists(
        "SELECT 1 FROM stakeholders WHERE mistake_id = ?1 AND user_id = ?2",
        [mistake.as_str(), user.as_str()],
    )
}

pub(crate) async fn stakeholder_on(
    pool: &SqlitePool,
    user: &UserId,
) -> Result<Vec<MistakeId>, StoreError> {
    let rows = sqlx::query("SELECT mistake_id FROM stakeholders WHERE user_id = $1")
        .bind(user.as_str())
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|r| Cols(r).mistake_id("mistake_id"))
        .collect()
}

pub(crate) async fn list(
    pool: &SqlitePool,
    mistake: &MistakeId,
) -> Result<Vec<Stakeholder>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.user_id, u.display_name, s.added_at, a.acknowledged_at
         FROM stakeholders s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN acknowledgements a ON a.mistake_id = s.mistake_id AND a.user_id = s.user_id
         WHERE s.mistake_id = $1
         ORDER BY s.added_at, s.user_id",
    )
    .bind(mistake.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            Ok(Stakeholder {
                user: c.user_id("user_id")?,
                display_name: c.display_name("display_name")?,
                added_at: c.at("added_at")?,
                acknowledged_at: c.opt_at("acknowledged_at")?,
            })
        })
        .collect()
}

pub(crate) async fn set_affected(
    pool: &SqlitePool,
    mistake: &MistakeId,
    entries: &[String],
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    sqlx::query("DELETE FROM affected_entries WHERE mistake_id = $1")
        .bind(mistake.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    for (position, entry) in entries.iter().enumerate() {
        sqlx::query(
            "INSERT INTO affected_entries (mistake_id, position, entry) VALUES ($1, $2, $3)",
        )
        .bind(mistake.as_str())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(entry.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    }
    tx.commit().await.map_err(backend)
}

pub(crate) async fn affected(
    pool: &SqlitePool,
    mistake: &MistakeId,
) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar("SELECT entry FROM affected_entries WHERE mistake_id = $1 ORDER BY position")
        .bind(mistake.as_str())
        .fetch_all(pool)
        .await
        .map_err(backend)
}

pub(crate) async fn acknowledge(
    pool: &SqlitePool,
    mistake: &MistakeId,
    user: &UserId,
    at: Timestamp,
) -> Result<(Timestamp, bool), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    let first = sqlx::query(
        "INSERT INTO acknowledgements (mistake_id, user_id, acknowledged_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(mistake.as_str())
    .bind(user.as_str())
    .bind(ms(at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?
    .rows_affected()
        > 0;
    let row = sqlx::query(
        "SELECT acknowledged_at FROM acknowledgements WHERE mistake_id = $1 AND user_id = $2",
    )
    .bind(mistake.as_str())
    .bind(user.as_str())
    .fetch_one(&mut *tx)
    .await
    .map_err(backend)?;
    let stored = Cols(&row).at("acknowledged_at")?;
    tx.commit().await.map_err(backend)?;
    Ok((stored, first))
}

pub(crate) async fn acknowledgements(
    pool: &SqlitePool,
    mistake: &MistakeId,
) -> Result<Vec<Acknowledgement>, StoreError> {
    let rows = sqlx::query(
        "SELECT a.user_id, u.display_name, a.acknowledged_at
         FROM acknowledgements a JOIN users u ON u.id = a.user_id
         WHERE a.mistake_id = $1
         ORDER BY a.acknowledged_at, a.user_id",
    )
    .bind(mistake.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            Ok(Acknowledgement {
                user: c.user_id("user_id")?,
                display_name: c.display_name("display_name")?,
                at: c.at("acknowledged_at")?,
            })
        })
        .collect()
}
