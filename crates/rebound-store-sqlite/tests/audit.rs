//! The audit log on SQLite, through the backend-agnostic checks.

use rebound_store_sqlite::SqliteStore;

#[tokio::test(flavor = "current_thread")]
async fn audit_conformance() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_audit::run_all(&store).await;
}
