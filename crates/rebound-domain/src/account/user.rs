//! An account, its role and team, and the checks on who manages whom.

use super::WorkingHours;
use super::{AccountError, DisplayName, Email, TeamName, Timestamp, echo};
use crate::id::{TeamId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

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
