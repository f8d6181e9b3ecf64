//! Sessions and API tokens: found by token hash, listed and ended by their
//! public id, always within their owner's rows.

use super::{exists, require_user, user_columns};
use crate::prelude::*;
use crate::rows::{Cols, ms};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{ApiTokenId, SessionId, TokenHash, User, UserId};
use rebound_store::{ApiTokenInfo, NewApiToken, NewSession, SessionInfo, StoreError};

/// A token's last use is written at most this often, so a busy API client
/// does not turn every read into a write.
const LAST_USED_GRANULARITY: SignedDuration = SignedDuration::from_secs(60);

impl Cols<'_> {
    /// A session from columns `s_id`, `s_user_id`, … .
    pub fn session(&self) -> Result<SessionInfo, StoreError> {
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
    pub fn api_token(&self) -> Result<ApiTokenInfo, StoreError> {
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

#[macro_export]
#[doc(hidden)]
macro_rules! session_columns {
    () => {
        "s.id AS s_id, s.user_id AS s_user_id, s.created_at AS s_created_at, \
         s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at, \
         s.user_agent AS s_user_agent"
    };
}
pub use session_columns;

/// Which session rows are live at `$2` for the hash `$1`.
#[macro_export]
#[doc(hidden)]
macro_rules! live_session {
    () => {
        " FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL"
    };
}
pub use live_session;

#[macro_export]
#[doc(hidden)]
macro_rules! token_columns {
    () => {
        "t.id AS t_id, t.user_id AS t_user_id, t.name AS t_name, t.created_at AS t_created_at, \
         t.expires_at AS t_expires_at, t.last_used_at AS t_last_used_at, \
         t.revoked_at AS t_revoked_at"
    };
}
pub use token_columns;

/// Which token rows are live at `$2` for the hash `$1`.
#[macro_export]
#[doc(hidden)]
macro_rules! live_token {
    () => {
        " FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL
            AND (t.expires_at IS NULL OR t.expires_at > $2)
            AND u.disabled_at IS NULL"
    };
}
pub use live_token;

pub(crate) async fn create_session<D: Dialect>(
    pool: &Pool<D>,
    s: &NewSession,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_user(&mut tx, &s.user).await?;
    let inserted = query::<D>(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, last_seen_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $4, $6)
         ON CONFLICT DO NOTHING",
    )
    .arg(s.id.as_str())
    .arg(s.token_hash.as_str())
    .arg(s.user.as_str())
    .arg(ms(s.created_at))
    .arg(ms(s.expires_at))
    .arg(s.user_agent.as_deref())
    .run(&mut *tx).await?;
    if inserted == 0 {
        return Err(collision(
            exists(
                &mut tx,
                "SELECT 1 FROM sessions WHERE id = $1",
                s.id.as_str(),
            )
            .await?,
            "session",
            s.id.as_str(),
        ));
    }
    commit_write(tx).await
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

/// The live session with hash `$1` at `$2`, and its account.
pub const SESSION_USER: &str = concat!(
    "SELECT ",
    session_columns!(),
    ", ",
    user_columns!(),
    live_session!()
);

/// The live API token with hash `$1` at `$2`, and its account.
pub const LIVE_TOKEN: &str = concat!(
    "SELECT ",
    token_columns!(),
    ", ",
    user_columns!(),
    live_token!()
);

/// A row of [`SESSION_USER`].
pub fn session_and_user(c: &Cols<'_>) -> Result<(SessionInfo, User), StoreError> {
    Ok((c.session()?, c.user()?))
}

/// A row of [`LIVE_TOKEN`].
pub fn token_and_user(c: &Cols<'_>) -> Result<(ApiTokenInfo, User), StoreError> {
    Ok((c.api_token()?, c.user()?))
}

/// The one row `sql` ([`SESSION_USER`] or [`LIVE_TOKEN`]) finds for the
/// hash at `now`, decoded.
pub(crate) async fn live<D: Dialect, T>(
    pool: &Pool<D>,
    sql: &'static str,
    token_hash: &TokenHash,
    now: Timestamp,
    decode: fn(&Cols<'_>) -> Result<T, StoreError>,
) -> Result<Option<T>, StoreError> {
    query::<D>(sql)
        .arg(token_hash.as_str())
        .arg(ms(now))
        .maybe_on(pool)
        .await?
        .map(|row| decode(&Cols(&row)))
        .transpose()
}

pub(crate) async fn touch_session<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
    at: Timestamp,
) -> Result<bool, StoreError> {
    query::<D>("UPDATE sessions SET last_seen_at = CASE WHEN last_seen_at > $2 THEN last_seen_at ELSE $2 END
         WHERE token_hash = $1")
        .arg(token_hash.as_str())
        .arg(ms(at))
        .run_on(pool).await
        .map(|done| done > 0)
}

pub(crate) async fn list_sessions<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    now: Timestamp,
) -> Result<Vec<SessionInfo>, StoreError> {
    let rows = query::<D>(concat!(
        "SELECT ",
        session_columns!(),
        " FROM sessions s WHERE s.user_id = $1 AND s.expires_at > $2
          ORDER BY s.created_at DESC, s.id"
    ))
    .arg(user.as_str())
    .arg(ms(now))
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).session()).collect()
}

