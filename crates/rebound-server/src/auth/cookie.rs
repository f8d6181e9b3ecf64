//! The session cookie: `__Host-` prefixed, HttpOnly, Secure, SameSite=Strict,
//! path /. Only in plain-HTTP development on loopback is it sent without
//! `Secure` (and so without the prefix, which requires it).

use axum::http::{HeaderMap, HeaderValue, header};

pub const SECURE_NAME: &str = "__Host-rebound_session";
pub const DEV_NAME: &str = "rebound_session";

pub fn name(secure: bool) -> &'static str {
    if secure { SECURE_NAME } else { DEV_NAME }
}

/// The session token from the request's cookies, if any.
pub fn read(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == wanted)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn set(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure_attr = if secure { "; Secure" } else { "" };
    let v = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure_attr}",
        name(secure)
    );
    HeaderValue::from_str(&v).expect("token characters are cookie-safe")
}

pub fn clear(secure: bool) -> HeaderValue {
    set("", 0, secure)
}
