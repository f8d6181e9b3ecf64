//! `rebound backup` / `restore` end to end: the restore drill (a backup
//! under write load, restored into a fresh directory, every write
//! acknowledged before the backup began present, the server starting on
//! it), every refusal leaving things as they were, scheduled backups with
//! retention, and the PostgreSQL procedure the README gives.

use crate::crash::integrity;
use crate::harness::Rebound;
use crate::served::{Server, try_request};
use rebound_store_postgres::testing::TestDatabase;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

#[test]
fn restore_drill_a_backup_under_write_load_holds_every_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let server = Server::spawn(&url).ready();
    let auth = crate::mailing::set_up(&server);
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (addr, auth, acked, stop) = (
                server.addr.clone(),
                auth.clone(),
                acked.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let body = json!({"title": format!("Drill {w}-{n}"), "visibility": "private"});
                    let r = try_request(&addr, "POST", "/api/v1/mistakes", &auth, Some(&body), &[])
                        .expect("the server answers");
                    assert_eq!(r.status, 201, "{}", r.body);
                    acked
                        .lock()
                        .unwrap()
                        .push(r.json()["id"].as_str().unwrap().to_owned());
                }
            })
        })
        .collect();
    while acked.lock().unwrap().len() < 60 {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Everything acknowledged up to here must be in the backup; writes go
    // on while it runs.
    let before: Vec<String> = acked.lock().unwrap().clone();
    let home = Rebound::new();
    let copy = dir.path().join("drill-backup.db");
    let said = home.ok(&["--database-url", &url, "backup", copy.to_str().unwrap()]);
    let written_during = acked.lock().unwrap().len() - before.len();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().expect("a writer failed");
    }
    assert!(said.starts_with("Backed up "), "{said}");
    assert!(said.contains(&format!("to {}.", copy.display())), "{said}");
    eprintln!(
        "drill: {} acknowledged before the backup, {written_during} during it",
        before.len()
    );

    let fresh = tempfile::tempdir().unwrap();
    let fresh_dir = fresh.path().to_str().unwrap();
    let said = home.ok(&["--data-dir", fresh_dir, "restore", copy.to_str().unwrap()]);
    assert!(said.starts_with("Restored "), "{said}");
    let restored_db = fresh.path().join("rebound.db");
    assert_eq!(integrity(&restored_db), "ok");
    drop(server);
    let restored = Server::spawn(&format!("sqlite://{}", restored_db.display())).ready();
    for id in &before {
        let r = try_request(
            &restored.addr,
            "GET",
            &format!("/api/v1/mistakes/{id}"),
            &auth,
            None,
            &[],
        )
        .unwrap();
        assert_eq!(
            r.status, 200,
            "{id} was acknowledged before the backup: {}",
            r.body
        );
    }
}

#[test]
fn backup_and_restore_refuse_in_words_and_change_nothing() {
    let home = Rebound::new();
    let data = home.data_dir();
    let data = data.to_str().unwrap();
    home.oops(&["Kept safe"]);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let copy = copy.to_str().unwrap();
    home.ok(&["backup", copy]);

    let err = home.fails(&["backup", copy], 1);
    assert!(
        err.contains("already exists; give a new file name"),
        "{err}"
    );
    let nowhere = dir.path().join("no/such/dir/copy.db");
    let err = home.fails(&["backup", nowhere.to_str().unwrap()], 1);
    assert!(err.contains("no such directory"), "{err}");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").unwrap();
    let err = home.fails(&["restore", text.to_str().unwrap()], 1);
    assert!(
        err.ends_with("is not a Rebound backup: it is not an SQLite database"),
        "{err}"
    );
    let err = home.fails(&["restore", copy], 1);
    assert!(err.contains("already holds 1 mistake, 0 people"), "{err}");
    assert!(err.contains("add --force"), "{err}");
    home.oops(&["Written after the backup"]);
    assert_eq!(
        home.json(&["list", "--json"])["mistakes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A server on the database: restoring under it would pull the file
    // from under a running process.
    let db = format!("sqlite://{data}/rebound.db");
    let server = Server::spawn(&db).ready();
    let err = home.fails(&["restore", copy, "--force"], 4);
    assert!(
        err.contains("is in use (is `rebound serve` running on it?)"),
        "{err}"
    );
    drop(server);
    let said = home.ok(&["restore", copy, "--force"]);
    assert!(said.contains("Restored 1 mistake"), "{said}");
    assert!(
        said.contains("The database it replaced is kept as"),
        "{said}"
    );
    assert_eq!(
        home.json(&["list", "--json"])["mistakes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    for (cmd, tool) in [("backup", "pg_dump"), ("restore", "pg_restore")] {
        let err = home.fails(
            &[
                "--database-url",
                "postgres://ana:secret@db.example:5432/rebound",
                cmd,
                copy,
            ],
            1,
        );
        assert!(err.contains(tool), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }
}

#[test]
fn scheduled_backups_keep_the_newest_and_leave_other_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let long_ago = SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    for name in [
        "rebound-20200101T000000Z.db",
        "rebound-20200102T000000Z.db",
        "notes.txt",
    ] {
        let f = std::fs::File::create(backups.join(name)).unwrap();
        f.set_modified(long_ago).unwrap();
    }
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let server = Server::spawn_with(
        &[
            "--backup-dir",
            backups.to_str().unwrap(),
            "--backup-keep",
            "2",
        ],
        &[("REBOUND_DATABASE_URL", &url)],
    )
    .ready();
    let line = server.log_line(|l| l.contains("backup made"));
    assert!(line.contains("removed=1"), "{line}");
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "notes.txt");
    assert_eq!(names[1], "rebound-20200102T000000Z.db");
    assert!(names[2].starts_with("rebound-20"), "{names:?}");
    assert_eq!(integrity(&backups.join(&names[2])), "ok");
}

#[test]
fn scheduled_backups_are_refused_for_postgres_in_words() {
    let home = Rebound::new();
    let err = home.fails(
        &[
            "serve",
            "--backup-dir",
            "/tmp",
            "--database-url",
            "postgres://u@127.0.0.1:1/x",
            "--print-config",
        ],
        2,
    );
    assert!(err.contains("back up PostgreSQL with pg_dump"), "{err}");
}

/// The README's PostgreSQL procedure, as written there.
#[test]
fn postgres_backup_with_pg_dump_restores_with_pg_restore() {
    let Some(source) = TestDatabase::create() else {
        return;
    };
    let Some(target) = TestDatabase::create() else {
        return;
    };
    let home = Rebound::new();
    let id = home.oops(&["--database-url", source.url(), "Kept in PostgreSQL"]);
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("rebound.dump");
    let status = std::process::Command::new("pg_dump")
        .args([
            "--format=custom",
            "--file",
            dump.to_str().unwrap(),
            source.url(),
        ])
        .status()
        .expect("pg_dump runs");
    assert!(status.success());
    let status = std::process::Command::new("pg_restore")
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            target.url(),
        ])
        .arg(&dump)
        .status()
        .expect("pg_restore runs");
    assert!(status.success());
    let shown = home.json(&["--database-url", target.url(), "show", &id, "--json"]);
    assert_eq!(shown["title"], "Kept in PostgreSQL");
}
