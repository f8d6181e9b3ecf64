//! The journal on PostgreSQL: the backend-agnostic suite.

use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_journal_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_journal::run_all(&store).await;
    store.close().await;
}
