//! The backend-agnostic suite, on a fresh database file.

use rebound_store::conformance;

#[tokio::test(flavor = "current_thread")]
async fn sqlite_store_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    conformance::run_all(&store).await;
    assert_eq!(store.stale_children().await.unwrap(), Vec::<String>::new());
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_suite_passes_through_a_url_too() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("by-url.db").display());
    let store = rebound_store_sqlite::connect(&url).await.unwrap();
    conformance::run_all(&store).await;
    assert_eq!(store.stale_children().await.unwrap(), Vec::<String>::new());
    store.close().await;
}
