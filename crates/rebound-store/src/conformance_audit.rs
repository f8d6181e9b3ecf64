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

/// A store of mistakes that keeps their audit log too.
pub trait AuditedBackend: crate::Store + AuditStore {}
impl<T: crate::Store + AuditStore> AuditedBackend for T {}

/// A change's events commit with the change, in its transaction: a created
/// or saved mistake has them, a refused create or save stores none.
pub async fn writes_carry_their_events(store: &dyn AuditedBackend) {
    use crate::StoreError;
    let now = crate::conformance::now();
    let m = crate::conformance::full_mistake(&now);
    let id = m.id.as_str().to_string();
    let ana = || AuditActor::User("ana0sam1".into());
    let created = event(1_000, ana(), "create", &id);
    store
        .create_audited(&m, std::slice::from_ref(&created))
        .await
        .expect("created");
    assert_eq!(
        store.audit_of("mistake", &id, 10).await.expect("read"),
        vec![created.clone()],
        "the create's event is stored with it"
    );

    let taken = event(1_500, ana(), "create", &id);
    assert!(matches!(
        store.create_audited(&m, &[taken]).await,
        Err(StoreError::IdTaken(_))
    ));
    let changed = event(2_000, ana(), "change", &id);
    let saved = store
        .save_audited(&m, &[], std::slice::from_ref(&changed))
        .await
        .expect("saved");
    assert_eq!(saved.version, m.version + 1);
    // `m` is now stale: the save is refused, and so is its event.
    let stale = event(3_000, ana(), "change", &id);
    assert!(matches!(
        store.save_audited(&m, &[], &[stale]).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.audit_of("mistake", &id, 10).await.expect("read"),
        vec![changed, created],
        "only the writes that happened are in the log"
    );
}
