//! The groups whose insights were shown, on PostgreSQL, through the
//! backend-agnostic checks (racing decisions on separate connections).

use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn insights_conformance() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    rebound_store::conformance_insights::run_all(&store).await;
    store.close().await;
}
