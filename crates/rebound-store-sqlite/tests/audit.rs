//! The audit log on SQLite, through the backend-agnostic checks.

#[tokio::test(flavor = "current_thread")]
async fn audit_conformance() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_audit::run_all(&store).await;
    rebound_store::conformance_audit::writes_carry_their_events(&store).await;
}

#[tokio::test(flavor = "current_thread")]
async fn every_write_carries_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    rebound_store::conformance_carry::run_all(&store).await;
}
