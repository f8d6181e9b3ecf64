//! The backend-agnostic reflections suite, on a fresh database file.

use rebound_store::conformance_reflections;

#[tokio::test(flavor = "current_thread")]
async fn sqlite_store_passes_the_reflections_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    conformance_reflections::run_all(&store).await;
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn sqlite_store_passes_the_personal_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_personal::run_all(&store).await;
    store.close().await;
}
