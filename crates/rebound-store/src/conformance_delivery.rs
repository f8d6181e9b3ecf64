//! The outbox and the scheduler, on any backend: a message is claimed only
//! when due and by one worker at a time, each attempt is recorded, keys
//! queue once, what a write carries commits with it or not at all, and a
//! worker whose lease ran out can no longer record anything.

use crate::conformance_sharing::{SharingBackend, stored_mistake, stored_person};
use crate::delivery::{Attempt, DeliveryStore, JobEnd, MessageState, NewJob, NewMessage};
use crate::effects::{Effects, carrying};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_domain::{MistakeId, UserId};

/// Everything the checks need from one backend.
pub trait DeliveryBackend: SharingBackend + DeliveryStore {}
impl<T: SharingBackend + DeliveryStore> DeliveryBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn DeliveryBackend) {
    messages_are_claimed_when_due_by_one_worker(store).await;
    attempts_are_recorded_and_retries_wait(store).await;
    a_key_queues_once(store).await;
    a_write_carries_its_messages_or_none(store).await;
    crate::conformance_jobs::jobs_end_with_what_they_carry(store).await;
    crate::conformance_jobs::concurrent_claimers_never_share_a_row(store).await;
    crate::conformance_jobs::the_first_secret_stays(store).await;
    crate::conformance_jobs::choices_are_kept_per_kind_and_channel(store).await;
}

pub(crate) fn t0() -> Timestamp {
    "2026-12-07T08:00:00Z".parse().expect("a valid time")
}

pub(crate) fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

pub(crate) fn message(key: &str, due: Timestamp) -> NewMessage {
    NewMessage {
        idem_key: key.to_owned(),
        channel: Channel::Email,
        kind: MessageKind::Test,
        sender: None,
        recipient: None,
        address: "someone@example.com".to_owned(),
        mistake: None,
        message_id: format!("<{key}@example.com>"),
        payload: format!("{{\"key\":\"{key}\"}}"),
        created: due,
        due,
    }
}

pub(crate) fn unique(prefix: &str) -> String {
    let id = UserId::from_random(crate::conformance::fresh5());
    format!("{prefix}:{}", id.as_str())
}

/// Settles whatever earlier checks left pending, so each check claims only its own.
pub(crate) async fn drain(store: &dyn DeliveryBackend) {
    let far = t0() + SignedDuration::from_hours(24 * 365 * 20);
    loop {
        let left = store
            .claim_messages("drain", far, far + mins(1), 100)
            .await
            .expect("claim");
        if left.is_empty() {
            break;
        }
        for c in left {
            let gone = Attempt::Cancelled {
                reason: "drained".into(),
            };
            store
                .record_attempt(c.id, "drain", &gone, far)
                .await
                .expect("drained");
        }
    }
    while let Some(j) = store
        .claim_jobs("drain", far, far + mins(1), 1)
        .await
        .expect("jobs")
        .pop()
    {
        store
            .finish_job(j.id, "drain", &JobEnd::Done, far)
            .await
            .expect("drained");
    }
}

pub async fn messages_are_claimed_when_due_by_one_worker(store: &dyn DeliveryBackend) {
    drain(store).await;
    let (a, b) = (unique("a"), unique("b"));
    let queued = [message(&a, t0()), message(&b, t0() + mins(10))];
    assert_eq!(store.enqueue(&queued).await.expect("queued"), 2);
    assert_eq!(store.next_due().await.expect("next"), Some(t0()));

    let early = store
        .claim_messages("w1", t0() - mins(1), t0() + mins(1), 10)
        .await
        .unwrap();
    assert!(early.is_empty(), "nothing is due before its time");
    let first = store
        .claim_messages("w1", t0(), t0() + mins(2), 10)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].message, queued[0], "every field comes back");
    assert_eq!(first[0].attempts, 0);
    let other = store
        .claim_messages("w2", t0() + mins(1), t0() + mins(3), 10)
        .await
        .unwrap();
    assert!(other.is_empty(), "a leased message is not claimed again");

    // w1's lease runs out: w2 takes it over, and w1 can no longer record.
    let taken = store
        .claim_messages("w2", t0() + mins(2), t0() + mins(4), 10)
        .await
        .unwrap();
    assert_eq!(
        taken.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first[0].id]
    );
    let late = store
        .record_attempt(first[0].id, "w1", &Attempt::Sent, t0() + mins(2))
        .await;
    assert!(!late.expect("no error"), "a lost lease records nothing");
    let sent = store
        .record_attempt(first[0].id, "w2", &Attempt::Sent, t0() + mins(2))
        .await;
    assert!(sent.expect("recorded"));
    let again = store
        .claim_messages("w3", t0() + mins(9), t0() + mins(11), 10)
        .await
        .unwrap();
    assert!(
        again.is_empty(),
        "a delivered message is never claimed again"
    );
    assert_eq!(store.next_due().await.unwrap(), Some(t0() + mins(10)));
    let second = store
        .claim_messages("w3", t0() + mins(10), t0() + mins(12), 10)
        .await
        .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].message.idem_key, b);
    let gone = Attempt::Cancelled {
        reason: "test".into(),
    };
    assert!(
        store
            .record_attempt(second[0].id, "w3", &gone, t0())
            .await
            .unwrap()
    );
}

