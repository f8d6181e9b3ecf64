//! The behaviour every [`ReflectionStore`] backend must show, as async
//! functions a backend's own tests call: `run_all(&store).await`, on a
//! store that also keeps mistakes and accounts.
//!
//! Each function makes its own people, mistakes and records (fresh ids,
//! unique emails) and checks only those, so they can share one store.

use crate::StoreError;
use crate::conformance::fresh5;
use crate::conformance_sharing::{SharingBackend, now, stored_mistake, stored_person};
use crate::reflections::{PrincipleFilter, ReflectionStore};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{
    DiagnosisFeedback, FailureType, LessonVerdict, MistakeId, NewReflection, Principle,
    PrincipleId, PrincipleStatus, Reflection, ReflectionId, SelfCarePlan, Suggestion, Trap, User,
    UserId, Win, WinId,
};

/// Everything the checks need from one backend.
pub trait ReflectionBackend: SharingBackend + ReflectionStore {}
impl<T: SharingBackend + ReflectionStore> ReflectionBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn ReflectionBackend) {
    a_reflection_round_trips_and_is_its_owners_alone(store).await;
    feedback_is_one_label_per_reflection_the_latest(store).await;
    missing_mistake_or_taken_id_is_refused(store).await;
    principles_keep_history_and_are_searched_and_filtered(store).await;
    wins_are_listed_newest_first_per_person(store).await;
    the_self_care_plan_is_replaced_whole(store).await;
    a_personal_database_has_no_owner(store).await;
}

fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

fn suggestion() -> Suggestion {
    Suggestion {
        trap: Trap::Expertise,
        failure_type: FailureType::Information,
        confidence: 0.625,
        cues: vec!["promised".into(), "without engineering".into()],
        unsure: false,
    }
}

fn reflection_on(owner: Option<&UserId>, mistake: Option<&MistakeId>, minute: i64) -> Reflection {
    Reflection::new(
        ReflectionId::from_random(fresh5()),
        NewReflection {
            owner: owner.cloned(),
            mistake: mistake.cloned(),
            memory_title: mistake.is_none().then(|| "An older memory".to_string()),
            account: "I promised a date to the customer without engineering.".into(),
        },
        Some(suggestion()),
        at(minute),
    )
    .expect("a valid reflection")
}

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(
        matches!(r, Err(StoreError::RecordNotFound { .. })),
        "expected RecordNotFound, got {r:?}"
    );
}

fn mine(u: &User) -> Option<&UserId> {
    Some(&u.id)
}

pub async fn a_reflection_round_trips_and_is_its_owners_alone(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let m = stored_mistake(store, &ana, "Date promised").await;
    let mut r = reflection_on(mine(&ana), Some(&m.id), 0);
    store.create_reflection(&r, None).await.unwrap();
    assert_eq!(store.reflection(mine(&ana), &r.id).await.unwrap(), r);
    not_found(store.reflection(mine(&ben), &r.id).await);
    not_found(store.reflection(None, &r.id).await);
    assert!(store.reflections(mine(&ben)).await.unwrap().is_empty());

    // Every step, written back whole.
    let fb = r.choose(Trap::Ego, FailureType::Courage, at(1));
    r.set_specific_error("I promised the date alone.", at(2))
        .unwrap();
    r.set_lesson(
        "Before promising a date I ask engineering for an estimate.",
        LessonVerdict::Careful,
        vec!["names a step".into()],
        at(3),
    )
    .unwrap();
    store.update_reflection(&r, fb.as_ref()).await.unwrap();
    assert_eq!(store.reflection(mine(&ana), &r.id).await.unwrap(), r);

    // Someone else's id under another owner finds nothing and changes nothing.
    let mut theirs = r.clone();
    theirs.owner = Some(ben.id.clone());
    theirs.lesson = Some("Overwritten".into());
    not_found(store.update_reflection(&theirs, None).await);
    not_found(store.delete_reflection(mine(&ben), &r.id).await);
    assert_eq!(store.reflection(mine(&ana), &r.id).await.unwrap(), r);

    // Newest change first.
    let older = reflection_on(mine(&ana), None, -10);
    store.create_reflection(&older, None).await.unwrap();
    let ids: Vec<ReflectionId> = store
        .reflections(mine(&ana))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [r.id.clone(), older.id.clone()]);

    store.delete_reflection(mine(&ana), &r.id).await.unwrap();
    not_found(store.reflection(mine(&ana), &r.id).await);
    not_found(store.delete_reflection(mine(&ana), &r.id).await);
    assert!(
        store
            .diagnosis_feedback(mine(&ana))
            .await
            .unwrap()
            .iter()
            .all(|f| f.reflection != r.id)
    );
}

