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

use crate::mistake::Mistake;
use crate::note::{FollowUpNote, Impact, PreventionItem, PreventionKind, clean};
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

/// The note of `m` as a template to edit.
pub fn render(m: &Mistake, now: &Zoned) -> String {
    let note = &m.note;
    let title = m.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = format!("# {title}\n\n");
    out.push_str(
        "<!-- The follow-up note. Write under each heading and save; lines like this one are ignored. Leave a value empty while you don't know it. -->\n",
    );
    for section in Section::ALL {
        out.push_str(&format!(
            "\n## {}\n<!-- {} -->\n",
            section.heading(),
            section.guidance()
        ));
        match section {
            Section::Impact => {
                let since = note.impact.since.map(|t| format_time(t, now));
                let fields = [
                    (WHO, note.impact.who.as_deref()),
                    (HOW_MANY, note.impact.how_many.as_deref()),
                    (SINCE, since.as_deref()),
                    (WHAT_WRONG, note.impact.what_wrong.as_deref()),
                ];
                for (key, value) in fields {
                    push_field(&mut out, key, value, section);
                }
            }
            Section::Containment => push_text(&mut out, note.containment.as_deref(), section),
            Section::Fix => {
                push_text(&mut out, note.fix.as_deref(), section);
                let ships = note.fix_due.map(|t| format_time(t, now));
                push_field(&mut out, SHIPS, ships.as_deref(), section);
            }
            Section::Prevention => {
                if note.prevention.is_empty() {
                    for kind in PreventionKind::ALL {
                        out.push_str(&format!("- [{kind}]\n"));
                    }
                }
                for item in &note.prevention {
                    push_field(
                        &mut out,
                        &format!("- [{}]", item.kind),
                        Some(&item.text),
                        section,
                    );
                }
            }
            Section::Owner => push_text(&mut out, note.owner.as_deref(), section),
        }
    }
    out
}

/// `Key: first line`, then the other lines indented by two spaces.
fn push_field(out: &mut String, key: &str, value: Option<&str>, section: Section) {
    out.push_str(key);
    let mut lines = value.unwrap_or("").split('\n');
    if let Some(first) = lines.next().filter(|l| !l.is_empty()) {
        out.push(' ');
        out.push_str(first);
    }
    out.push('\n');
    for line in lines {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(&escape(line, section));
        }
        out.push('\n');
    }
}

fn push_text(out: &mut String, text: Option<&str>, section: Section) {
    for line in text.into_iter().flat_map(|t| t.split('\n')) {
        out.push_str(&escape(line, section));
        out.push('\n');
    }
}

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

/// Reads an edited template back into a note.
pub fn parse(text: &str, now: &Zoned) -> Result<FollowUpNote, TemplateError> {
    let sections = split_sections(text)?;
    let mut note = FollowUpNote::default();
    for (section, lines) in sections {
        match section {
            Section::Impact => note.impact = parse_impact(&lines, now)?,
            Section::Containment => note.containment = free_text(&lines),
            Section::Fix => {
                let mut text = Vec::new();
                let mut ships: Option<usize> = None;
                for &(n, line) in &lines {
                    if starts_with_key(line, SHIPS) {
                        if ships.is_some() {
                            return Err(TemplateError::DuplicateShips { line: n });
                        }
                        ships = Some(n);
                        note.fix_due = match clean(&line[SHIPS.len()..]) {
                            Some(v) => Some(read_time(&v, false, now).map_err(|reason| {
                                TemplateError::UnreadableTime {
                                    line: n,
                                    field: "Ships",
                                    reason,
                                }
                            })?),
                            None => None,
                        };
                    } else {
                        text.push((n, line));
                    }
                }
                note.fix = free_text(&text);
            }
            Section::Prevention => note.prevention = parse_prevention(&lines)?,
            Section::Owner => note.owner = free_text(&lines),
        }
    }
    Ok(note)
}

type Lines<'a> = Vec<(usize, &'a str)>;

