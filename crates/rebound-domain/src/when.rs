//! Reading the times people type, and writing times and durations back.
//! Pure: the caller supplies "now" in the person's time zone.

use crate::when_words::Toward;
use jiff::civil::{Date, DateTime, Time};
use jiff::{SignedDuration, Timestamp, Zoned};
use std::time::Duration;

/// Nothing Rebound records happened before 1970: an earlier time is a typo
/// (year 0001, 0000-01-01), never a mistake someone made.
pub const EARLIEST: Timestamp = Timestamp::UNIX_EPOCH;
/// Slack for "now": "14:05" typed during 14:05 is never the future.
pub const PAST_SLACK: SignedDuration = SignedDuration::from_secs(60);
/// How far ahead a promise or a plan may reach (a fix due, a next update,
/// a practice task, check-ins): ten years.
pub const MAX_AHEAD: SignedDuration = SignedDuration::from_hours(24 * 3653);
/// The largest offset from UTC any time zone has had: ±23:59 (RFC 3339).
const MAX_OFFSET_SECS: i32 = 23 * 3600 + 59 * 60;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error(
        "cannot read '{0}' as a time: use e.g. 14:05, 9am, \"yesterday at 17:45\", \"friday 14:00\", \"20 minutes ago\", \"in 3 days\", 2026-11-22 or now"
    )]
    Malformed(String),
    #[error("'{input}' ({at}) cannot be in the future: give the time it already happened")]
    InFuture { input: String, at: String },
    #[error("'{input}' ({at}) is more than a year ago — did you mean {suggestion}?")]
    LongAgo {
        input: String,
        at: String,
        suggestion: String,
    },
    #[error("cannot read '{0}' as a duration: use e.g. 30m, 2h, 1d or 1h30m")]
    BadDuration(String),
    #[error("{what} ({at}) is before 1970-01-01, the earliest time Rebound accepts")]
    TooEarly { what: String, at: String },
    #[error(
        "{what} ({at}) is after {latest}, a minute from now: give the time it already happened"
    )]
    AfterNow {
        what: String,
        at: String,
        latest: String,
    },
    #[error("{what} ({at}) is more than ten years ahead (after {latest})")]
    TooFarAhead {
        what: String,
        at: String,
        latest: String,
    },
    #[error("'{0}' has an offset beyond ±23:59 from UTC, which no time zone has; check the offset")]
    BadOffset(String),
}

/// A time people give for something that already happened: from
/// [`EARLIEST`] to a minute from now.
pub fn check_past(what: &str, at: Timestamp, now: &Zoned) -> Result<(), WhenError> {
    check_window(what, at, now, PAST_SLACK, |what, at, latest| {
        WhenError::AfterNow { what, at, latest }
    })
}

/// A time people give that may lie ahead: from [`EARLIEST`] to
/// [`MAX_AHEAD`] from now. (Whether it must be ahead, or after the
/// detection, is the caller's rule.)
pub fn check_ahead(what: &str, at: Timestamp, now: &Zoned) -> Result<(), WhenError> {
    check_window(what, at, now, MAX_AHEAD, |what, at, latest| {
        WhenError::TooFarAhead { what, at, latest }
    })
}

/// From [`EARLIEST`] to `ahead` past now; `too_late(what, at, latest)`
/// names which upper bound was broken.
fn check_window(
    what: &str,
    at: Timestamp,
    now: &Zoned,
    ahead: SignedDuration,
    too_late: fn(String, String, String) -> WhenError,
) -> Result<(), WhenError> {
    if at < EARLIEST {
        return Err(WhenError::TooEarly {
            what: what.to_string(),
            at: format_at(at, now),
        });
    }
    let latest = now.timestamp() + ahead;
    if at > latest {
        return Err(too_late(
            what.to_string(),
            format_at(at, now),
            format_at(latest, now),
        ));
    }
    Ok(())
}

/// Refuses a written offset no time zone has (`+25:00`), which jiff reads
/// (it allows up to ±25:59:59) but RFC 3339 does not.
pub fn check_offset(input: &str) -> Result<(), WhenError> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let Ok(pieces) = Pieces::parse(input.trim()) else {
        return Ok(());
    };
    match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) if n.offset().seconds().abs() > MAX_OFFSET_SECS => {
            Err(WhenError::BadOffset(input.trim().to_string()))
        }
        _ => Ok(()),
    }
}

/// Parses a moment that has already happened. `now` carries the time zone
/// used for local forms such as `14:05` or `2026-11-22 14:05`.
pub fn parse_past(input: &str, now: &Zoned) -> Result<Timestamp, WhenError> {
    let at = parse_moment(input, now, Toward::Past)?;
    // A minute of slack so "14:05" typed during 14:05 is never "the future".
    if at > now.timestamp() + PAST_SLACK {
        return Err(WhenError::InFuture {
            input: input.trim().to_string(),
            at: format_at(at, now),
        });
    }
    check_past(&format!("'{}'", input.trim()), at, now)?;
    long_ago(input, at, now)?;
    Ok(at)
}

