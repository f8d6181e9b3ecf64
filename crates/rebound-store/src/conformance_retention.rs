//! Retention on any backend: only mistakes still closed since before the
//! cut-off are found and deleted, each as an owner's delete takes it
//! (children and all) with what it carries, and a refused one changes
//! nothing and logs nothing; audit events go by age, a batch at a time,
//! and none newer than the cut-off.
//!
//! `run_all` wants a fresh store: it lists every closed mistake there is.

use crate::StoreError;
use crate::audit::AuditStore;
use crate::conformance::{basic, complete_note, fresh_id};
use crate::conformance_sharing::{SharingBackend, fresh_notification_id, stored_person};
use crate::effects::{Effects, carrying};
use crate::retention::RetentionStore;
use jiff::{SignedDuration, Timestamp, Zoned};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{Checkbox, Mistake, MistakeId, State, User};

/// Everything the checks need from one backend.
pub trait RetentionBackend: SharingBackend + AuditStore + RetentionStore {}
impl<T: SharingBackend + AuditStore + RetentionStore> RetentionBackend for T {}

/// Runs every check below, in order, on a fresh store.
pub async fn run_all(store: &dyn RetentionBackend) {
    // First: its events are the log's first, appended in time order as a
    // server appends them (the purge relies on that, `purge_audit_before`).
    audit_events_go_by_age_a_batch_at_a_time(store).await;
    closed_mistakes_go_once_closed_long_enough_and_nothing_else(store).await;
}

fn now() -> Zoned {
    crate::conformance::now()
}

fn days(n: i64) -> Timestamp {
    now().timestamp() + SignedDuration::from_hours(24 * n)
}

/// `owner`'s mistake detected 60 days ago, closed `closed` days from now
/// (negative: ago), then, for each `(state, day)` in `after`, moved there.
async fn closed(
    store: &dyn RetentionBackend,
    owner: &User,
    title: &str,
    closed: i64,
    after: &[(State, i64)],
) -> Mistake {
    let now = now();
    let mut m = basic(&now, title, 60 * 24 * 60);
    m.owner = Some(owner.id.clone());
    m.mark_sent(days(-59), None, &now).expect("sent");
    m.set_note(complete_note(&now), &now).expect("note");
    m.tick(Checkbox::Impact, &now).expect("impact");
    m.tick(Checkbox::Prevention, &now).expect("prevention");
    m.move_to(State::Closed, days(closed)).expect("close");
    for (state, day) in after {
        m.move_to(*state, days(*day)).expect("move");
    }
    store.create(&m).await.expect("create");
    m
}

fn deleted_event(id: &MistakeId) -> AuditEvent {
    AuditEvent::deleted(
        now().timestamp(),
        AuditActor::retention(),
        "mistake",
        id.as_str(),
    )
}

/// `delete_closed_mistake` carrying its event, as the server calls it.
async fn delete_carrying(store: &dyn RetentionBackend, id: &MistakeId, before: Timestamp) -> bool {
    let carried = Effects::audit(vec![deleted_event(id)]);
    let (out, _) = carrying(carried, store.delete_closed_mistake(id, before)).await;
    out.expect("delete_closed_mistake")
}

pub async fn closed_mistakes_go_once_closed_long_enough_and_nothing_else(
    store: &dyn RetentionBackend,
) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let old = closed(store, &owner, "Closed 40 days ago", -40, &[]).await;
    let recent = closed(store, &owner, "Closed 10 days ago", -10, &[]).await;
    let reopened = closed(store, &owner, "Reopened", -40, &[(State::Reviewed, -35)]).await;
    let again = closed(
        store,
        &owner,
        "Closed again",
        -40,
        &[(State::Reviewed, -35), (State::Closed, -5)],
    )
    .await;
    let open = basic(&now(), "Never closed", 60 * 24 * 60);
    store.create(&open).await.expect("create open");
    store
        .add_stakeholder(&old.id, &dana.id, days(-45), &fresh_notification_id())
        .await
        .unwrap();

    let cutoff = days(-30);
    let found = store.closed_before(cutoff, 100).await.unwrap();
    assert_eq!(
        found,
        vec![old.id.clone()],
        "only the one closed long enough"
    );
    let everything = store.closed_before(days(1), 100).await.unwrap();
    assert_eq!(everything.len(), 3, "closed ones only: {everything:?}");
    assert_eq!(store.closed_before(days(1), 2).await.unwrap().len(), 2);

    for kept in [&recent, &reopened, &again, &open] {
        assert!(
            !delete_carrying(store, &kept.id, cutoff).await,
            "{} stays",
            kept.title
        );
        assert_eq!(store.get(&kept.id).await.unwrap().id, kept.id);
        let logged = store.audit_of("mistake", kept.id.as_str(), 10).await;
        assert!(logged.unwrap().is_empty(), "a refused delete logs nothing");
    }
    assert!(!delete_carrying(store, &fresh_id(), cutoff).await, "none");

    assert!(delete_carrying(store, &old.id, cutoff).await);
    assert!(matches!(
        store.get(&old.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(!store.is_stakeholder(&old.id, &dana.id).await.unwrap());
    let notes = store.notifications(&dana.id).await.unwrap();
    assert!(notes.iter().all(|n| n.mistake != old.id), "{notes:?}");
    let logged = store.audit_of("mistake", old.id.as_str(), 10).await;
    assert_eq!(logged.unwrap(), vec![deleted_event(&old.id)]);
    assert!(
        !delete_carrying(store, &old.id, cutoff).await,
        "gone already"
    );
    assert!(store.closed_before(cutoff, 100).await.unwrap().is_empty());
}

pub async fn audit_events_go_by_age_a_batch_at_a_time(store: &dyn RetentionBackend) {
    let resource = fresh_id();
    let event = |day: i64| AuditEvent {
        at: days(day),
        actor: AuditActor::User("ana0sam1".into()),
        action: "read".into(),
        part: "record".into(),
        resource_kind: "retention-check".into(),
        resource_id: resource.to_string(),
    };
    let events: Vec<AuditEvent> = [-400, -390, -380, -10, 0].into_iter().map(event).collect();
    for e in &events {
        store.record_audit(vec![e.clone()]).await.unwrap();
    }
    let logged = || async {
        let mut at: Vec<Timestamp> = store
            .audit_of("retention-check", resource.as_str(), 10)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.at)
            .collect();
        at.sort();
        at
    };
    let cutoff = days(-365);
    assert_eq!(store.purge_audit_before(cutoff, 2).await.unwrap(), 2);
    assert_eq!(logged().await, vec![days(-380), days(-10), days(0)]);
    assert_eq!(store.purge_audit_before(cutoff, 2).await.unwrap(), 1);
    assert_eq!(store.purge_audit_before(cutoff, 2).await.unwrap(), 0);
    assert_eq!(logged().await, vec![days(-10), days(0)], "newer ones stay");
}
