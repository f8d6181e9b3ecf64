//! Retention on SQLite, through the backend-agnostic checks.

#[tokio::test(flavor = "current_thread")]
async fn retention_conformance() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_retention::run_all(&store).await;
}
