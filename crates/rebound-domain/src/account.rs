//! Accounts: who people are, their role, who manages them, when they work,
//! and the teams they share. Pure values, checked on the way in: an `Email`
//! or a `DisplayName` that exists is a valid one.
//!
//! Passwords and tokens are not here: the domain only knows a
//! [`TokenHash`], the shape a secret takes once it reaches storage, so a raw
//! token can never be stored by mistake.

use crate::id::{TeamId, UserId};
/// The instant type of every account timestamp, re-exported so crates that
/// only pass these values along need no direct `jiff` dependency.
pub use jiff::Timestamp;
use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

/// RFC 5321's limit on a forward path, in bytes.
pub const MAX_EMAIL_BYTES: usize = 254;
/// RFC 5321's limit on the part before the '@', in bytes.
pub const MAX_EMAIL_LOCAL_BYTES: usize = 64;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
pub const MAX_TEAM_NAME_CHARS: usize = 80;
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

/// An email address as accounts are keyed by: trimmed and lowercased, so
/// `Sam@Example.com ` and `sam@example.com` are the same person.
///
/// Deliberately a sane subset of RFC 5322: one '@', no spaces, quotes,
/// brackets or control characters, no empty domain labels, at most 254
/// bytes (64 before the '@').
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Email(String);

impl Email {
    /// An address read back from storage, which only ever holds addresses
    /// that went through [`Email::parse`] when they came in: not checked
    /// again (it is read on every request, with the token or session).
    /// Input from people always goes through `parse`.
    pub fn from_stored(stored: String) -> Email {
        debug_assert!(Email::parse(&stored).is_ok_and(|e| e.0 == stored));
        Email(stored)
    }

    pub fn parse(input: &str) -> Result<Email, AccountError> {
        let fail = |reason| AccountError::InvalidEmail {
            input: echo(input.trim()),
            reason,
        };
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(fail("it is empty"));
        }
        if email.len() > MAX_EMAIL_BYTES {
            return Err(fail("it is longer than 254 bytes"));
        }
        if email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"(),:;<>[\\]".contains(c))
        {
            return Err(fail(
                "it contains a space, a control character or one of \" ( ) , : ; < > [ \\ ]",
            ));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(fail("it has no '@'"));
        };
        if domain.contains('@') {
            return Err(fail("it has more than one '@'"));
        }
        if local.is_empty() {
            return Err(fail("nothing comes before the '@'"));
        }
        if local.len() > MAX_EMAIL_LOCAL_BYTES {
            return Err(fail("the part before the '@' is longer than 64 bytes"));
        }
        if domain.is_empty() {
            return Err(fail("nothing comes after the '@'"));
        }
        if domain.split('.').any(str::is_empty) || local.split('.').any(str::is_empty) {
            return Err(fail("it has a dot at an end or two dots in a row"));
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the '@'.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, d)| d)
    }
}

impl TryFrom<String> for Email {
    type Error = AccountError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl FromStr for Email {
    type Err = AccountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Trimmed, 1 to `max` characters, no control characters (a line break in
/// a name would break emails and headers that carry it).
fn clean_name(input: &str, max: usize) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("is empty".to_string());
    }
    if name.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("contains a line break or another control character".to_string());
    }
    Ok(name.to_string())
}

/// How a person is shown to others: 1 to 80 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayName(String);

impl DisplayName {
    /// A name read back from storage, which only ever holds names that went
    /// through [`DisplayName::parse`] when they came in: not checked again
    /// (it is read on every request). Input from people goes through `parse`.
    pub fn from_stored(stored: String) -> DisplayName {
        debug_assert!(DisplayName::parse(&stored).is_ok_and(|n| n.0 == stored));
        DisplayName(stored)
    }

    pub fn parse(input: &str) -> Result<DisplayName, AccountError> {
        clean_name(input, MAX_DISPLAY_NAME_CHARS)
            .map(DisplayName)
            .map_err(AccountError::InvalidDisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = AccountError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        DisplayName::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(n: DisplayName) -> String {
        n.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A team's name: 1 to 80 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(input: &str) -> Result<TeamName, AccountError> {
        clean_name(input, MAX_TEAM_NAME_CHARS)
            .map(TeamName)
            .map_err(AccountError::InvalidTeamName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TeamName {
    type Error = AccountError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        TeamName::parse(&value)
    }
}

impl From<TeamName> for String {
    fn from(n: TeamName) -> String {
        n.0
    }
}

impl fmt::Display for TeamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an account may do besides its own records. Being an admin grants
/// managing accounts and teams, not reading other people's mistakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    Member,
    Manager,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Member, Role::Manager, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = AccountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| AccountError::UnknownRole(echo(s.trim())))
    }
}

/// When someone works, in their own time zone: minutes after midnight and
/// the days (Monday first). A span may cross midnight (`start > end`, e.g.
/// 22:00–06:00): it then belongs to the day it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WorkingHoursFields", into = "WorkingHoursFields")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkingHours {
    start_minute: u16,
    end_minute: u16,
    days: [bool; 7],
}

