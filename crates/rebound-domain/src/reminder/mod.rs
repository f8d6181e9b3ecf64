//! Reminders to a mistake's owner that a progress update is due: when one
//! goes (never before the update is due or a snooze ends, always inside the
//! owner's working hours), its job key, snoozing, and its words. People
//! waiting on news fill silence with the worst case; a short note is
//! enough, so the reminder asks for little and never scolds.
//!
//! Pure: callers pass the stored facts, "now" and the owner's zone.

mod words;
mod working;

pub use words::{ReminderAction, ReminderText, format_moment, reminder_text};
pub use working::{
    DEFAULT_MORNING_MINUTE, inside_working_hours, next_working_day_start, next_working_moment,
    working_moment,
};

use crate::account::WorkingHours;
use crate::id::MistakeId;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

/// What the owner chose from a reminder's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Snooze {
    OneHour,
    TomorrowMorning,
    /// No more reminders for this mistake.
    Never,
}

impl Snooze {
    pub const ALL: [Snooze; 3] = [Snooze::OneHour, Snooze::TomorrowMorning, Snooze::Never];

    /// The stable name, for storage and links.
    pub fn as_str(self) -> &'static str {
        match self {
            Snooze::OneHour => "one_hour",
            Snooze::TomorrowMorning => "tomorrow_morning",
            Snooze::Never => "never",
        }
    }

    pub fn parse(s: &str) -> Option<Snooze> {
        Snooze::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }

    /// The timeline entry that records the choice.
    pub fn timeline_text(self) -> &'static str {
        match self {
            Snooze::OneHour => "Update reminders snoozed for an hour",
            Snooze::TomorrowMorning => "Update reminders snoozed until tomorrow morning",
            Snooze::Never => "Update reminders turned off for this mistake",
        }
    }

    /// The words of its link in a reminder.
    pub fn link_label(self) -> &'static str {
        match self {
            Snooze::OneHour => "Remind me in an hour",
            Snooze::TomorrowMorning => "Remind me tomorrow morning",
            Snooze::Never => "Stop reminding me about this one",
        }
    }
}

/// Until when a snooze chosen at `now` holds: an hour from now (moved into
/// working hours), the start of the next working day, or `None` for
/// [`Snooze::Never`], which has no end.
pub fn snoozed_until(s: Snooze, now: &Zoned, hours: Option<&WorkingHours>) -> Option<Zoned> {
    match s {
        Snooze::OneHour => {
            let later = now.timestamp() + SignedDuration::from_hours(1);
            Some(working_moment(
                &later.to_zoned(now.time_zone().clone()),
                hours,
            ))
        }
        Snooze::TomorrowMorning => Some(next_working_day_start(now, hours)),
        Snooze::Never => None,
    }
}

/// When the reminder for an update due at `update_due` should go, in the
/// owner's `zone`: not before it is due, not before a snooze ends, inside
/// working hours; `None` when the owner turned reminders off (`never`).
///
/// A function of stored facts only (no "now"), so recomputing it gives the
/// same moment and [`reminder_key`] the same key: a job scheduled twice is
/// one job, and a new due time or snooze makes a new one. A moment already
/// past means "send at once"; the caller's job runner decides that.
pub fn reminder_due(
    update_due: Timestamp,
    snoozed_until: Option<Timestamp>,
    never: bool,
    zone: &TimeZone,
    hours: Option<&WorkingHours>,
) -> Option<Zoned> {
    if never {
        return None;
    }
    let earliest = snoozed_until.map_or(update_due, |s| s.max(update_due));
    Some(working_moment(&earliest.to_zoned(zone.clone()), hours))
}

/// The job key of one reminder: the mistake and the moment it goes, to the
/// millisecond (the precision times are stored at).
pub fn reminder_key(mistake: &MistakeId, due: Timestamp) -> String {
    format!(
        "update-reminder:{}:{}",
        mistake.as_str(),
        due.as_millisecond()
    )
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod words_tests;
