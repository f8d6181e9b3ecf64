//! [`rebound_store::AccountStore`]: one file per part (people, sessions and
//! API tokens, teams, invitations, throttling), and here what they share:
//! existence checks and strict row decoding.
//!
//! Several processes may share the database, so every rule that reads
//! before it writes either does both in one statement (taking an
//! invitation, recording a token's use) or runs in a write transaction
//! (`BEGIN_WRITE`: SQLite's write lock from the start; on PostgreSQL a
//! table lock where a rule spans rows), and every "is it there?" check that
//! decides an error runs inside the transaction that writes.

use crate::prelude::*;
pub mod invitations;
pub mod sessions;
mod store;
pub mod teams;
pub mod throttle;
pub mod users;

use crate::rows::{Cols, corrupt};
use rebound_domain::{
    ApiTokenId, DisplayName, Email, Role, SessionId, Team, TeamId, TeamName, User, UserId,
    WorkingHours,
};
use rebound_store::StoreError;

/// The user columns every query selects, prefixed `u_` so they can sit
/// beside a session's or a token's in one row. Expects the alias `u`.
#[macro_export]
#[doc(hidden)]
macro_rules! user_columns {
    () => {
        "u.id AS u_id, u.email AS u_email, u.display_name AS u_display_name, \
         u.role AS u_role, u.manager_id AS u_manager_id, u.time_zone AS u_time_zone, \
         u.work_start_minute AS u_work_start_minute, u.work_end_minute AS u_work_end_minute, \
         u.work_days AS u_work_days, u.disabled_at AS u_disabled_at, \
         u.created_at AS u_created_at"
    };
}
pub use user_columns;

/// Working days as a bit mask: Monday is bit 0, Sunday bit 6.
pub(crate) fn days_mask(days: [bool; 7]) -> i64 {
    days.iter()
        .enumerate()
        .filter(|(_, on)| **on)
        .map(|(i, _)| 1_i64 << i)
        .sum()
}

/// `(start, end, days)` columns, all `None` without working hours.
pub(crate) fn working_hours_columns(
    wh: Option<&WorkingHours>,
) -> (Option<i64>, Option<i64>, Option<i64>) {
    match wh {
        Some(w) => (
            Some(i64::from(w.start_minute())),
            Some(i64::from(w.end_minute())),
            Some(days_mask(w.days())),
        ),
        None => (None, None, None),
    }
}

/// Whether a row with this id exists, for `sql` of the shape
/// `SELECT 1 FROM … WHERE id = $1`.
pub(crate) async fn exists<D: Dialect>(
    conn: &mut Tx<D>,
    sql: &'static str,
    id: &str,
) -> Result<bool, StoreError> {
    query::<D>(sql)
        .arg(id)
        .maybe(conn)
        .await
        .map(|row| row.is_some())
}

pub(crate) async fn require_user<D: Dialect>(
    conn: &mut Tx<D>,
    user: &UserId,
) -> Result<(), StoreError> {
    if exists(conn, "SELECT 1 FROM users WHERE id = $1", user.as_str()).await? {
        Ok(())
    } else {
        Err(StoreError::UserNotFound(user.clone()))
    }
}

pub(crate) async fn require_team<D: Dialect>(
    conn: &mut Tx<D>,
    team: &TeamId,
) -> Result<(), StoreError> {
    if exists(conn, "SELECT 1 FROM teams WHERE id = $1", team.as_str()).await? {
        Ok(())
    } else {
        Err(StoreError::TeamNotFound(team.clone()))
    }
}

