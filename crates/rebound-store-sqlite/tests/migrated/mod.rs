//! A database file migrated up to a given version, with `rows` inserted as
//! an older Rebound would have left them, closed; for the tests of what a
//! later migration does to existing data (`migration_*.rs`).

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use std::path::PathBuf;

/// The file (inside the returned directory, which removes it when dropped).
pub async fn file_at(version: i64, rows: &[&'static str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate!("./migrations")
        .run_to(version, &pool)
        .await
        .unwrap();
    for sql in rows {
        sqlx::query(*sql).execute(&pool).await.unwrap();
    }
    pool.close().await;
    (dir, path)
}
