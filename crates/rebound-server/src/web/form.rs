//! Form posts: URL-encoded, from our own pages only. Every POST carries the
//! anti-forgery token (`csrf` field); a post from another origin, without
//! the token, or with a stale one is refused before any handler runs.

use super::csrf;
use super::error::WebError;
use crate::json::MAX_BODY_BYTES;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// A checked form body. `T` ignores the `csrf` field (or lists it).
pub struct Form<T>(pub T);

#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for Form<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let secure = state.settings.secure_cookies;
        let headers = req.headers().clone();
        check_origin(&headers)?;
        let is_form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(WebError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "This page only accepts forms sent from Rebound.",
            ));
        }
        let body = Bytes::from_request(req, state).await.map_err(|_| {
            WebError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "That was more than {} KiB. Shorten the text and send it again.",
                    MAX_BODY_BYTES / 1024
                ),
            )
        })?;
        let given: Token = serde_urlencoded::from_bytes(&body).unwrap_or(Token {
            csrf: String::new(),
        });
        if !csrf::accepts(&headers, secure, &given.csrf) {
            return Err(WebError::new(
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from Rebound. Go back, reload the page and send it again.",
            ));
        }
        // What was wrong in words (the field and what it takes), never
        // the deserialiser's own message.
        let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(&body));
        serde_path_to_error::deserialize(de).map(Form).map_err(|e| {
            let path = e.path().to_string();
            let words = crate::json::refusal(&path, &e.into_inner().to_string());
            WebError::new(
                StatusCode::BAD_REQUEST,
                format!("The form was not complete: {words}."),
            )
        })
    }
}

/// Browsers name the page a post came from; if it is another site, refuse.
/// No Origin, or `null` (what browsers send under our `no-referrer`
/// policy), says nothing either way: the token check decides.
fn check_origin(headers: &HeaderMap) -> Result<(), WebError> {
    if crate::auth::origin::source(headers, true) == crate::auth::origin::Source::Foreign {
        return Err(WebError::new(
            StatusCode::FORBIDDEN,
            "This form was sent from another site, so it was refused.",
        ));
    }
    Ok(())
}

/// Empty form fields mean "not given".
pub fn given(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}
