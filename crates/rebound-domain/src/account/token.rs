//! What storage keeps of a secret token.

use super::AccountError;
use std::fmt;

/// What storage keeps of a secret token (session, API token, invitation or
/// share link): the SHA-256 of the token as 64 lowercase hex digits. The
/// token itself is never stored; a leaked database yields no usable token.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(String);

impl TokenHash {
    /// From a SHA-256 digest.
    pub fn from_sha256(digest: [u8; 32]) -> TokenHash {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(64);
        for b in digest {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 15)]));
        }
        TokenHash(s)
    }

    /// From stored hex: exactly 64 lowercase hex digits.
    pub fn from_hex(hex: &str) -> Result<TokenHash, AccountError> {
        if hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(TokenHash(hex.to_string()))
        } else {
            Err(AccountError::InvalidTokenHash)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Only a prefix: enough to tell hashes apart in logs and test failures.
impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenHash({}…)", &self.0[..12])
    }
}
