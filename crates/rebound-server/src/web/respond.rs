//! Turning what an operation answered into what a browser needs: after a
//! successful post, go to a page (303, so reload does not post again),
//! setting any cookie the operation issued.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;

/// 303 See Other to `to`, setting `cookie` (what an operation issued).
pub fn see_other_setting(to: &str, cookie: HeaderValue) -> Response {
    let mut out = see_other(to);
    out.headers_mut().append(header::SET_COOKIE, cookie);
    out
}

pub fn see_other(to: &str) -> Response {
    let mut out = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        out.headers_mut().insert(header::LOCATION, v);
    }
    out
}

/// A page, with a cookie to set if the page issued one (a form guard).
pub fn page_with_cookie(status: StatusCode, page: Markup, cookie: Option<HeaderValue>) -> Response {
    let mut out = (status, page).into_response();
    if let Some(c) = cookie {
        out.headers_mut().append(header::SET_COOKIE, c);
    }
    out
}

/// A form for someone not signed in, shown again after the API refused it:
/// the status and sentence of the refusal, and a fresh token for the same
/// browser. `render` gets the token and the message.
pub fn form_again(
    headers: &HeaderMap,
    secure: bool,
    refusal: crate::error::ApiError,
    render: impl FnOnce(&str, &str) -> Markup,
) -> Response {
    let e = super::error::WebError::from(refusal);
    let token = super::csrf::expected(headers, secure).unwrap_or_default();
    (e.status, render(&token, &e.message)).into_response()
}
