//! What only the SQLite backend promises: its settings, its file on disk,
//! and its refusals at open.

use rebound_domain::Mistake;
use rebound_store::conformance::{full_mistake, now};
use rebound_store::{ListFilter, Store, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use std::path::Path;

/// A plain connection beside the store, to look at or tamper with the file.
async fn raw(path: &Path) -> SqliteConnection {
    SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(path))
        .await
        .unwrap()
}

async fn stored_mistake(path: &Path) -> Mistake {
    let store = rebound_store_sqlite::open(path).await.unwrap();
    let m = full_mistake(&now());
    store.create(&m).await.unwrap();
    store.close().await;
    m
}

#[tokio::test(flavor = "current_thread")]
async fn open_leaves_the_file_in_wal_mode_with_durable_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let store = rebound_store_sqlite::open(&path).await.unwrap();
    // journal_mode is stored in the file: any later connection sees WAL.
    let mut conn = raw(&path).await;
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    conn.close().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn data_survives_close_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let m = stored_mistake(&path).await;

    let store = rebound_store_sqlite::open(&path).await.unwrap();
    assert_eq!(store.get(&m.id).await.unwrap(), m);
    assert_eq!(store.list(ListFilter::All).await.unwrap(), vec![m]);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_from_a_newer_rebound_is_refused_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let m = stored_mistake(&path).await;
    let known = rebound_store_sqlite::schema_version();
    let mut conn = raw(&path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, 'from the future', 1, x'00', 0)",
    )
    .bind(known + 1)
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let before = std::fs::read(&path).unwrap();

    match rebound_store_sqlite::open(&path).await {
        Err(StoreError::NewerSchema { found, known: k }) => {
            assert_eq!((found, k), (known + 1, known));
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("expected NewerSchema, the database opened"),
    }

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the refused open changed the file"
    );
    let mut conn = raw(&path).await;
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(versions.last(), Some(&(known + 1)));
    let id: String = sqlx::query_scalar("SELECT id FROM mistakes")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(id, m.id.as_str());
    conn.close().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn a_missing_directory_is_unavailable_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("rebound.db");
    match rebound_store_sqlite::open(&path).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(msg.contains(&path.display().to_string()), "{msg}");
            assert!(msg.contains("does not exist"), "{msg}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("opened a database in a missing directory"),
    }
    assert!(
        !path.parent().unwrap().exists(),
        "open must not create the directory"
    );
}

#[cfg(unix)]
#[tokio::test(flavor = "current_thread")]
async fn an_unwritable_directory_is_unavailable_saying_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions; nothing to check there.
    if std::fs::write(locked.join("probe"), b"").is_ok() {
        return;
    }
    let path = locked.join("rebound.db");
    match rebound_store_sqlite::open(&path).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(
                msg.contains(&path.display().to_string()) && msg.contains("permission denied"),
                "{msg}"
            );
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("opened a database in an unwritable directory"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_that_is_not_a_database_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "these are not the pages you are looking for ".repeat(100),
    )
    .unwrap();
    match rebound_store_sqlite::open(&path).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(msg.contains(&path.display().to_string()), "{msg}")
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("opened a text file as a database"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_another_program_holds_locked_is_busy_in_words_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let before = stored_mistake(&path).await;
    // Another program takes the file for itself and holds a write open.
    let mut other = raw(&path).await;
    sqlx::query("PRAGMA locking_mode = EXCLUSIVE")
        .execute(&mut other)
        .await
        .unwrap();
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut other)
        .await
        .unwrap();
    match rebound_store_sqlite::open(&path).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(msg.contains("another program is using it"), "{msg}");
            assert!(msg.contains("nothing was changed"), "{msg}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("opened a database another program holds exclusively"),
    }
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    let store = rebound_store_sqlite::open(&path).await.unwrap();
    assert_eq!(store.get(&before.id).await.unwrap().title, before.title);
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_enum_value_in_a_row_is_a_backend_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let m = stored_mistake(&path).await;
    let mut conn = raw(&path).await;
    // Only a tampered (or future) file can hold this: the CHECK forbids it.
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE mistakes SET severity = 'apocalyptic'")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    let store = rebound_store_sqlite::open(&path).await.unwrap();
    match store.get(&m.id).await {
        Err(StoreError::Backend(e)) => assert!(e.to_string().contains("severity"), "{e}"),
        other => panic!("expected a Backend error, got {other:?}"),
    }
    assert!(matches!(
        store.list(ListFilter::All).await,
        Err(StoreError::Backend(_))
    ));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn times_keep_millisecond_precision() {
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    let mut m = full_mistake(&now());
    // Finer than a millisecond: the store truncates, documented as such.
    m.updated_at =
        jiff::Timestamp::from_nanosecond(m.updated_at.as_nanosecond() + 456_789).unwrap();
    store.create(&m).await.unwrap();
    let got = store.get(&m.id).await.unwrap();
    assert_eq!(
        got.updated_at.as_nanosecond(),
        m.updated_at.as_nanosecond() - 456_789
    );
    store.close().await;
}

/// Each thread reads through a connection of its own (`readers.rs`); every
/// one of them must see each commit on its very next read, whichever
/// thread's connection served the reads before.
#[test]
fn readers_on_many_threads_each_see_every_commit_on_their_next_read() {
    use std::sync::{Arc, Barrier};
    const THREADS: usize = 4;
    const COMMITS: i64 = 25;
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let store = Arc::new(
        rt.block_on(rebound_store_sqlite::open(&dir.path().join("rebound.db")))
            .unwrap(),
    );
    let mut m = full_mistake(&now());
    rt.block_on(store.create(&m)).unwrap();
    let step = Arc::new(Barrier::new(THREADS + 1));
    let readers: Vec<_> = (0..THREADS)
        .map(|_| {
            let (store, step, id) = (store.clone(), step.clone(), m.id.clone());
            std::thread::spawn(move || {
                let rt = runtime();
                for version in 1..=COMMITS {
                    step.wait(); // committed
                    let read = rt.block_on(store.get(&id)).unwrap();
                    assert_eq!(read.version, version, "a reader missed a commit");
                    step.wait(); // read
                }
            })
        })
        .collect();
    for _ in 0..COMMITS {
        m = rt.block_on(store.save(&m, &[])).unwrap();
        step.wait();
        step.wait();
    }
    for r in readers {
        r.join().unwrap();
    }
}

/// The audit log has a writing connection of its own (`audit.rs`): while
/// another connection holds the write lock it waits its turn, rather than
/// failing the batch.
#[tokio::test(flavor = "current_thread")]
async fn audit_batches_wait_for_another_writer_instead_of_failing() {
    use rebound_domain::audit::{AuditActor, AuditEvent};
    use rebound_store::AuditStore;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let store = std::sync::Arc::new(rebound_store_sqlite::open(&path).await.unwrap());
    let mut other = raw(&path).await;
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let event = AuditEvent {
        at: now().timestamp(),
        actor: AuditActor::User("ana0sam1".into()),
        action: "read".into(),
        part: "record".into(),
        resource_kind: "mistake".into(),
        resource_id: "waiting1".into(),
    };
    let writing = tokio::spawn({
        let store = store.clone();
        let events = vec![event.clone(); 3];
        async move { store.record_audit(events).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!writing.is_finished(), "it waited for the lock");
    sqlx::query("COMMIT").execute(&mut other).await.unwrap();
    writing
        .await
        .unwrap()
        .expect("written once the lock was free");
    let got = store.audit_of("mistake", "waiting1", 10).await.unwrap();
    assert_eq!(got, vec![event; 3]);
    other.close().await.unwrap();
}
