//! The checked names: an email address, a display name and a team name.

use super::{
    AccountError, MAX_DISPLAY_NAME_CHARS, MAX_EMAIL_BYTES, MAX_EMAIL_LOCAL_BYTES,
    MAX_TEAM_NAME_CHARS, echo,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

/// Trimmed, 1 to `max` characters, one line of plain text (a line break in
/// a name would break emails and headers that carry it; a bidi override
/// would make it read as someone else's).
fn clean_name(input: &str, max: usize) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("is empty".to_string());
    }
    if name.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if let Some((at, found)) = crate::text::first_refused(name, crate::text::Shape::Line) {
        let e = crate::text::TextError {
            field: String::new(),
            found,
            at,
            shape: crate::text::Shape::Line,
        };
        return Err(e.problem());
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
    /// Nor asserted: a name stored before a rule tightened (say, one with a
    /// zero-width joiner) stays readable.
    pub fn from_stored(stored: String) -> DisplayName {
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
