//! Backup and restore of the embedded database: what a copy holds, and
//! every refusal, each leaving everything as it was.

use rebound_store::conformance::{full_mistake, now};
use rebound_store::conformance_accounts::person;
use rebound_store::{AccountStore, ListFilter, Store};
use rebound_store_sqlite::backup::{self, BackupError};
use std::path::{Path, PathBuf};

const HASH: &str = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA";

fn quiet(_: u64, _: u64) {}

/// Closes every connection now (the pool's and the inline readers'), as a
/// stopped server would have.
async fn close(store: rebound_store_sqlite::SqliteStore) {
    store.close().await;
    drop(store);
}

async fn seeded(dir: &Path, mistakes: usize) -> PathBuf {
    let path = dir.join("rebound.db");
    let store = rebound_store_sqlite::open(&path).await.unwrap();
    store.create_user(&person("backed"), HASH).await.unwrap();
    for _ in 0..mistakes {
        store.create(&full_mistake(&now())).await.unwrap();
    }
    close(store).await;
    path
}

#[tokio::test(flavor = "current_thread")]
async fn a_backup_is_a_checked_copy_that_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let live = seeded(dir.path(), 3).await;
    let dest = dir.path().join("copy.db");
    let seen = std::sync::Mutex::new(Vec::new());
    let copied = backup::backup(&live, &dest, &|done, all| {
        seen.lock().unwrap().push((done, all))
    })
    .unwrap();
    assert_eq!(copied.inspected.holdings.mistakes, 3);
    assert_eq!(copied.inspected.holdings.people, 1);
    assert_eq!(
        copied.inspected.schema,
        rebound_store_sqlite::schema_version()
    );
    assert_eq!(copied.bytes, std::fs::metadata(&dest).unwrap().len());
    let last = *seen.lock().unwrap().last().unwrap();
    assert_eq!(last, (copied.bytes, copied.bytes), "the bar ends full");

    let before = std::fs::read(&dest).unwrap();
    let err = backup::backup(&live, &dest, &quiet).unwrap_err();
    assert!(matches!(err, BackupError::Exists(_)), "{err}");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&dest).unwrap(), before, "left as it was");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_backup_into_a_place_that_cannot_hold_it_says_where_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let live = seeded(dir.path(), 1).await;
    let no_dir = dir.path().join("missing").join("copy.db");
    let err = backup::backup(&live, &no_dir, &quiet).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write to {}: no such directory",
            no_dir.parent().unwrap().display()
        )
    );
    // A regular file where a directory should be.
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let err = backup::backup(&live, &file.join("copy.db"), &quiet).unwrap_err();
    assert!(matches!(err, BackupError::CannotWrite { .. }), "{err}");
    let err = backup::backup(
        &dir.path().join("nothing.db"),
        &dir.path().join("c.db"),
        &quiet,
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("there is no database at"),
        "{err}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn restore_refuses_what_is_not_a_sound_rebound_database_of_this_age() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.db");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "these are my notes, not a database at all").unwrap();
    let err = backup::restore(&text, &target, false, &quiet).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("is not a Rebound backup: it is not an SQLite database"),
        "{err}"
    );

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    let err = backup::restore(&other, &target, false, &quiet).unwrap_err();
    assert!(
        err.to_string().ends_with("it holds no Rebound schema"),
        "{err}"
    );

    let live = seeded(dir.path(), 1).await;
    let newer = dir.path().join("newer.db");
    backup::backup(&live, &newer, &quiet).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (999, 'from the future', 1, x'00', 0)",
            [],
        )
        .unwrap();
    let err = backup::restore(&newer, &target, false, &quiet).unwrap_err();
    assert!(
        matches!(err, BackupError::Newer { found: 999, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("newer Rebound (schema 999"),
        "{err}"
    );

    let damaged = dir.path().join("damaged.db");
    backup::backup(&live, &damaged, &quiet).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    let page = 4096;
    for b in &mut bytes[page * 2..page * 3] {
        *b = 0x5a;
    }
    std::fs::write(&damaged, bytes).unwrap();
    let err = backup::restore(&damaged, &target, false, &quiet).unwrap_err();
    assert!(err.to_string().contains("is damaged"), "{err}");
    assert!(!target.exists(), "nothing restored");
}

#[tokio::test(flavor = "current_thread")]
async fn restore_keeps_data_it_would_replace_unless_told_and_then_keeps_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let live = seeded(dir.path(), 2).await;
    let copy = dir.path().join("copy.db");
    backup::backup(&live, &copy, &quiet).unwrap();

    let other_dir = tempfile::tempdir().unwrap();
    let target = seeded(other_dir.path(), 5).await;
    let err = backup::restore(&copy, &target, false, &quiet).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} already holds 5 mistakes, 1 person, 0 reflections and 0 recovery plans; add --force to replace it (the current file is kept beside it, renamed)",
            target.display()
        )
    );
    let store = rebound_store_sqlite::open(&target).await.unwrap();
    assert_eq!(
        store.list(ListFilter::All).await.unwrap().len(),
        5,
        "nothing changed"
    );
    let err = backup::restore(&copy, &target, true, &quiet).unwrap_err();
    assert!(matches!(err, BackupError::InUse(_)), "{err}");
    close(store).await;

    let restored = backup::restore(&copy, &target, true, &quiet).unwrap();
    assert_eq!(restored.from.holdings.mistakes, 2);
    let kept = restored.replaced.expect("the replaced file is kept");
    let store = rebound_store_sqlite::open(&target).await.unwrap();
    assert_eq!(store.list(ListFilter::All).await.unwrap().len(), 2);
    let old = rebound_store_sqlite::open(&kept).await.unwrap();
    assert_eq!(old.list(ListFilter::All).await.unwrap().len(), 5);
}

#[tokio::test(flavor = "current_thread")]
async fn restore_into_a_new_place_brings_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let live = seeded(dir.path(), 4).await;
    let copy = dir.path().join("copy.db");
    backup::backup(&live, &copy, &quiet).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("rebound.db");
    let restored = backup::restore(&copy, &target, false, &quiet).unwrap();
    assert!(restored.replaced.is_none());
    let original = rebound_store_sqlite::open(&live).await.unwrap();
    let store = rebound_store_sqlite::open(&target).await.unwrap();
    let mut want = original.list(ListFilter::All).await.unwrap();
    let mut got = store.list(ListFilter::All).await.unwrap();
    want.sort_by(|a, b| a.id.cmp(&b.id));
    got.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(got, want);
}
