//! A secret that arrives in an address (an invitation or a share link) is
//! moved out of the address bar at once: the GET that carries it only puts
//! it in a short-lived HttpOnly cookie and sends the browser on (303) to a
//! plain address. Nothing is stored or used up on that GET.
//!
//! These cookies are SameSite=Lax, not Strict like the session: such links
//! are opened from mail or chat, a navigation from another site, and a
//! browser would hold back a Strict cookie on that redirect. Lax still
//! keeps them out of other sites' posts and sub-requests.

use crate::auth::cookie::Cookie;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

/// An invitation link's token, while the person fills in the form.
pub const INVITATION: Cookie = Cookie {
    secure_name: "__Host-rebound_invitation",
    dev_name: "rebound_invitation",
};

/// A share link's token, while the guest chooses a display name.
pub const SHARE_LINK: Cookie = Cookie {
    secure_name: "__Host-rebound_link",
    dev_name: "rebound_link",
};

/// Long enough to read the page and fill in a short form.
pub const LIFETIME_SECS: i64 = 60 * 60;

/// Tokens we issue are base64url and short; anything else names nothing
/// (and could not be put in a cookie safely).
pub fn well_formed(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 128
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn lax(c: &Cookie, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure_attr = if secure { "; Secure" } else { "" };
    let v = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure_attr}",
        c.name(secure)
    );
    HeaderValue::from_str(&v).expect("only base64url characters reach a cookie")
}

/// 303 to `to`, holding `token` in `c` (or clearing `c` when the token
/// cannot be one of ours, so an older one does not linger).
pub fn hand_off(c: &Cookie, token: &str, to: &str, secure: bool) -> Response {
    let cookie = if well_formed(token) {
        lax(c, token, LIFETIME_SECS, secure)
    } else {
        lax(c, "", 0, secure)
    };
    let mut out = crate::web::respond::see_other(to);
    out.headers_mut().append(header::SET_COOKIE, cookie);
    out
}

pub fn read(c: &Cookie, headers: &HeaderMap, secure: bool) -> Option<String> {
    c.read(headers, secure).filter(|t| well_formed(t))
}

/// Adds the header that forgets the token (once it is used or dead).
pub fn forget(c: &Cookie, response: &mut Response, secure: bool) {
    response
        .headers_mut()
        .append(header::SET_COOKIE, lax(c, "", 0, secure));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_token_alphabet_is_carried() {
        assert!(well_formed("abcXYZ019-_"));
        for bad in ["", "a;b", "a b", "a=b", "a,b", "ä", &"a".repeat(129)] {
            assert!(!well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn the_hand_off_cookie_is_httponly_lax_and_short_lived() {
        let r = hand_off(&SHARE_LINK, "tok_1", "/s", true);
        assert_eq!(r.status(), axum::http::StatusCode::SEE_OTHER);
        assert_eq!(r.headers()[header::LOCATION], "/s");
        let c = r.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(c.starts_with("__Host-rebound_link=tok_1;"), "{c}");
        for attr in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(c.contains(attr), "{attr} in {c}");
        }
        assert!(c.contains(&format!("Max-Age={LIFETIME_SECS}")), "{c}");
        let cleared = hand_off(&SHARE_LINK, "bad;token", "/s", true);
        let c = cleared.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(c.starts_with("__Host-rebound_link=;") && c.contains("Max-Age=0"));
    }
}
