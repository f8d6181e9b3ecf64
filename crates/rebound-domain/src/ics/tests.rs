use super::*;
use proptest::prelude::*;

fn event(summary: &str, description: &str, name: &str) -> Event {
    Event {
        uid: "debrief-p1-1@rebound.example".into(),
        sequence: 2,
        start: "2026-12-07T14:00:00Z".parse().unwrap(),
        end: "2026-12-07T14:30:00Z".parse().unwrap(),
        summary: summary.into(),
        description: description.into(),
        organizer: Some(Person {
            name: name.into(),
            email: "lead@example.com".into(),
        }),
        attendees: vec![Person {
            name: "Ana".into(),
            email: "ana@example.com".into(),
        }],
        weekly: None,
    }
}

fn stamp() -> Timestamp {
    "2026-12-06T12:00:00Z".parse().unwrap()
}

#[test]
fn a_request_has_the_fields_a_calendar_needs_in_utc() {
    let ics = calendar(Method::Request, &[event("Debrief", "", "Lead")], stamp());
    let lines = unfold(&ics);
    for expected in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "UID:debrief-p1-1@rebound.example",
        "SEQUENCE:2",
        "DTSTAMP:20261206T120000Z",
        "DTSTART:20261207T140000Z",
        "DTEND:20261207T143000Z",
        "SUMMARY:Debrief",
        "ORGANIZER;CN=\"Lead\":mailto:lead@example.com",
        "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"Ana\":mailto:ana@example.com",
        "END:VCALENDAR",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} missing in {ics}"
        );
    }
    assert!(
        !ics.contains("DESCRIPTION"),
        "an empty description is left out"
    );
    assert!(!ics.contains("CANCELLED"));
}

#[test]
fn a_cancel_says_cancelled() {
    let ics = calendar(Method::Cancel, &[event("Debrief", "", "Lead")], stamp());
    let lines = unfold(&ics);
    assert!(lines.iter().any(|l| l == "METHOD:CANCEL"));
    assert!(lines.iter().any(|l| l == "STATUS:CANCELLED"));
}

#[test]
fn text_is_escaped_and_control_characters_dropped() {
    assert_eq!(
        escape_text("a\\b;c,d\r\ne\nf\rg\u{7}h\u{0}\ti"),
        "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti"
    );
}

#[test]
fn a_name_cannot_break_out_of_its_quotes() {
    let ics = calendar(
        Method::Request,
        &[event("x", "", "Ev\"il:;,\r\nX")],
        stamp(),
    );
    assert!(
        unfold(&ics)
            .iter()
            .any(|l| l == "ORGANIZER;CN=\"Evil:;,X\":mailto:lead@example.com"),
        "{ics}"
    );
}

#[test]
fn a_long_multibyte_line_folds_between_characters() {
    let summary = "é".repeat(100);
    let ics = calendar(Method::Request, &[event(&summary, "", "Lead")], stamp());
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(unfold(&ics).contains(&format!("SUMMARY:{summary}")));
}

proptest! {
    #[test]
    fn folding_is_lossless_short_and_crlf_only(
        summary in "\\PC*|[\\x00-\\x7f]*",
        description in any::<String>(),
        name in any::<String>(),
    ) {
        let ics = calendar(Method::Request, &[event(&summary, &description, &name)], stamp());
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains('\r') && !line.contains('\n'), "bare CR or LF in {:?}", line);
        }
        prop_assert!(ics.ends_with("\r\n"));
        let lines = unfold(&ics);
        let summary_line = format!("SUMMARY:{}", escape_text(&summary));
        prop_assert!(lines.contains(&summary_line));
        if !escape_text(&description).is_empty() {
            let description_line = format!("DESCRIPTION:{}", escape_text(&description));
            prop_assert!(lines.contains(&description_line));
        }
        for escaped in [escape_text(&summary), escape_text(&description)] {
            prop_assert!(!escaped.chars().any(|c| c.is_control() && c != '\t'));
        }
    }
}
