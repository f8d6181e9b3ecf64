//! The behaviour every [`RecoveryStore`] backend must show, as async
//! functions a backend's own tests call: `run_all(&store).await`, on a
//! store that also keeps mistakes and accounts.
//!
//! Each check makes its own people and plans, so they can share one store
//! and run in any order. Times are fixed and of millisecond precision.

use crate::accounts::AccountStore;
use crate::conformance::fresh5;
use crate::conformance_sharing::{SharingBackend, stored_mistake, stored_person};
use crate::recovery::{PlanSaved, RecoveryStore};
use crate::sharing::SharingStore;
use crate::{Store, StoreError};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::User;
use rebound_domain::id::{CheckInId, PrivateNoteId, RecoveryPlanId, RecoveryTaskId};
use rebound_domain::recovery::{
    DebriefNote, Driver, Move, NewCheckIn, NewPlan, PressurePoint, PrivateNote, RecoveryPlan, Sign,
    SignScore,
};

/// Everything the checks need from one backend.
pub trait RecoveryBackend: SharingBackend + RecoveryStore {}
impl<T: Store + AccountStore + SharingStore + RecoveryStore> RecoveryBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn RecoveryBackend) {
    a_plan_round_trips_whole(store).await;
    an_unknown_plan_is_none(store).await;
    plans_about_a_report_are_theirs_newest_first(store).await;
    saving_bumps_the_version_and_a_stale_save_writes_nothing(store).await;
    missing_people_or_mistake_are_refused_and_ids_are_unique(store).await;
    private_notes_are_read_by_plan_and_author_only(store).await;
    one_plan_open_at_a_time_per_report(store).await;
}

fn now() -> Timestamp {
    "2026-11-22T13:30:00.123Z"
        .parse()
        .expect("a valid timestamp")
}

fn at(days: i64) -> Timestamp {
    now() + SignedDuration::from_hours(24 * days)
}

/// A plan by `manager` about `report` with something in every field.
pub fn full_plan(
    manager: &User,
    report: &User,
    mistake: Option<&rebound_domain::MistakeId>,
) -> RecoveryPlan {
    let mut p = RecoveryPlan::open(
        NewPlan {
            report: report.id.clone(),
            opened_by: manager.id.clone(),
            mistake: mistake.cloned(),
            pressure_points: vec![PressurePoint::PublicMistake, PressurePoint::AmbiguousCause],
            drivers: vec![Driver::Social],
            schedule: None,
            topics: vec!["The demo".into(), "Next sprint".into()],
        },
        RecoveryPlanId::from_random(fresh5()),
        now(),
    )
    .expect("a valid plan");
    p.record_check_in(
        NewCheckIn {
            signs: Sign::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| SignScore {
                    sign: *s,
                    level: (i % 4) as u8,
                    note: (i == 0).then(|| "Quiet in stand-up; \"fine\", they said".to_string()),
                })
                .collect(),
            covered: vec!["The demo".into()],
            new_topics: vec!["Pairing".into()],
            distress: true,
            safety_impact: false,
            at: None,
        },
        CheckInId::from_random(fresh5()),
        manager.id.clone(),
        at(7),
    )
    .expect("a valid check-in");
    p.adopt(
        Move::CalmDebrief,
        None,
        RecoveryTaskId::from_random(fresh5()),
        at(7),
    )
    .expect("adopted");
    p.adopt(
        Move::PairedWork,
        Some(at(20)),
        RecoveryTaskId::from_random(fresh5()),
        at(7),
    )
    .expect("adopted");
    p.write_debrief(
        DebriefNote {
            what_happened: "The demo failed.".into(),
            what_is_known: "Stale data.".into(),
            technical_fix: "Refresh first.".into(),
            communication_change: "Say what is mocked.".into(),
        },
        at(8),
    )
    .expect("a valid debrief");
    p
}

async fn pair(store: &dyn RecoveryBackend) -> (User, User) {
    let manager = stored_person(store, "Mara Manager").await;
    let report = stored_person(store, "Remi Report").await;
    (manager, report)
}

pub async fn a_plan_round_trips_whole(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let m = stored_mistake(store, &report, "The demo").await;
    let p = full_plan(&manager, &report, Some(&m.id));
    store.create_plan(&p).await.expect("created");
    let got = store.plan(&p.id).await.expect("read").expect("found");
    assert_eq!(got, p);
    assert_eq!(got.version, 0);
}

pub async fn an_unknown_plan_is_none(store: &dyn RecoveryBackend) {
    let id = RecoveryPlanId::from_random(fresh5());
    assert_eq!(store.plan(&id).await.expect("read"), None);
}

pub async fn plans_about_a_report_are_theirs_newest_first(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let other = stored_person(store, "Otto Other").await;
    let mut older = full_plan(&manager, &report, None);
    older.opened_at = at(-3);
    // Ended, so the newer one may open (one open plan per report).
    older
        .end(None, manager.id.clone(), now())
        .expect("an open plan ends");
    let newer = full_plan(&manager, &report, None);
    let elsewhere = full_plan(&manager, &other, None);
    for p in [&older, &newer, &elsewhere] {
        store.create_plan(p).await.expect("created");
    }
    let got: Vec<RecoveryPlanId> = store
        .plans_about(&report.id)
        .await
        .expect("listed")
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(got, [newer.id.clone(), older.id.clone()]);
    assert!(
        store
            .plans_about(&manager.id)
            .await
            .expect("listed")
            .is_empty()
    );
}