/// A time typed for something that happened more than a year ago is
/// almost always the wrong year: ask, offering the same day this year (or
/// last year, when this year's is still ahead).
fn long_ago(input: &str, at: Timestamp, now: &Zoned) -> Result<(), WhenError> {
    if at >= now.timestamp() - SignedDuration::from_hours(24 * 366) {
        return Ok(());
    }
    let z = at.to_zoned(now.time_zone().clone());
    let same_day = |year: i16| {
        let date = Date::new(year, z.month(), z.day()).ok()?;
        let t = date
            .to_datetime(z.time())
            .to_zoned(now.time_zone().clone())
            .ok()?;
        (t.timestamp() <= now.timestamp() + PAST_SLACK).then(|| t.timestamp())
    };
    let year = now.year();
    let suggestion = same_day(year)
        .or_else(|| same_day(year - 1))
        .map(|t| format_at(t, now))
        .unwrap_or_else(|| "a time within the last year".into());
    Err(WhenError::LongAgo {
        input: input.trim().to_string(),
        at: format_at(at, now),
        suggestion,
    })
}

/// Parses a moment that may lie ahead (a fix schedule, a next-update time).
/// Relative forms read forwards: `in 2h`, `2h`, `tomorrow 09:00`.
pub fn parse_any(input: &str, now: &Zoned) -> Result<Timestamp, WhenError> {
    let at = parse_ahead(input, now)?;
    check_ahead(&format!("'{}'", input.trim()), at, now)?;
    Ok(at)
}

fn parse_ahead(input: &str, now: &Zoned) -> Result<Timestamp, WhenError> {
    let s = input.trim();
    // A bare duration ("2h") reads forwards, as "in 2h".
    if let Ok(d) = parse_duration(s) {
        return Ok(now.timestamp() + d);
    }
    parse_moment(s, now, Toward::Ahead)
}

/// Serde for an optional time people send (`#[serde(default,
/// deserialize_with = "rebound_domain::when::sent_time")]`): jiff's own
/// reading, with offsets no time zone has refused, naming the value.
pub fn sent_time<'de, D>(d: D) -> Result<Option<Timestamp>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    use serde::de::Error;
    let Some(s) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    check_offset(&s).map_err(D::Error::custom)?;
    s.parse::<Timestamp>().map(Some).map_err(|_| {
        D::Error::custom(format!(
            "'{s}' is not a time: use RFC 3339, e.g. 2026-11-22T14:05:00Z"
        ))
    })
}

fn parse_moment(input: &str, now: &Zoned, toward: Toward) -> Result<Timestamp, WhenError> {
    let s = input.trim();
    let bad = || WhenError::Malformed(s.to_string());
    if s.is_empty() {
        return Err(bad());
    }
    if s.eq_ignore_ascii_case("now") {
        return Ok(now.timestamp());
    }
    if let Some(written) = crate::when_words::parse(s, now, toward) {
        return written;
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        check_offset(s)?;
        return Ok(ts);
    }
    let normalised = s.replacen(' ', "T", 1);
    if let Ok(dt) = normalised.parse::<DateTime>() {
        return local(dt, now, s);
    }
    if let Ok(date) = s.parse::<Date>() {
        return local(date.to_datetime(Time::midnight()), now, s);
    }
    Err(bad())
}

fn local(dt: DateTime, now: &Zoned, input: &str) -> Result<Timestamp, WhenError> {
    dt.to_zoned(now.time_zone().clone())
        .map(|z| z.timestamp())
        .map_err(|_| WhenError::Malformed(input.to_string()))
}

/// Parses durations such as `30m`, `2h`, `1d`, `1h30m`, `90 minutes`.
pub fn parse_duration(input: &str) -> Result<Duration, WhenError> {
    let s: String = input
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bad = || WhenError::BadDuration(input.trim().to_string());
    if s.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let secs = match unit {
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "d" | "day" | "days" => 86_400,
            "w" | "week" | "weeks" => 604_800,
            _ => return Err(bad()),
        };
        total = n
            .checked_mul(secs)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    if total == 0 || total > 366 * 86_400 {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

/// A full date and time in the person's zone, e.g. `2026-11-22 14:05 UTC`.
pub fn format_at(at: Timestamp, now: &Zoned) -> String {
    at.to_zoned(now.time_zone().clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// Time of day only, for sentences about today ("by 14:35").
pub fn format_clock(at: Timestamp, now: &Zoned) -> String {
    let z = at.to_zoned(now.time_zone().clone());
    if z.date() == now.date() {
        z.strftime("%H:%M").to_string()
    } else if z.year() == now.year() {
        z.strftime("%a %-d %b %H:%M").to_string()
    } else {
        z.strftime("%a %-d %b %Y %H:%M").to_string()
    }
}

/// A duration for people: `45 s`, `12 min`, `2 h 5 min`, `3 d 4 h`.
pub fn format_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        return format!("{secs} s");
    }
    let mins = secs / 60;
    if mins < 60 {
        return format!("{mins} min");
    }
    let (h, m) = (mins / 60, mins % 60);
    if h < 24 {
        return if m == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {m} min")
        };
    }
    let (d, h) = (h / 24, h % 24);
    if h == 0 {
        format!("{d} d")
    } else {
        format!("{d} d {h} h")
    }
}

/// The non-negative span from `a` to `b` (zero when `b` is earlier).
pub fn between(a: Timestamp, b: Timestamp) -> Duration {
    let s = b.duration_since(a);
    if s.is_negative() {
        Duration::ZERO
    } else {
        s.unsigned_abs()
    }
}

#[cfg(test)]
#[path = "when_tests.rs"]
mod tests;
