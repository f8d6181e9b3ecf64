//! Accounts: who people are, their role, who manages them, when they work,
//! and the teams they share. Pure values, checked on the way in: an `Email`
//! or a `DisplayName` that exists is a valid one.
//!
//! Passwords and tokens are not here: the domain only knows a
//! [`TokenHash`], the shape a secret takes once it reaches storage, so a raw
//! token can never be stored by mistake.

mod hours;
mod names;
mod token;
mod user;

pub use hours::WorkingHours;
pub use names::{DisplayName, Email, TeamName};
pub use token::TokenHash;
pub use user::{Role, Team, User, check_manager, would_cycle};

use crate::id::UserId;
/// The instant type of every account timestamp, re-exported so crates that
/// only pass these values along need no direct `jiff` dependency.
pub use jiff::Timestamp;

/// RFC 5321's limit on a forward path, in bytes.
pub const MAX_EMAIL_BYTES: usize = 254;
/// RFC 5321's limit on the part before the '@', in bytes.
pub const MAX_EMAIL_LOCAL_BYTES: usize = 64;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
pub const MAX_TEAM_NAME_CHARS: usize = 80;
/// The longest name of an API token ("laptop CLI").
pub const MAX_TOKEN_NAME_CHARS: usize = 100;
pub const MINUTES_PER_DAY: u16 = 24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("'{input}' is not a usable email address: {reason}")]
    InvalidEmail { input: String, reason: &'static str },
    #[error("the display name {0}")]
    InvalidDisplayName(String),
    #[error("the team name {0}")]
    InvalidTeamName(String),
    #[error("unknown role '{0}': use member, manager or admin")]
    UnknownRole(String),
    #[error("working hours {0}")]
    InvalidWorkingHours(String),
    #[error("a person cannot be their own manager")]
    OwnManager,
    #[error(
        "that would make a loop of managers: {manager} is already managed, directly or not, by {user}"
    )]
    ManagerCycle { user: UserId, manager: UserId },
    #[error("not a token hash (64 lowercase hex digits of SHA-256 expected)")]
    InvalidTokenHash,
}

/// Shows at most 80 characters of what someone typed, in error messages.
fn echo(input: &str) -> String {
    const MAX: usize = 80;
    if input.chars().count() <= MAX {
        input.to_string()
    } else {
        let mut s: String = input.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests;
