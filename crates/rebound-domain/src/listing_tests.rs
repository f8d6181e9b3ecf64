use super::*;
use crate::id::MistakeId;
use crate::mistake::NewMistake;
use crate::severity::Cadence;
use jiff::{SignedDuration, Zoned};

fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

fn ana() -> UserId {
    UserId::from_random([9, 9, 9, 9, 1])
}

/// A mistake detected `mins` ago, owned by `owner`.
fn detected(n: u8, mins: i64, severity: Severity, owner: Option<UserId>) -> Mistake {
    let at = now().timestamp() - SignedDuration::from_mins(mins);
    Mistake::new(
        NewMistake {
            owner,
            title: format!("mistake {n}"),
            severity: Some(severity),
            detected_at: Some(at),
            ..NewMistake::default()
        },
        MistakeId::from_random([n, 0, 0, 0, 0]),
        &now(),
    )
    .unwrap()
}

fn titles(ms: &[&Mistake]) -> Vec<String> {
    ms.iter().map(|m| m.title.clone()).collect()
}

fn five() -> Vec<Mistake> {
    let mut quiet = detected(4, 600, Severity::Low, Some(ana()));
    quiet.set_cadence(Cadence::None);
    vec![
        quiet,                                         // clocks 9 h 45 min late
        detected(1, 5, Severity::Medium, None),        // timeline: 10 min left
        detected(2, 20, Severity::Critical, None),     // timeline 5 min late
        detected(3, 9 * 60, Severity::High, None),     // update 8 h overdue
        detected(5, 2, Severity::Medium, Some(ana())), // timeline: 13 min left
    ]
}

#[test]
fn the_most_urgent_come_first() {
    let ms = five();
    let all = select(&ms, &ListQuery::default(), None, now().timestamp());
    assert_eq!(
        titles(&all),
        [
            "mistake 3",
            "mistake 4",
            "mistake 2",
            "mistake 1",
            "mistake 5"
        ]
    );
}

#[test]
fn filters_keep_what_was_asked_and_the_limit_cuts_the_least_urgent() {
    let ms = five();
    let t = now().timestamp();
    let q = |f: fn(&mut ListQuery)| {
        let mut q = ListQuery::default();
        f(&mut q);
        q
    };
    let overdue = q(|q| q.overdue = true);
    assert_eq!(
        titles(&select(&ms, &overdue, None, t)),
        ["mistake 3", "mistake 4", "mistake 2"]
    );
    let high = q(|q| q.severities = vec![Severity::High, Severity::Critical]);
    assert_eq!(
        titles(&select(&ms, &high, None, t)),
        ["mistake 3", "mistake 2"]
    );
    let two = q(|q| q.limit = Some(2));
    assert_eq!(
        titles(&select(&ms, &two, None, t)),
        ["mistake 3", "mistake 4"]
    );
    let owned = q(|q| q.states = vec![State::Owned]);
    assert!(select(&ms, &owned, None, t).is_empty(), "all are detected");
    let detected_only = q(|q| q.states = vec![State::Detected]);
    assert_eq!(select(&ms, &detected_only, None, t).len(), 5);
}

#[test]
fn owner_filters_tell_mine_from_others() {
    let ms = five();
    let t = now().timestamp();
    let me = UserId::from_random([1, 1, 1, 1, 1]);
    let mine = ListQuery {
        owner: Some(Owner::Me),
        ..ListQuery::default()
    };
    // Rows with no owner are this database's own: mine.
    assert_eq!(
        titles(&select(&ms, &mine, Some(&me), t)),
        ["mistake 3", "mistake 2", "mistake 1"]
    );
    let others = ListQuery {
        owner: Some(Owner::Others),
        ..ListQuery::default()
    };
    assert_eq!(
        titles(&select(&ms, &others, Some(&me), t)),
        ["mistake 4", "mistake 5"]
    );
    let hers = ListQuery {
        owner: Some(Owner::Someone(ana())),
        ..ListQuery::default()
    };
    assert_eq!(select(&ms, &hers, Some(&me), t).len(), 2);
    assert!(is_overdue(&ms[0], t) && !is_overdue(&ms[1], t));
}
