//! The backend-agnostic digest page reads, on a fresh database file.

use rebound_store::conformance_digest;

#[tokio::test(flavor = "current_thread")]
async fn sqlite_store_passes_the_digest_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    conformance_digest::run_all(&store).await;
    store.close().await;
}