/// Account-specific decoding, as strict as the mistakes': a value the
/// domain would refuse is a `Backend` error naming the column.
impl Cols<'_> {
    pub fn user_id(&self, column: &'static str) -> Result<UserId, StoreError> {
        let v = self.text(column)?;
        UserId::parse(&v).map_err(|_| corrupt(column, v))
    }

    pub fn opt_user_id(&self, column: &'static str) -> Result<Option<UserId>, StoreError> {
        self.opt_text(column)?
            .map(|v| UserId::parse(&v).map_err(|_| corrupt(column, v)))
            .transpose()
    }

    pub fn team_id(&self, column: &'static str) -> Result<TeamId, StoreError> {
        let v = self.text(column)?;
        TeamId::parse(&v).map_err(|_| corrupt(column, v))
    }

    pub fn opt_team_id(&self, column: &'static str) -> Result<Option<TeamId>, StoreError> {
        self.opt_text(column)?
            .map(|v| TeamId::parse(&v).map_err(|_| corrupt(column, v)))
            .transpose()
    }

    pub fn session_id(&self, column: &'static str) -> Result<SessionId, StoreError> {
        let v = self.text(column)?;
        SessionId::parse(&v).map_err(|_| corrupt(column, v))
    }

    pub fn api_token_id(&self, column: &'static str) -> Result<ApiTokenId, StoreError> {
        let v = self.text(column)?;
        ApiTokenId::parse(&v).map_err(|_| corrupt(column, v))
    }

    pub fn email(&self, column: &'static str) -> Result<Email, StoreError> {
        let v = self.text(column)?;
        match Email::parse(&v) {
            Ok(e) if e.as_str() == v => Ok(e),
            _ => Err(corrupt(column, v)),
        }
    }

    pub fn account_role(&self, column: &'static str) -> Result<Role, StoreError> {
        let v = self.text(column)?;
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    fn working_hours(&self) -> Result<Option<WorkingHours>, StoreError> {
        let start = self.opt_int("u_work_start_minute")?;
        let end = self.opt_int("u_work_end_minute")?;
        let days = self.opt_int("u_work_days")?;
        match (start, end, days) {
            (None, None, None) => Ok(None),
            (Some(s), Some(e), Some(d)) => {
                let bad = || corrupt("u_work_*", format!("{s} / {e} / {d}"));
                let minute = |m: i64| u16::try_from(m).map_err(|_| bad());
                if !(0..128).contains(&d) {
                    return Err(bad());
                }
                let mut mask = [false; 7];
                for (i, day) in mask.iter_mut().enumerate() {
                    *day = d & (1 << i) != 0;
                }
                WorkingHours::new(minute(s)?, minute(e)?, mask)
                    .map(Some)
                    .map_err(|_| bad())
            }
            _ => Err(corrupt(
                "u_work_*",
                format!("{start:?} / {end:?} / {days:?}"),
            )),
        }
    }

    /// A user from the `u_`-prefixed columns of [`user_columns`].
    pub fn user(&self) -> Result<User, StoreError> {
        // Email and name were validated when they were written; reading
        // them on every request does not validate them again.
        Ok(User {
            id: self.user_id("u_id")?,
            email: Email::from_stored(self.text("u_email")?),
            display_name: DisplayName::from_stored(self.text("u_display_name")?),
            role: self.account_role("u_role")?,
            manager: self.opt_user_id("u_manager_id")?,
            time_zone: self.text("u_time_zone")?,
            working_hours: self.working_hours()?,
            disabled_at: self.opt_at("u_disabled_at")?,
            created_at: self.at("u_created_at")?,
        })
    }

    /// A team from columns `team_id`, `team_name`.
    pub fn team(&self) -> Result<Team, StoreError> {
        let name = self.text("team_name")?;
        Ok(Team {
            id: self.team_id("team_id")?,
            name: TeamName::parse(&name).map_err(|_| corrupt("team_name", &name))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_mask_puts_monday_in_bit_zero() {
        assert_eq!(
            days_mask([true, false, false, false, false, false, false]),
            1
        );
        assert_eq!(
            days_mask([false, false, false, false, false, false, true]),
            64
        );
        assert_eq!(days_mask([true; 7]), 127);
        assert_eq!(days_mask([true, true, true, true, true, false, false]), 31);
    }
}
