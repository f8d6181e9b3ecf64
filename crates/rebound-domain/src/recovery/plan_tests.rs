//! The plan's operations: validation, carry-over, tasks and completion.

use super::plan::*;
use super::{Driver, Move, PressurePoint, Sign, Trend};
use crate::id::{CheckInId, RecoveryPlanId, RecoveryTaskId, UserId};
use jiff::{SignedDuration, Timestamp};

pub(super) fn at(day: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 + day * 86_400).unwrap()
}

pub(super) fn manager() -> UserId {
    UserId::from_random([1; 5])
}

pub(super) fn plan() -> RecoveryPlan {
    RecoveryPlan::open(
        NewPlan {
            report: UserId::from_random([2; 5]),
            opened_by: manager(),
            mistake: None,
            pressure_points: vec![PressurePoint::PublicMistake],
            drivers: vec![Driver::Social, Driver::SkillGap],
            schedule: None,
            topics: vec!["The demo".into(), " Next sprint ".into()],
        },
        RecoveryPlanId::from_random([3; 5]),
        at(0),
    )
    .unwrap()
}

pub(super) fn signs(level: u8) -> Vec<SignScore> {
    Sign::ALL
        .iter()
        .map(|s| SignScore {
            sign: *s,
            level,
            note: None,
        })
        .collect()
}

pub(super) fn check_in(
    p: &mut RecoveryPlan,
    day: i64,
    new: NewCheckIn,
) -> Result<(), RecoveryError> {
    p.record_check_in(
        new,
        CheckInId::from_random([day as u8; 5]),
        manager(),
        at(day),
    )
    .map(|_| ())
}

#[test]
fn opening_trims_topics_and_defaults_the_schedule() {
    let p = plan();
    assert_eq!(p.topics, ["The demo", "Next sprint"]);
    assert_eq!(p.schedule, Schedule::default_from(at(0)));
    assert_eq!(p.schedule.first_at, at(7));
    assert_eq!(p.version, 0);
    assert_eq!(p.trend(), Trend::TooEarly);
}

#[test]
fn opening_refuses_duplicates_and_bad_schedules() {
    let base = NewPlan {
        report: UserId::from_random([2; 5]),
        opened_by: manager(),
        mistake: None,
        pressure_points: vec![],
        drivers: vec![Driver::Social, Driver::Social],
        schedule: None,
        topics: vec![],
    };
    let id = RecoveryPlanId::from_random([3; 5]);
    assert_eq!(
        RecoveryPlan::open(base.clone(), id.clone(), at(0)).unwrap_err(),
        RecoveryError::Duplicate {
            what: "social".into()
        }
    );
    for (every, minutes, count, err) in [
        (0, 30, 8, RecoveryError::BadInterval),
        (5, 30, 8, RecoveryError::BadInterval),
        (1, 10, 8, RecoveryError::BadLength),
        (1, 30, 0, RecoveryError::BadCount),
        (1, 30, 53, RecoveryError::BadCount),
    ] {
        let new = NewPlan {
            drivers: vec![],
            schedule: Some(Schedule {
                first_at: at(1),
                every_weeks: every,
                minutes,
                count,
            }),
            ..base.clone()
        };
        assert_eq!(RecoveryPlan::open(new, id.clone(), at(0)).unwrap_err(), err);
    }
}

