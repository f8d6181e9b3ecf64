//! The backend-agnostic suite, each run on a database of its own.

use rebound_store::conformance;
use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance::run_all(&store).await;
    assert_eq!(store.stale_children().await.unwrap(), Vec::<String>::new());
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_suite_passes_through_a_postgresql_scheme_url_too() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let url = db.url().replacen("postgres://", "postgresql://", 1);
    let store = rebound_store_postgres::connect(&url).await.unwrap();
    conformance::run_all(&store).await;
    assert_eq!(store.stale_children().await.unwrap(), Vec::<String>::new());
    store.close().await;
}
