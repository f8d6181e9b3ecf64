//! Erasure leaves no plaintext in SQLite's files: a phrase written into a
//! mistake, a comment and a reflection is in the database files while they
//! exist, still in the WAL right after the DELETE (so the scan can fail),
//! and in no file — main, `-wal`, `-shm` — nor in a backup made afterwards
//! once the scrub has run.

use rebound_store::conformance_scrub::{TABLES, holds, phrase, plant};
use rebound_store::{ReflectionStore, Scrub, Store};
use rebound_store_sqlite::backup;
use std::path::Path;

/// The names of the files of the database at `db` that hold `phrase`.
fn files_holding(db: &Path, phrase: &str) -> Vec<String> {
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(db.parent().unwrap()).unwrap() {
        let entry = entry.unwrap();
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&name) && holds(&std::fs::read(entry.path()).unwrap(), phrase) {
            found.push(file);
        }
    }
    found
}

#[tokio::test(flavor = "current_thread")]
async fn erased_text_is_in_no_file_nor_in_a_later_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rebound.db");
    let store = rebound_store_sqlite::open(&db).await.unwrap();
    let phrase = phrase();
    let planted = plant(&store, &phrase).await;
    // The inline readers hold connections to the file, as a server's do.
    let read = store.get(&planted.mistake).await.unwrap();
    assert!(read.title.contains(&phrase));
    assert!(!files_holding(&db, &phrase).is_empty(), "planted");

    store
        .delete_reflection(Some(&planted.owner), &planted.reflection)
        .await
        .unwrap();
    sqlx::query("DELETE FROM mistakes WHERE id = $1")
        .bind(planted.mistake.as_str())
        .execute(store.pool())
        .await
        .unwrap();
    assert!(
        files_holding(&db, &phrase).contains(&"rebound.db-wal".to_string()),
        "deleted but not yet scrubbed, the WAL still holds the text as inserted"
    );

    let report = store.scrub_after_erasure(TABLES).await.unwrap();
    assert!(report.complete(), "{report:?}");
    assert_eq!(
        std::fs::metadata(dir.path().join("rebound.db-wal"))
            .unwrap()
            .len(),
        0
    );
    assert_eq!(files_holding(&db, &phrase), Vec::<String>::new());

    // The store stays usable, and a backup made now holds nothing of it.
    assert!(store.get(&planted.mistake).await.is_err());
    let copy = dir.path().join("later-backup.db");
    backup::backup(&db, &copy, &|_, _| ()).unwrap();
    assert!(!holds(&std::fs::read(&copy).unwrap(), &phrase));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn secure_delete_is_on_and_a_scrub_names_only_known_tables() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("r.db"))
        .await
        .unwrap();
    // Every pooled connection: take them all at once.
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = store.pool().acquire().await.unwrap();
        let on: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(on, 1);
        held.push(conn);
    }
    drop(held);
    for bad in ["no_such_table", "mistakes; DROP TABLE users", ""] {
        let err = store.scrub_after_erasure(&[bad]).await.unwrap_err();
        assert!(err.to_string().contains("no such table"), "{err}");
    }
    let report = store.scrub_after_erasure(&[]).await.unwrap();
    assert!(report.complete(), "{report:?}");
    store.close().await;
}