/// Splits the text into sections, dropping comments and the title line.
fn split_sections(text: &str) -> Result<Vec<(Section, Lines<'_>)>, TemplateError> {
    let mut sections: Vec<(Section, Lines<'_>)> = Vec::new();
    let mut comment_from: Option<usize> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if comment_from.is_some() {
            if line.contains("-->") {
                comment_from = None;
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("<!--") {
            if !rest.contains("-->") {
                comment_from = Some(n);
            }
            continue;
        }
        if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count();
            let name = line[level..].trim();
            if level == 1 && sections.is_empty() {
                continue; // the title
            }
            let section = Section::ALL
                .into_iter()
                .find(|s| level == 2 && s.heading().eq_ignore_ascii_case(name))
                .ok_or_else(|| TemplateError::UnknownSection {
                    line: n,
                    heading: line.trim().to_string(),
                })?;
            if sections.iter().any(|(s, _)| *s == section) {
                return Err(TemplateError::DuplicateSection {
                    line: n,
                    section: section.heading(),
                });
            }
            sections.push((section, Vec::new()));
            continue;
        }
        match sections.last_mut() {
            Some((_, lines)) => lines.push((n, line)),
            None if line.trim().is_empty() => {}
            None => return Err(TemplateError::TextBeforeSection { line: n }),
        }
    }
    match comment_from {
        Some(line) => Err(TemplateError::UnclosedComment { line }),
        None => Ok(sections),
    }
}

fn free_text(lines: &[(usize, &str)]) -> Option<String> {
    clean(
        lines
            .iter()
            .map(|(_, l)| unescape(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn parse_impact(lines: &[(usize, &str)], now: &Zoned) -> Result<Impact, TemplateError> {
    // (key, line of the key, value so far)
    let mut fields: Vec<(&'static str, usize, String)> = Vec::new();
    for &(n, line) in lines {
        if let Some(key) = IMPACT_KEYS.into_iter().find(|k| starts_with_key(line, k)) {
            if fields.iter().any(|(k, _, _)| *k == key) {
                return Err(TemplateError::DuplicateField {
                    line: n,
                    field: key.trim_end_matches(':'),
                });
            }
            fields.push((key, n, line[key.len()..].trim_start().to_string()));
        } else if let Some((_, _, value)) = fields.last_mut() {
            value.push('\n');
            value.push_str(continuation(line));
        } else if !line.trim().is_empty() {
            return Err(TemplateError::UnknownField { line: n });
        }
    }
    let mut impact = Impact::default();
    for (key, n, value) in fields {
        let value = clean(value);
        match key {
            WHO => impact.who = value,
            HOW_MANY => impact.how_many = value,
            WHAT_WRONG => impact.what_wrong = value,
            _ => {
                impact.since = match value {
                    Some(v) => Some(read_time(&v, true, now).map_err(|reason| {
                        TemplateError::UnreadableTime {
                            line: n,
                            field: "Since",
                            reason,
                        }
                    })?),
                    None => None,
                }
            }
        }
    }
    Ok(impact)
}

fn parse_prevention(lines: &[(usize, &str)]) -> Result<Vec<PreventionItem>, TemplateError> {
    let mut items: Vec<(PreventionKind, String)> = Vec::new();
    let mut in_item = false;
    for &(n, line) in lines {
        let bullet = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        let bullet = bullet.or_else(|| (line == "-" || line == "*").then_some(""));
        if let Some(rest) = bullet {
            let rest = rest.trim_start();
            if rest.is_empty() {
                in_item = false;
                continue;
            }
            let Some((kind, text)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
                return Err(TemplateError::BulletWithoutType { line: n });
            };
            let kind = kind.parse::<PreventionKind>().map_err(|_| {
                TemplateError::UnknownPreventionKind {
                    line: n,
                    kind: kind.trim().to_string(),
                }
            })?;
            items.push((kind, text.trim_start().to_string()));
            in_item = true;
        } else if line.trim().is_empty() || (in_item && line.starts_with(' ')) {
            if let Some((_, text)) = items.last_mut().filter(|_| in_item) {
                text.push('\n');
                text.push_str(continuation(line));
            }
        } else {
            return Err(TemplateError::NotABullet { line: n });
        }
    }
    Ok(items
        .into_iter()
        .filter_map(|(kind, text)| clean(text).map(|text| PreventionItem { kind, text }))
        .collect())
}

#[cfg(test)]
#[path = "note_template_tests.rs"]
mod tests;
