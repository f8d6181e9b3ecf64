//! Ending a plan: once, then nothing more changes; no next check-in; the
//! calendar becomes a cancellation under the same UIDs, and the file keeps
//! only the one-on-ones that took place.

use super::ics::{check_ins, debrief, invitation_events};
use super::plan::*;
use super::{Driver, Move};
use crate::digest::{CheckInDue, NextStep};
use crate::ics::Method;
use crate::id::{CheckInId, RecoveryPlanId, RecoveryTaskId, UserId};
use jiff::Timestamp;

fn at(day: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 + day * 86_400).unwrap()
}

fn manager() -> UserId {
    UserId::from_random([1; 5])
}

/// Weekly one-on-ones from day 7, eight of them; a debrief due on day 2.
fn plan() -> RecoveryPlan {
    let mut p = RecoveryPlan::open(
        NewPlan {
            report: UserId::from_random([2; 5]),
            opened_by: manager(),
            mistake: None,
            pressure_points: vec![],
            drivers: vec![Driver::Social],
            schedule: None,
            topics: vec!["The demo".into()],
        },
        RecoveryPlanId::from_random([3; 5]),
        at(0),
    )
    .unwrap();
    let task = RecoveryTaskId::from_random([4; 5]);
    p.adopt(Move::CalmDebrief, Some(at(2)), task, at(0))
        .unwrap();
    p
}

fn signs() -> Vec<SignScore> {
    super::Sign::ALL
        .iter()
        .map(|s| SignScore {
            sign: *s,
            level: 1,
            note: None,
        })
        .collect()
}

#[test]
fn a_plan_ends_once_with_who_when_and_why() {
    let mut p = plan();
    assert!(!p.is_ended());
    p.end(Some(EndReason::Recovered), manager(), at(20))
        .unwrap();
    let end = p.ended.clone().unwrap();
    assert_eq!(
        (end.at, end.by.clone(), end.reason),
        (at(20), manager(), Some(EndReason::Recovered))
    );
    let again = p.end(None, manager(), at(21)).unwrap_err();
    assert_eq!(again.to_string(), "this plan already ended on 2026-06-17");
    assert_eq!(p.ended, Some(end), "the first end stands");
}

#[test]
fn an_ended_plan_refuses_every_change_in_words() {
    let mut p = plan();
    p.end(None, manager(), at(20)).unwrap();
    let before = p.clone();
    let ended = "this plan ended on 2026-06-17; open a new plan to support them again";
    let new = NewCheckIn {
        signs: signs(),
        ..Default::default()
    };
    let check_in = p.record_check_in(new, CheckInId::from_random([5; 5]), manager(), at(21));
    assert_eq!(check_in.unwrap_err().to_string(), ended);
    let task = RecoveryTaskId::from_random([6; 5]);
    let refusals = [
        p.adopt(Move::PairedWork, None, task, at(21)).map(|_| ()),
        p.set_schedule(Schedule::default_from(at(21)), at(21)),
        p.add_topics(&["Next sprint".into()]),
        p.set_context(vec![], vec![]),
        p.complete_task(&RecoveryTaskId::from_random([4; 5]), at(21)),
    ];
    for r in refusals {
        assert_eq!(r.unwrap_err().to_string(), ended);
    }
    assert_eq!(p, before, "nothing changed");
}

#[test]
fn an_ended_plan_has_no_next_check_in_nor_a_place_in_the_digest() {
    let mut p = plan();
    let now = at(6).to_zoned(jiff::tz::TimeZone::UTC);
    assert!(CheckInDue::of(&p, "Remi", &now).is_some());
    assert!(NextStep::of(&p, "Remi").is_some());
    p.end(None, manager(), at(6)).unwrap();
    assert_eq!(p.next_check_in(at(6)), None);
    assert_eq!(CheckInDue::of(&p, "Remi", &now), None);
    assert_eq!(NextStep::of(&p, "Remi"), None);
}

#[test]
fn ending_turns_the_invitation_into_a_cancellation_under_the_same_uids() {
    let mut p = plan();
    let (method, running) = invitation_events(&p, "rebound");
    assert_eq!(method, Method::Request);
    assert_eq!(running.len(), 2, "the debrief and the one-on-ones");
    // Ended before the debrief: both are cancelled.
    let mut early = p.clone();
    early.end(None, manager(), at(1)).unwrap();
    let (method, cancelled) = invitation_events(&early, "rebound");
    assert_eq!(method, Method::Cancel);
    let uids = |es: &[crate::ics::Event]| es.iter().map(|e| e.uid.clone()).collect::<Vec<_>>();
    assert_eq!(uids(&cancelled), uids(&running));
    // Ended after it: the debrief took place and stays in calendars.
    p.end(None, manager(), at(20)).unwrap();
    let (method, cancelled) = invitation_events(&p, "rebound");
    assert_eq!(method, Method::Cancel);
    assert_eq!(uids(&cancelled), uids(&running[1..]));
}

#[test]
fn the_calendar_file_keeps_the_one_on_ones_before_the_end() {
    let mut p = plan();
    p.version = 4;
    p.end(None, manager(), at(15)).unwrap();
    assert_eq!(p.check_ins_held(), 2, "days 7 and 14");
    let file = check_ins(&p, at(15), "rebound.example").unwrap();
    assert!(
        file.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=2\r\n"),
        "{file}"
    );
    assert!(file.contains("SEQUENCE:4\r\n") && file.contains("METHOD:PUBLISH\r\n"));
    assert!(
        debrief(&p, at(15), "rebound.example").is_some(),
        "it took place"
    );

    let mut early = plan();
    early.end(None, manager(), at(1)).unwrap();
    assert_eq!(early.check_ins_held(), 0);
    assert_eq!(check_ins(&early, at(1), "rebound.example"), None);
    assert_eq!(debrief(&early, at(1), "rebound.example"), None);
}

#[test]
fn a_plan_stored_before_plans_could_end_reads_as_running() {
    let mut doc = serde_json::to_value(plan()).unwrap();
    doc.as_object_mut().unwrap().remove("ended");
    let p: RecoveryPlan = serde_json::from_value(doc).unwrap();
    assert!(!p.is_ended());
    assert_eq!("Recovered".parse::<EndReason>(), Ok(EndReason::Recovered));
    assert!("fine".parse::<EndReason>().is_err());
}
