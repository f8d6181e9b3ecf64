//! Times as people write them: `9am`, `9:40pm`, `yesterday at 17:45`,
//! `friday 14:00`, `an hour ago`, `in 3 days`, `next monday`, `22 nov`.
//! A day named without a date is the last one for something that already
//! happened and the next one for something ahead; a day without a time is
//! its start when it already happened (00:00) and the end of its working
//! day (17:00) when it is a due date ("by Friday").

use crate::when::{PAST_SLACK, WhenError, parse_duration};
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::{Timestamp, ToSpan, Zoned};

/// Which way an unqualified day or time is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Toward {
    /// Something that already happened: the last such day.
    Past,
    /// A due date or a schedule: the next such day.
    Ahead,
}

/// A due date given as a day alone means by the end of that working day.
const END_OF_DAY: Time = Time::constant(17, 0, 0, 0);

/// `Some` when `input` is one of the written forms above (then its time,
/// or why it cannot be one); `None` leaves it to the numeric forms.
pub(crate) fn parse(
    input: &str,
    now: &Zoned,
    toward: Toward,
) -> Option<Result<Timestamp, WhenError>> {
    let s = normalise(input);
    if let Some(rest) = s.strip_suffix(" ago") {
        return Some(
            duration(rest)
                .map(|d| now.timestamp() - d)
                .ok_or_else(|| bad(input)),
        );
    }
    if let Some(rest) = s.strip_prefix("in ") {
        return Some(
            duration(rest)
                .map(|d| now.timestamp() + d)
                .ok_or_else(|| bad(input)),
        );
    }
    let words: Vec<&str> = s.split(' ').filter(|w| *w != "at" && *w != "on").collect();
    // A day then a time, or a time then a day, or either alone.
    let split = (0..=words.len()).find_map(|i| {
        let (a, b) = (words[..i].join(" "), words[i..].join(" "));
        match (day(&a), clock(&b)) {
            (Some(d), Some(t)) if !a.is_empty() && !b.is_empty() => Some((Some(d), Some(t))),
            (Some(d), _) if b.is_empty() && !a.is_empty() => Some((Some(d), None)),
            _ => match (clock(&a), day(&b)) {
                (Some(t), Some(d)) if !a.is_empty() && !b.is_empty() => Some((Some(d), Some(t))),
                (Some(t), _) if b.is_empty() && !a.is_empty() => Some((None, Some(t))),
                _ => None,
            },
        }
    })?;
    Some(resolve(split, now, toward).ok_or_else(|| bad(input)))
}

fn bad(input: &str) -> WhenError {
    WhenError::Malformed(input.trim().to_string())
}

fn normalise(input: &str) -> String {
    let lower = input
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace(',', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `20 minutes`, `20m`, `an hour`, `a day`, `half an hour`, `1h30m`.
fn duration(s: &str) -> Option<std::time::Duration> {
    let s = s.trim();
    if s == "half an hour" {
        return Some(std::time::Duration::from_secs(1800));
    }
    let s = match s.split_once(' ') {
        Some(("a" | "an" | "one", rest)) => format!("1 {rest}"),
        _ => s.to_string(),
    };
    parse_duration(&s).ok()
}

/// A named day, to be placed relative to today.
#[derive(Debug, Clone, Copy)]
enum Day {
    Offset(i64),
    /// `strictly`: not today; `only`: "next" always ahead, "last" always past.
    Weekday {
        day: Weekday,
        strictly: bool,
        only: Option<Toward>,
    },
    /// Month and day, with the year when written.
    Date {
        month: i8,
        day: i8,
        year: Option<i16>,
    },
}

fn day(s: &str) -> Option<Day> {
    match s {
        "today" => return Some(Day::Offset(0)),
        "yesterday" => return Some(Day::Offset(-1)),
        "tomorrow" => return Some(Day::Offset(1)),
        _ => {}
    }
    for (prefix, only) in [("next ", Toward::Ahead), ("last ", Toward::Past)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return weekday(rest).map(|day| Day::Weekday {
                day,
                strictly: true,
                only: Some(only),
            });
        }
    }
    if let Some(day) = weekday(s.strip_prefix("this ").unwrap_or(s)) {
        return Some(Day::Weekday {
            day,
            strictly: false,
            only: None,
        });
    }
    date_words(s)
}

fn weekday(s: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match s {
        "mon" | "monday" => Monday,
        "tue" | "tues" | "tuesday" => Tuesday,
        "wed" | "wednesday" => Wednesday,
        "thu" | "thur" | "thurs" | "thursday" => Thursday,
        "fri" | "friday" => Friday,
        "sat" | "saturday" => Saturday,
        "sun" | "sunday" => Sunday,
        _ => return None,
    })
}

