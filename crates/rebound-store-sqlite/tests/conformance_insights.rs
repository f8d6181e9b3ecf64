//! The backend-agnostic insights suite, on a fresh database file.

#[tokio::test(flavor = "current_thread")]
async fn sqlite_store_passes_the_insights_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_insights::run_all(&store).await;
    store.close().await;
}
