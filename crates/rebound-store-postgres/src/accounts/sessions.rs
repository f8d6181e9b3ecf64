//! Sessions and API tokens: found by token hash, listed and ended by their
//! public id, always within their owner's rows.

use super::{exists, require_user, user_columns, write_tx};
use crate::rows::{Cols, backend, ms};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{ApiTokenId, SessionId, TokenHash, User, UserId};
use rebound_store::{ApiTokenInfo, NewApiToken, NewSession, SessionInfo, StoreError};
use sqlx::{PgExecutor, PgPool};

/// A token's last use is written at most this often, so a busy API client
/// does not turn every read into a write.
const LAST_USED_GRANULARITY: SignedDuration = SignedDuration::from_secs(60);

impl Cols<'_> {
    /// A session from columns `s_id`, `s_user_id`, … .
    fn session(&self) -> Result<SessionInfo, StoreError> {
        Ok(SessionInfo {
            id: self.session_id("s_id")?,
            user: self.user_id("s_user_id")?,
            created_at: self.at("s_created_at")?,
            expires_at: self.at("s_expires_at")?,
            last_seen_at: self.at("s_last_seen_at")?,
            user_agent: self.opt_text("s_user_agent")?,
        })
    }

    /// A token from columns `t_id`, `t_user_id`, … .
    fn api_token(&self) -> Result<ApiTokenInfo, StoreError> {
        Ok(ApiTokenInfo {
            id: self.api_token_id("t_id")?,
            user: self.user_id("t_user_id")?,
            name: self.text("t_name")?,
            created_at: self.at("t_created_at")?,
            expires_at: self.opt_at("t_expires_at")?,
            last_used_at: self.opt_at("t_last_used_at")?,
            revoked_at: self.opt_at("t_revoked_at")?,
        })
    }
}

macro_rules! session_columns {
    () => {
        "s.id AS s_id, s.user_id AS s_user_id, s.created_at AS s_created_at, \
         s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at, \
         s.user_agent AS s_user_agent"
    };
}

macro_rules! token_columns {
    () => {
        "t.id AS t_id, t.user_id AS t_user_id, t.name AS t_name, t.created_at AS t_created_at, \
         t.expires_at AS t_expires_at, t.last_used_at AS t_last_used_at, \
         t.revoked_at AS t_revoked_at"
    };
}

pub(crate) async fn create_session(pool: &PgPool, s: &NewSession) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_user(&mut tx, &s.user).await?;
    let inserted = sqlx::query(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, last_seen_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $4, $6)
         ON CONFLICT DO NOTHING",
    )
    .bind(s.id.as_str())
    .bind(s.token_hash.as_str())
    .bind(s.user.as_str())
    .bind(ms(s.created_at))
    .bind(ms(s.expires_at))
    .bind(s.user_agent.as_deref())
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        return Err(collision(
            exists(
                &mut tx,
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = $1)",
                s.id.as_str(),
            )
            .await?,
            "session",
            s.id.as_str(),
        ));
    }
    tx.commit().await.map_err(backend)
}

/// A new row refused by a unique column: its public id, or (never shown)
/// its token hash.
fn collision(id_taken: bool, what: &'static str, id: &str) -> StoreError {
    if id_taken {
        StoreError::AlreadyExists {
            what,
            id: id.to_string(),
        }
    } else {
        StoreError::AlreadyExists {
            what: "token",
            id: "(hidden)".to_string(),
        }
    }
}

pub(crate) async fn session_user(
    conn: impl PgExecutor<'_>,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<(SessionInfo, User)>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        session_columns!(),
        ", ",
        user_columns!(),
        " FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL"
    ))
    .bind(token_hash.as_str())
    .bind(ms(now))
    .fetch_optional(conn)
    .await
    .map_err(backend)?;
    row.map(|row| {
        let c = Cols(&row);
        Ok((c.session()?, c.user()?))
    })
    .transpose()
}

pub(crate) async fn touch_session(
    pool: &PgPool,
    token_hash: &TokenHash,
    at: Timestamp,
) -> Result<bool, StoreError> {
    sqlx::query(
        "UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE token_hash = $1",
    )
    .bind(token_hash.as_str())
    .bind(ms(at))
    .execute(pool)
    .await
    .map(|done| done.rows_affected() > 0)
    .map_err(backend)
}