#[test]
fn a_check_in_needs_all_ten_signs_once_each_within_zero_to_three() {
    let mut p = plan();
    let before = p.clone();
    let mut nine = signs(1);
    nine.retain(|s| s.sign != Sign::RepeatedRework);
    let err = check_in(
        &mut p,
        7,
        NewCheckIn {
            signs: nine,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "score every one of the ten signs; still to score: “Repeated rework despite guidance”"
    );
    let mut four = signs(1);
    four[3].level = 4;
    let err = check_in(
        &mut p,
        7,
        NewCheckIn {
            signs: four,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(
        err,
        RecoveryError::LevelOutOfRange { level: 4, .. }
    ));
    let mut twice = signs(1);
    twice.push(twice[0].clone());
    assert!(matches!(
        check_in(
            &mut p,
            7,
            NewCheckIn {
                signs: twice,
                ..Default::default()
            }
        )
        .unwrap_err(),
        RecoveryError::Duplicate { .. }
    ));
    assert_eq!(p, before, "a refused check-in changes nothing");
}

#[test]
fn uncovered_topics_carry_over_and_new_ones_join_them() {
    let mut p = plan();
    let mut s = signs(2);
    s[0].note = Some("  Quiet in stand-up  ".into());
    s[1].note = Some("   ".into());
    check_in(
        &mut p,
        7,
        NewCheckIn {
            signs: s,
            covered: vec!["The demo".into()],
            new_topics: vec!["Pairing with Sam".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let c = &p.check_ins[0];
    assert_eq!(c.covered, ["The demo"]);
    assert_eq!(c.carried_over, ["Next sprint"]);
    assert_eq!(c.signs[0].note.as_deref(), Some("Quiet in stand-up"));
    assert_eq!(c.signs[1].note, None);
    assert_eq!(c.total(), 20);
    assert_eq!(p.topics, ["Next sprint", "Pairing with Sam"]);

    let err = check_in(
        &mut p,
        14,
        NewCheckIn {
            signs: signs(1),
            covered: vec!["The demo".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "'The demo' is not among the open topics");
}

#[test]
fn a_check_in_dated_between_others_takes_its_place_and_the_trend_follows_the_dates() {
    let mut p = plan();
    let dated = |day: i64, level: u8| NewCheckIn {
        signs: signs(level),
        at: Some(at(day)),
        ..Default::default()
    };
    check_in(&mut p, 14, dated(14, 1)).unwrap();
    check_in(&mut p, 21, dated(21, 2)).unwrap();
    assert_eq!(p.trend(), Trend::Worsening, "10 then 20");
    // The one-on-one of day 7, recorded on day 22: first. In the order
    // typed it would read 10, 20, 30 (worsening); by date it is 30, 10, 20.
    check_in(&mut p, 22, dated(7, 3)).unwrap();
    assert_eq!(
        p.trend(),
        Trend::Stalled,
        "20 against the mean of 30 and 10"
    );
    // Day 18, recorded on day 23: between days 14 and 21.
    check_in(&mut p, 23, dated(18, 1)).unwrap();
    let days: Vec<Timestamp> = p.check_ins.iter().map(|c| c.at).collect();
    assert_eq!(days, vec![at(7), at(14), at(18), at(21)], "ordered by when");
    assert_eq!(
        p.check_ins.last().unwrap().total(),
        20,
        "the last is the latest"
    );
    assert_eq!(p.trend(), Trend::Worsening, "20 against 10 and 10");
}

#[test]
fn adopting_makes_a_task_due_by_default_after_the_moves_days() {
    let mut p = plan();
    let t = p
        .adopt(
            Move::SmallVisibleWin,
            None,
            RecoveryTaskId::from_random([4; 5]),
            at(0),
        )
        .unwrap()
        .clone();
    assert_eq!(t.due, at(5));
    assert!(!t.is_done());
    assert!(!t.overdue(at(5)));
    assert!(t.overdue(at(5) + SignedDuration::from_secs(1)));
    assert!(
        p.suggestions()
            .iter()
            .all(|s| s.to != Move::SmallVisibleWin)
    );
    assert!(matches!(
        p.adopt(
            Move::SmallVisibleWin,
            None,
            RecoveryTaskId::from_random([5; 5]),
            at(1)
        ),
        Err(RecoveryError::AlreadyAdopted { .. })
    ));
    assert_eq!(
        p.adopt(
            Move::PairedWork,
            Some(at(-3)),
            RecoveryTaskId::from_random([6; 5]),
            at(0)
        )
        .unwrap_err(),
        RecoveryError::DueInPast
    );
    p.complete_task(&t.id, at(3)).unwrap();
    assert_eq!(p.tasks[0].completed_at, Some(at(3)));
    assert_eq!(
        p.complete_task(&t.id, at(4)).unwrap_err(),
        RecoveryError::AlreadyDone
    );
}

#[test]
fn the_debrief_task_completes_when_the_note_is_written_not_by_hand() {
    let mut p = plan();
    let id = RecoveryTaskId::from_random([4; 5]);
    p.adopt(Move::CalmDebrief, None, id.clone(), at(0)).unwrap();
    assert!(matches!(
        p.complete_task(&id, at(1)).unwrap_err(),
        RecoveryError::CompletesItself { .. }
    ));
    let mut note = DebriefNote {
        what_happened: "The demo failed on stage.".into(),
        what_is_known: "The staging data was stale.".into(),
        technical_fix: "Refresh staging before demos.".into(),
        communication_change: " ".into(),
    };
    assert_eq!(
        p.write_debrief(note.clone(), at(1)).unwrap_err(),
        RecoveryError::Empty {
            what: "the communication change"
        }
    );
    assert_eq!(p.tasks[0].completed_at, None);
    note.communication_change = "Say what is live and what is mocked.".into();
    p.write_debrief(note, at(2)).unwrap();
    assert_eq!(p.tasks[0].completed_at, Some(at(2)));
    assert_eq!(p.debrief_task().unwrap().id, id);
}

#[test]
fn the_development_plan_task_completes_with_a_practice_task_even_if_written_first() {
    let mut p = plan();
    assert!(p.set_development(vec![], at(0)).is_err());
    p.set_development(
        vec![PracticeTask {
            text: "Run the demo checklist twice".into(),
            due: at(10),
        }],
        at(1),
    )
    .unwrap();
    let t = p
        .adopt(
            Move::DevelopmentPlan,
            None,
            RecoveryTaskId::from_random([4; 5]),
            at(2),
        )
        .unwrap();
    assert_eq!(t.completed_at, Some(at(2)), "the condition already holds");
}

#[test]
fn the_next_check_in_walks_the_series() {
    let p = plan();
    assert_eq!(p.next_check_in(at(0)), Some(at(7)));
    assert_eq!(p.next_check_in(at(8)), Some(at(14)));
    assert_eq!(p.next_check_in(at(7 * 8 + 1)), None);
}

#[test]
fn the_escalation_shows_once_distress_is_recorded() {
    let mut p = plan();
    check_in(
        &mut p,
        7,
        NewCheckIn {
            signs: signs(0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(p.escalation().is_none());
    check_in(
        &mut p,
        14,
        NewCheckIn {
            signs: signs(0),
            distress: true,
            ..Default::default()
        },
    )
    .unwrap();
    let e = p.escalation().unwrap();
    assert_eq!(e.criteria, [super::Criterion::DistressRecorded]);
    assert!(!e.words.is_empty());
}

#[test]
fn private_notes_are_checked() {
    let id = crate::id::PrivateNoteId::from_random([1; 5]);
    let plan = RecoveryPlanId::from_random([3; 5]);
    assert!(PrivateNote::new(id.clone(), plan.clone(), manager(), at(0), "  ").is_err());
    let n = PrivateNote::new(id, plan, manager(), at(0), " Seemed tired. ").unwrap();
    assert_eq!(n.body, "Seemed tired.");
}

#[test]
fn calendar_invites_use_the_plan_and_say_nothing_about_it() {
    let mut p = plan();
    let debrief = RecoveryTaskId::from_random([9; 5]);
    p.adopt(Move::CalmDebrief, Some(at(2)), debrief, at(0))
        .unwrap();
    let ics = super::ics::check_ins(&p, at(0), "rebound.example").unwrap();
    assert!(ics.contains(&format!("UID:check-ins-{}@rebound.example\r\n", p.id)));
    assert!(ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=8\r\n"));
    assert!(ics.contains("SUMMARY:One-on-one\r\n"));
    let d = super::ics::debrief(&p, at(0), "rebound.example").unwrap();
    assert!(d.contains("SUMMARY:Debrief\r\n"));
    for text in [ics, d] {
        let lower = text.to_lowercase();
        for word in ["recovery", "confidence", "mistake", "demo"] {
            assert!(
                !lower.contains(word)
                    || word == "recovery" && lower.contains("prodid:-//rebound//recovery plan//en"),
                "{word}"
            );
        }
    }
}
