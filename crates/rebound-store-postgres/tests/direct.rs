//! The hot paths' own connections (`direct.rs`): they survive the database
//! dropping them, and they never outgrow their bound; and the pool checks a
//! connection that sat idle before lending it.

use rebound_domain::Mistake;
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_store::conformance::{fresh_id, full_mistake, now};
use rebound_store::{AuditStore, Store, StoreError};
use rebound_store_postgres::PgStore;
use rebound_store_postgres::testing::TestDatabase;
use sqlx::PgConnection;
use std::sync::Arc;

/// Ends every other session on the test database, as a restart of the
/// server or an administrator would.
async fn drop_every_other_connection(conn: &mut PgConnection) -> i64 {
    sqlx::query_scalar(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_one(conn)
    .await
    .unwrap()
}

async fn sessions(conn: &mut PgConnection) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_one(conn)
    .await
    .unwrap()
}

/// A store with a mistake whose several idle hot-path connections the
/// database has just dropped, and the test's own connection to it.
async fn idle_connections_dropped() -> Option<(TestDatabase, Arc<PgStore>, Mistake, PgConnection)> {
    let db = TestDatabase::create()?;
    let store = Arc::new(rebound_store_postgres::connect(db.url()).await.unwrap());
    let m = full_mistake(&now());
    store.create(&m).await.unwrap();
    // Several reads at once leave several connections idle.
    reads_at_once(&store, &m, 6).await;
    let mut admin = db.raw().await;
    assert!(drop_every_other_connection(&mut admin).await > 0);
    Some((db, store, m, admin))
}

#[tokio::test(flavor = "current_thread")]
async fn a_read_on_a_connection_the_database_dropped_is_answered_on_a_new_one() {
    let Some((_db, store, m, _admin)) = idle_connections_dropped().await else {
        return;
    };
    // Every idle connection is dead now; each read still answers.
    for _ in 0..8 {
        assert_eq!(store.get(&m.id).await.unwrap(), m);
    }
    let missing = rebound_domain::MistakeId::parse("zzzzzzzz").unwrap();
    assert!(matches!(
        store.get(&missing).await,
        Err(StoreError::NotFound(_))
    ));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_audit_append_on_a_connection_the_database_dropped_is_written_once_on_a_new_one() {
    let Some((_db, store, m, mut admin)) = idle_connections_dropped().await else {
        return;
    };
    let events: Vec<AuditEvent> = (0..3)
        .map(|i| {
            let at = jiff::Timestamp::from_millisecond(1_700_000_000_000 + i).unwrap();
            let actor = AuditActor::User("ana0sam1".into());
            AuditEvent::mistake(at, actor, m.id.as_str(), Part::Record, Action::Read)
        })
        .collect();
    store.record_audit(events.clone()).await.unwrap();
    // Read back on the test's own connection: the pool's were dropped too.
    let stored: Vec<i64> =
        sqlx::query_scalar("SELECT at FROM audit_log WHERE resource_id = $1 ORDER BY id")
            .bind(m.id.as_str())
            .fetch_all(&mut admin)
            .await
            .unwrap();
    let sent: Vec<i64> = events.iter().map(|e| e.at.as_millisecond()).collect();
    assert_eq!(stored, sent, "each event once, in order");
    store.close().await;
}

/// The pool lends connections without a ping while they are in steady use
/// (its ping when taking one back checked it moments ago); one that sat
/// idle for a second is pinged first, so a restart is not a failed write.
#[tokio::test(flavor = "current_thread")]
async fn a_write_after_the_database_dropped_idle_pooled_connections_succeeds() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let mut m = full_mistake(&now());
    store.create(&m).await.unwrap();
    let mut admin = db.raw().await;
    assert!(drop_every_other_connection(&mut admin).await > 0);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    m.id = fresh_id();
    store.create(&m).await.unwrap();
    assert_eq!(store.get(&m.id).await.unwrap().id, m.id);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn many_reads_at_once_use_a_bounded_number_of_connections() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = Arc::new(rebound_store_postgres::connect(db.url()).await.unwrap());
    let m = full_mistake(&now());
    store.create(&m).await.unwrap();
    reads_at_once(&store, &m, 200).await;
    let mut admin = db.raw().await;
    // The pool's ten and the hot reads' eight, at most.
    let open = sessions(&mut admin).await;
    assert!(open <= 18, "{open} connections");
    store.close().await;
}

/// `n` reads of `m` at once, each on its own task.
async fn reads_at_once(store: &Arc<PgStore>, m: &Mistake, n: usize) {
    let mut all = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (store, id) = (store.clone(), m.id.clone());
        all.spawn(async move { store.get(&id).await });
    }
    while let Some(got) = all.join_next().await {
        assert_eq!(&got.unwrap().unwrap(), m);
    }
}
