//! Backend-agnostic checks of the audit log.

use crate::AuditStore;
use jiff::Timestamp;
use rebound_domain::audit::{AuditActor, AuditEvent};

fn event(ms: i64, actor: AuditActor, action: &str, id: &str) -> AuditEvent {
    AuditEvent {
        at: Timestamp::from_millisecond(ms).expect("a valid time"),
        actor,
        action: action.to_string(),
        part: "record".to_string(),
        resource_kind: "mistake".to_string(),
        resource_id: id.to_string(),
    }
}

/// Events round-trip exactly, per record, newest first, limited.
pub async fn run_all(store: &dyn AuditStore) {
    let a = event(
        1_000,
        AuditActor::User("ana0sam1".into()),
        "read",
        "7kq3x9mz",
    );
    let b = event(
        2_000,
        AuditActor::Guest("link0001".into()),
        "create",
        "7kq3x9mz",
    );
    let c = event(
        3_000,
        AuditActor::User("b0b0b0b0".into()),
        "change",
        "7kq3x9mz",
    );
    let other = event(
        2_500,
        AuditActor::User("ana0sam1".into()),
        "read",
        "0therone",
    );
    store
        .record_audit(vec![a.clone(), b.clone()])
        .await
        .expect("recorded");
    store
        .record_audit(vec![other.clone(), c.clone()])
        .await
        .expect("recorded");
    store
        .record_audit(vec![])
        .await
        .expect("an empty batch is fine");

    let got = store
        .audit_of("mistake", "7kq3x9mz", 10)
        .await
        .expect("read");
    assert_eq!(
        got,
        vec![c.clone(), b.clone(), a],
        "newest first, only this record"
    );
    let got = store
        .audit_of("mistake", "7kq3x9mz", 2)
        .await
        .expect("read");
    assert_eq!(got, vec![c, b], "limited");
    let got = store
        .audit_of("mistake", "0therone", 10)
        .await
        .expect("read");
    assert_eq!(got, vec![other]);
    assert!(
        store
            .audit_of("mistake", "nothing1", 10)
            .await
            .expect("read")
            .is_empty()
    );

    // A batch as large as the server's writer sends, in its order.
    let many: Vec<AuditEvent> = (0..1_234)
        .map(|i| {
            event(
                10_000 + i,
                AuditActor::User("ana0sam1".into()),
                "read",
                "manyread",
            )
        })
        .collect();
    store.record_audit(many.clone()).await.expect("recorded");
    let got = store
        .audit_of("mistake", "manyread", 2_000)
        .await
        .expect("read");
    assert_eq!(got.len(), many.len(), "every event of a large batch");
    assert!(
        got.iter().rev().eq(many.iter()),
        "a large batch keeps its order"
    );
}
