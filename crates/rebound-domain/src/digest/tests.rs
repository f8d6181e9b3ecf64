use super::*;
use crate::id::{MistakeId, RecoveryPlanId, RecoveryTaskId};
use crate::mistake::{Mistake, NewMistake};
use crate::recovery::moves::Move;
use crate::recovery::plan::{NewPlan, RecoveryPlan, Schedule};
use crate::state::{Checkbox, State};
use jiff::civil::{Weekday, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

fn at(s: &str) -> Zoned {
    s.parse().unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Monday 7 December 2026, 08:00 in Paris: when the digest goes.
fn monday() -> Zoned {
    at("2026-12-07T08:00[Europe/Paris]")
}

fn mid(n: u8) -> MistakeId {
    MistakeId::from_random([n; 5])
}

fn mistake(title: &str, detected: &str) -> Mistake {
    let now = monday();
    let input = NewMistake {
        title: title.into(),
        detected_at: Some(ts(detected)),
        ..NewMistake::default()
    };
    Mistake::new(input, mid(1), &now).unwrap()
}

fn plan(first_check_in: &str) -> RecoveryPlan {
    RecoveryPlan::open(
        NewPlan {
            report: UserId::from_random([2; 5]),
            opened_by: UserId::from_random([4; 5]),
            mistake: None,
            pressure_points: vec![],
            drivers: vec![],
            schedule: Some(Schedule {
                first_at: ts(first_check_in),
                every_weeks: 1,
                minutes: 30,
                count: 4,
            }),
            topics: vec![],
        },
        RecoveryPlanId::from_random([3; 5]),
        ts("2026-12-01T09:00:00Z"),
    )
    .unwrap()
}

#[test]
fn the_digest_goes_next_monday_at_eight() {
    let cases = [
        // Monday before eight: today.
        (
            "2026-12-07T07:59[Europe/Paris]",
            "2026-12-07T08:00[Europe/Paris]",
        ),
        // At eight or after: next week.
        (
            "2026-12-07T08:00[Europe/Paris]",
            "2026-12-14T08:00[Europe/Paris]",
        ),
        (
            "2026-12-07T13:00[Europe/Paris]",
            "2026-12-14T08:00[Europe/Paris]",
        ),
        (
            "2026-12-09T10:00[Europe/Paris]",
            "2026-12-14T08:00[Europe/Paris]",
        ),
        (
            "2026-12-13T23:59[Europe/Paris]",
            "2026-12-14T08:00[Europe/Paris]",
        ),
        // Across the spring change, eight on the new clock.
        (
            "2026-03-28T12:00[Europe/Paris]",
            "2026-03-30T08:00[Europe/Paris]",
        ),
        (
            "2026-12-31T12:00[Asia/Tokyo]",
            "2027-01-04T08:00[Asia/Tokyo]",
        ),
    ];
    for (now, want) in cases {
        assert_eq!(next_digest_at(&at(now)), at(want), "from {now}");
    }
    let spring = next_digest_at(&at("2026-03-28T12:00[Europe/Paris]"));
    assert_eq!(spring.timestamp(), ts("2026-03-30T06:00:00Z"));
}

#[test]
fn one_digest_key_per_person_per_week() {
    let a = UserId::parse("7kq3x9mz").unwrap();
    let b = UserId::parse("7kq3x9m0").unwrap();
    let week = date(2026, 12, 7);
    assert_eq!(digest_key(&a, week), "digest:7kq3x9mz:2026-12-07");
    assert_eq!(digest_key(&a, week), digest_key(&a, week));
    assert_ne!(digest_key(&a, week), digest_key(&b, week));
    assert_ne!(digest_key(&a, week), digest_key(&a, date(2026, 12, 14)));
}

#[test]
fn a_prompt_alone_is_nothing_to_send() {
    let mut items = DigestItems {
        prompt: prompt_for_week(date(2026, 12, 7)),
        ..DigestItems::default()
    };
    assert!(items.is_empty());
    items.next_steps.push(NextStep {
        plan: RecoveryPlanId::from_random([3; 5]),
        report_name: "Sam".into(),
        step: Move::CalmDebrief,
        due: ts("2026-12-08T09:00:00Z"),
    });
    assert!(!items.is_empty());
}

#[test]
fn follow_ups_and_overdue_updates_come_from_the_mistake() {
    // Detected last Thursday, medium severity: an update every 4 hours.
    let mut m = mistake(
        "Refunds counted twice in the export",
        "2026-12-03T09:00:00Z",
    );
    let now = monday().timestamp();
    let f = FollowUp::of(&m).unwrap();
    assert_eq!(f.state, State::Detected);
    assert_eq!(f.unticked, [Checkbox::Impact, Checkbox::Prevention]);
    let u = OverdueUpdate::of(&m, now).unwrap();
    assert_eq!(u.due, ts("2026-12-03T13:00:00Z"));
    assert_eq!(OverdueUpdate::of(&m, ts("2026-12-03T12:00:00Z")), None);
    m.impact_checked_at = Some(now);
    assert_eq!(FollowUp::of(&m).unwrap().unticked, [Checkbox::Prevention]);
    m.state = State::Closed;
    assert_eq!(FollowUp::of(&m), None);
    assert_eq!(
        OverdueUpdate::of(&m, now),
        None,
        "closed: no update expected"
    );
}

#[test]
fn check_ins_this_week_and_the_next_step_come_from_the_plan() {
    let now = monday();
    let p = plan("2026-12-09T14:00:00Z");
    let c = CheckInDue::of(&p, "Sam Park", &now).unwrap();
    assert_eq!(c.at, ts("2026-12-09T14:00:00Z"));
    // A series whose next check-in is more than a week off is not this week's.
    let later = plan("2026-12-15T09:00:00Z");
    assert_eq!(CheckInDue::of(&later, "Sam Park", &now), None);

    let mut p = p;
    assert_eq!(NextStep::of(&p, "Sam Park"), None, "no task adopted");
    let adopted = ts("2026-12-01T09:00:00Z");
    p.adopt(
        Move::PairedWork,
        Some(ts("2026-12-11T09:00:00Z")),
        RecoveryTaskId::from_random([5; 5]),
        adopted,
    )
    .unwrap();
    p.adopt(
        Move::SmallVisibleWin,
        Some(ts("2026-12-08T09:00:00Z")),
        RecoveryTaskId::from_random([6; 5]),
        adopted,
    )
    .unwrap();
    let step = NextStep::of(&p, "Sam Park").unwrap();
    assert_eq!(step.step, Move::SmallVisibleWin, "the one due soonest");
    p.tasks[1].completed_at = Some(adopted);
    assert_eq!(NextStep::of(&p, "Sam Park").unwrap().step, Move::PairedWork);
}

#[test]
fn each_week_asks_that_mondays_prompt_the_same_for_everyone() {
    let monday = date(2026, 12, 7);
    let p = prompt_for_week(monday).unwrap();
    assert_eq!(Some(p), crate::prompt::prompt_for(monday));
    assert_eq!(p.day, 1, "Monday's");
    // Any day of that week, weekend included, asks the same.
    let mut d = monday;
    for _ in 0..7 {
        assert_eq!(prompt_for_week(d), Some(p), "{d}");
        d = d.tomorrow().unwrap();
    }
    // A new question, in order, each week.
    let next = prompt_for_week(date(2026, 12, 14)).unwrap();
    assert_ne!(next.text, p.text);
    let order: Vec<&str> = crate::prompt::all().map(|(_, _, t)| t).collect();
    let at = order.iter().position(|t| *t == p.text).unwrap();
    assert_eq!(order[(at + 5) % order.len()], next.text);
}

prop_compose! {
    fn any_now()(secs in 0i64..4_102_444_800, zone in 0..5usize) -> Zoned {
        const ZONES: [&str; 5] =
            ["Europe/Paris", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"];
        Timestamp::from_second(secs).unwrap().to_zoned(TimeZone::get(ZONES[zone]).unwrap())
    }
}

proptest! {
    #[test]
    fn the_next_digest_is_a_monday_eight_within_a_week(now in any_now()) {
        let next = next_digest_at(&now);
        prop_assert_eq!(next.weekday(), Weekday::Monday);
        prop_assert_eq!((next.hour(), next.minute(), next.second()), (8, 0, 0));
        prop_assert!(next.timestamp() > now.timestamp());
        prop_assert!(next.timestamp() <= now.timestamp() + SignedDuration::from_hours(24 * 7 + 2));
        prop_assert_eq!(next.time_zone(), now.time_zone());
    }
}
