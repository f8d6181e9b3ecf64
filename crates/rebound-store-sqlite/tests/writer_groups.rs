//! The writer thread's groups (`src/writer.rs`): audit batches and record
//! writes in flight together share commits, each caller gets its own
//! answer, and everything answered is in the file for the next process.

use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::conformance::{full_mistake, now};
use rebound_store::{AuditStore, ListFilter, Store};
use std::sync::Arc;

fn read_of(resource: &str) -> AuditEvent {
    AuditEvent {
        at: now().timestamp(),
        actor: AuditActor::User("ana0sam1".into()),
        action: "read".into(),
        part: "record".into(),
        resource_kind: "mistake".into(),
        resource_id: resource.into(),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn batches_in_flight_together_are_each_stored_and_answered_to_their_caller() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let store = Arc::new(rebound_store_sqlite::open(&path).await.unwrap());
    let mut calls = tokio::task::JoinSet::new();
    for n in 0..300 {
        let store = store.clone();
        calls.spawn(async move {
            if n % 10 == 0 {
                // A record write between the batches, in the same writer.
                let m = full_mistake(&now());
                store.create(&m).await.map(|_| (n, 0))
            } else {
                let events = vec![read_of(&format!("batch{n}")); n % 3 + 1];
                store.record_audit(events).await.map(|_| (n, n % 3 + 1))
            }
        });
    }
    let mut answered = Vec::new();
    while let Some(done) = calls.join_next().await {
        answered.push(done.unwrap().expect("every call is stored"));
    }
    assert_eq!(answered.len(), 300);
    Arc::into_inner(store).unwrap().close().await;

    // What was answered is in the file, read by a store opened afresh.
    let again = rebound_store_sqlite::open(&path).await.unwrap();
    for (n, count) in answered.into_iter().filter(|(_, c)| *c > 0) {
        let got = again
            .audit_of("mistake", &format!("batch{n}"), 10)
            .await
            .unwrap();
        assert_eq!(got.len(), count, "batch {n}");
    }
    assert_eq!(again.list(ListFilter::All).await.unwrap().len(), 30);
}
