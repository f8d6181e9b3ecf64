//! Anti-forgery tokens for every form. The token is derived from the cookie
//! that already identifies the browser (session, guest session, or — before
//! anyone signs in — a random form-guard cookie), so nothing extra is
//! stored. A page from another site cannot read our cookies, so it cannot
//! compute the token; SameSite=Strict cookies and the Origin check in
//! `form.rs` are further layers.

use crate::auth::cookie::{self, Cookie};
use axum::http::{HeaderMap, HeaderValue};
use rebound_auth::{IssuedToken, TokenKind, token_hash};

/// The cookie that anchors forms shown to someone not signed in.
pub const FORM_GUARD: Cookie = Cookie {
    secure_name: "__Host-rebound_form",
    dev_name: "rebound_form",
};

/// A form guard lasts as long as someone might keep a sign-in page open.
const FORM_GUARD_SECS: i64 = 60 * 60 * 12;

/// The token forms must carry from this browser, if it has an anchoring
/// cookie. The order is fixed, so the page and its POST agree.
pub fn expected(headers: &HeaderMap, secure: bool) -> Option<String> {
    [&cookie::SESSION, &cookie::GUEST, &FORM_GUARD]
        .into_iter()
        .find_map(|c| c.read(headers, secure))
        .map(|anchor| derive(&anchor))
}

/// Whether `given` is the token of any anchor this browser holds. A page
/// rendered when a cookie was held back (a link opened from another site
/// does not carry the Strict session cookie) may carry another anchor's
/// token than the post's first one; every anchor is equally unreadable to
/// other sites, so any of them vouches for the form.
pub fn accepts(headers: &HeaderMap, secure: bool, given: &str) -> bool {
    [&cookie::SESSION, &cookie::GUEST, &FORM_GUARD]
        .into_iter()
        .filter_map(|c| c.read(headers, secure))
        .any(|anchor| matches(&derive(&anchor), given))
}

/// The token for a page's forms, and the cookie to set when the browser has
/// no anchor yet.
pub fn issue(headers: &HeaderMap, secure: bool) -> (String, Option<HeaderValue>) {
    if let Some(token) = expected(headers, secure) {
        return (token, None);
    }
    match IssuedToken::generate(TokenKind::FormGuard) {
        Ok(anchor) => (
            derive(&anchor.token),
            Some(FORM_GUARD.set(&anchor.token, FORM_GUARD_SECS, secure)),
        ),
        // No randomness: the form will be refused on submit, with a reason.
        Err(_) => (String::new(), None),
    }
}

fn derive(anchor: &str) -> String {
    token_hash(&format!("rebound-form:{anchor}")).as_str()[..32].to_string()
}

/// Compares without stopping at the first difference.
pub fn matches(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && !expected.is_empty()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn with_cookie(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn the_token_follows_the_session_and_differs_between_sessions() {
        let a = expected(&with_cookie("rebound_session=aaa"), false).unwrap();
        let b = expected(&with_cookie("rebound_session=bbb"), false).unwrap();
        assert_ne!(a, b);
        assert_eq!(
            a,
            expected(&with_cookie("rebound_session=aaa"), false).unwrap()
        );
        // Never the cookie itself, which the page must not reveal.
        assert!(!a.contains("aaa"));
    }

    #[test]
    fn a_browser_without_cookies_gets_a_guard_cookie_and_no_token_without_it() {
        let none = HeaderMap::new();
        assert_eq!(expected(&none, true), None);
        let (token, set) = issue(&none, true);
        let set = set
            .expect("a guard cookie is set")
            .to_str()
            .unwrap()
            .to_string();
        assert!(set.starts_with("__Host-rebound_form="));
        let value = set.split(';').next().unwrap();
        assert_eq!(expected(&with_cookie(value), true), Some(token));
    }

    #[test]
    fn a_post_is_accepted_with_the_token_of_any_anchor_the_browser_holds() {
        let both = with_cookie("rebound_session=sss; rebound_form=fff");
        let from_guard = expected(&with_cookie("rebound_form=fff"), false).unwrap();
        let from_session = expected(&with_cookie("rebound_session=sss"), false).unwrap();
        assert!(accepts(&both, false, &from_guard));
        assert!(accepts(&both, false, &from_session));
        assert!(!accepts(&both, false, "0123456789abcdef0123456789abcdef"));
        assert!(!accepts(&HeaderMap::new(), false, &from_guard));
    }

    #[test]
    fn matching_is_exact() {
        assert!(matches("abc", "abc"));
        assert!(!matches("abc", "abd"));
        assert!(!matches("abc", "ab"));
        assert!(!matches("", ""));
    }
}
