//! When someone works.

use super::{AccountError, MINUTES_PER_DAY};
use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

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
