//! Who is asking: a Bearer API token or the session cookie, resolved against
//! storage on every request, so a disabled account or an ended session stops
//! working at once.

use super::cookie;
use crate::error::ApiError;
use crate::guard::Granted;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use jiff::{SignedDuration, Timestamp};
use rebound_auth::token_hash;
use rebound_domain::access::{Action, Part};
use rebound_domain::{MistakeId, SessionId, TokenHash, User};
use rebound_store::{Holder, Presented, SessionInfo};

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
        Caller::from_request_parts(parts, state)
            .await?
            .resolve(state)
            .await
    }
}

/// The credential a request presents, not yet checked: a Bearer token if
/// there is an Authorization header, else the session cookie. Handlers
/// that read one mistake take this and let the store check it in the same
/// read as the mistake ([`Caller::open`]); everything else takes
/// [`CurrentUser`] or [`Authenticated`], which check it first.
pub struct Caller {
    hash: TokenHash,
    bearer: bool,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or_else(ApiError::unauthorized)?;
            return Ok(Caller {
                hash: token_hash(token),
                bearer: true,
            });
        }
        let token = cookie::SESSION
            .read(&parts.headers, state.settings.secure_cookies)
            .ok_or_else(ApiError::unauthorized)?;
        Ok(Caller {
            hash: token_hash(&token),
            bearer: false,
        })
    }
}

impl Caller {
    fn presented(&self) -> Presented<'_> {
        if self.bearer {
            Presented::ApiToken(&self.hash)
        } else {
            Presented::Session(&self.hash)
        }
    }

    /// Who this is, or 401.
    async fn resolve(&self, state: &AppState) -> Result<Authenticated, ApiError> {
        let accounts = state.guard.accounts();
        let now = state.clock.now();
        if self.bearer {
            let (_, user) = accounts
                .token_user(&self.hash, now)
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            return Ok(Authenticated {
                user,
                credential: Credential::Token,
            });
        }
        let (session, user) = accounts
            .session_user(&self.hash, now)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        self.keep_alive(state, &session, now).await?;
        Ok(Authenticated {
            user,
            credential: Credential::Session { id: session.id },
        })
    }

    async fn keep_alive(
        &self,
        state: &AppState,
        session: &SessionInfo,
        now: Timestamp,
    ) -> Result<(), ApiError> {
        if now.duration_since(session.last_seen_at) > TOUCH_EVERY {
            state
                .guard
                .accounts()
                .touch_session(&self.hash, now)
                .await?;
        }
        Ok(())
    }

    /// Mistake `id` if whoever this is may do `action` on `part` of it,
    /// checking the credential and reading the mistake in one read (see
    /// `Guard::open_as`): 401 for a dead credential, 404 for a mistake that
    /// does not exist or is not theirs to see.
    pub async fn open(
        &self,
        state: &AppState,
        id: &str,
        part: Part,
        action: Action,
    ) -> Result<(User, Granted), ApiError> {
        let Ok(id) = MistakeId::parse(id) else {
            // Who is asking still comes first: 401 before 404.
            self.resolve(state).await?;
            return Err(ApiError::not_found());
        };
        let now = state.clock.now();
        let (holder, user, granted) = state
            .guard
            .open_as(self.presented(), &id, part, action, now)
            .await?;
        if let Holder::Session(session) = &holder {
            self.keep_alive(state, session, now).await?;
        }
        Ok((user, granted?))
    }
}
