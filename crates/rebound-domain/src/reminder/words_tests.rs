use super::*;

fn at(s: &str) -> Zoned {
    s.parse().unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn refunds() -> MistakeId {
    MistakeId::parse("7kq3x9mz").unwrap()
}

#[test]
fn a_reminder_says_how_late_and_suggests_a_short_update() {
    let now = at("2026-12-08T14:40[Europe/Paris]");
    let due = ts("2026-12-08T12:55:00Z"); // 13:55 in Paris
    let r = reminder_text(&refunds(), "Refunds counted twice", due, &now);
    assert_eq!(
        r.subject,
        "An update on “Refunds counted twice” is overdue by 45 min"
    );
    assert_eq!(
        r.paragraphs[0],
        "The next update on “Refunds counted twice” was due at 13:55 (45 min ago)."
    );
    // An hour on (15:40), rounded up to the half hour.
    assert!(r.paragraphs[2].contains("“Still on it. Next update by 16:00.”"));
    assert_eq!(r.update_path, "/m/7kq3x9mz#updates");
    assert_eq!(
        r.actions,
        [
            ReminderAction::PostUpdate,
            ReminderAction::Snooze(Snooze::OneHour),
            ReminderAction::Snooze(Snooze::TomorrowMorning),
            ReminderAction::Snooze(Snooze::Never),
        ]
    );
    assert_eq!(r.actions[1].label(), Snooze::OneHour.link_label());
    assert!(r.plain_body().contains("(45 min ago).\n\nIt can be short."));
}

#[test]
fn a_reminder_on_time_says_due_now() {
    let now = at("2026-12-08T14:00:30[Europe/Paris]");
    let due = ts("2026-12-08T13:00:00Z");
    let r = reminder_text(&refunds(), "Refunds counted twice", due, &now);
    assert_eq!(r.subject, "An update on “Refunds counted twice” is due");
    assert_eq!(
        r.paragraphs[0],
        "The next update on “Refunds counted twice” is due now."
    );
    // 15:00:30 rounds up to 15:30.
    assert!(r.paragraphs[2].contains("Next update by 15:30."));
}

#[test]
fn a_reminder_names_the_day_and_the_year_only_when_needed() {
    let now = at("2026-12-08T09:00[Europe/Paris]");
    let friday = ts("2026-12-04T16:00:00Z");
    let r = reminder_text(&refunds(), "Refunds counted twice", friday, &now);
    assert_eq!(
        r.paragraphs[0],
        "The next update on “Refunds counted twice” was due on Fri 4 Dec, 17:00 (3 d 16 h ago)."
    );
    let january = at("2027-01-04T09:00[Europe/Paris]");
    assert_eq!(format_moment(friday, &january), "Fri 4 Dec 2026, 17:00");
    assert_eq!(format_moment(friday, &now), "Fri 4 Dec, 17:00");
    assert_eq!(format_moment(now.timestamp(), &now), "09:00");
}

#[test]
fn a_long_title_is_cut_in_the_subject_only() {
    let title = "A".repeat(150);
    let now = at("2026-12-08T14:00[Europe/Paris]");
    let r = reminder_text(&refunds(), &title, now.timestamp(), &now);
    let quoted = r
        .subject
        .split('“')
        .nth(1)
        .unwrap()
        .split('”')
        .next()
        .unwrap();
    assert_eq!(quoted.chars().count(), 60);
    assert!(quoted.ends_with('…'));
    assert!(r.paragraphs[0].contains(&title));
}

#[test]
fn a_reminder_read_ahead_of_time_says_when() {
    let now = at("2026-12-08T14:00[Europe/Paris]");
    let due = ts("2026-12-08T14:30:00Z"); // 15:30 in Paris
    let r = reminder_text(&refunds(), "Refunds counted twice", due, &now);
    assert_eq!(r.subject, "An update on “Refunds counted twice” is due");
    assert_eq!(
        r.paragraphs[0],
        "The next update on “Refunds counted twice” is due at 15:30."
    );
}
