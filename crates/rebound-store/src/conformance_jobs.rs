//! The scheduler's timed jobs, claims racing on one database, the shared
//! secrets and people's delivery choices, on any backend (the outbox's own
//! checks are in `conformance_delivery`, which runs these too).

use crate::conformance_delivery::{DeliveryBackend, drain, message, mins, t0, unique};
use crate::conformance_sharing::stored_person;
use crate::delivery::{Attempt, JobEnd, NewJob, NewMessage};
use crate::effects::{Effects, carrying};
use jiff::SignedDuration;
use rebound_domain::UserId;
use rebound_domain::delivery::{Channel, MessageKind, Preference};

pub async fn jobs_end_with_what_they_carry(store: &dyn DeliveryBackend) {
    drain(store).await;
    let key = unique("digest");
    let job = NewJob {
        key: key.clone(),
        kind: "digest".into(),
        payload: "{\"n\":1}".into(),
        due: t0(),
    };
    store.schedule(std::slice::from_ref(&job)).await.unwrap();
    assert!(
        store
            .claim_jobs("w1", t0() - mins(1), t0(), 5)
            .await
            .unwrap()
            .is_empty()
    );
    let claimed = store
        .claim_jobs("w1", t0(), t0() + mins(2), 5)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].job, job);
    assert!(
        store
            .claim_jobs("w2", t0(), t0() + mins(2), 5)
            .await
            .unwrap()
            .is_empty()
    );

    // The lease runs out and w2 runs it: w1's late end stores nothing it carried.
    let taken = store
        .claim_jobs("w2", t0() + mins(2), t0() + mins(4), 5)
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
    let lost = Effects {
        outbox: vec![message(&unique("lost"), t0())],
        ..Effects::default()
    };
    let (ended, _) = carrying(
        lost,
        store.finish_job(claimed[0].id, "w1", &JobEnd::Done, t0()),
    )
    .await;
    assert!(!ended.expect("no error"), "w1 lost its lease");

    let next = NewJob {
        key: unique("digest"),
        due: t0() + SignedDuration::from_hours(168),
        ..job
    };
    let sent = message(&unique("from-job"), t0());
    let effects = Effects {
        outbox: vec![sent.clone()],
        jobs: vec![next.clone()],
        ..Effects::default()
    };
    let (ended, left) = carrying(
        effects,
        store.finish_job(taken[0].id, "w2", &JobEnd::Done, t0()),
    )
    .await;
    assert!(ended.expect("ended"));
    assert!(left.is_none());
    let c = store
        .claim_messages("w", t0() + mins(2), t0() + mins(3), 10)
        .await
        .unwrap();
    assert_eq!(
        c.iter().map(|c| &c.message).collect::<Vec<_>>(),
        [&sent],
        "only w2's message"
    );
    let held = store.next_due().await.unwrap();
    assert_eq!(held, Some(t0() + mins(3)), "its lease, while held");
    assert!(
        store
            .record_attempt(c[0].id, "w", &Attempt::Sent, t0())
            .await
            .unwrap()
    );
    assert_eq!(
        store.next_due().await.unwrap(),
        Some(next.due),
        "the next occurrence waits"
    );
    assert!(
        store
            .claim_jobs("w2", t0() + mins(5), t0() + mins(6), 5)
            .await
            .unwrap()
            .is_empty(),
        "done"
    );

    let retry = NewJob {
        key: unique("retry"),
        kind: "digest".into(),
        payload: "{}".into(),
        due: t0(),
    };
    store.schedule(&[retry]).await.unwrap();
    let c = store
        .claim_jobs("w", t0(), t0() + mins(1), 5)
        .await
        .unwrap();
    let again = JobEnd::Retry {
        error: "busy".into(),
        at: t0() + mins(30),
    };
    assert!(store.finish_job(c[0].id, "w", &again, t0()).await.unwrap());
    assert!(
        store
            .claim_jobs("w", t0() + mins(29), t0() + mins(31), 5)
            .await
            .unwrap()
            .is_empty()
    );
    let c = store
        .claim_jobs("w", t0() + mins(30), t0() + mins(31), 5)
        .await
        .unwrap();
    assert_eq!(c[0].attempts, 1);
    let dead = JobEnd::Dead {
        error: "gave up".into(),
    };
    assert!(
        store
            .finish_job(c[0].id, "w", &dead, t0() + mins(30))
            .await
            .unwrap()
    );
    drain(store).await;
}

