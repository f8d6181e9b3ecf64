//! Signed, expiring links in messages (one-click unsubscribe, snooze): the
//! token carries its claims, so following a link needs no stored state to
//! know who and what it is for, and no one can forge or alter one without
//! the key.
//!
//! Token = base64url(json) "." base64url(HMAC-SHA256(key, "rebound-link/v1\0" || json)),
//! URL-safe without padding. The domain prefix keeps a MAC made here from
//! ever being valid for another use of the same key.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// What the MAC covers before the payload; bump the version to retire every old link.
const DOMAIN: &[u8] = b"rebound-link/v1\0";
/// Far above any real token; refuses absurd input before decoding it.
const MAX_TOKEN_LEN: usize = 4096;
const MAC_LEN: usize = 32;

/// The secret links are signed with: 32 bytes, the same on every server of
/// one deployment.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkKey([u8; 32]);

impl LinkKey {
    /// A new key from the operating system's random source.
    pub fn random() -> Result<LinkKey, getrandom::Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        Ok(LinkKey(bytes))
    }

    /// A stored key; `None` unless exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<LinkKey> {
        bytes.try_into().ok().map(LinkKey)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn mac(&self, payload: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(DOMAIN);
        mac.update(payload);
        mac
    }
}

/// Never print the key, not even in a debug log.
impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

/// What a link allows, and until when. Short field names keep links short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// What the link does, e.g. "unsubscribe" or "snooze".
    #[serde(rename = "p")]
    pub purpose: String,
    /// The account it acts for.
    #[serde(rename = "u")]
    pub user: String,
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    pub mistake: Option<String>,
    /// The kind of message (for unsubscribe) or the snooze length.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Epoch milliseconds; the link is dead from this instant on.
    #[serde(rename = "x")]
    pub expires_ms: i64,
}

/// Why a link was not honoured. The messages say nothing about which part
/// of a token was wrong beyond these three cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link is not a Rebound link (it may have been cut short when copied)")]
    Malformed,
    #[error("the link's signature does not match (it was altered or not made by this server)")]
    BadSignature,
    #[error("the link has expired")]
    Expired,
}

/// The token for `claims`, safe to put in a URL path as is.
pub fn sign(key: &LinkKey, claims: &Claims) -> String {
    let json = serde_json::to_vec(claims).expect("claims are plain strings and a number");
    let tag = key.mac(&json).finalize().into_bytes();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(&json),
        URL_SAFE_NO_PAD.encode(tag)
    )
}

