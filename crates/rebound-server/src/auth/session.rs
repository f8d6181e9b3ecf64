//! Signing in and out, who am I, and my sessions.

use super::client_ip::{Peer, client_ip};
use super::cookie;
use super::current::{Authenticated, Credential, CurrentUser};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use rebound_auth::{IssuedToken, TokenKind, token_hash};
use rebound_domain::{Email, SessionId, User};
use rebound_store::accounts::NewSession;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long a session lasts.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 14);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignedIn {
    pub user: User,
    /// The public id of the new session (see `GET /api/v1/me/sessions`).
    #[schema(value_type = String)]
    pub session: SessionId,
}

#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = LoginBody, security(()),
    responses((status = 200, description = "Signed in; the session cookie is set (a new one every time)", body = SignedIn),
        (status = 401, description = "Wrong email or password (which one is not said)", body = ErrorBody),
        (status = 429, description = "Too many attempts for this account or address; `Retry-After` says when to try again", body = ErrorBody),
        (status = 503, description = "Too many passwords being checked at once; `Retry-After` says when to try again", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Json(b): Json<LoginBody>,
) -> ApiResult<Response> {
    let (signed_in, cookie) = sign_in(&state, peer, &headers, b).await?;
    Ok(with_cookie(cookie, signed_in))
}

/// The answer to a new session: its cookie and who it is for.
pub fn with_cookie(cookie: HeaderValue, signed_in: SignedIn) -> Response {
    (
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(signed_in),
    )
        .into_response()
}

/// Signs in with an email and password (throttled per account and per
/// address), ending this browser's old session: the new session and its
/// cookie. The attempt is counted in the database before the password is
/// checked, so parallel attempts (on any number of servers) cannot pass the
/// limit; a success takes its attempt back. While an account is throttled
/// even the right password gets 429: the price of not letting guesses
/// through (README, "Signing in").
pub async fn sign_in(
    state: &AppState,
    peer: Option<std::net::SocketAddr>,
    headers: &HeaderMap,
    b: LoginBody,
) -> ApiResult<(SignedIn, HeaderValue)> {
    let accounts = state.guard.accounts();
    let now = state.clock.now();
    let ip = client_ip(peer, headers, state.settings.trusted_proxy);
    let email = Email::parse(&b.email).ok();
    let account_key = email.as_ref().map(|e| format!("account:{e}"));
    let addr_key = ip.map(|ip| format!("addr:{ip}"));
    let keys: Vec<&str> = [account_key.as_deref(), addr_key.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    // A place in line for the hash first: one turned away counts no attempt.
    let admitted = state.passwords.admit()?;
    let window_start = now - SignedDuration::from_secs(60);
    let Some(stamp) = accounts
        .begin_login_attempt(
            &keys,
            now,
            window_start,
            state.settings.login_attempts_per_minute,
        )
        .await?
    else {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "too many sign-in attempts; wait a minute and try again",
        )
        .retry_after(60));
    };
    let found = match &email {
        Some(e) => accounts.user_by_email(e).await?,
        None => None,
    };
    let password = b.password;
    let verified = match found {
        Some((user, phc)) if !user.is_disabled() => admitted
            .run(move |p| p.verify(&password, &phc))
            .await?
            .then_some(user),
        // Spend the same time as a real check, so timing does not tell
        // which emails have accounts.
        _ => {
            admitted.run(move |p| p.verify_nobody(&password)).await?;
            None
        }
    };
    // A failure stays counted.
    let Some(user) = verified else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "wrong email or password",
        ));
    };
    // The account starts afresh; the address takes back only this attempt.
    if let Some(key) = &account_key {
        accounts.clear_login_failures(key).await?;
    }
    if let Some(key) = &addr_key {
        accounts.forget_login_attempt(key, stamp).await?;
    }
    // Rotate: whatever session this browser had ends now.
    if let Some(old) = cookie::SESSION.read(headers, state.settings.secure_cookies) {
        accounts.end_session_by_hash(&token_hash(&old)).await?;
    }
    start_session(state, user, headers).await
}

/// Creates a session for `user` (noting the browser it came from): the
/// session and its cookie.
pub async fn start_session(
    state: &AppState,
    user: User,
    headers: &HeaderMap,
) -> ApiResult<(SignedIn, HeaderValue)> {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect());

    let now = state.clock.now();
    let issued = IssuedToken::generate(TokenKind::Session).map_err(ApiError::internal_because)?;
    let id = SessionId::from_random(crate::random::bytes5()?);
    state
        .guard
        .accounts()
        .create_session(&NewSession {
            id: id.clone(),
            token_hash: issued.hash.clone(),
            user: user.id.clone(),
            created_at: now,
            expires_at: now + SESSION_LIFETIME,
            user_agent,
        })
        .await?;
    let cookie = cookie::SESSION.set(
        &issued.token,
        SESSION_LIFETIME.as_secs(),
        state.settings.secure_cookies,
    );
    Ok((SignedIn { user, session: id }, cookie))
}

#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts", security(()),
    responses((status = 204, description = "Signed out: the session this browser had, if any, has ended and the cookie is cleared (signing out needs no valid session)")))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let clear = sign_out(&state, &headers).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, clear)]),
    )
        .into_response())
}

/// Ends this browser's session, if any: the cookie that clears it.
pub async fn sign_out(state: &AppState, headers: &HeaderMap) -> ApiResult<HeaderValue> {
    if let Some(token) = cookie::SESSION.read(headers, state.settings.secure_cookies) {
        state
            .guard
            .accounts()
            .end_session_by_hash(&token_hash(&token))
            .await?;
    }
    Ok(cookie::SESSION.clear(state.settings.secure_cookies))
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = User), (status = 401, body = ErrorBody)))]
pub async fn me(CurrentUser(user): CurrentUser) -> Json<User> {
    Json(user)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    #[schema(value_type = String)]
    pub id: SessionId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub user_agent: Option<String>,
    /// The session this request came with.
    pub current: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    pub sessions: Vec<SessionView>,
}

#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "accounts",
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<SessionList>> {
    let current = match &auth.credential {
        Credential::Session { id, .. } => Some(id),
        Credential::Token => None,
    };
    Ok(Json(SessionList {
        sessions: sessions_of(&state, &auth.user, current).await?,
    }))
}

/// Where `user` is signed in, `current` (this browser's session) marked.
pub async fn sessions_of(
    state: &AppState,
    user: &User,
    current: Option<&SessionId>,
) -> ApiResult<Vec<SessionView>> {
    Ok(state
        .guard
        .accounts()
        .list_sessions(&user.id, state.clock.now())
        .await?
        .into_iter()
        .map(|s| SessionView {
            current: Some(&s.id) == current,
            id: s.id,
            created_at: s.created_at,
            expires_at: s.expires_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
        })
        .collect())
}

#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "accounts",
    params(("id" = String, Path, description = "Session id")),
    responses((status = 204, description = "Ended"), (status = 404, description = "No such session of yours", body = ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    end_session_of(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends one of `user`'s sessions (that browser signs in again).
pub async fn end_session_of(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    let id = SessionId::parse(id).map_err(|_| ApiError::not_found())?;
    Ok(state.guard.accounts().end_session(&user.id, &id).await?)
}
