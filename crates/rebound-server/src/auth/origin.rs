//! Where a browser says a request came from, and the JSON API's refusal of
//! changes sent by another site's page. A cookie rides along with any
//! request a browser makes, so a change made by cookie is believed only if
//! the browser does not name a foreign origin; a Bearer token is never sent
//! by a browser on its own, so Bearer requests are not checked.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the browser's headers say about a request's origin.
#[derive(Debug, PartialEq, Eq)]
pub enum Source {
    /// Our own origin (or typed into the address bar).
    Own,
    /// Another site, or an opaque origin (`null`) with nothing else to go on.
    Foreign,
    /// No Origin and no `Sec-Fetch-Site`: not a browser, or a very old one.
    Unknown,
}

/// `Sec-Fetch-Site` decides where a browser sends it; otherwise `Origin`
/// against our `Host`. `null_is_own` is for our own form posts, which under
/// our `no-referrer` policy carry `Origin: null` (the anti-forgery token is
/// their real check); the API has no such token, so there `null` is foreign.
pub fn source(headers: &HeaderMap, null_is_own: bool) -> Source {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let origin_says = origin.map(|o| {
        if o == "null" {
            null_is_own
        } else {
            is_own_origin(o, headers)
        }
    });
    match (fetch_site, origin_says) {
        (Some("same-origin" | "none"), Some(true) | None) => Source::Own,
        // `null` beside a browser's own word that it is same-origin.
        (Some("same-origin"), Some(false)) if origin == Some("null") => Source::Own,
        (Some(_), _) => Source::Foreign,
        (None, Some(true)) => Source::Own,
        (None, Some(false)) => Source::Foreign,
        (None, None) => Source::Unknown,
    }
}

/// `origin` (`scheme://host[:port]`) names the host this request was sent to.
fn is_own_origin(origin: &str, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    origin_host.is_some() && origin_host == host
}

/// Layer on the router: an unsafe request to `/api/` without a Bearer token
/// (so authenticated by cookie, or about to set one: signing in, setup, a
/// guest opening a link) that a browser says came from another origin is
/// refused before any handler runs. Without Origin or `Sec-Fetch-Site`
/// (curl, the CLI, scripts) it goes on: those clients send no cookies on
/// anyone's behalf.
pub async fn refuse_foreign_writes(req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if unsafe_method
        && req.uri().path().starts_with("/api/")
        && !req.headers().contains_key(header::AUTHORIZATION)
        && source(req.headers(), false) == Source::Foreign
    {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "foreign_origin",
            "this change was sent from another site's page, so it was refused; \
             programs calling the API use a Bearer token",
        )
        .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "rebound.example".parse().unwrap());
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn browsers_say_where_a_request_came_from() {
        let own = headers(&[("origin", "https://rebound.example")]);
        assert_eq!(source(&own, false), Source::Own);
        let evil = headers(&[("origin", "https://evil.example")]);
        assert_eq!(source(&evil, false), Source::Foreign);
        let null = headers(&[("origin", "null")]);
        assert_eq!(source(&null, false), Source::Foreign);
        assert_eq!(source(&null, true), Source::Own);
        let sibling = headers(&[("sec-fetch-site", "same-site")]);
        assert_eq!(source(&sibling, false), Source::Foreign);
        let cross = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://rebound.example"),
        ]);
        assert_eq!(source(&cross, false), Source::Foreign);
        let ours_no_referrer = headers(&[("sec-fetch-site", "same-origin"), ("origin", "null")]);
        assert_eq!(source(&ours_no_referrer, false), Source::Own);
        let lying = headers(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://evil.example"),
        ]);
        assert_eq!(source(&lying, false), Source::Foreign);
        assert_eq!(source(&headers(&[]), false), Source::Unknown);
    }
}
