//! Calendar invites as iCalendar text (RFC 5545): the debrief as one
//! event, the check-ins as one recurring event.
//!
//! What the format asks, and how it is met here:
//! - every line ends in CRLF;
//! - a line longer than 75 octets is folded: CRLF and one space, never
//!   splitting a UTF-8 character;
//! - TEXT values escape backslash, semicolon, comma and newline;
//! - each event has a UID (stable for the plan, so an updated invite
//!   replaces the old one) and a DTSTAMP;
//! - times are UTC (`…Z`), so no time-zone definitions are needed;
//! - recurring check-ins use `RRULE:FREQ=WEEKLY;INTERVAL=n;COUNT=k`.
//!
//! Invites land in calendars that other people may see, so their titles
//! and descriptions say nothing about the plan, the mistake or the person's
//! confidence: "Debrief", "One-on-one".

use super::plan::RecoveryPlan;
use jiff::{SignedDuration, Timestamp};

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub stamp: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: String,
    pub description: String,
    /// Weekly repetition: every `n` weeks, `count` times.
    pub weekly: Option<(u8, u16)>,
}

/// The PRODID of every calendar we write.
pub const PRODID: &str = "-//Rebound//Recovery plan//EN";

/// A whole VCALENDAR holding `events`.
pub fn calendar(events: &[Event]) -> String {
    let mut out = String::new();
    let mut line = |s: &str| push_folded(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&e.uid)));
        line(&format!("DTSTAMP:{}", utc(e.stamp)));
        line(&format!("DTSTART:{}", utc(e.start)));
        line(&format!("DTEND:{}", utc(e.end)));
        if let Some((every, count)) = e.weekly {
            line(&format!("RRULE:FREQ=WEEKLY;INTERVAL={every};COUNT={count}"));
        }
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        line(&format!("DESCRIPTION:{}", escape(&e.description)));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// `20261123T093000Z`.
pub fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
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
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as one or more lines of at most 75 octets (the
/// continuation's leading space counts), each ending in CRLF.
fn push_folded(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

const DEBRIEF_MINUTES: i64 = 30;

/// The debrief, at `start`, 30 minutes.
pub fn debrief(plan: &RecoveryPlan, start: Timestamp, stamp: Timestamp, domain: &str) -> String {
    calendar(&[Event {
        uid: format!("debrief-{}@{domain}", plan.id),
        stamp,
        start,
        end: start + SignedDuration::from_mins(DEBRIEF_MINUTES),
        summary: "Debrief".to_string(),
        description: "A short, calm debrief: what happened, what is known, one technical fix, one communication change.".to_string(),
        weekly: None,
    }])
}

/// The recurring one-on-one check-ins from the plan's schedule.
pub fn check_ins(plan: &RecoveryPlan, stamp: Timestamp, domain: &str) -> String {
    let s = plan.schedule;
    calendar(&[Event {
        uid: format!("check-ins-{}@{domain}", plan.id),
        stamp,
        start: s.first_at,
        end: s.first_at + SignedDuration::from_mins(i64::from(s.minutes)),
        summary: "One-on-one".to_string(),
        description: "Our regular one-on-one.".to_string(),
        weekly: Some((s.every_weeks, s.count)),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_recurring_event_is_exactly_this_text() {
        let got = calendar(&[Event {
            uid: "check-ins-7kq3x9mz@rebound.example".into(),
            stamp: t("2026-11-23T00:57:00.123Z"),
            start: t("2026-11-30T09:30:00Z"),
            end: t("2026-11-30T10:00:00Z"),
            summary: "One-on-one".into(),
            description: "Our regular one-on-one.".into(),
            weekly: Some((2, 6)),
        }]);
        let want = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Rebound//Recovery plan//EN\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
BEGIN:VEVENT\r\n\
UID:check-ins-7kq3x9mz@rebound.example\r\n\
DTSTAMP:20261123T005700Z\r\n\
DTSTART:20261130T093000Z\r\n\
DTEND:20261130T100000Z\r\n\
RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n\
SUMMARY:One-on-one\r\n\
DESCRIPTION:Our regular one-on-one.\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";
        assert_eq!(got, want);
    }

    #[test]
    fn a_one_off_event_has_no_rrule_and_times_are_converted_to_utc() {
        let got = calendar(&[Event {
            uid: "u@x".into(),
            stamp: t("2026-11-23T01:00:00+01:00"),
            start: t("2026-11-25T15:00:00+01:00"),
            end: t("2026-11-25T15:30:00+01:00"),
            summary: "Debrief".into(),
            description: "d".into(),
            weekly: None,
        }]);
        assert!(!got.contains("RRULE"));
        assert!(got.contains("\r\nDTSTAMP:20261123T000000Z\r\n"));
        assert!(got.contains("\r\nDTSTART:20261125T140000Z\r\nDTEND:20261125T143000Z\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "x".repeat(100));
        push_folded(&mut out, &long);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "two lines and the empty tail");
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1], format!(" {}", "x".repeat(112 - 75)));
        assert_eq!(lines[2], "");
        // Unfolding (drop CRLF + space) gives the line back.
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);

        // é is two octets: 73 ASCII + é would be 75, 74 + é would be 76.
        let mut out = String::new();
        let s = format!("{}é{}", "a".repeat(74), "b".repeat(10));
        push_folded(&mut out, &s);
        let first = out.split("\r\n").next().unwrap();
        assert_eq!(first, "a".repeat(74), "é moves to the next line whole");
        for line in out.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), s);
    }

    #[test]
    fn every_line_ends_in_crlf_and_nothing_else_breaks_lines() {
        let got = calendar(&[Event {
            uid: "u@x".into(),
            stamp: t("2026-11-23T00:00:00Z"),
            start: t("2026-11-23T00:00:00Z"),
            end: t("2026-11-23T00:30:00Z"),
            summary: "a\nb".into(),
            description: "é".repeat(80),
            weekly: None,
        }]);
        assert!(got.ends_with("\r\n"));
        assert_eq!(got.matches('\n').count(), got.matches("\r\n").count());
        assert!(got.contains("SUMMARY:a\\nb\r\n"));
    }
}