/// The claims of a token this key signed and that is not yet expired at
/// `now_ms`. The signature is checked (in constant time) before the
/// payload is parsed, so unsigned JSON never reaches the parser.
pub fn verify(key: &LinkKey, token: &str, now_ms: i64) -> Result<Claims, LinkError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(LinkError::Malformed);
    }
    let (payload, tag) = token.split_once('.').ok_or(LinkError::Malformed)?;
    // The default engine refuses padding and non-canonical trailing bits, so
    // one token has exactly one spelling.
    let json = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::Malformed)?;
    let tag = URL_SAFE_NO_PAD
        .decode(tag)
        .map_err(|_| LinkError::Malformed)?;
    if tag.len() != MAC_LEN {
        return Err(LinkError::Malformed);
    }
    key.mac(&json)
        .verify_slice(&tag)
        .map_err(|_| LinkError::BadSignature)?;
    let claims: Claims = serde_json::from_slice(&json).map_err(|_| LinkError::Malformed)?;
    if now_ms >= claims.expires_ms {
        return Err(LinkError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(b: u8) -> LinkKey {
        LinkKey::from_bytes(&[b; 32]).unwrap()
    }

    fn claims() -> Claims {
        Claims {
            purpose: "snooze".into(),
            user: "u-42".into(),
            mistake: Some("m-7".into()),
            kind: Some("1h".into()),
            expires_ms: 1_000_000,
        }
    }

    #[test]
    fn round_trip() {
        let token = sign(&key(1), &claims());
        assert_eq!(verify(&key(1), &token, 999_999), Ok(claims()));
        let bare = Claims {
            mistake: None,
            kind: None,
            ..claims()
        };
        assert_eq!(verify(&key(1), &sign(&key(1), &bare), 0), Ok(bare));
    }

    #[test]
    fn token_is_url_safe_and_has_the_documented_shape() {
        let token = sign(&key(1), &claims());
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "{token}"
        );
        let (payload, tag) = token.split_once('.').unwrap();
        let json = URL_SAFE_NO_PAD.decode(payload).unwrap();
        let mut mac = HmacSha256::new_from_slice(&[1; 32]).unwrap();
        mac.update(b"rebound-link/v1\0");
        mac.update(&json);
        assert_eq!(
            URL_SAFE_NO_PAD.decode(tag).unwrap(),
            mac.finalize().into_bytes().to_vec()
        );
    }

    #[test]
    fn another_key_fails() {
        let token = sign(&key(1), &claims());
        assert_eq!(verify(&key(2), &token, 0), Err(LinkError::BadSignature));
    }

    #[test]
    fn expiry_is_exclusive() {
        let token = sign(&key(1), &claims());
        assert!(verify(&key(1), &token, 999_999).is_ok());
        assert_eq!(verify(&key(1), &token, 1_000_000), Err(LinkError::Expired));
    }

    #[test]
    fn a_flipped_bit_anywhere_fails() {
        let token = sign(&key(1), &claims());
        let bytes = token.as_bytes();
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut t = bytes.to_vec();
                t[i] ^= 1 << bit;
                // Not UTF-8 any more is as refused as anything else; only a
                // &str can reach verify, so skip those spellings.
                let Ok(t) = String::from_utf8(t) else {
                    continue;
                };
                assert!(verify(&key(1), &t, 0).is_err(), "byte {i} bit {bit}: {t}");
            }
        }
    }

    #[test]
    fn malformed_tokens() {
        let token = sign(&key(1), &claims());
        let (payload, tag) = token.split_once('.').unwrap();
        for bad in [
            "",
            ".",
            "abc",
            payload,
            &format!("{payload}."),
            &format!("{payload}.{tag}="),
            &format!("{payload}.{}", &tag[..tag.len() - 2]),
            &"a".repeat(MAX_TOKEN_LEN + 1),
        ] {
            assert_eq!(verify(&key(1), bad, 0), Err(LinkError::Malformed), "{bad}");
        }
        // Signed but not claims: a valid MAC over other JSON is still refused.
        let json = br#"{"p":"x"}"#;
        let tag = key(1).mac(json).finalize().into_bytes();
        let t = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(json),
            URL_SAFE_NO_PAD.encode(tag)
        );
        assert_eq!(verify(&key(1), &t, 0), Err(LinkError::Malformed));
    }

    #[test]
    fn key_bytes_and_debug() {
        assert!(LinkKey::from_bytes(&[0; 31]).is_none());
        assert!(LinkKey::from_bytes(&[0; 33]).is_none());
        assert_eq!(key(9).as_bytes(), &[9; 32]);
        assert_ne!(LinkKey::random().unwrap(), LinkKey::random().unwrap());
        assert!(!format!("{:?}", key(9)).contains('9'));
    }

    proptest! {
        #[test]
        fn no_tampered_token_verifies(
            user in "[a-z0-9-]{0,20}",
            expires in 1i64..i64::MAX,
            pos in any::<proptest::sample::Index>(),
            replacement in any::<u8>(),
        ) {
            let c = Claims { user, expires_ms: expires, ..claims() };
            let token = sign(&key(1), &c);
            prop_assert_eq!(verify(&key(1), &token, 0), Ok(c));
            let mut t = token.into_bytes();
            let i = pos.index(t.len());
            prop_assume!(t[i] != replacement);
            t[i] = replacement;
            if let Ok(t) = String::from_utf8(t) {
                prop_assert!(verify(&key(1), &t, 0).is_err());
            }
        }
    }
}