/// `22 nov`, `nov 22`, `22nd november 2026`, `november 22 2026`.
fn date_words(s: &str) -> Option<Day> {
    let parts: Vec<&str> = s.split(' ').collect();
    let (d, m, y) = match parts.as_slice() {
        [a, b] => (*a, *b, None),
        [a, b, y] => (*a, *b, Some(*y)),
        _ => return None,
    };
    let (d, m) = match (day_number(d), month(m)) {
        (Some(d), Some(m)) => (d, m),
        _ => (day_number(m)?, month(d)?),
    };
    let year = match y {
        Some(y) => Some(
            y.parse::<i16>()
                .ok()
                .filter(|y| (1970..=9999).contains(y))?,
        ),
        None => None,
    };
    Some(Day::Date {
        month: m,
        day: d,
        year,
    })
}

fn day_number(s: &str) -> Option<i8> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

fn month(s: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| s.len() >= 3 && (m.starts_with(s) || (s == "sept" && *m == "september")))
        .map(|i| i as i8 + 1)
}

/// `9am`, `9 am`, `9:40pm`, `12pm` (noon), `17:45`, `09:40:30`, `noon`, `midnight`.
fn clock(s: &str) -> Option<Time> {
    match s {
        "noon" | "midday" => return Some(Time::constant(12, 0, 0, 0)),
        "midnight" => return Some(Time::midnight()),
        _ => {}
    }
    let compact = s.replace(' ', "");
    let (digits, half) = if let Some(d) = compact.strip_suffix("am") {
        (d, Some(0))
    } else if let Some(d) = compact.strip_suffix("pm") {
        (d, Some(12))
    } else {
        (compact.as_str(), None)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let mut fields = digits.split(':').map(|f| f.parse::<i8>().ok());
    let hour = fields.next()??;
    let minute = fields.next().unwrap_or(Some(0))?;
    let second = fields.next().unwrap_or(Some(0))?;
    if fields.next().is_some() || (half.is_none() && !digits.contains(':')) {
        return None; // "9" alone is not a time of day
    }
    let hour = match half {
        Some(add) if (1..=12).contains(&hour) => hour % 12 + add,
        Some(_) => return None,
        None => hour,
    };
    Time::new(hour, minute, second, 0).ok()
}

fn resolve(
    (day, time): (Option<Day>, Option<Time>),
    now: &Zoned,
    toward: Toward,
) -> Option<Timestamp> {
    let default = match toward {
        Toward::Past => Time::midnight(),
        Toward::Ahead => END_OF_DAY,
    };
    let at = |date: Date, time: Time| -> Option<Timestamp> {
        let dt: DateTime = date.to_datetime(time);
        dt.to_zoned(now.time_zone().clone())
            .ok()
            .map(|z| z.timestamp())
    };
    let today = now.date();
    let fits = |t: Timestamp| match toward {
        Toward::Past => t <= now.timestamp() + PAST_SLACK,
        Toward::Ahead => t >= now.timestamp(),
    };
    let Some(day) = day else {
        // A time alone: today; ahead and already gone, tomorrow.
        let time = time?;
        let t = at(today, time)?;
        return match toward {
            Toward::Ahead if !fits(t) => at(today.tomorrow().ok()?, time),
            _ => Some(t),
        };
    };
    let time = time.unwrap_or(default);
    let candidates: Vec<Date> = match day {
        Day::Offset(n) => return at(today.checked_add(n.days()).ok()?, time),
        Day::Weekday {
            day,
            strictly,
            only,
        } => {
            let way = only.unwrap_or(toward);
            let first = (0..=14)
                .filter_map(|k| match way {
                    Toward::Past => today.checked_sub(k.days()).ok(),
                    Toward::Ahead => today.checked_add(k.days()).ok(),
                })
                .filter(|d| d.weekday() == day && !(strictly && *d == today));
            if only.is_some_and(|o| o != toward) {
                // "next friday" for something that already happened: the
                // date as said; the caller says why it cannot be.
                return at(first.into_iter().next()?, time);
            }
            first.collect()
        }
        Day::Date {
            month,
            day,
            year: Some(y),
        } => vec![Date::new(y, month, day).ok()?],
        Day::Date {
            month,
            day,
            year: None,
        } => (-1..=1)
            .filter_map(|k| Date::new(today.year() + k, month, day).ok())
            .collect(),
    };
    let fitting = candidates
        .into_iter()
        .filter_map(|d| at(d, time))
        .filter(|t| fits(*t));
    match toward {
        Toward::Past => fitting.max(),
        Toward::Ahead => fitting.min(),
    }
    .or_else(|| match day {
        // A written year is taken as written; the caller's checks say why
        // it cannot be (in the future, too far ahead).
        Day::Date {
            year: Some(y),
            month,
            day,
        } => at(Date::new(y, month, day).ok()?, time),
        _ => None,
    })
}
