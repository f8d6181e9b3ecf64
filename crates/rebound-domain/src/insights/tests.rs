//! The leaders' rules: who may ask, the minimum group and differencing.

use super::*;
use crate::id::UserId;
use crate::mistake::{Mistake, NewMistake};
use crate::reflection::FailureType;
use jiff::{Timestamp, ToSpan as _, Zoned};
use std::collections::BTreeSet;

fn people(ids: std::ops::Range<u8>) -> BTreeSet<UserId> {
    ids.map(|i| UserId::from_random([i; 5])).collect()
}

/// One view, decided alone after the groups `shown`.
fn alone(shown: &[BTreeSet<UserId>], view: BTreeSet<UserId>) -> Option<Withheld> {
    decide(shown, &[view])[0]
}

const FEW: Option<Withheld> = Some(Withheld::TooFew);
const CLOSE: Option<Withheld> = Some(Withheld::TooClose);

#[test]
fn groups_of_four_are_withheld_five_and_six_shown() {
    assert_eq!(alone(&[], people(0..4)), FEW);
    assert_eq!(alone(&[], people(0..5)), None);
    assert_eq!(alone(&[], people(0..6)), None);
    assert_eq!(alone(&[], BTreeSet::new()), FEW);
}

#[test]
fn of_two_teams_one_person_apart_only_the_first_shows() {
    assert_eq!(decide(&[], &[people(0..6), people(0..7)]), [None, CLOSE]);
    assert_eq!(decide(&[], &[people(0..7), people(0..6)]), [None, CLOSE]);
    // Four apart is still too close; five apart is far enough.
    assert_eq!(decide(&[], &[people(0..6), people(0..10)]), [None, CLOSE]);
    assert_eq!(decide(&[], &[people(0..6), people(0..11)]), [None, None]);
    assert_eq!(decide(&[], &[people(0..11), people(0..6)]), [None, None]);
}

#[test]
fn overlapping_teams() {
    // Swapping two people: cells of 2, 6 and 2.
    assert_eq!(decide(&[], &[people(0..8), people(2..10)]), [None, CLOSE]);
    // Disjoint teams of five: both shown.
    assert_eq!(decide(&[], &[people(0..5), people(5..10)]), [None, None]);
    // Overlapping by five, five apart on each side: cells of 5, 5 and 5.
    assert_eq!(decide(&[], &[people(0..10), people(5..15)]), [None, None]);
    // The same group twice (a team that is the whole organisation).
    assert_eq!(decide(&[], &[people(0..8), people(0..8)]), [None, None]);
}

#[test]
fn a_group_too_small_to_show_cannot_be_subtracted() {
    // A team of 3 inside a team of 6: the small one shows nothing and
    // does not count against the big one.
    assert_eq!(decide(&[], &[people(0..3), people(0..6)]), [FEW, None]);
}

#[test]
fn three_views_cannot_be_combined_to_single_someone_out() {
    // The organisation minus two disjoint teams leaves one person, though
    // every pair of the three differs by six people or more.
    let (org, a, b) = (people(0..12), people(0..6), people(6..11));
    assert_eq!(
        decide(&[], &[org.clone(), a.clone(), b.clone()]),
        [None, None, CLOSE]
    );
    // (A + B − C) / 2 is the three people A and B share, though every pair
    // differs by six: C is withheld.
    let a = people(0..6);
    let b: BTreeSet<_> = people(3..6).into_iter().chain(people(6..12)).collect();
    let c: BTreeSet<_> = people(0..3).into_iter().chain(people(6..12)).collect();
    for (x, y) in [(&a, &b), (&a, &c), (&b, &c)] {
        assert!(x.symmetric_difference(y).count() >= 6);
    }
    let verdicts = decide(&[], &[a.clone(), b.clone(), c.clone()]);
    assert!(verdicts.contains(&CLOSE), "{verdicts:?}");
    let shown: Vec<_> = [a, b, c]
        .into_iter()
        .zip(verdicts)
        .filter(|(_, w)| w.is_none())
        .map(|(g, _)| g)
        .collect();
    assert!(smallest_cell(&shown).unwrap() >= MIN_GROUP);
}

#[test]
fn a_view_shown_before_counts_against_the_same_view_now() {
    let before = [people(0..6)];
    // Unchanged: still shown.
    assert_eq!(alone(&before, people(0..6)), None);
    // One left (or was disabled), or one joined: withheld.
    assert_eq!(alone(&before, people(0..5)), CLOSE);
    assert_eq!(alone(&before, people(0..7)), CLOSE);
    // Four joined is still too close; five joined is far enough.
    assert_eq!(alone(&before, people(0..10)), CLOSE);
    assert_eq!(alone(&before, people(0..11)), None);
    // One left and five joined: the one who left would be singled out.
    let swapped: BTreeSet<_> = people(1..11).into_iter().collect();
    assert_eq!(alone(&before, swapped), CLOSE);
    // Of a bigger group shown, five left together: shown again.
    assert_eq!(alone(&[people(0..12)], people(5..12)), None);
}

#[test]
fn an_old_small_cell_that_is_not_split_again_stays_as_it_was() {
    // Shown before this rule: two groups one apart (a cell of one).
    let before = [people(0..6), people(0..7)];
    // A group holding both whole, with five more, splits nothing finely.
    assert_eq!(alone(&before, people(0..12)), None);
    // One that cuts the cell of five in two does.
    assert_eq!(alone(&before, people(2..7)), CLOSE);
}

proptest::proptest! {
    /// Whatever teams exist and however they change between requests, the
    /// groups ever shown never single out fewer than five people.
    #[test]
    fn no_sequence_of_views_singles_out_fewer_than_five(
        rounds in proptest::collection::vec(
            proptest::collection::vec(proptest::collection::btree_set(0u8..16, 0..16), 1..5),
            1..6,
        )
    ) {
        let mut shown: Vec<BTreeSet<UserId>> = Vec::new();
        for views in rounds {
            let views: Vec<BTreeSet<UserId>> = views
                .into_iter()
                .map(|g| g.into_iter().map(|i| UserId::from_random([i; 5])).collect())
                .collect();
            for (g, w) in views.iter().zip(decide(&shown, &views)) {
                if w.is_none() && !shown.contains(g) {
                    shown.push(g.clone());
                }
            }
            if let Some(min) = smallest_cell(&shown) {
                proptest::prop_assert!(min >= MIN_GROUP, "{shown:?}");
            }
        }
    }
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
