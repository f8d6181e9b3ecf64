//! Stakeholders, the affected list and acknowledgements.

use super::{notifications, require_mistake};
use crate::accounts::require_user;
use crate::prelude::*;
use crate::rows::{Cols, ms};
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, UserId};
use rebound_store::{Acknowledgement, Stakeholder, StoreError};

pub(crate) async fn add<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    user: &UserId,
    at: Timestamp,
    notification: &NotificationId,
) -> Result<bool, StoreError> {
    let mut tx = begin_write(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    let added = query::<D>(
        "INSERT INTO stakeholders (mistake_id, user_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .arg(mistake.as_str())
    .arg(user.as_str())
    .arg(ms(at))
    .run(&mut *tx)
    .await?
        > 0;
    if added {
        // Failing, dropping the transaction undoes the stakeholder too.
        let kind = NotificationKind::StakeholderAdded;
        notifications::insert(&mut tx, notification, user, mistake, kind, at).await?;
    }
    commit_write(tx).await?;
    Ok(added)
}

pub(crate) async fn remove<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    user: &UserId,
) -> Result<bool, StoreError> {
    let mut tx = begin_write(pool).await?;
    let removed = query::<D>("DELETE FROM stakeholders WHERE mistake_id = $1 AND user_id = $2")
        .arg(mistake.as_str())
        .arg(user.as_str())
        .run(&mut *tx)
        .await?
        > 0;
    if removed {
        commit_write(tx).await?;
    } else {
        nothing_done();
    }
    Ok(removed)
}

/// Whether `$2` is a stakeholder of mistake `$1`.
pub const IS_STAKEHOLDER: &str =
    "SELECT 1 FROM stakeholders WHERE mistake_id = $1 AND user_id = $2";

pub(crate) async fn is_stakeholder<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    user: &UserId,
) -> Result<bool, StoreError> {
    Ok(query::<D>(IS_STAKEHOLDER)
        .arg(mistake.as_str())
        .arg(user.as_str())
        .maybe_on(pool)
        .await?
        .is_some())
}

pub(crate) async fn stakeholder_on<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
) -> Result<Vec<MistakeId>, StoreError> {
    let rows = query::<D>("SELECT mistake_id FROM stakeholders WHERE user_id = $1")
        .arg(user.as_str())
        .all_on(pool)
        .await?;
    rows.iter()
        .map(|r| Cols(r).mistake_id("mistake_id"))
        .collect()
}

pub(crate) async fn list<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
) -> Result<Vec<Stakeholder>, StoreError> {
    let rows = query::<D>(
        "SELECT s.user_id, u.display_name, s.added_at, a.acknowledged_at
         FROM stakeholders s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN acknowledgements a ON a.mistake_id = s.mistake_id AND a.user_id = s.user_id
         WHERE s.mistake_id = $1
         ORDER BY s.added_at, s.user_id",
    )
    .arg(mistake.as_str())
    .all_on(pool)
    .await?;
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

pub(crate) async fn set_affected<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    entries: &[String],
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    // Locks the mistake's row: two replacements racing run one after the
    // other, rather than both deleting the old list and both inserting.
    let found = query_owned::<D>(format!(
        "SELECT 1 FROM mistakes WHERE id = $1{}",
        D::LOCK_ROW
    ))
    .arg(mistake.as_str())
    .maybe(&mut tx)
    .await?;
    if found.is_none() {
        return Err(StoreError::NotFound(mistake.clone()));
    }
    query::<D>("DELETE FROM affected_entries WHERE mistake_id = $1")
        .arg(mistake.as_str())
        .run(&mut *tx)
        .await?;
    for (position, entry) in entries.iter().enumerate() {
        query::<D>(
            "INSERT INTO affected_entries (mistake_id, position, entry) VALUES ($1, $2, $3)",
        )
        .arg(mistake.as_str())
        .arg(i64::try_from(position).unwrap_or(i64::MAX))
        .arg(entry.as_str())
        .run(&mut *tx)
        .await?;
    }
    commit_write(tx).await
}

pub(crate) async fn affected<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
) -> Result<Vec<String>, StoreError> {
    let rows =
        query::<D>("SELECT entry FROM affected_entries WHERE mistake_id = $1 ORDER BY position")
            .arg(mistake.as_str())
            .all_on(pool)
            .await?;
    rows.iter().map(|r| Cols(r).text("entry")).collect()
}

pub(crate) async fn acknowledge<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    user: &UserId,
    at: Timestamp,
) -> Result<(Timestamp, bool), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_mistake(&mut tx, mistake).await?;
    require_user(&mut tx, user).await?;
    let first = query::<D>(
        "INSERT INTO acknowledgements (mistake_id, user_id, acknowledged_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .arg(mistake.as_str())
    .arg(user.as_str())
    .arg(ms(at))
    .run(&mut *tx)
    .await?
        > 0;
    let row = query::<D>(
        "SELECT acknowledged_at FROM acknowledgements WHERE mistake_id = $1 AND user_id = $2",
    )
    .arg(mistake.as_str())
    .arg(user.as_str())
    .one(&mut *tx)
    .await?;
    let stored = Cols(&row).at("acknowledged_at")?;
    if !first {
        // Acknowledged before: the first time is the event.
        nothing_done();
    }
    commit_write(tx).await?;
    Ok((stored, first))
}

pub(crate) async fn acknowledgements<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
) -> Result<Vec<Acknowledgement>, StoreError> {
    let rows = query::<D>(
        "SELECT a.user_id, u.display_name, a.acknowledged_at
         FROM acknowledgements a JOIN users u ON u.id = a.user_id
         WHERE a.mistake_id = $1
         ORDER BY a.acknowledged_at, a.user_id",
    )
    .arg(mistake.as_str())
    .all_on(pool)
    .await?;
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
