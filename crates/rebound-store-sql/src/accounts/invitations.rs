//! Invitations: created by someone with an account, taken once by the
//! holder of the link.

use super::{require_team, require_user};
use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::TokenHash;
use rebound_store::{Invitation, StoreError};

pub(crate) async fn create<D: Dialect>(pool: &Pool<D>, inv: &Invitation) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_user(&mut tx, &inv.invited_by).await?;
    if let Some(manager) = &inv.manager {
        require_user(&mut tx, manager).await?;
    }
    if let Some(team) = &inv.team {
        require_team(&mut tx, team).await?;
    }
    let inserted = query::<D>(
        "INSERT INTO invitations
            (token_hash, email, role, manager_id, team_id, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING",
    )
    .arg(inv.token_hash.as_str())
    .arg(inv.email.as_str())
    .arg(inv.role.as_str())
    .arg(inv.manager.as_ref().map(|m| m.as_str().to_string()))
    .arg(inv.team.as_ref().map(|t| t.as_str().to_string()))
    .arg(inv.invited_by.as_str())
    .arg(ms(inv.created_at))
    .arg(ms(inv.expires_at))
    .run(&mut *tx)
    .await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists {
            what: "invitation",
            id: "(hidden)".to_string(),
        });
    }
    commit_write(tx).await
}

pub(crate) async fn take<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<Invitation>, StoreError> {
    // One statement checks and marks: two takes racing cannot both win.
    let row = query::<D>(
        "UPDATE invitations SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
           AND invited_by IN (SELECT id FROM users WHERE disabled_at IS NULL)
         RETURNING token_hash, email, role, manager_id, team_id, invited_by, created_at, expires_at",
    )
    .arg(token_hash.as_str())
    .arg(ms(now))
    .maybe_on(pool).await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let c = Cols(&row);
    let hash = c.text("token_hash")?;
    Ok(Some(Invitation {
        token_hash: TokenHash::from_hex(&hash).map_err(|_| corrupt("token_hash", hash))?,
        email: c.email("email")?,
        role: c.account_role("role")?,
        manager: c.opt_user_id("manager_id")?,
        team: c.opt_team_id("team_id")?,
        invited_by: c.user_id("invited_by")?,
        created_at: c.at("created_at")?,
        expires_at: c.at("expires_at")?,
    }))
}
