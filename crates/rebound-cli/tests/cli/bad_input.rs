//! Bad input gets a one-line reason and a non-zero exit, and what is already
//! stored stays exactly as it was.

use crate::harness::Rebound;

/// Records a fully-formed mistake and returns (id, its JSON).
fn stored(rb: &Rebound) -> (String, serde_json::Value) {
    let id = rb.oops(&[
        "Sent the wrong dashboard version to finance",
        "--detected-at",
        "5m ago",
    ]);
    rb.ok(&["timeline", "add", &id, "v42 published", "--at", "1h ago"]);
    (id.clone(), rb.stored(&id))
}

#[test]
fn empty_title_is_refused() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let reason = rb.fails(&["oops", "   "], 1);
    assert!(reason.contains("title is empty"), "{reason}");
    assert_eq!(rb.stored(&id), before);
    assert_eq!(
        rb.json(&["list", "--json"])["mistakes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn unknown_and_malformed_ids_are_refused() {
    let rb = Rebound::new();
    let reason = rb.fails(&["show", "zzzzzzzz"], 3);
    assert!(reason.contains("no mistake with id zzzzzzzz"), "{reason}");
    let reason = rb.fails(&["show", "42"], 1);
    assert!(reason.contains("'42' is not a mistake id"), "{reason}");
    rb.fails(&["close", "zzzzzzzz"], 3);
}

#[test]
fn malformed_times_are_refused_and_nothing_changes() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let reason = rb.fails(
        &["oops", "Broke the build", "--detected-at", "lunchtime"],
        1,
    );
    assert!(
        reason.contains("cannot read 'lunchtime' as a time"),
        "{reason}"
    );
    let reason = rb.fails(&["timeline", "add", &id, "something", "--at", "25:61"], 1);
    assert!(reason.contains("cannot read '25:61'"), "{reason}");
    // Read, then refused for what it is: a time ahead.
    let reason = rb.fails(&["oops", "Broke the build", "--detected-at", "in 2h"], 1);
    assert!(reason.contains("cannot be in the future"), "{reason}");
    let reason = rb.fails(&["heads-up", "sent", &id, "--at", "2099-01-01 10:00"], 1);
    assert!(reason.contains("in the future"), "{reason}");
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn a_start_after_detection_is_refused() {
    let rb = Rebound::new();
    let reason = rb.fails(
        &[
            "oops",
            "Broke the build",
            "--started-at",
            "5m ago",
            "--detected-at",
            "1h ago",
        ],
        1,
    );
    assert!(
        reason.contains("start time") && reason.contains("after the detection time"),
        "{reason}"
    );
    assert!(rb.ok(&["list"]).contains("No open mistakes"));
}

#[test]
fn unknown_state_severity_checkbox_and_role_are_refused() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let reason = rb.fails(&["move", &id, "done"], 1);
    assert!(
        reason.contains("unknown state 'done'") && reason.contains("contained"),
        "{reason}"
    );
    let reason = rb.fails(&["oops", "Broke the build", "--severity", "apocalyptic"], 1);
    assert!(
        reason.contains("unknown severity 'apocalyptic'"),
        "{reason}"
    );
    let reason = rb.fails(&["check", &id, "feelings"], 1);
    assert!(reason.contains("unknown checkbox 'feelings'"), "{reason}");
    let reason = rb.fails(&["commit", &id, "bugfix", "abc1234"], 1);
    assert!(reason.contains("unknown commit role 'bugfix'"), "{reason}");
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn checkboxes_need_their_note_sections() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let reason = rb.fails(&["check", &id, "impact"], 1);
    assert!(reason.contains("who was affected"), "{reason}");
    let reason = rb.fails(&["check", &id, "prevention"], 1);
    assert!(reason.contains("no prevention item"), "{reason}");
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn a_missing_repository_is_refused() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let missing = rb.dir.path().join("no-such-repo");
    let reason = rb.fails(
        &[
            "commit",
            &id,
            "hotfix",
            "abc1234",
            "--repo",
            missing.to_str().unwrap(),
        ],
        1,
    );
    assert!(reason.contains("no-such-repo"), "{reason}");
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn an_unusable_data_directory_is_refused_with_its_path() {
    let rb = Rebound::new();
    let file = rb.dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let r = rb
        .command(&["list"])
        .env("REBOUND_DATA_DIR", &file)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(4));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("a-file") && err.contains("not a directory"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");

    let under_file = file.join("data");
    let r = rb
        .command(&["list"])
        .env("REBOUND_DATA_DIR", &under_file)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&r.stderr).contains("cannot create the data directory"));
}

#[test]
fn an_unknown_database_url_scheme_is_refused() {
    let rb = Rebound::new();
    let r = rb
        .command(&["list"])
        .env("REBOUND_DATABASE_URL", "mysql://localhost/x")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("unsupported database URL scheme 'mysql'"));
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_intact() {
    let rb = Rebound::new();
    let (id, _) = stored(&rb);
    let db = rb.data_dir().join("rebound.db");
    // A newer Rebound would have applied a migration this build does not know.
    rb.local_db(async |c| {
        sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (99990101000000, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)")
            .execute(c)
            .await
            .unwrap();
    });
    let size = std::fs::metadata(&db).unwrap().len();
    let reason = rb.fails(&["show", &id], 4);
    assert!(reason.contains("newer version of Rebound"), "{reason}");
    rb.fails(&["oops", "Another one"], 4);
    assert_eq!(std::fs::metadata(&db).unwrap().len(), size);
}

#[test]
fn an_empty_update_or_entry_is_refused() {
    let rb = Rebound::new();
    let (id, before) = stored(&rb);
    let reason = rb.fails(&["update", &id, "  "], 1);
    assert!(reason.contains("update is empty"), "{reason}");
    let reason = rb.fails(&["timeline", "add", &id, ""], 1);
    assert!(reason.contains("timeline entry is empty"), "{reason}");
    let reason = rb.fails(&["timeline", "star", &id, "999999"], 3);
    assert!(reason.contains("no timeline entry 999999"), "{reason}");
    let reason = rb.fails(&["update", &id, "--cadence", "sometimes"], 1);
    assert!(
        reason.contains("cannot read cadence 'sometimes'"),
        "{reason}"
    );
    assert_eq!(rb.stored(&id), before);
}
