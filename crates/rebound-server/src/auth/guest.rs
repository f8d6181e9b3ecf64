//! Guests: people without an account who open a share link. They present
//! the link's token once, with a display name, and get a guest cookie
//! (`__Host-rebound_guest`, HttpOnly, Secure, SameSite=Strict) bound to that
//! link and to a fresh guest identity, so their votes count once. The
//! cookie opens only that link's mistake, and only while the link is live:
//! the guard checks it on every request.

use super::cookie::GUEST;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use jiff::Timestamp;
use rebound_auth::{IssuedToken, TokenKind, token_hash};
use rebound_domain::{DisplayName, GuestId, MistakeId, TokenHash};
use rebound_store::{GuestSession, NewGuestSession, ShareLinkInfo};
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use utoipa::ToSchema;

/// The hash of the guest cookie's token, if the request carries one.
/// Whether it opens anything is the guard's decision.
pub struct GuestCookie(pub Option<TokenHash>);

impl FromRequestParts<AppState> for GuestCookie {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(GuestCookie(
            GUEST
                .read(&parts.headers, state.settings.secure_cookies)
                .map(|t| token_hash(&t)),
        ))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GuestSessionBody {
    /// The token from the share link.
    pub token: String,
    /// How you will be shown beside your comments (1 to 80 characters).
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GuestSessionView {
    #[schema(value_type = String)]
    pub guest: GuestId,
    pub display_name: String,
    /// The one mistake this session opens (see `GET /api/v1/guest/mistake`).
    #[schema(value_type = String)]
    pub mistake: MistakeId,
    /// When the link, and so this session, stops working.
    pub expires_at: Timestamp,
}

#[utoipa::path(post, path = "/api/v1/guest/session", tag = "guests", request_body = GuestSessionBody, security(()),
    responses((status = 201, description = "The guest cookie is set, bound to this link", body = GuestSessionView),
        (status = 404, description = "No live link with this token (unknown, expired or revoked: which is not said)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    GuestCookie(existing): GuestCookie,
    Json(b): Json<GuestSessionBody>,
) -> ApiResult<Response> {
    let (view, cookie) = begin(&state, existing, b).await?;
    Ok((
        StatusCode::CREATED,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(view),
    )
        .into_response())
}

/// Starts a guest session on the live link with `b.token`, replacing the
/// browser's `existing` one: the session and the cookie that carries it.
pub async fn begin(
    state: &AppState,
    existing: Option<TokenHash>,
    b: GuestSessionBody,
) -> ApiResult<(GuestSessionView, HeaderValue)> {
    let name =
        DisplayName::parse(&b.display_name).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let link = state.guard.live_link(&token_hash(b.token.trim())).await?;
    // The same browser opening the same link again stays the same guest
    // (so it cannot vote twice by reopening); its old cookie is replaced.
    let mut guest = None;
    if let Some(old) = existing {
        if let Some(s) = state.guard.guest_session(&old).await?
            && s.link == link.id
        {
            guest = Some(s.guest);
        }
        state.guard.end_guest_session(&old).await?;
    }
    let guest = match guest {
        Some(g) => g,
        None => GuestId::from_random(crate::random::bytes5()?),
    };
    let now = state.clock.now();
    let issued = IssuedToken::generate(TokenKind::Session).map_err(ApiError::internal_because)?;
    state
        .guard
        .start_guest_session(&NewGuestSession {
            token_hash: issued.hash.clone(),
            guest: guest.clone(),
            name: name.clone(),
            link: link.id.clone(),
            created_at: now,
            expires_at: link.expires_at,
        })
        .await?;
    let max_age = link.expires_at.duration_since(now).as_secs().max(1);
    let cookie = GUEST.set(&issued.token, max_age, state.settings.secure_cookies);
    let view = GuestSessionView {
        guest,
        display_name: name.to_string(),
        mistake: link.mistake,
        expires_at: link.expires_at,
    };
    Ok((view, cookie))
}

#[utoipa::path(delete, path = "/api/v1/guest/session", tag = "guests", security(()),
    responses((status = 204, description = "The guest session has ended and its cookie is cleared")))]
pub async fn leave(
    State(state): State<AppState>,
    GuestCookie(existing): GuestCookie,
) -> ApiResult<Response> {
    let clear = end(&state, existing.as_ref()).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, clear)]),
    )
        .into_response())
}

/// Ends the guest session `existing`, if any: the cookie that clears it.
pub async fn end(state: &AppState, existing: Option<&TokenHash>) -> ApiResult<HeaderValue> {
    if let Some(hash) = existing {
        state.guard.end_guest_session(hash).await?;
    }
    Ok(GUEST.clear(state.settings.secure_cookies))
}

/// The live guest session with this token hash, if any.
pub async fn live_session(state: &AppState, hash: &TokenHash) -> ApiResult<Option<GuestSession>> {
    state.guard.guest_session(hash).await
}

/// The live share link with this token; 404 whatever the reason it is not.
pub async fn live_link(state: &AppState, token: &str) -> ApiResult<ShareLinkInfo> {
    state.guard.live_link(&token_hash(token)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn the_guest_cookie_is_host_prefixed_httponly_and_strict_when_secure() {
        let v = GUEST.set("abc", 60, true);
        let v = v.to_str().unwrap();
        assert!(v.starts_with("__Host-rebound_guest=abc;"), "{v}");
        for attr in [
            "Path=/",
            "HttpOnly",
            "SameSite=Strict",
            "Max-Age=60",
            "Secure",
        ] {
            assert!(v.contains(attr), "{attr} in {v}");
        }
        let dev = GUEST.set("abc", 60, false);
        let dev = dev.to_str().unwrap();
        assert!(dev.starts_with("rebound_guest=abc;"), "{dev}");
        assert!(!dev.contains("Secure"), "{dev}");
        assert!(GUEST.clear(true).to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn only_the_guest_cookie_is_read_not_the_session_cookie() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "rebound_session=s3cret; rebound_guest=g7; other=x"
                .parse()
                .unwrap(),
        );
        assert_eq!(GUEST.read(&h, false).as_deref(), Some("g7"));
        assert_eq!(GUEST.read(&h, true), None);
    }
}
