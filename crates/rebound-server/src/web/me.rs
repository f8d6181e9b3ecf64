//! Who is looking at a page: the signed-in person (session cookie only —
//! pages never take API tokens) and the token their forms must carry.
//! Without a session, pages send the browser to sign in and come back.

use super::csrf;
use super::error::WebError;
use crate::auth::current::{Authenticated, Credential};
use crate::sharing::notifications;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use rebound_domain::{SessionId, User};

pub struct Me {
    pub user: User,
    /// The anti-forgery token for this person's forms.
    pub csrf: String,
    /// This browser's session (to mark it among the person's sessions).
    pub session: SessionId,
    /// Unread notifications, for the header: counted for pages (GET) only,
    /// since a form post answers with a redirect to one (`None` then).
    pub unread: Option<u64>,
}

impl Me {
    /// Admins only: anyone else sees the same 404 as for a missing page.
    pub fn admin_only(&self) -> super::error::WebResult<()> {
        if self.user.role == rebound_domain::Role::Admin {
            Ok(())
        } else {
            Err(super::error::WebError::not_found())
        }
    }

    /// The header's navigation for this signed-in person.
    pub fn nav(&self) -> super::layout::Nav<'_> {
        super::layout::Nav::Member {
            user: &self.user,
            csrf: &self.csrf,
            unread: self.unread,
        }
    }
}

impl FromRequestParts<AppState> for Me {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // A stray Authorization header must not stand in for the session.
        parts.headers.remove(axum::http::header::AUTHORIZATION);
        match Authenticated::from_request_parts(parts, state).await {
            Ok(Authenticated {
                user,
                credential: Credential::Session { id },
            }) => {
                let csrf = csrf::expected(&parts.headers, state.settings.secure_cookies)
                    .unwrap_or_default();
                let unread = if matches!(parts.method, Method::GET | Method::HEAD) {
                    let n = notifications::unread_count(state, &user).await;
                    Some(n.map_err(|e| WebError::from(e).into_response())?)
                } else {
                    None
                };
                Ok(Me {
                    user,
                    csrf,
                    session: id,
                    unread,
                })
            }
            Ok(_) => Err(to_sign_in(parts)),
            Err(e) if e.status == StatusCode::UNAUTHORIZED => Err(to_sign_in(parts)),
            Err(e) => Err(WebError::from(e).into_response()),
        }
    }
}

/// Back to this page after signing in (GET pages only; a form post would
/// be lost anyway).
fn to_sign_in(parts: &Parts) -> Response {
    let here = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    if parts.method == axum::http::Method::GET && here != "/" {
        let next: String = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
        Redirect::to(&format!("/signin?{next}")).into_response()
    } else {
        Redirect::to("/signin").into_response()
    }
}

/// Where to go after signing in: only a path on this site, never another
/// host (`//evil.example` or `/\evil` would leave it).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/m/ABCD1234")), "/m/ABCD1234");
        assert_eq!(
            safe_next(Some("/settings?tab=tokens")),
            "/settings?tab=tokens"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/\nx",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
