use super::*;
use jiff::tz::TimeZone;
use proptest::prelude::*;

/// 09:00–17:30, Monday to Friday.
fn office() -> WorkingHours {
    WorkingHours::weekdays(9 * 60, 17 * 60 + 30).unwrap()
}

/// 22:00–06:00, shifts starting Monday to Friday.
fn nights() -> WorkingHours {
    WorkingHours::weekdays(22 * 60, 6 * 60).unwrap()
}

fn at(s: &str) -> Zoned {
    s.parse().unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn inside_means_on_a_working_day_between_start_and_end() {
    let h = office();
    assert!(inside_working_hours(
        &at("2026-12-08T09:00[Europe/Paris]"),
        &h
    ));
    assert!(inside_working_hours(
        &at("2026-12-08T17:29[Europe/Paris]"),
        &h
    ));
    assert!(!inside_working_hours(
        &at("2026-12-08T17:30[Europe/Paris]"),
        &h
    ));
    assert!(!inside_working_hours(
        &at("2026-12-08T08:59[Europe/Paris]"),
        &h
    ));
    // Saturday.
    assert!(!inside_working_hours(
        &at("2026-12-12T11:00[Europe/Paris]"),
        &h
    ));
}

#[test]
fn a_moment_inside_working_hours_is_kept() {
    let now = at("2026-12-08T11:17:42[Europe/Paris]");
    assert_eq!(next_working_moment(&now, &office()), now);
}

#[test]
fn tuesday_night_waits_for_wednesday_morning() {
    let due = at("2026-12-08T22:00[Europe/Paris]");
    assert_eq!(due.weekday(), jiff::civil::Weekday::Tuesday);
    let next = next_working_moment(&due, &office());
    assert_eq!(next, at("2026-12-09T09:00[Europe/Paris]"));
}

#[test]
fn early_morning_waits_for_the_same_days_start() {
    let due = at("2026-12-09T06:10[Europe/Paris]");
    assert_eq!(
        next_working_moment(&due, &office()),
        at("2026-12-09T09:00[Europe/Paris]")
    );
}

#[test]
fn friday_evening_waits_for_monday() {
    let due = at("2026-12-11T18:00[Europe/Paris]");
    assert_eq!(due.weekday(), jiff::civil::Weekday::Friday);
    assert_eq!(
        next_working_moment(&due, &office()),
        at("2026-12-14T09:00[Europe/Paris]")
    );
}

#[test]
fn a_weekend_with_clocks_going_forward_lands_on_mondays_nine() {
    // Europe/Paris springs forward on Sunday 29 March 2026.
    let due = at("2026-03-27T18:00[Europe/Paris]");
    let next = next_working_moment(&due, &office());
    assert_eq!(next.timestamp(), ts("2026-03-30T07:00:00Z"), "09:00 CEST");
    assert_eq!((next.hour(), next.minute()), (9, 0));
    // And back in autumn (Sunday 25 October 2026).
    let due = at("2026-10-23T18:00[Europe/Paris]");
    let next = next_working_moment(&due, &office());
    assert_eq!(next.timestamp(), ts("2026-10-26T08:00:00Z"), "09:00 CET");
}

#[test]
fn a_start_inside_the_spring_gap_begins_when_the_clocks_jump() {
    // Every day from 02:30; on 29 March 02:30 never shows in Paris: the
    // clocks go from 02:00 CET straight to 03:00 CEST.
    let early = WorkingHours::new(2 * 60 + 30, 10 * 60, [true; 7]).unwrap();
    let due = at("2026-03-29T01:00[Europe/Paris]");
    let next = next_working_moment(&due, &early);
    assert_eq!(next.timestamp(), ts("2026-03-29T01:00:00Z"));
    assert_eq!((next.hour(), next.minute()), (3, 0));
    assert!(inside_working_hours(&next, &early));
}

#[test]
fn a_start_inside_the_autumn_fold_takes_the_first_unless_passed() {
    let early = WorkingHours::new(2 * 60 + 30, 10 * 60, [true; 7]).unwrap();
    let due = at("2026-10-25T01:00[Europe/Paris]");
    let first = next_working_moment(&due, &early);
    assert_eq!(first.timestamp(), ts("2026-10-25T00:30:00Z"), "02:30 CEST");
    // 02:00 the second time round (CET) is past the first 02:30 and before
    // the second: the second one is the next start.
    let between_the_two: Zoned = ts("2026-10-25T01:00:00Z").to_zoned(due.time_zone().clone());
    assert_eq!((between_the_two.hour(), between_the_two.minute()), (2, 0));
    let second = next_working_moment(&between_the_two, &early);
    assert_eq!(second.timestamp(), ts("2026-10-25T01:30:00Z"), "02:30 CET");
}

#[test]
fn a_night_shift_belongs_to_the_evening_it_starts() {
    let h = nights();
    // Tuesday 03:00 is Monday's shift.
    let tue_3 = at("2026-12-08T03:00[Europe/Paris]");
    assert_eq!(next_working_moment(&tue_3, &h), tue_3);
    // Saturday 03:00 is still Friday's shift; Sunday 03:00 is nobody's.
    assert!(inside_working_hours(
        &at("2026-12-12T03:00[Europe/Paris]"),
        &h
    ));
    assert_eq!(
        next_working_moment(&at("2026-12-13T03:00[Europe/Paris]"), &h),
        at("2026-12-14T22:00[Europe/Paris]")
    );
}

#[test]
fn nobody_without_working_hours_waits() {
    let late = at("2026-12-13T03:00[Europe/Paris]");
    assert_eq!(working_moment(&late, None), late);
    assert_eq!(
        working_moment(&late, Some(&office())),
        at("2026-12-14T09:00[Europe/Paris]")
    );
}

#[test]
fn snoozes_have_stable_names_and_their_own_words() {
    for s in Snooze::ALL {
        assert_eq!(Snooze::parse(s.as_str()), Some(s));
        assert!(s.timeline_text().starts_with("Update reminders"));
        assert!(!s.link_label().is_empty());
    }
    assert_eq!(Snooze::parse(" never "), Some(Snooze::Never));
    assert_eq!(Snooze::parse("forever"), None);
    assert_eq!(Snooze::parse("One_Hour"), None, "names are exact");
    let labels: std::collections::HashSet<_> = Snooze::ALL.map(Snooze::link_label).into();
    assert_eq!(labels.len(), 3);
}

#[test]
fn an_hours_snooze_stays_inside_working_hours() {
    let h = office();
    let now = at("2026-12-08T14:00[Europe/Paris]");
    assert_eq!(
        snoozed_until(Snooze::OneHour, &now, Some(&h)),
        Some(at("2026-12-08T15:00[Europe/Paris]"))
    );
    // 17:00 + 1 h is after the day's end: the next morning.
    let now = at("2026-12-08T17:00[Europe/Paris]");
    assert_eq!(
        snoozed_until(Snooze::OneHour, &now, Some(&h)),
        Some(at("2026-12-09T09:00[Europe/Paris]"))
    );
    assert_eq!(
        snoozed_until(Snooze::OneHour, &now, None),
        Some(at("2026-12-08T18:00[Europe/Paris]"))
    );
}

#[test]
fn tomorrow_morning_is_the_next_working_days_start() {
    let h = office();
    let cases = [
        (
            "2026-12-08T14:00[Europe/Paris]",
            "2026-12-09T09:00[Europe/Paris]",
        ),
        // Before today's start, "tomorrow" is still tomorrow.
        (
            "2026-12-08T07:00[Europe/Paris]",
            "2026-12-09T09:00[Europe/Paris]",
        ),
        (
            "2026-12-11T10:00[Europe/Paris]",
            "2026-12-14T09:00[Europe/Paris]",
        ),
        (
            "2026-12-12T10:00[Europe/Paris]",
            "2026-12-14T09:00[Europe/Paris]",
        ),
    ];
    for (now, want) in cases {
        let got = snoozed_until(Snooze::TomorrowMorning, &at(now), Some(&h));
        assert_eq!(got, Some(at(want)), "from {now}");
    }
    // A night shift past midnight belongs to the evening before: the next
    // working day is tonight's shift.
    let tue_2 = at("2026-12-08T02:00[Europe/Paris]");
    assert_eq!(
        snoozed_until(Snooze::TomorrowMorning, &tue_2, Some(&nights())),
        Some(at("2026-12-08T22:00[Europe/Paris]"))
    );
    // Without working hours: nine o'clock tomorrow.
    assert_eq!(
        snoozed_until(Snooze::TomorrowMorning, &tue_2, None),
        Some(at("2026-12-09T09:00[Europe/Paris]"))
    );
    assert_eq!(snoozed_until(Snooze::Never, &tue_2, Some(&h)), None);
}

#[test]
fn a_reminder_waits_for_the_due_time_the_snooze_and_working_hours() {
    let paris = TimeZone::get("Europe/Paris").unwrap();
    let h = Some(office());
    let h = h.as_ref();
    let due = ts("2026-12-08T10:00:00Z"); // 11:00 in Paris, a Tuesday
    assert_eq!(
        reminder_due(due, None, false, &paris, h),
        Some(at("2026-12-08T11:00[Europe/Paris]"))
    );
    // A snooze that already ended changes nothing.
    let ended = ts("2026-12-08T09:00:00Z");
    assert_eq!(
        reminder_due(due, Some(ended), false, &paris, h),
        reminder_due(due, None, false, &paris, h)
    );
    // A snooze past the day's end moves it to the next morning.
    let evening = ts("2026-12-08T19:00:00Z");
    assert_eq!(
        reminder_due(due, Some(evening), false, &paris, h),
        Some(at("2026-12-09T09:00[Europe/Paris]"))
    );
    // Due on a Saturday: Monday.
    let saturday = ts("2026-12-12T10:00:00Z");
    assert_eq!(
        reminder_due(saturday, None, false, &paris, h),
        Some(at("2026-12-14T09:00[Europe/Paris]"))
    );
    assert_eq!(reminder_due(due, Some(evening), true, &paris, h), None);
    assert_eq!(reminder_due(due, None, true, &paris, None), None);
    assert_eq!(
        reminder_due(saturday, None, false, &paris, None).map(|z| z.timestamp()),
        Some(saturday)
    );
}

#[test]
fn a_reminders_key_names_the_mistake_and_the_moment() {
    let m = MistakeId::parse("7kq3x9mz").unwrap();
    let other = MistakeId::parse("7kq3x9m0").unwrap();
    let t = ts("2026-12-08T10:00:00.250Z");
    assert_eq!(reminder_key(&m, t), reminder_key(&m, t));
    assert_eq!(
        reminder_key(&m, t),
        "update-reminder:7kq3x9mz:1796724000250"
    );
    assert_ne!(reminder_key(&m, t), reminder_key(&other, t));
    assert_ne!(
        reminder_key(&m, t),
        reminder_key(&m, t + SignedDuration::from_millis(1))
    );
}

const ZONES: [&str; 6] = [
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
];

fn hours_from(start: u16, len: u16, mask: u8) -> WorkingHours {
    let end = (start + len) % 1440;
    let end = if end == 0 { 1440 } else { end };
    let days = std::array::from_fn(|i| mask & (1 << i) != 0);
    WorkingHours::new(start, end, days).unwrap()
}

prop_compose! {
    fn any_hours()(start in 0u16..1440, len in 1u16..1440, mask in 1u8..128) -> WorkingHours {
        hours_from(start, len, mask)
    }
}

prop_compose! {
    // 2020 to 2035, whole seconds, in one of a few zones with and without DST.
    fn any_second()(secs in 1_577_836_800i64..2_082_758_400, zone in 0..ZONES.len()) -> Zoned {
        Timestamp::from_second(secs).unwrap().to_zoned(TimeZone::get(ZONES[zone]).unwrap())
    }
}

prop_compose! {
    // Up to three days before a zone's clock change, with the working day
    // starting within the hour after the clocks' old reading of it: where
    // a start falls in a gap or a fold.
    fn around_a_clock_change()(
        secs in 1_577_836_800i64..2_082_758_400,
        zone in 0..ZONES.len(),
        before in 0i64..259_200,
        delta in 0u16..60,
        len in 1u16..1440,
        mask in 1u8..128,
    ) -> (Zoned, WorkingHours) {
        let tz = TimeZone::get(ZONES[zone]).unwrap();
        let from = Timestamp::from_second(secs).unwrap();
        let change = tz.following(from).next().map_or(from, |t| t.timestamp());
        let old_clock = (change - SignedDuration::from_secs(1)).to_zoned(tz.clone());
        let minute = (old_clock.hour() as u16 * 60 + old_clock.minute() as u16 + 1) % 1440;
        let now = (change - SignedDuration::from_secs(before)).to_zoned(tz);
        (now, hours_from((minute + delta) % 1440, len, mask))
    }
}

fn moment_and_hours() -> impl Strategy<Value = (Zoned, WorkingHours)> {
    prop_oneof![(any_second(), any_hours()), around_a_clock_change()]
}

proptest! {
    #[test]
    fn the_next_working_moment_is_inside_and_never_early((now, h) in moment_and_hours()) {
        let next = next_working_moment(&now, &h);
        prop_assert!(inside_working_hours(&next, &h), "{next} for {now}");
        prop_assert!(next.timestamp() >= now.timestamp());
        prop_assert_eq!(next.time_zone(), now.time_zone());
        if next.timestamp() > now.timestamp() {
            // Nothing earlier would have done: a second before is outside.
            let before = (next.timestamp() - SignedDuration::from_secs(1))
                .to_zoned(now.time_zone().clone());
            prop_assert!(!inside_working_hours(&before, &h), "{before} is inside");
        }
    }

    #[test]
    fn snoozes_end_inside_working_hours_and_after_now((now, h) in moment_and_hours()) {
        for s in [Snooze::OneHour, Snooze::TomorrowMorning] {
            let until = snoozed_until(s, &now, Some(&h)).unwrap();
            prop_assert!(inside_working_hours(&until, &h));
            prop_assert!(until.timestamp() > now.timestamp());
        }
        let morning = snoozed_until(Snooze::TomorrowMorning, &now, Some(&h)).unwrap();
        // A later day than today's, or than the night shift `now` is in.
        let night_shift = h.overnight() && inside_working_hours(&now, &h);
        prop_assert!(morning.date() > now.date() || (night_shift && morning.date() == now.date()));
    }
}
