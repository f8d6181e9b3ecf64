//! The follow-up note as an editable Markdown template, and reading it back.
//!
//! Layout: a `# title` line, then `## Impact`, `## Containment`, `## Fix`,
//! `## Prevention` and `## Owner`. Lines starting with `<!--` are guidance
//! comments and are ignored (a comment may span lines until `-->`).
//!
//! - Impact is `Key: value` lines (`Who:`, `How many:`, `Since:`,
//!   `What was wrong:`); a value goes on over the following lines until the
//!   next key, rendered indented by two spaces.
//! - Containment, Fix and Owner are free text, kept line for line. Fix also
//!   takes a `Ships: <time>` line.
//! - Prevention is one bullet per item, `- [detective] …`, `- [preventive] …`
//!   or `- [corrective] …`; an item goes on over lines indented by two spaces.
//! - A text line that would read as structure (starting with `#`, `<!--`,
//!   `\`, or a key of its section) is written with a leading `\`, which the
//!   parser removes.
//! - Empty values read as unknown (None); blank edges are trimmed.
//!
//! Times are written as [`crate::when::format_at`] does
//! (`2026-11-22 14:05 CET`) when they fall on a whole minute, and with
//! seconds and any fraction otherwise (`2026-11-22 14:05:07.25 CET`), so
//! every time reads back exactly. The zone abbreviation tells the two
//! readings of a repeated hour apart; when it cannot, the numeric offset is
//! written instead. Times may also be typed in any form
//! [`crate::when::parse_any`] reads (`16:00`, `in 2h`, `tomorrow 09:00`).
//! Line endings CR LF are read as LF.

mod parse;
mod render;

pub use parse::parse;
pub use render::render;

use crate::when::{parse_any, parse_past};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// Why an edited note could not be read; every case names its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "line {line}: unknown section heading '{heading}': the sections are ## Impact, ## Containment, ## Fix, ## Prevention and ## Owner (to keep a line starting with '#' as text, write it as '\\#…')"
    )]
    UnknownSection { line: usize, heading: String },
    #[error("line {line}: the {section} section appears a second time; keep one")]
    DuplicateSection { line: usize, section: &'static str },
    #[error("line {line}: text before the first section; move it under one of the ## headings")]
    TextBeforeSection { line: usize },
    #[error("line {line}: '{field}' is given a second time in Impact; keep one")]
    DuplicateField { line: usize, field: &'static str },
    #[error("line {line}: lines in Impact start with Who:, How many:, Since: or What was wrong:")]
    UnknownField { line: usize },
    #[error("line {line}: 'Ships:' is given a second time in Fix; keep one")]
    DuplicateShips { line: usize },
    #[error("line {line}: {field}: {reason}")]
    UnreadableTime {
        line: usize,
        field: &'static str,
        reason: String,
    },
    #[error(
        "line {line}: the bullet has no type: start it with [detective], [preventive] or [corrective]"
    )]
    BulletWithoutType { line: usize },
    #[error(
        "line {line}: unknown prevention type '[{kind}]': use [detective], [preventive] or [corrective]"
    )]
    UnknownPreventionKind { line: usize, kind: String },
    #[error("line {line}: Prevention takes one bullet per item, e.g. '- [preventive] add a check'")]
    NotABullet { line: usize },
    #[error("line {line}: the comment opened here is never closed with -->")]
    UnclosedComment { line: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Impact,
    Containment,
    Fix,
    Prevention,
    Owner,
}

impl Section {
    const ALL: [Section; 5] = [
        Section::Impact,
        Section::Containment,
        Section::Fix,
        Section::Prevention,
        Section::Owner,
    ];

    fn heading(self) -> &'static str {
        match self {
            Section::Impact => "Impact",
            Section::Containment => "Containment",
            Section::Fix => "Fix",
            Section::Prevention => "Prevention",
            Section::Owner => "Owner",
        }
    }

    fn guidance(self) -> &'static str {
        match self {
            Section::Impact => {
                "Who was affected, roughly how many, since when (e.g. 2026-11-22 13:20 or 40m ago) and what exactly was wrong."
            }
            Section::Containment => {
                "What stopped the damage spreading: a rollback, a paused job, a word to the people relying on it."
            }
            Section::Fix => {
                "The real fix in a sentence or two, then when it ships (e.g. 16:00, in 2h, tomorrow 09:00)."
            }
            Section::Prevention => {
                "One line each, typed: [detective] finds it sooner, [preventive] stops it happening, [corrective] repairs what this one left behind."
            }
            Section::Owner => "Who sees the follow-up through.",
        }
    }

    /// Keys that start a structured line in this section.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Section::Impact => &IMPACT_KEYS,
            Section::Fix => &[SHIPS],
            _ => &[],
        }
    }
}

