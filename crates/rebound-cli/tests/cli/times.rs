//! Times as people write them, everywhere the CLI asks for one (issue 17),
//! read in the person's zone (UTC here): a due date reads forwards, what
//! happened backwards, and a refusal says why in words. Corrected times
//! keep what they said before.

use crate::harness::Rebound;
use jiff::Timestamp;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;

fn zoned(v: &serde_json::Value) -> jiff::Zoned {
    let t: Timestamp = v.as_str().unwrap_or_else(|| panic!("{v}")).parse().unwrap();
    t.to_zoned(TimeZone::UTC)
}

#[test]
fn a_fix_due_reads_written_days_forwards_and_refusals_say_why() {
    let rb = Rebound::new();
    let id = rb.oops(&[
        "Sent the wrong dashboard",
        "--noticed",
        "yesterday at 17:45",
    ]);
    let m = rb.show(&id);
    let noticed = zoned(&m["detected_at"]);
    assert_eq!((noticed.hour(), noticed.minute()), (17, 45), "{m}");
    assert!(noticed.timestamp() < Timestamp::now());

    for (typed, weekday, hour) in [
        ("friday 14:00", Weekday::Friday, 14),
        ("next monday", Weekday::Monday, 17),
        ("next monday 9am", Weekday::Monday, 9),
    ] {
        let before = Timestamp::now();
        rb.ok(&[
            "note",
            &id,
            "--fix",
            "Correct the refund join",
            "--fix-due",
            typed,
        ]);
        let due = zoned(&rb.show(&id)["note"]["fix_due"]);
        assert_eq!(
            (due.weekday(), due.hour(), due.minute()),
            (weekday, hour, 0),
            "{typed}: {due}"
        );
        assert!(due.timestamp() > before, "{typed} is ahead: {due}");
    }

    let why = rb.fails(&["note", &id, "--fix-due", "someday"], 1);
    assert!(why.contains("cannot read 'someday' as a time"), "{why}");
    assert!(
        why.contains("9am"),
        "the refusal lists forms that work: {why}"
    );
    let why = rb.fails(&["oops", "Another", "--noticed", "in 3 days"], 1);
    assert!(why.contains("cannot be in the future"), "{why}");
    let why = rb.fails(&["oops", "Another", "--noticed", "2001-03-04 10:00"], 1);
    assert!(why.contains("more than a year ago — did you mean"), "{why}");
    let why = rb.fails(
        &[
            "oops",
            "Another",
            "--noticed",
            "an hour ago",
            "--started",
            "20 minutes ago",
        ],
        1,
    );
    assert!(
        why.contains("cannot be detected before it started"),
        "{why}"
    );
}

#[test]
fn a_corrected_time_keeps_what_it_said_before() {
    let rb = Rebound::new();
    let id = rb.oops(&["Broke the build", "--noticed", "20 minutes ago"]);
    let was = rb.show(&id)["detected_at"].clone();
    rb.ok(&[
        "edit",
        &id,
        "--noticed",
        "an hour ago",
        "--started",
        "90 minutes ago",
    ]);
    let m = rb.show(&id);
    let c = &m["time_corrections"];
    assert_eq!(c[0]["field"], "started", "{m}");
    assert_eq!(c[0]["earlier"], serde_json::Value::Null);
    assert_eq!(c[1]["field"], "detected");
    assert_eq!(c[1]["earlier"], was);
    assert_eq!(c[1]["later"], m["detected_at"]);
    let text = rb.ok(&["show", &id]);
    assert!(text.contains("Corrected   started not known → "), "{text}");
    assert!(text.contains("Corrected   detected "), "{text}");
    // Nothing changed is no correction.
    rb.ok(&["edit", &id, "--title", "Broke the main build"]);
    assert_eq!(
        rb.show(&id)["time_corrections"].as_array().unwrap().len(),
        2
    );
}