pub(crate) async fn end_session<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    session: &SessionId,
) -> Result<(), StoreError> {
    // The user_id condition keeps anyone from ending someone else's session.
    let done = query::<D>("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .arg(session.as_str())
        .arg(user.as_str())
        .run_on(pool)
        .await?;
    if done == 0 {
        Err(StoreError::SessionNotFound(session.clone()))
    } else {
        Ok(())
    }
}

pub(crate) async fn end_session_by_hash<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
) -> Result<bool, StoreError> {
    query::<D>("DELETE FROM sessions WHERE token_hash = $1")
        .arg(token_hash.as_str())
        .run_on(pool)
        .await
        .map(|done| done > 0)
}

pub(crate) async fn end_all_sessions<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    keep: Option<&SessionId>,
) -> Result<u64, StoreError> {
    query::<D>("DELETE FROM sessions WHERE user_id = $1 AND (CAST($2 AS TEXT) IS NULL OR id <> $2)")
        .arg(user.as_str())
        .arg(keep.map(|k| k.as_str().to_string()))
        .run_on(pool)
        .await
}

pub(crate) async fn create_api_token<D: Dialect>(
    pool: &Pool<D>,
    t: &NewApiToken,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_user(&mut tx, &t.user).await?;
    let inserted = query::<D>(
        "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING",
    )
    .arg(t.id.as_str())
    .arg(t.token_hash.as_str())
    .arg(t.user.as_str())
    .arg(t.name.as_str())
    .arg(ms(t.created_at))
    .arg(t.expires_at.map(ms))
    .run(&mut *tx)
    .await?;
    if inserted == 0 {
        return Err(collision(
            exists(
                &mut tx,
                "SELECT 1 FROM api_tokens WHERE id = $1",
                t.id.as_str(),
            )
            .await?,
            "API token",
            t.id.as_str(),
        ));
    }
    commit_write(tx).await
}

/// Records `now` as the last use of a token just read as live, unless the
/// recorded one is recent. False when it was revoked in the meantime.
pub(crate) async fn note_use<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
    token: &mut ApiTokenInfo,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let stale = token
        .last_used_at
        .is_none_or(|last| last + LAST_USED_GRANULARITY <= now);
    if stale {
        // Still live in the same statement: a revocation in between wins.
        let done = query::<D>(
            "UPDATE api_tokens
             SET last_used_at = CASE WHEN last_used_at > $2 THEN last_used_at ELSE $2 END
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .arg(token_hash.as_str())
        .arg(ms(now))
        .run_on(pool)
        .await?;
        if done == 0 {
            return Ok(false);
        }
        token.last_used_at = Some(token.last_used_at.map_or(now, |last| last.max(now)));
    }
    Ok(true)
}

pub(crate) async fn list_api_tokens<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
) -> Result<Vec<ApiTokenInfo>, StoreError> {
    let rows = query::<D>(concat!(
        "SELECT ",
        token_columns!(),
        " FROM api_tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id"
    ))
    .arg(user.as_str())
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).api_token()).collect()
}

pub(crate) async fn revoke_api_token<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    token: &ApiTokenId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let done = query::<D>(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND user_id = $2",
    )
    .arg(token.as_str())
    .arg(user.as_str())
    .arg(ms(at))
    .run_on(pool).await?;
    if done == 0 {
        Err(StoreError::ApiTokenNotFound(token.clone()))
    } else {
        Ok(())
    }
}
