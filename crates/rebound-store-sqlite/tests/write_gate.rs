//! Writers of one database file in one process queue at its gate
//! (`rebound_store_sql::gate`), in arrival order, instead of racing for
//! SQLite's write lock and sleeping in its busy handler: while the gate is
//! held, a store write waits without having begun, so SQLite's lock stays
//! free; once let through, it and the writer thread's audit batch both land.

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

/// New mistakes that queue together commit together (one transaction on
/// the writer thread), each in a savepoint of its own: one whose id is
/// taken fails alone, its audit event with it, and the rest are stored
/// with theirs.
#[tokio::test]
async fn one_failing_write_in_a_group_rolls_back_alone() {
    use rebound_store::effects::carrying;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.db");
    let store = std::sync::Arc::new(rebound_store_sqlite::open(&path).await.unwrap());
    let taken = full_mistake(&now());
    store.create(&taken).await.unwrap();
    let gate = rebound_store_sql::gate::for_file(&path);
    let held = gate.clone().lock_owned().await;

    let mut again = full_mistake(&now());
    again.id = taken.id.clone();
    again.title = "the same id again".into();
    let mut writes = Vec::new();
    for (n, m) in [full_mistake(&now()), again, full_mistake(&now())]
        .into_iter()
        .enumerate()
    {
        let s = store.clone();
        let event = AuditEvent::mistake(
            now().timestamp(),
            AuditActor::User(format!("writer {n}")),
            m.id.as_str(),
            Part::Record,
            Action::Create,
        );
        let effects = rebound_store::Effects::audit(vec![event]);
        writes.push((
            m.id.clone(),
            tokio::spawn(async move { carrying(effects, async { s.create(&m).await }).await.0 }),
        ));
    }
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(held);
    let mut outcomes = Vec::new();
    for (id, w) in writes {
        outcomes.push((id, w.await.unwrap()));
    }
    assert!(
        outcomes[0].1.is_ok() && outcomes[2].1.is_ok(),
        "{outcomes:?}"
    );
    assert!(
        matches!(&outcomes[1].1, Err(rebound_store::StoreError::IdTaken(id)) if *id == taken.id),
        "{outcomes:?}"
    );
    assert_eq!(store.get(&taken.id).await.unwrap().title, taken.title);
    for (n, (id, _)) in outcomes.iter().enumerate() {
        let actors: Vec<_> = (store.audit_of("mistake", id.as_str(), 10).await.unwrap())
            .into_iter()
            .map(|e| e.actor)
            .collect();
        let mine = actors.contains(&AuditActor::User(format!("writer {n}")));
        assert_eq!(mine, n != 1, "writer {n}'s event: {actors:?}");
    }
    for id in [&outcomes[0].0, &outcomes[2].0] {
        assert_eq!(store.get(id).await.unwrap().id, *id);
    }
}

/// Two saves from the same version that queue together run in one
/// transaction, each in its own savepoint: the first wins and reads back
/// what it stored, the second is told `Conflict` and changes nothing.
#[tokio::test]
async fn saves_from_one_version_in_one_group_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saves.db");
    let store = std::sync::Arc::new(rebound_store_sqlite::open(&path).await.unwrap());
    let m = full_mistake(&now());
    store.create(&m).await.unwrap();
    let read = store.get(&m.id).await.unwrap();
    let gate = rebound_store_sql::gate::for_file(&path);
    let held = gate.clone().lock_owned().await;

    let mut saves = Vec::new();
    for title in ["first", "second"] {
        let mut edited = read.clone();
        edited.title = title.into();
        let s = store.clone();
        saves.push(tokio::spawn(async move { s.save(&edited, &[]).await }));
    }
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(held);
    let mut outcomes = Vec::new();
    for s in saves {
        outcomes.push(s.await.unwrap());
    }
    let won: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{outcomes:?}");
    assert_eq!(won[0].version, read.version + 1);
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, Err(rebound_store::StoreError::Conflict(id)) if *id == m.id)),
        "{outcomes:?}"
    );
    assert_eq!(store.get(&m.id).await.unwrap(), *won[0]);
}
