//! Writers of one database file in one process queue at its gate
//! (`rebound_store_sql::gate`), in arrival order, instead of racing for
//! SQLite's write lock and sleeping in its busy handler: while the gate is
//! held, a store write waits without having begun, so SQLite's lock stays
//! free; once let through, it and the audit writer's batch both land.

use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::conformance::{full_mistake, now};
use rebound_store::{AuditStore, Store};
use std::time::Duration;

#[tokio::test]
async fn a_writer_waits_at_the_gate_not_inside_sqlites_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gate.db");
    let store = std::sync::Arc::new(rebound_store_sqlite::open(&path).await.unwrap());
    let gate = rebound_store_sql::gate::for_file(&path);
    let held = gate.clone().lock_owned().await;

    let m = full_mistake(&now());
    let id = m.id.clone();
    let writer = store.clone();
    let write = tokio::spawn(async move { writer.create(&m).await });
    let audited = store.clone();
    let event = AuditEvent::mistake(
        now().timestamp(),
        AuditActor::User("someone".into()),
        id.as_str(),
        Part::Record,
        Action::Read,
    );
    let audit = tokio::spawn(async move { audited.record_audit(vec![event]).await });
    // Give both every chance to reach SQLite (this asserts no duration:
    // only that they are still waiting once the runtime has run them).
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        !write.is_finished() && !audit.is_finished(),
        "both wait at the gate"
    );
    // SQLite's write lock is free: neither has begun a transaction.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.busy_timeout(Duration::ZERO).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
        .expect("the write lock is free while writers queue at the gate");

    drop(held);
    write.await.unwrap().unwrap();
    audit.await.unwrap().unwrap();
    assert_eq!(store.get(&id).await.unwrap().id, id);
}

#[test]
fn one_file_one_gate_while_anyone_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let first = rebound_store_sql::gate::for_file(&a);
    assert!(std::sync::Arc::ptr_eq(
        &first,
        &rebound_store_sql::gate::for_file(&a)
    ));
    assert!(!std::sync::Arc::ptr_eq(
        &first,
        &rebound_store_sql::gate::for_file(&b)
    ));
}
