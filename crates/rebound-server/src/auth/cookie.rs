//! Our cookies: `__Host-` prefixed, HttpOnly, Secure, SameSite=Strict, path
//! /. Only in plain-HTTP development on loopback are they sent without
//! `Secure` (and so without the prefix, which requires it).

use axum::http::{HeaderMap, HeaderValue, header};

/// A cookie's name in production and in plain-HTTP development.
pub struct Cookie {
    pub secure_name: &'static str,
    pub dev_name: &'static str,
}

/// A signed-in person's session.
pub const SESSION: Cookie = Cookie {
    secure_name: "__Host-rebound_session",
    dev_name: "rebound_session",
};
/// A guest who opened a share link.
pub const GUEST: Cookie = Cookie {
    secure_name: "__Host-rebound_guest",
    dev_name: "rebound_guest",
};

impl Cookie {
    pub fn name(&self, secure: bool) -> &'static str {
        if secure {
            self.secure_name
        } else {
            self.dev_name
        }
    }

    /// The token from the request's cookies, if any.
    pub fn read(&self, headers: &HeaderMap, secure: bool) -> Option<String> {
        let wanted = self.name(secure);
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

    pub fn set(&self, token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
        let secure_attr = if secure { "; Secure" } else { "" };
        let v = format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure_attr}",
            self.name(secure)
        );
        HeaderValue::from_str(&v).expect("token characters are cookie-safe")
    }

    pub fn clear(&self, secure: bool) -> HeaderValue {
        self.set("", 0, secure)
    }
}
