//! The one iCalendar writer: the subset of RFC 5545 / 5546 that a debrief
//! or the check-ins need, as a file to import (PUBLISH) or an invitation
//! by email (REQUEST, and CANCEL when the plan ends). Hand-written: the
//! published crates bring chrono and uuid into a build that uses jiff.
//! Times are UTC (`…Z`), so no VTIMEZONE is needed.

use jiff::Timestamp;

/// The iTIP method (RFC 5546): an invitation or update, or a cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A file to import: no organizer, no replies.
    Publish,
    Request,
    Cancel,
}

impl Method {
    /// The value of `METHOD:` and of the MIME part's `method=` parameter,
    /// which must agree (RFC 6047 §2.4).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// An organizer or attendee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// One meeting. `uid` is stable across updates; `sequence` goes up by one
/// on every change, and again on cancelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub sequence: u32,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: String,
    pub description: String,
    /// Who invites (none in a file to import).
    pub organizer: Option<Person>,
    pub attendees: Vec<Person>,
    /// Weekly repetition: every `n` weeks, `count` times.
    pub weekly: Option<(u8, u16)>,
}

/// The whole `VCALENDAR` object: CRLF line ends, lines folded at 75 octets.
/// `stamp` is `DTSTAMP`, when the object was made (the caller's clock).
pub fn calendar(method: Method, events: &[Event], stamp: Timestamp) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold_into(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Rebound//EN");
    line("CALSCALE:GREGORIAN");
    line(&format!("METHOD:{}", method.as_str()));
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&event.uid)));
        line(&format!("SEQUENCE:{}", event.sequence));
        line(&format!("DTSTAMP:{}", utc(stamp)));
        line(&format!("DTSTART:{}", utc(event.start)));
        line(&format!("DTEND:{}", utc(event.end)));
        if let Some((every, count)) = event.weekly {
            line(&format!("RRULE:FREQ=WEEKLY;INTERVAL={every};COUNT={count}"));
        }
        line(&format!("SUMMARY:{}", escape_text(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&event.description)));
        }
        if let Some(organizer) = &event.organizer {
            line(&format!("ORGANIZER;{}", person(organizer)));
        }
        for attendee in &event.attendees {
            line(&format!(
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;{}",
                person(attendee)
            ));
        }
        match method {
            Method::Publish => {}
            Method::Request => line("STATUS:CONFIRMED"),
            Method::Cancel => line("STATUS:CANCELLED"),
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, every line break
/// (CRLF, CR or LF) as `\n`, other control characters dropped (tab stays).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Undoes the folding: a CRLF followed by one space or tab is removed.
/// The lines come back without their CRLF.
pub fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `CN="…":mailto:…`. A parameter value may not hold DQUOTE or control
/// characters at all, so they are dropped rather than escaped.
fn person(p: &Person) -> String {
    let name: String = p
        .name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    let email: String = p
        .email
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    format!("CN=\"{name}\":mailto:{email}")
}

/// `20261123T093000Z`.
pub fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Appends one content line, folded so no physical line passes 75 octets
/// (the leading space of a continuation counts), cut only between chars.
fn fold_into(out: &mut String, line: &str) {
    const MAX: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