pub(crate) async fn list_sessions(
    pool: &PgPool,
    user: &UserId,
    now: Timestamp,
) -> Result<Vec<SessionInfo>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        session_columns!(),
        " FROM sessions s WHERE s.user_id = $1 AND s.expires_at > $2
          ORDER BY s.created_at DESC, s.id COLLATE \"C\""
    ))
    .bind(user.as_str())
    .bind(ms(now))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).session()).collect()
}

pub(crate) async fn end_session(
    pool: &PgPool,
    user: &UserId,
    session: &SessionId,
) -> Result<(), StoreError> {
    // The user_id condition keeps anyone from ending someone else's session.
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(session.as_str())
        .bind(user.as_str())
        .execute(pool)
        .await
        .map_err(backend)?;
    if done.rows_affected() == 0 {
        Err(StoreError::SessionNotFound(session.clone()))
    } else {
        Ok(())
    }
}

pub(crate) async fn end_session_by_hash(
    pool: &PgPool,
    token_hash: &TokenHash,
) -> Result<bool, StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash.as_str())
        .execute(pool)
        .await
        .map(|done| done.rows_affected() > 0)
        .map_err(backend)
}

pub(crate) async fn end_all_sessions(
    pool: &PgPool,
    user: &UserId,
    keep: Option<&SessionId>,
) -> Result<u64, StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2::TEXT IS NULL OR id <> $2)")
        .bind(user.as_str())
        .bind(keep.map(|k| k.as_str().to_string()))
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
        .map_err(backend)
}

pub(crate) async fn create_api_token(pool: &PgPool, t: &NewApiToken) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_user(&mut tx, &t.user).await?;
    let inserted = sqlx::query(
        "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING",
    )
    .bind(t.id.as_str())
    .bind(t.token_hash.as_str())
    .bind(t.user.as_str())
    .bind(t.name.as_str())
    .bind(ms(t.created_at))
    .bind(t.expires_at.map(ms))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        return Err(collision(
            exists(
                &mut tx,
                "SELECT EXISTS (SELECT 1 FROM api_tokens WHERE id = $1)",
                t.id.as_str(),
            )
            .await?,
            "API token",
            t.id.as_str(),
        ));
    }
    tx.commit().await.map_err(backend)
}

pub(crate) async fn token_user(
    pool: &PgPool,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
    let Some((mut token, user)) = live_token(pool, token_hash, now).await? else {
        return Ok(None);
    };
    Ok(note_use(pool, token_hash, &mut token, now)
        .await?
        .then_some((token, user)))
}

/// The live token with this hash and its enabled account, read only.
pub(crate) async fn live_token(
    conn: impl PgExecutor<'_>,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        token_columns!(),
        ", ",
        user_columns!(),
        " FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL
            AND (t.expires_at IS NULL OR t.expires_at > $2)
            AND u.disabled_at IS NULL"
    ))
    .bind(token_hash.as_str())
    .bind(ms(now))
    .fetch_optional(conn)
    .await
    .map_err(backend)?;
    row.map(|row| {
        let c = Cols(&row);
        Ok((c.api_token()?, c.user()?))
    })
    .transpose()
}

/// Records `now` as the last use of a token just read as live, unless the
/// recorded one is recent. False when it was revoked in the meantime.
pub(crate) async fn note_use(
    pool: &PgPool,
    token_hash: &TokenHash,
    token: &mut ApiTokenInfo,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let stale = token
        .last_used_at
        .is_none_or(|last| last + LAST_USED_GRANULARITY <= now);
    if stale {
        // Still live in the same statement: a revocation committed in
        // between wins (the UPDATE re-checks the row it waited for).
        let done = sqlx::query(
            "UPDATE api_tokens SET last_used_at = GREATEST(last_used_at, $2)
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash.as_str())
        .bind(ms(now))
        .execute(pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        token.last_used_at = Some(token.last_used_at.map_or(now, |last| last.max(now)));
    }
    Ok(true)
}

pub(crate) async fn list_api_tokens(
    pool: &PgPool,
    user: &UserId,
) -> Result<Vec<ApiTokenInfo>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        token_columns!(),
        " FROM api_tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id COLLATE \"C\""
    ))
    .bind(user.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).api_token()).collect()
}

pub(crate) async fn revoke_api_token(
    pool: &PgPool,
    user: &UserId,
    token: &ApiTokenId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND user_id = $2",
    )
    .bind(token.as_str())
    .bind(user.as_str())
    .bind(ms(at))
    .execute(pool)
    .await
    .map_err(backend)?;
    if done.rows_affected() == 0 {
        Err(StoreError::ApiTokenNotFound(token.clone()))
    } else {
        Ok(())
    }
}
