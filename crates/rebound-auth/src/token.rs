//! Secret tokens: 32 random bytes (256 bits) from the operating system,
//! base64url without padding (43 characters). The holder presents the
//! token; storage keeps only its SHA-256, so a copy of the database opens
//! nothing.

use crate::AuthError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rebound_domain::TokenHash;
use sha2::{Digest, Sha256};
use std::fmt;

pub const TOKEN_BYTES: usize = 32;
/// The start of every API token, so one pasted somewhere public is
/// recognisable (by people and by secret scanners).
pub const API_TOKEN_PREFIX: &str = "rbt_";
/// Characters of the encoded random part.
const ENCODED_LEN: usize = 43;

/// What a token is for; only API tokens carry a prefix (the others live in
/// cookies and links where it would add nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Session,
    Api,
    Invitation,
    ShareLink,
    /// The anti-forgery cookie of a form shown before anyone signs in.
    FormGuard,
}

impl TokenKind {
    pub fn prefix(self) -> &'static str {
        match self {
            TokenKind::Api => API_TOKEN_PREFIX,
            TokenKind::Session
            | TokenKind::Invitation
            | TokenKind::ShareLink
            | TokenKind::FormGuard => "",
        }
    }
}

/// A new token and the hash to store. The token is shown once (set as a
/// cookie, put in a link, displayed to copy) and then forgotten.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedToken {
    pub token: String,
    pub hash: TokenHash,
}

impl IssuedToken {
    pub fn generate(kind: TokenKind) -> Result<IssuedToken, AuthError> {
        let bytes: [u8; TOKEN_BYTES] = random_bytes()?;
        let token = format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes));
        let hash = token_hash(&token);
        Ok(IssuedToken { token, hash })
    }
}

/// Never prints the token itself.
impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("token", &"<redacted>")
            .field("hash", &self.hash)
            .finish()
    }
}

/// What storage keeps of `token`: its SHA-256, as lowercase hex. Computed
/// over the token exactly as presented (prefix included).
pub fn token_hash(token: &str) -> TokenHash {
    TokenHash::from_sha256(Sha256::digest(token.as_bytes()).into())
}

/// Whether `s` has the shape of an API token (prefix and 43 base64url
/// characters): lets a server tell a bearer token from other credentials
/// before any lookup.
pub fn looks_like_api_token(s: &str) -> bool {
    s.strip_prefix(API_TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == ENCODED_LEN
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// `N` bytes from the operating system's random source, e.g. for ids
/// (`UserId::from_random(random_bytes()?)`).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], AuthError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| AuthError::Random(e.to_string()))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn is_base64url(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    #[test]
    fn tokens_are_256_random_bits_in_base64url_without_padding() {
        for kind in [
            TokenKind::Session,
            TokenKind::Invitation,
            TokenKind::ShareLink,
        ] {
            let t = IssuedToken::generate(kind).unwrap();
            assert_eq!(t.token.len(), ENCODED_LEN, "{kind:?}");
            assert!(is_base64url(&t.token), "{}", t.token);
            assert!(!t.token.contains('='));
            let decoded = URL_SAFE_NO_PAD.decode(&t.token).unwrap();
            assert_eq!(decoded.len(), TOKEN_BYTES);
            assert_eq!(t.hash, token_hash(&t.token));
        }
    }

    #[test]
    fn api_tokens_are_prefixed_and_recognisable() {
        let t = IssuedToken::generate(TokenKind::Api).unwrap();
        assert!(t.token.starts_with("rbt_"), "{}", t.token);
        assert_eq!(t.token.len(), 4 + ENCODED_LEN);
        assert!(looks_like_api_token(&t.token));
        // The hash covers the prefix too.
        assert_ne!(t.hash, token_hash(&t.token[4..]));
        let session = IssuedToken::generate(TokenKind::Session).unwrap();
        assert!(!looks_like_api_token(&session.token));
        assert!(!looks_like_api_token("rbt_short"));
        assert!(!looks_like_api_token(&format!("{}=", t.token)));
        assert!(!looks_like_api_token(&t.token.replacen('_', "!", 2)));
    }

    #[test]
    fn tokens_do_not_repeat() {
        let tokens: HashSet<String> = (0..1000)
            .map(|_| IssuedToken::generate(TokenKind::Session).unwrap().token)
            .collect();
        assert_eq!(tokens.len(), 1000);
    }

    #[test]
    fn token_hash_is_sha256_hex() {
        assert_eq!(
            token_hash("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            token_hash("").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn debug_never_shows_the_token() {
        let t = IssuedToken::generate(TokenKind::Api).unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains(&t.token[4..]), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }

    #[test]
    fn random_bytes_fill_the_requested_size() {
        let a: [u8; 5] = random_bytes().unwrap();
        let b: [u8; 64] = random_bytes().unwrap();
        assert_eq!((a.len(), b.len()), (5, 64));
        assert_ne!(b, [0u8; 64]);
    }
}