/// The serialised shape of [`WorkingHours`], checked on the way in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct WorkingHoursFields {
    start_minute: u16,
    end_minute: u16,
    days: [bool; 7],
}

impl TryFrom<WorkingHoursFields> for WorkingHours {
    type Error = AccountError;
    fn try_from(f: WorkingHoursFields) -> Result<Self, Self::Error> {
        WorkingHours::new(f.start_minute, f.end_minute, f.days)
    }
}

impl From<WorkingHours> for WorkingHoursFields {
    fn from(w: WorkingHours) -> Self {
        WorkingHoursFields {
            start_minute: w.start_minute,
            end_minute: w.end_minute,
            days: w.days,
        }
    }
}

impl WorkingHours {
    /// `start_minute` in 0..1440, `end_minute` in 1..=1440 (1440 is the
    /// midnight that ends the day), different from each other, and at least
    /// one working day.
    pub fn new(
        start_minute: u16,
        end_minute: u16,
        days: [bool; 7],
    ) -> Result<WorkingHours, AccountError> {
        let bad = |m: String| Err(AccountError::InvalidWorkingHours(m));
        if start_minute >= MINUTES_PER_DAY {
            return bad(format!(
                "start at minute {start_minute}, past the end of the day (0 to 1439)"
            ));
        }
        if end_minute == 0 || end_minute > MINUTES_PER_DAY {
            return bad(format!(
                "end at minute {end_minute}: use 1 to 1440 (1440 is midnight at the end of the day)"
            ));
        }
        if start_minute == end_minute {
            return bad("start and end at the same minute".to_string());
        }
        if !days.contains(&true) {
            return bad("have no working day: leave them unset instead".to_string());
        }
        Ok(WorkingHours {
            start_minute,
            end_minute,
            days,
        })
    }

    /// Monday to Friday, `start`–`end` minutes.
    pub fn weekdays(start_minute: u16, end_minute: u16) -> Result<WorkingHours, AccountError> {
        WorkingHours::new(
            start_minute,
            end_minute,
            [true, true, true, true, true, false, false],
        )
    }

    pub fn start_minute(&self) -> u16 {
        self.start_minute
    }

    pub fn end_minute(&self) -> u16 {
        self.end_minute
    }

    /// Monday first.
    pub fn days(&self) -> [bool; 7] {
        self.days
    }

    /// Whether the span crosses midnight.
    pub fn overnight(&self) -> bool {
        self.start_minute > self.end_minute
    }

    /// Whether `local` (a time on the person's own clock) is inside their
    /// working hours. Start is inside, end is not.
    pub fn contains(&self, local: DateTime) -> bool {
        let minute = u16::try_from(i32::from(local.hour()) * 60 + i32::from(local.minute()))
            .expect("a time of day is under 1440 minutes");
        let day = usize::try_from(local.weekday().to_monday_zero_offset())
            .expect("a weekday offset is 0 to 6");
        if self.overnight() {
            let yesterday = (day + 6) % 7;
            (self.days[day] && minute >= self.start_minute)
                || (self.days[yesterday] && minute < self.end_minute)
        } else {
            self.days[day] && minute >= self.start_minute && minute < self.end_minute
        }
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
    pub manager: Option<UserId>,
    /// An IANA time zone name such as `Europe/Paris`, checked where it is
    /// typed in (against the tz database), not here.
    pub time_zone: String,
    pub working_hours: Option<WorkingHours>,
    /// Set while the account is disabled: it cannot sign in, and its
    /// sessions and tokens have ended.
    pub disabled_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl User {
    pub fn is_disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: TeamId,
    pub name: TeamName,
}

/// Whether making `new_manager` the manager of `user` would close a loop:
/// true when `new_manager` is `user`, or when walking up from `new_manager`
/// through `managers_of` reaches `user`. A loop already present higher up
/// (bad data) that does not pass through `user` stops the walk: it is not
/// this change that makes it.
pub fn would_cycle(
    user: &UserId,
    new_manager: &UserId,
    managers_of: impl Fn(&UserId) -> Option<UserId>,
) -> bool {
    let mut seen = HashSet::new();
    let mut current = new_manager.clone();
    loop {
        if &current == user {
            return true;
        }
        if !seen.insert(current.clone()) {
            return false;
        }
        match managers_of(&current) {
            Some(next) => current = next,
            None => return false,
        }
    }
}

/// The rule for setting `user`'s manager to `new_manager` (`None`: no
/// manager): not themselves, and no loop.
pub fn check_manager(
    user: &UserId,
    new_manager: Option<&UserId>,
    managers_of: impl Fn(&UserId) -> Option<UserId>,
) -> Result<(), AccountError> {
    match new_manager {
        None => Ok(()),
        Some(m) if m == user => Err(AccountError::OwnManager),
        Some(m) if would_cycle(user, m, managers_of) => Err(AccountError::ManagerCycle {
            user: user.clone(),
            manager: m.clone(),
        }),
        Some(_) => Ok(()),
    }
}

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

#[cfg(test)]
#[path = "account_tests.rs"]
mod tests;
