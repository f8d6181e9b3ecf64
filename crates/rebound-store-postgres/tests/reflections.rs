//! Reflections on PostgreSQL: the backend-agnostic suite.

use rebound_store::conformance_reflections;
use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_reflections_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_reflections::run_all(&store).await;
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_personal_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_personal::run_all(&store).await;
    store.close().await;
}
