//! The audit log on PostgreSQL, through the backend-agnostic checks.

use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn audit_conformance() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_audit::run_all(&store).await;
    rebound_store::conformance_audit::writes_carry_their_events(&store).await;
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn every_write_carries_its_events() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_carry::run_all(&store).await;
    store.close().await;
}
