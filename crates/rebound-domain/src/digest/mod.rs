//! The Monday note: once a week, before the week starts, what is waiting on
//! the person — updates people are waiting for, notes to acknowledge, open
//! follow-ups, this week's check-ins and each recovery plan's next step —
//! and one question to think about. Nothing is sent when nothing waits.
//!
//! Only ids, titles, names, states and times go in, by construction: the
//! item types below have no field for anything written while reflecting,
//! principles, self-care, a manager's private notes or escalation.

mod compose;
mod items;
mod prompts;

pub use compose::{DigestText, Line, MAX_LINES, Section, compose};
pub use items::{
    AwaitingAck, CheckInDue, DigestItems, FollowUp, LessonBack, NextStep, OverdueUpdate,
};
pub use prompts::{prompt_for_week, prompt_line};

use crate::id::UserId;
use jiff::civil::{Date, Time};
use jiff::{Span, Zoned};

/// The digest goes at this hour, Monday, on the person's clock.
pub const DIGEST_HOUR: i8 = 8;

/// The next Monday 08:00 in `now`'s zone, strictly after `now`: today when
/// it is Monday before eight, else next week's.
pub fn next_digest_at(now: &Zoned) -> Zoned {
    let today = now.date();
    let to_monday = (7 - i64::from(today.weekday().to_monday_zero_offset())) % 7;
    monday_at_eight(today, to_monday, now)
        .filter(|z| z.timestamp() > now.timestamp())
        .or_else(|| monday_at_eight(today, to_monday + 7, now))
        // Only at the very end of the calendar (year 9999) is there no
        // next Monday; answering "now" there beats a panic.
        .unwrap_or_else(|| now.clone())
}

fn monday_at_eight(today: Date, days: i64, now: &Zoned) -> Option<Zoned> {
    let monday = today.checked_add(Span::new().try_days(days).ok()?).ok()?;
    let eight = Time::new(DIGEST_HOUR, 0, 0, 0).ok()?;
    monday
        .to_datetime(eight)
        .to_zoned(now.time_zone().clone())
        .ok()
}

/// The job key of one person's digest for the week starting `monday`: one
/// digest per person per week, however often it is scheduled.
pub fn digest_key(user: &UserId, monday: Date) -> String {
    format!("digest:{}:{monday}", user.as_str())
}

#[cfg(test)]
mod compose_tests;
#[cfg(test)]
mod tests;
