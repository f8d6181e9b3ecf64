//! Retention on PostgreSQL, through the backend-agnostic checks.

use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn retention_conformance() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_retention::run_all(&store).await;
    store.close().await;
}
