//! Rebound's secrets, in pure Rust. The only IO is the operating system's
//! random source.
//!
//! - [`password`]: Argon2id hashes in PHC strings (`$argon2id$v=19$…`),
//!   19 MiB, 2 passes, 1 lane by default (OWASP's first recommendation).
//! - [`token`]: 256-bit random tokens for sessions, API access, invitations
//!   and share links, base64url without padding; API tokens start with
//!   `rbt_` so a leaked one is recognisable. Storage keeps only their
//!   SHA-256 ([`rebound_domain::TokenHash`]), never the token.

pub mod password;
pub mod token;

pub use password::{
    HashCost, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Passwords, check_password_rules,
    hash_password, verify_password,
};
pub use token::{
    API_TOKEN_PREFIX, IssuedToken, TOKEN_BYTES, TokenKind, looks_like_api_token, random_bytes,
    token_hash,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("the password is too short: use at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("the password is too long: use at most {max} characters")]
    PasswordTooLong { max: usize },
    #[error("the operating system's random source failed: {0}")]
    Random(String),
    #[error("password hashing failed: {0}")]
    Hashing(String),
}
