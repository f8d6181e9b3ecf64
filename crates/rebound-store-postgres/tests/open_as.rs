//! The backend-agnostic one-read suite, on a throwaway PostgreSQL database.

use rebound_store::conformance_open_as;
use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_open_as_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_open_as::run_all(&store).await;
    store.close().await;
}