const WHO: &str = "Who:";
const HOW_MANY: &str = "How many:";
const SINCE: &str = "Since:";
const WHAT_WRONG: &str = "What was wrong:";
const IMPACT_KEYS: [&str; 4] = [WHO, HOW_MANY, SINCE, WHAT_WRONG];
const SHIPS: &str = "Ships:";

fn starts_with_key(line: &str, key: &str) -> bool {
    line.get(..key.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(key))
}

/// A leading `\` keeps a text line from reading as structure.
fn escape(line: &str, section: Section) -> String {
    let structural = line.starts_with(['#', '\\'])
        || line.starts_with("<!--")
        || section.keys().iter().any(|k| starts_with_key(line, k));
    if structural {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

fn unescape(line: &str) -> &str {
    line.strip_prefix('\\').unwrap_or(line)
}

/// A continuation line: two spaces of indent removed, then unescaped.
fn continuation(line: &str) -> &str {
    unescape(line.strip_prefix("  ").unwrap_or(line))
}

/// A time that reads back exactly: minute precision when whole, otherwise
/// with seconds and fraction; zone abbreviation, or offset when ambiguous.
pub fn format_time(at: Timestamp, now: &Zoned) -> String {
    let z = at.to_zoned(now.time_zone().clone());
    let mut s = z.strftime("%Y-%m-%d %H:%M").to_string();
    let nanos = z.subsec_nanosecond();
    if z.second() != 0 || nanos != 0 {
        s.push_str(&format!(":{:02}", z.second()));
        if nanos != 0 {
            s.push('.');
            s.push_str(format!("{nanos:09}").trim_end_matches('0'));
        }
    }
    let with_abbr = format!("{s} {}", z.strftime("%Z"));
    if read_exact_time(&with_abbr, now).and_then(Result::ok) == Some(at) {
        with_abbr
    } else {
        format!("{s} {}", z.strftime("%:z"))
    }
}

/// Reads `YYYY-MM-DD HH:MM[:SS[.f]] ZONE` (ZONE an abbreviation of the
/// person's zone, UTC, or an offset). None when the text has another shape.
fn read_exact_time(text: &str, now: &Zoned) -> Option<Result<Timestamp, String>> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [date, time, zone] = parts.as_slice() else {
        return None;
    };
    let date: Date = date.parse().ok()?;
    let time: Time = time.parse().ok()?;
    let dt = DateTime::from_parts(date, time);
    if zone.starts_with(['+', '-']) {
        let ts = format!("{dt}{zone}")
            .parse::<Timestamp>()
            .map_err(|_| format!("cannot read the offset '{zone}'"));
        return Some(ts);
    }
    let tz = now.time_zone();
    let ambiguous = tz.to_ambiguous_zoned(dt);
    let readings = [ambiguous.clone().earlier(), ambiguous.later()];
    if let Some(z) = readings
        .into_iter()
        .flatten()
        .find(|z| z.strftime("%Z").to_string().eq_ignore_ascii_case(zone))
    {
        return Some(Ok(z.timestamp()));
    }
    if ["utc", "gmt", "z"].contains(&zone.to_ascii_lowercase().as_str()) {
        return Some(
            dt.to_zoned(TimeZone::UTC)
                .map(|z| z.timestamp())
                .map_err(|e| e.to_string()),
        );
    }
    let name = tz.iana_name().unwrap_or("your time zone");
    Some(Err(format!(
        "'{zone}' is not an abbreviation of {name}: write the time without a zone, in UTC, or with an offset such as +01:00"
    )))
}

fn read_time(value: &str, past: bool, now: &Zoned) -> Result<Timestamp, String> {
    if let Some(exact) = read_exact_time(value, now) {
        return exact;
    }
    let parsed = if past {
        parse_past(value, now)
    } else {
        parse_any(value, now)
    };
    parsed.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
