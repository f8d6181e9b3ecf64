//! Working hours as moments: whether a moment is inside them, and the next
//! moment that is. Civil arithmetic in the person's zone, so a start on a
//! DST night lands where jiff's "compatible" rule puts it (a gap moves it
//! forward, a fold takes the earlier of the two).

use crate::account::WorkingHours;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, Offset};
use jiff::{Timestamp, Zoned};

/// Where "tomorrow morning" starts for someone with no working hours set.
pub const DEFAULT_MORNING_MINUTE: u16 = 9 * 60;

/// How far ahead a start is looked for: a week has every working day, and a
/// second week covers a start a DST gap pushed out of a short span.
const SEARCH_DAYS: usize = 15;

/// Whether `at`, read on the person's own clock, is inside their working
/// hours (start inside, end not; an overnight span belongs to the day it
/// starts on).
pub fn inside_working_hours(at: &Zoned, hours: &WorkingHours) -> bool {
    hours.contains(at.datetime())
}

/// `at` itself when it is inside working hours, else the start of the next
/// working span after it, in `at`'s zone.
pub fn next_working_moment(at: &Zoned, hours: &WorkingHours) -> Zoned {
    if inside_working_hours(at, hours) {
        return at.clone();
    }
    // Unreachable for hours that have a working day (`WorkingHours::new`
    // insists); kept total rather than looping or panicking.
    first_start(at, hours, at.date()).unwrap_or_else(|| at.clone())
}

/// [`next_working_moment`] for a person who may have no working hours set:
/// then every moment is a working one and `at` comes back unchanged.
pub fn working_moment(at: &Zoned, hours: Option<&WorkingHours>) -> Zoned {
    match hours {
        Some(h) => next_working_moment(at, h),
        None => at.clone(),
    }
}

/// The start of the next working day: the first span that starts on a
/// later date than the one `now` belongs to (the span it is in, so a night
/// shift past midnight still counts as the evening's day). Without working
/// hours, tomorrow at [`DEFAULT_MORNING_MINUTE`].
pub fn next_working_day_start(now: &Zoned, hours: Option<&WorkingHours>) -> Zoned {
    let Some(hours) = hours else {
        let morning = clock_time(DEFAULT_MORNING_MINUTE);
        return now
            .date()
            .tomorrow()
            .ok()
            .and_then(|d| {
                d.to_datetime(morning)
                    .to_zoned(now.time_zone().clone())
                    .ok()
            })
            .unwrap_or_else(|| now.clone());
    };
    let day = span_day(now, hours);
    day.tomorrow()
        .ok()
        .and_then(|from| first_start(now, hours, from))
        .unwrap_or_else(|| next_working_moment(now, hours))
}

/// The date of the working span `at` is in, or `at`'s own date outside one.
fn span_day(at: &Zoned, hours: &WorkingHours) -> Date {
    let minute = i32::from(at.hour()) * 60 + i32::from(at.minute());
    let past_midnight = hours.overnight() && minute < i32::from(hours.end_minute());
    if inside_working_hours(at, hours) && past_midnight {
        at.date().yesterday().unwrap_or(at.date())
    } else {
        at.date()
    }
}

/// The first start of a working span on `from` or later that is after `at`
/// and, once placed on the clock, inside working hours (a DST gap can
/// swallow a very short span; that day is skipped).
fn first_start(at: &Zoned, hours: &WorkingHours, from: Date) -> Option<Zoned> {
    let start = clock_time(hours.start_minute());
    let days = hours.days();
    let mut date = from;
    for _ in 0..SEARCH_DAYS {
        let weekday = usize::try_from(date.weekday().to_monday_zero_offset()).ok()?;
        if days[weekday]
            && let Some(z) = place(date.to_datetime(start), at)
            && inside_working_hours(&z, hours)
        {
            return Some(z);
        }
        date = date.tomorrow().ok()?;
    }
    None
}

/// The first moment after `at` that a clock in `at`'s zone shows `local`:
/// in a fold the earlier of the two unless it has passed; in a gap (the
/// time never shows) the moment the clocks jump past it, where the day's
/// span really begins.
fn place(local: DateTime, at: &Zoned) -> Option<Zoned> {
    let tz = at.time_zone();
    let after = |ts: Timestamp| (ts > at.timestamp()).then(|| ts.to_zoned(tz.clone()));
    let at_offset = |o: Offset| o.to_timestamp(local).ok();
    match tz.to_ambiguous_zoned(local).offset() {
        AmbiguousOffset::Unambiguous { offset } => after(at_offset(offset)?),
        AmbiguousOffset::Fold {
            before,
            after: later,
        } => after(at_offset(before)?).or_else(|| after(at_offset(later)?)),
        AmbiguousOffset::Gap { after: ahead, .. } => {
            // `local` read with the offset the clocks jump to is an instant
            // before the jump; the jump is the next transition from there.
            let early = at_offset(ahead)?;
            after(tz.following(early).next()?.timestamp())
        }
    }
}

/// A minute of the day (under 1440, as `WorkingHours` keeps them) as a time.
fn clock_time(minute: u16) -> Time {
    let minute = minute % (24 * 60);
    let hour = i8::try_from(minute / 60).unwrap_or(0);
    let min = i8::try_from(minute % 60).unwrap_or(0);
    Time::new(hour, min, 0, 0).unwrap_or(Time::midnight())
}
