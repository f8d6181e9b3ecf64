//! Who is asking: a Bearer API token or the session cookie, resolved against
//! storage on every request, so a disabled account or an ended session stops
//! working at once.

use super::cookie;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use jiff::{SignedDuration, Timestamp};
use rebound_auth::token_hash;
use rebound_domain::{SessionId, User};

/// Activity is recorded at most this often, so reads stay reads.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(300);

/// A signed-in, enabled account.
pub struct CurrentUser(pub User);

/// How the current request signed in.
pub enum Credential {
    Session { id: SessionId },
    Token,
}

pub struct Authenticated {
    pub user: User,
    pub credential: Credential,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Authenticated::from_request_parts(parts, state)
            .await
            .map(|a| CurrentUser(a.user))
    }
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let accounts = state.guard.accounts();
        let now = Timestamp::now();
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or_else(ApiError::unauthorized)?;
            let (_, user) = accounts
                .token_user(&token_hash(token), now)
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            return Ok(Authenticated {
                user,
                credential: Credential::Token,
            });
        }
        let token = cookie::SESSION
            .read(&parts.headers, state.settings.secure_cookies)
            .ok_or_else(ApiError::unauthorized)?;
        let hash = token_hash(&token);
        let (session, user) = accounts
            .session_user(&hash, now)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        if now.duration_since(session.last_seen_at) > TOUCH_EVERY {
            accounts.touch_session(&hash, now).await?;
        }
        Ok(Authenticated {
            user,
            credential: Credential::Session { id: session.id },
        })
    }
}
