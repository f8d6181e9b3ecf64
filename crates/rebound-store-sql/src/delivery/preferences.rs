//! What people chose to receive: one row per (person, kind, channel) they
//! changed; the defaults are the domain's and never stored.

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::UserId;
use rebound_domain::delivery::{Channel, MessageKind, Preference};
use rebound_store::StoreError;

fn preference(c: &Cols) -> Result<Preference, StoreError> {
    let kind = c.text("kind")?;
    let channel = c.text("channel")?;
    Ok(Preference {
        kind: MessageKind::parse(&kind).ok_or_else(|| corrupt("kind", kind))?,
        channel: Channel::parse(&channel).ok_or_else(|| corrupt("channel", channel))?,
        enabled: c.flag("enabled")?,
    })
}

pub(crate) async fn of<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
) -> Result<Vec<Preference>, StoreError> {
    let rows = query::<D>(
        "SELECT kind, channel, enabled FROM delivery_preferences WHERE user_id = $1
          ORDER BY kind, channel",
    )
    .arg(user.as_str())
    .all_on(pool)
    .await?;
    rows.iter().map(|r| preference(&Cols(r))).collect()
}

pub(crate) async fn of_many<D: Dialect>(
    pool: &Pool<D>,
    users: &[UserId],
) -> Result<Vec<(UserId, Preference)>, StoreError> {
    let ids: Vec<&str> = users.iter().map(UserId::as_str).collect();
    let sql = format!(
        "SELECT user_id, kind, channel, enabled FROM delivery_preferences WHERE {}",
        D::in_list("user_id", "$1")
    );
    let rows = D::bind_list(query_owned::<D>(sql), &ids)
        .all_on(pool)
        .await?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            let id = c.text("user_id")?;
            let user = UserId::parse(&id).map_err(|_| corrupt("user_id", id))?;
            Ok((user, preference(&c)?))
        })
        .collect()
}

pub(crate) async fn set<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    choice: Preference,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    crate::accounts::require_user(&mut tx, user).await?;
    query::<D>(
        "INSERT INTO delivery_preferences (user_id, kind, channel, enabled, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, kind, channel)
         DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
    )
    .arg(user.as_str())
    .arg(choice.kind.as_str())
    .arg(choice.channel.as_str())
    .arg(choice.enabled)
    .arg(ms(at))
    .run(&mut tx)
    .await?;
    commit_write(tx).await
}
