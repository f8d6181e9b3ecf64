//! The backend-agnostic digest page reads, on a database of its own.

use rebound_store::conformance_digest;
use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_digest_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_digest::run_all(&store).await;
    store.close().await;
}