pub async fn attempts_are_recorded_and_retries_wait(store: &dyn DeliveryBackend) {
    drain(store).await;
    let owner = stored_person(store, "Sender").await;
    let m = stored_mistake(store, &owner, "Sent about").await;
    let mut msg = message(&unique("retry"), t0());
    msg.sender = Some(owner.id.clone());
    msg.mistake = Some(m.id.clone());
    store.enqueue(std::slice::from_ref(&msg)).await.unwrap();

    let c = store
        .claim_messages("w", t0(), t0() + mins(2), 10)
        .await
        .unwrap();
    let retry = Attempt::Retry {
        error: "the mail server did not answer".into(),
        at: t0() + mins(5),
    };
    assert!(
        store
            .record_attempt(c[0].id, "w", &retry, t0())
            .await
            .unwrap()
    );
    let listed = store
        .messages_sent_by(&owner.id, Some(&m.id), 10)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state, MessageState::Pending);
    assert_eq!(listed[0].attempts, 1);
    assert_eq!(
        listed[0].last_error.as_deref(),
        Some("the mail server did not answer")
    );
    assert!(listed[0].done_at.is_none());

    let early = store
        .claim_messages("w", t0() + mins(4), t0() + mins(6), 10)
        .await
        .unwrap();
    assert!(early.is_empty(), "a retry waits for its time");
    let c = store
        .claim_messages("w", t0() + mins(5), t0() + mins(7), 10)
        .await
        .unwrap();
    assert_eq!(c[0].attempts, 1, "the claim says how many went before");
    let failed = Attempt::Failed {
        error: "the address does not exist".into(),
    };
    assert!(
        store
            .record_attempt(c[0].id, "w", &failed, t0() + mins(5))
            .await
            .unwrap()
    );
    let listed = store.messages_sent_by(&owner.id, None, 10).await.unwrap();
    assert_eq!(
        listed[0].state,
        MessageState::Failed,
        "the sender sees it failed"
    );
    assert_eq!(listed[0].attempts, 2);
    assert_eq!(
        listed[0].last_error.as_deref(),
        Some("the address does not exist")
    );
    assert_eq!(listed[0].done_at, Some(t0() + mins(5)));
    let other = stored_mistake(store, &owner, "Another").await;
    let none = store
        .messages_sent_by(&owner.id, Some(&other.id), 10)
        .await
        .unwrap();
    assert!(none.is_empty(), "listed only under its own mistake");
    let stranger = stored_person(store, "Stranger").await;
    assert!(
        store
            .messages_sent_by(&stranger.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn a_key_queues_once(store: &dyn DeliveryBackend) {
    drain(store).await;
    let key = unique("once");
    assert_eq!(store.enqueue(&[message(&key, t0())]).await.unwrap(), 1);
    let mut again = message(&key, t0());
    again.payload = "{\"other\":true}".into();
    assert_eq!(
        store.enqueue(&[again]).await.unwrap(),
        0,
        "the key is taken"
    );
    let c = store
        .claim_messages("w", t0(), t0() + mins(1), 10)
        .await
        .unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].message.payload,
        format!("{{\"key\":\"{key}\"}}"),
        "the first stays"
    );
    let job = NewJob {
        key: unique("job"),
        kind: "test".into(),
        payload: "{}".into(),
        due: t0(),
    };
    assert_eq!(
        store.schedule(&[job.clone(), job.clone()]).await.unwrap(),
        1
    );
    assert_eq!(store.schedule(&[job]).await.unwrap(), 0);
    drain(store).await;
}

pub async fn a_write_carries_its_messages_or_none(store: &dyn DeliveryBackend) {
    drain(store).await;
    let owner = stored_person(store, "Owner").await;
    let m = stored_mistake(store, &owner, "Carried").await;
    let mut carried = message(&unique("carried"), t0());
    carried.mistake = Some(m.id.clone());
    let effects = Effects {
        outbox: vec![carried.clone()],
        ..Effects::default()
    };
    let (saved, left) = carrying(effects, store.save(&m, &[])).await;
    let saved = saved.expect("saved");
    assert!(left.is_none(), "the save took its message");
    let c = store
        .claim_messages("w", t0(), t0() + mins(1), 10)
        .await
        .unwrap();
    assert_eq!(c.iter().map(|c| &c.message).collect::<Vec<_>>(), [&carried]);
    assert!(
        store
            .record_attempt(c[0].id, "w", &Attempt::Sent, t0())
            .await
            .unwrap()
    );

    // A stale save stores no message; neither does a missing mistake.
    let stale = message(&unique("stale"), t0());
    let effects = Effects {
        outbox: vec![stale],
        ..Effects::default()
    };
    let (out, _) = carrying(effects, store.save(&m, &[])).await;
    assert!(out.is_err(), "the version moved on");
    let mut gone = saved.clone();
    gone.id = MistakeId::from_random(crate::conformance::fresh5());
    let effects = Effects {
        outbox: vec![message(&unique("gone"), t0())],
        ..Effects::default()
    };
    let (out, _) = carrying(effects, store.save(&gone, &[])).await;
    assert!(out.is_err(), "no such mistake");
    let none = store
        .claim_messages("w", t0() + mins(5), t0() + mins(6), 10)
        .await
        .unwrap();
    assert!(none.is_empty(), "refused writes queued nothing: {none:?}");
}