pub async fn saving_bumps_the_version_and_a_stale_save_writes_nothing(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let p = full_plan(&manager, &report, None);
    store.create_plan(&p).await.expect("created");
    let mut a = p.clone();
    a.add_topics(&["Workload".to_string()]).expect("valid");
    let PlanSaved::Saved(saved) = store.save_plan(&a).await.expect("saved") else {
        panic!("a fresh save is not stale");
    };
    assert_eq!(saved.version, 1);
    assert_eq!(saved.topics, a.topics);
    assert_eq!(store.plan(&p.id).await.unwrap().unwrap(), *saved);

    // A second writer still holding version 0 is refused, nothing written.
    let mut b = p.clone();
    b.drivers = vec![Driver::Workload];
    assert_eq!(
        store.save_plan(&b).await.expect("answered"),
        PlanSaved::Stale
    );
    assert_eq!(store.plan(&p.id).await.unwrap().unwrap(), *saved);

    // An unknown plan is stale too: there is nothing at that version.
    let ghost = full_plan(&manager, &report, None);
    assert_eq!(
        store.save_plan(&ghost).await.expect("answered"),
        PlanSaved::Stale
    );
}

pub async fn missing_people_or_mistake_are_refused_and_ids_are_unique(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let ghost = crate::conformance_accounts::person("Ghost");
    let p = full_plan(&manager, &ghost, None);
    assert!(matches!(
        store.create_plan(&p).await,
        Err(StoreError::UserNotFound(_))
    ));
    let p = full_plan(&ghost, &report, None);
    assert!(matches!(
        store.create_plan(&p).await,
        Err(StoreError::UserNotFound(_))
    ));
    let missing = crate::conformance::fresh_id();
    let p = full_plan(&manager, &report, Some(&missing));
    assert!(matches!(
        store.create_plan(&p).await,
        Err(StoreError::NotFound(_))
    ));
    let p = full_plan(&manager, &report, None);
    store.create_plan(&p).await.expect("created");
    assert!(matches!(
        store.create_plan(&p).await,
        Err(StoreError::AlreadyExists { .. })
    ));
}

pub async fn private_notes_are_read_by_plan_and_author_only(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let next = stored_person(store, "Nell Next").await;
    let mut p = full_plan(&manager, &report, None);
    // Ended, so a second plan may open for the same report.
    p.end(None, manager.id.clone(), now()).expect("ends");
    let q = full_plan(&manager, &report, None);
    store.create_plan(&p).await.expect("created");
    store.create_plan(&q).await.expect("created");
    let note = |plan: &RecoveryPlan, author: &User, day: i64, body: &str| {
        PrivateNote::new(
            PrivateNoteId::from_random(fresh5()),
            plan.id.clone(),
            author.id.clone(),
            at(day),
            body,
        )
        .expect("a valid note")
    };
    let second = note(&p, &manager, 2, "Seemed tired; asked for less scope.");
    let first = note(&p, &manager, 1, "First note");
    let theirs = note(&p, &next, 3, "The next manager's note");
    let other_plan = note(&q, &manager, 1, "On the other plan");
    for n in [&second, &first, &theirs, &other_plan] {
        store.add_private_note(n).await.expect("stored");
    }
    assert_eq!(
        store.private_notes(&p.id, &manager.id).await.expect("read"),
        [first.clone(), second.clone()]
    );
    assert_eq!(
        store.private_notes(&p.id, &next.id).await.expect("read"),
        [theirs]
    );
    assert!(
        store
            .private_notes(&p.id, &report.id)
            .await
            .expect("read")
            .is_empty()
    );
    assert!(matches!(
        store.add_private_note(&first).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    // The plan read never carries them.
    let json = serde_json_free_check(&store.plan(&p.id).await.unwrap().unwrap());
    assert!(!json.contains("Seemed tired"));
}

/// The plan's Debug text, to check no note leaked into it.
fn serde_json_free_check(p: &RecoveryPlan) -> String {
    format!("{p:?}")
}

/// A second plan for a report whose plan has not ended is refused, naming
/// the open one, and nothing is stored; an ended plan does not count.
pub async fn one_plan_open_at_a_time_per_report(store: &dyn RecoveryBackend) {
    let (manager, report) = pair(store).await;
    let first = full_plan(&manager, &report, None);
    store.create_plan(&first).await.expect("created");
    let second = full_plan(&manager, &report, None);
    match store.create_plan(&second).await {
        Err(StoreError::PlanAlreadyOpen(open)) => assert_eq!(open, first.id),
        other => panic!("a second open plan was not refused: {other:?}"),
    }
    assert_eq!(store.plan(&second.id).await.expect("read"), None);

    let mut ended = store.plan(&first.id).await.unwrap().unwrap();
    ended.end(None, manager.id.clone(), now()).expect("ends");
    assert!(matches!(
        store.save_plan(&ended).await.expect("saved"),
        PlanSaved::Saved(_)
    ));
    store
        .create_plan(&second)
        .await
        .expect("an ended plan does not count");

    // Two openings racing (two servers on one database): exactly one wins.
    let (_, other) = pair(store).await;
    let a = full_plan(&manager, &other, None);
    let b = full_plan(&manager, &other, None);
    let (ra, rb) = tokio::join!(store.create_plan(&a), store.create_plan(&b));
    let refused = [&ra, &rb]
        .iter()
        .filter(|r| matches!(r, Err(StoreError::PlanAlreadyOpen(_))))
        .count();
    assert_eq!((ra.is_ok() as u8 + rb.is_ok() as u8, refused), (1, 1));
}
