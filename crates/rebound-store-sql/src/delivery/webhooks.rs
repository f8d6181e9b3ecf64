//! Chat webhooks of people and teams: one row each, replaced in place (the
//! id stays, so messages queued for it follow the new URL).

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use rebound_domain::UserId;
use rebound_store::{ChatFormat, NewWebhook, StoreError, Webhook, WebhookOwner};

const COLUMNS: &str = "id, user_id, team_id, format, url, label, created_at";

/// The owner's column and id.
fn owner_key(owner: &WebhookOwner) -> (&'static str, &str) {
    match owner {
        WebhookOwner::User(u) => ("user_id", u.as_str()),
        WebhookOwner::Team(t) => ("team_id", t.as_str()),
    }
}

fn webhook(c: &Cols) -> Result<Webhook, StoreError> {
    let owner = match c.opt_text("user_id")? {
        Some(_) => WebhookOwner::User(c.user_id("user_id")?),
        None => WebhookOwner::Team(c.team_id("team_id")?),
    };
    let format = c.text("format")?;
    Ok(Webhook {
        id: c.text("id")?,
        owner,
        format: ChatFormat::parse(&format).ok_or_else(|| corrupt("format", format))?,
        url: c.text("url")?,
        label: c.text("label")?,
        created_at: c.at("created_at")?,
    })
}

pub(crate) async fn set<D: Dialect>(
    pool: &Pool<D>,
    hook: &NewWebhook,
) -> Result<Webhook, StoreError> {
    let mut tx = begin_write(pool).await?;
    match &hook.owner {
        WebhookOwner::User(u) => crate::accounts::require_user(&mut tx, u).await?,
        WebhookOwner::Team(t) => crate::accounts::require_team(&mut tx, t).await?,
    }
    let (column, owner) = owner_key(&hook.owner);
    let (user, team) = match &hook.owner {
        WebhookOwner::User(_) => (Some(owner), None),
        WebhookOwner::Team(_) => (None, Some(owner)),
    };
    // A plain UNIQUE column (NULLs never conflict) is a valid upsert target
    // on both databases, so a race between two saves is one row, not an error.
    query_owned::<D>(format!(
        "INSERT INTO webhooks ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ({column}) DO UPDATE SET format = excluded.format, url = excluded.url,
             label = excluded.label, created_at = excluded.created_at"
    ))
    .arg(hook.id.as_str())
    .arg(user)
    .arg(team)
    .arg(hook.format.as_str())
    .arg(hook.url.as_str())
    .arg(hook.label.as_str())
    .arg(ms(hook.created))
    .run(&mut tx)
    .await?;
    let row = query_owned::<D>(format!(
        "SELECT {COLUMNS} FROM webhooks WHERE {column} = $1"
    ))
    .arg(owner)
    .one(&mut tx)
    .await?;
    let stored = webhook(&Cols(&row))?;
    commit_write(tx).await?;
    Ok(stored)
}

pub(crate) async fn of<D: Dialect>(
    pool: &Pool<D>,
    owner: &WebhookOwner,
) -> Result<Option<Webhook>, StoreError> {
    let (column, id) = owner_key(owner);
    let row = query_owned::<D>(format!(
        "SELECT {COLUMNS} FROM webhooks WHERE {column} = $1"
    ))
    .arg(id)
    .maybe_on(pool)
    .await?;
    row.map(|r| webhook(&Cols(&r))).transpose()
}

pub(crate) async fn by_id<D: Dialect>(
    pool: &Pool<D>,
    id: &str,
) -> Result<Option<Webhook>, StoreError> {
    let row = query_owned::<D>(format!("SELECT {COLUMNS} FROM webhooks WHERE id = $1"))
        .arg(id)
        .maybe_on(pool)
        .await?;
    row.map(|r| webhook(&Cols(&r))).transpose()
}

pub(crate) async fn remove<D: Dialect>(
    pool: &Pool<D>,
    owner: &WebhookOwner,
) -> Result<bool, StoreError> {
    let (column, id) = owner_key(owner);
    let mut tx = begin_write(pool).await?;
    let gone = query_owned::<D>(format!("DELETE FROM webhooks WHERE {column} = $1"))
        .arg(id)
        .run(&mut tx)
        .await?;
    if gone == 0 {
        nothing_done();
        return Ok(false);
    }
    commit_write(tx).await?;
    Ok(true)
}

pub(crate) async fn for_users<D: Dialect>(
    pool: &Pool<D>,
    users: &[UserId],
) -> Result<Vec<Webhook>, StoreError> {
    let ids: Vec<&str> = users.iter().map(UserId::as_str).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM webhooks WHERE {}",
        D::in_list("user_id", "$1")
    );
    let rows = D::bind_list(query_owned::<D>(sql), &ids)
        .all_on(pool)
        .await?;
    rows.iter().map(|r| webhook(&Cols(r))).collect()
}
