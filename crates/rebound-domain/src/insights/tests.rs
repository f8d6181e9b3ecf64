//! The leaders' rules: who may ask, the minimum group and differencing.

use super::*;
use crate::mistake::{Mistake, NewMistake};
use crate::reflection::FailureType;
use jiff::{Timestamp, ToSpan as _, Zoned};

fn people(ids: std::ops::Range<u8>) -> BTreeSet<UserId> {
    ids.map(|i| UserId::from_random([i; 5])).collect()
}

#[test]
fn groups_of_four_are_withheld_five_and_six_shown() {
    assert_eq!(withheld(&people(0..4), &[]), Some(Withheld::TooFew));
    assert_eq!(withheld(&people(0..5), &[]), None);
    assert_eq!(withheld(&people(0..6), &[]), None);
    assert_eq!(withheld(&BTreeSet::new(), &[]), Some(Withheld::TooFew));
}

#[test]
fn two_teams_one_person_apart_are_both_withheld() {
    let a = people(0..6);
    let b = people(0..7); // A plus one
    assert_eq!(
        withheld(&a, std::slice::from_ref(&b)),
        Some(Withheld::TooClose)
    );
    assert_eq!(
        withheld(&b, std::slice::from_ref(&a)),
        Some(Withheld::TooClose)
    );
    // Four apart is still too close; five apart is far enough.
    assert_eq!(
        withheld(&people(0..6), &[people(0..10)]),
        Some(Withheld::TooClose)
    );
    assert_eq!(withheld(&people(0..6), &[people(0..11)]), None);
    assert_eq!(withheld(&people(0..11), &[people(0..6)]), None);
}

#[test]
fn overlap_counts_both_ways() {
    // Swapping two people: a symmetric difference of 4.
    let a = people(0..8);
    let b = people(2..10);
    assert_eq!(
        withheld(&a, std::slice::from_ref(&b)),
        Some(Withheld::TooClose)
    );
    // Disjoint teams of five: ten apart, both shown.
    assert_eq!(withheld(&people(0..5), &[people(5..10)]), None);
    // The same group twice (a team that is the whole organisation) differs by none.
    assert_eq!(withheld(&a, std::slice::from_ref(&a)), None);
}

#[test]
fn a_group_too_small_to_show_cannot_be_subtracted() {
    // A team of 3 inside a team of 6: the small one shows nothing.
    assert_eq!(withheld(&people(0..6), &[people(0..3)]), None);
    assert_eq!(
        withheld(&people(0..3), &[people(0..6)]),
        Some(Withheld::TooFew)
    );
}

#[test]
fn any_close_view_among_many_withholds() {
    let org = people(0..20);
    let team = people(0..6);
    let near_org = people(0..19);
    assert_eq!(withheld(&team, &[org.clone(), people(10..16)]), None);
    assert_eq!(
        withheld(&org, &[team.clone(), near_org]),
        Some(Withheld::TooClose)
    );
}

#[test]
fn only_admins_ask_for_teams_and_the_organisation() {
    let team = Scope::Team(crate::id::TeamId::from_random([1; 5]));
    for role in Role::ALL {
        assert!(may_ask(role, &Scope::Reports));
        let admin = role == Role::Admin;
        assert_eq!(may_ask(role, &team), admin, "{role:?}");
        assert_eq!(may_ask(role, &Scope::Organisation), admin, "{role:?}");
    }
}

#[test]
fn figures_are_medians_and_group_totals() {
    let now: Zoned = "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap();
    let m = |i: u8, own: Option<i64>| {
        let detected: Timestamp = "2026-11-20T10:00Z".parse().unwrap();
        let mut m = Mistake::new(
            NewMistake {
                title: format!("m{i}"),
                detected_at: Some(detected),
                ..NewMistake::default()
            },
            crate::id::MistakeId::from_random([i; 5]),
            &now,
        )
        .unwrap();
        m.heads_up.sent_at = own.map(|min| detected + min.minutes());
        m
    };
    let ms = [m(1, Some(10)), m(2, Some(20)), m(3, Some(90)), m(4, None)];
    let f = figures(
        &ms,
        [FailureType::Skill, FailureType::Skill, FailureType::Courage].into_iter(),
        &[],
    );
    assert_eq!((f.mistakes, f.owned), (4, 3));
    assert_eq!(f.time_to_own_median_secs, Some(20 * 60));
    assert_eq!((f.noted, f.time_to_note_median_secs), (0, None));
    let skill = f.failure_types.iter().find(|c| c.label == "skill").unwrap();
    assert_eq!(skill.count, 2);
    assert_eq!(f.recoveries, Recoveries::default());
}

#[test]
fn recoveries_started_ended_and_recovered() {
    use crate::recovery::plan::{EndReason, NewPlan, RecoveryPlan};
    let t = Timestamp::from_second(1_780_000_000).unwrap();
    let plan = |i: u8| {
        RecoveryPlan::open(
            NewPlan {
                report: UserId::from_random([i; 5]),
                opened_by: UserId::from_random([99; 5]),
                mistake: None,
                pressure_points: vec![],
                drivers: vec![],
                schedule: None,
                topics: vec![],
            },
            crate::id::RecoveryPlanId::from_random([i; 5]),
            t,
        )
        .unwrap()
    };
    let mut done = plan(1);
    done.end(
        Some(EndReason::Recovered),
        UserId::from_random([99; 5]),
        t + 1.hour(),
    )
    .unwrap();
    let mut other = plan(2);
    other
        .end(
            Some(EndReason::Other),
            UserId::from_random([99; 5]),
            t + 1.hour(),
        )
        .unwrap();
    let f = figures(&[], std::iter::empty(), &[done, other, plan(3)]);
    assert_eq!(
        f.recoveries,
        Recoveries {
            started: 3,
            ended: 2,
            recovered: 1
        }
    );
}