pub async fn feedback_is_one_label_per_reflection_the_latest(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let mut r = reflection_on(mine(&ana), None, 0);
    let first = r.choose(Trap::Confidence, FailureType::Courage, at(1));
    store.create_reflection(&r, first.as_ref()).await.unwrap();
    let second = r.choose(Trap::Expertise, FailureType::Information, at(2));
    store.update_reflection(&r, second.as_ref()).await.unwrap();
    let mut other = reflection_on(mine(&ana), None, 5);
    let third = other.choose(Trap::Judgment, FailureType::Attention, at(6));
    store
        .create_reflection(&other, third.as_ref())
        .await
        .unwrap();

    let got: Vec<DiagnosisFeedback> = store.diagnosis_feedback(mine(&ana)).await.unwrap();
    assert_eq!(got, [second.unwrap(), third.unwrap()]);
    assert!(!got[0].corrected());
    assert!(got[1].corrected());
    assert!(
        store
            .diagnosis_feedback(mine(&ben))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn missing_mistake_or_taken_id_is_refused(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let gone = MistakeId::from_random(fresh5());
    let r = reflection_on(mine(&ana), Some(&gone), 0);
    assert!(matches!(
        store.create_reflection(&r, None).await,
        Err(StoreError::NotFound(_))
    ));
    let r = reflection_on(mine(&ana), None, 0);
    store.create_reflection(&r, None).await.unwrap();
    assert!(matches!(
        store.create_reflection(&r, None).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    let nobody = UserId::from_random(fresh5());
    let r = reflection_on(Some(&nobody), None, 0);
    assert!(matches!(
        store.create_reflection(&r, None).await,
        Err(StoreError::UserNotFound(_))
    ));
}

pub async fn principles_keep_history_and_are_searched_and_filtered(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let m = stored_mistake(store, &ana, "Date promised").await;
    let r = reflection_on(mine(&ana), Some(&m.id), 0);
    store.create_reflection(&r, None).await.unwrap();
    let principle = |text: &str, minute: i64, from: Option<&Reflection>| {
        Principle::new(
            PrincipleId::from_random(fresh5()),
            Some(ana.id.clone()),
            text,
            from,
            at(minute),
        )
        .unwrap()
    };
    let mut dates = principle("I will not promise dates alone", 0, Some(&r));
    let mut friday = principle("I will not merge 100% of changes on a Friday", 1, None);
    let review = principle("I will not skip the REVIEW", 2, None);
    for p in [&dates, &friday, &review] {
        store.create_principle(p).await.unwrap();
    }
    assert!(matches!(
        store.create_principle(&review).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(store.principle(mine(&ana), &dates.id).await.unwrap(), dates);
    assert_eq!(dates.mistake.as_ref(), Some(&m.id));
    not_found(store.principle(mine(&ben), &dates.id).await);

    dates
        .revise(
            "I will not promise a date before engineering has estimated it",
            Some("sharper"),
            at(10),
        )
        .unwrap();
    store.save_principle(&dates).await.unwrap();
    friday.retire("now a team rule", at(11)).unwrap();
    store.save_principle(&friday).await.unwrap();
    let got = store.principle(mine(&ana), &dates.id).await.unwrap();
    assert_eq!(got.history.len(), 2);
    assert_eq!(got, dates);

    let mut stolen = review.clone();
    stolen.owner = Some(ben.id.clone());
    not_found(store.save_principle(&stolen).await);

    let ids = |ps: Vec<Principle>| ps.into_iter().map(|p| p.id).collect::<Vec<_>>();
    let all = store
        .principles(mine(&ana), &PrincipleFilter::default())
        .await
        .unwrap();
    assert_eq!(
        ids(all),
        [dates.id.clone(), friday.id.clone(), review.id.clone()]
    );
    let search = |q: &str, status: Option<PrincipleStatus>| PrincipleFilter {
        query: Some(q.into()),
        status,
    };
    let found = store.principles(mine(&ana), &search("review", None)).await;
    assert_eq!(ids(found.unwrap()), vec![review.id.clone()]);
    let found = store
        .principles(mine(&ana), &search("ENGINEERING", None))
        .await;
    assert_eq!(ids(found.unwrap()), vec![dates.id.clone()]);
    // LIKE's own characters are matched as written.
    let found = store.principles(mine(&ana), &search("100%", None)).await;
    assert_eq!(ids(found.unwrap()), vec![friday.id.clone()]);
    let found = store.principles(mine(&ana), &search("_", None)).await;
    assert!(found.unwrap().is_empty());
    let found = store
        .principles(mine(&ana), &search("will", Some(PrincipleStatus::Retired)))
        .await;
    assert_eq!(ids(found.unwrap()), vec![friday.id.clone()]);
    let active = PrincipleFilter {
        query: None,
        status: Some(PrincipleStatus::Active),
    };
    let found = store.principles(mine(&ana), &active).await;
    assert_eq!(ids(found.unwrap()), [dates.id.clone(), review.id.clone()]);
    let theirs = store
        .principles(mine(&ben), &PrincipleFilter::default())
        .await;
    assert!(theirs.unwrap().is_empty());

    // Deleting the reflection leaves the principle, pointing nowhere.
    store.delete_reflection(mine(&ana), &r.id).await.unwrap();
    let kept = store.principle(mine(&ana), &dates.id).await.unwrap();
    assert_eq!(kept.reflection, None);
    assert_eq!(kept.history, dates.history);
}

pub async fn wins_are_listed_newest_first_per_person(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let m = stored_mistake(store, &ana, "Date promised").await;
    let win = |text: &str, minute: i64, mistake: Option<&MistakeId>| {
        Win::new(
            WinId::from_random(fresh5()),
            Some(ana.id.clone()),
            mistake.cloned(),
            text,
            at(minute),
        )
        .unwrap()
    };
    let first = win("Shipped the fix", 0, Some(&m.id));
    let second = win("Ran the review", 5, None);
    store.add_win(&first).await.unwrap();
    store.add_win(&second).await.unwrap();
    assert!(matches!(
        store.add_win(&first).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(store.wins(mine(&ana)).await.unwrap(), [second, first]);
    assert!(store.wins(mine(&ben)).await.unwrap().is_empty());
}

pub async fn the_self_care_plan_is_replaced_whole(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    assert_eq!(store.self_care_plan(mine(&ana)).await.unwrap(), None);
    let plan = |items: &[&str], minute: i64| {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        SelfCarePlan::new(Some(ana.id.clone()), None, &items, at(minute)).unwrap()
    };
    let one = plan(&["A walk outside", "An evening off the phone"], 0);
    store.set_self_care_plan(&one).await.unwrap();
    assert_eq!(store.self_care_plan(mine(&ana)).await.unwrap(), Some(one));
    let two = plan(&["Call my sister"], 5);
    store.set_self_care_plan(&two).await.unwrap();
    assert_eq!(store.self_care_plan(mine(&ana)).await.unwrap(), Some(two));
    assert_eq!(store.self_care_plan(mine(&ben)).await.unwrap(), None);
}

pub async fn a_personal_database_has_no_owner(store: &dyn ReflectionBackend) {
    let ana = stored_person(store, "Ana").await;
    let r = reflection_on(None, None, 0);
    store.create_reflection(&r, None).await.unwrap();
    assert_eq!(store.reflection(None, &r.id).await.unwrap(), r);
    not_found(store.reflection(mine(&ana), &r.id).await);
    let plan = SelfCarePlan::new(None, None, &["Sleep".to_string()], at(0)).unwrap();
    store.set_self_care_plan(&plan).await.unwrap();
    assert_eq!(store.self_care_plan(None).await.unwrap(), Some(plan));
    assert_eq!(store.self_care_plan(mine(&ana)).await.unwrap(), None);
}