pub async fn concurrent_claimers_never_share_a_row(store: &dyn DeliveryBackend) {
    drain(store).await;
    let many: Vec<NewMessage> = (0..60)
        .map(|n| message(&unique(&format!("c{n}")), t0()))
        .collect();
    store.enqueue(&many).await.unwrap();
    let claim = |w: &'static str| async move {
        let mut mine = Vec::new();
        loop {
            let got = store
                .claim_messages(w, t0(), t0() + mins(5), 7)
                .await
                .expect("claim");
            if got.is_empty() {
                return mine;
            }
            mine.extend(got.into_iter().map(|c| c.id));
        }
    };
    let (a, b, c) = tokio::join!(claim("a"), claim("b"), claim("c"));
    let mut all: Vec<i64> = a.iter().chain(&b).chain(&c).copied().collect();
    all.sort_unstable();
    let total = all.len();
    all.dedup();
    assert_eq!(all.len(), total, "no message went to two workers");
    assert_eq!(total, 60, "every message was claimed");
    drain(store).await;
}

pub async fn the_first_secret_stays(store: &dyn DeliveryBackend) {
    let first = store.secret("link-key", "aaaa", t0()).await.unwrap();
    assert_eq!(first, "aaaa");
    let second = store.secret("link-key", "bbbb", t0()).await.unwrap();
    assert_eq!(
        second, "aaaa",
        "an instance starting later reads the same key"
    );
    assert_eq!(store.secret("other", "cccc", t0()).await.unwrap(), "cccc");
}

pub async fn choices_are_kept_per_kind_and_channel(store: &dyn DeliveryBackend) {
    let ana = stored_person(store, "Ana").await;
    let bo = stored_person(store, "Bo").await;
    assert!(
        store.preferences(&ana.id).await.unwrap().is_empty(),
        "defaults are not stored"
    );
    let choice = |kind, channel, enabled| Preference {
        kind,
        channel,
        enabled,
    };
    let digest_off = choice(MessageKind::Digest, Channel::Email, false);
    store
        .set_preference(&ana.id, digest_off, t0())
        .await
        .unwrap();
    store
        .set_preference(
            &ana.id,
            choice(MessageKind::Update, Channel::Chat, true),
            t0(),
        )
        .await
        .unwrap();
    store
        .set_preference(
            &bo.id,
            choice(MessageKind::Reminder, Channel::Email, false),
            t0(),
        )
        .await
        .unwrap();
    // Changing one's mind replaces the choice.
    let digest_on = choice(MessageKind::Digest, Channel::Email, true);
    store
        .set_preference(&ana.id, digest_off, t0())
        .await
        .unwrap();
    store
        .set_preference(&ana.id, digest_on, t0())
        .await
        .unwrap();
    let mut anas = store.preferences(&ana.id).await.unwrap();
    anas.sort_by_key(|p| (p.kind.as_str(), p.channel.as_str()));
    assert_eq!(
        anas,
        [digest_on, choice(MessageKind::Update, Channel::Chat, true)]
    );
    let many = store
        .preferences_of(&[ana.id.clone(), bo.id.clone()])
        .await
        .unwrap();
    assert_eq!(many.len(), 3);
    assert!(many.contains(&(
        bo.id.clone(),
        choice(MessageKind::Reminder, Channel::Email, false)
    )));
    assert!(store.preferences_of(&[]).await.unwrap().is_empty());
    let nobody = UserId::from_random(crate::conformance::fresh5());
    let e = store
        .set_preference(&nobody, digest_on, t0())
        .await
        .unwrap_err();
    assert!(matches!(e, crate::StoreError::UserNotFound(_)), "{e:?}");
}
