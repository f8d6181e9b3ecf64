//! Long or sensitive text from stdin or $EDITOR, so it need not sit in shell history.

use crate::harness::Rebound;

#[test]
fn what_and_timeline_text_can_come_from_stdin() {
    let rb = Rebound::new();
    let r = rb.run_with_stdin(
        &["oops", "Shared the salary sheet with the wrong channel", "--what", "-", "--json"],
        "I shared the salary sheet in #general instead of #people-ops.\nIt was visible for 4 minutes.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let m = rb.show(&id);
    assert!(
        m["what"]
            .as_str()
            .unwrap()
            .contains("It was visible for 4 minutes.")
    );

    let r = rb.run_with_stdin(
        &["timeline", "add", &id, "-"],
        "Deleted the message from #general\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        rb.show(&id)["timeline"][0]["text"],
        "Deleted the message from #general"
    );

    let r = rb.run_with_stdin(
        &["update", &id, "-"],
        "All copies removed; IT confirmed no downloads.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        rb.show(&id)["updates"][0]["text"],
        "All copies removed; IT confirmed no downloads."
    );
}

#[test]
fn the_note_template_round_trips_through_stdin() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    rb.ok(&[
        "note",
        &id,
        "--who",
        "the finance leads",
        "--what-wrong",
        "refunds counted twice",
        "--containment",
        "Pulled v42",
        "--corrective",
        "Re-send the corrected figures",
        "--owner",
        "Ana",
    ]);
    let before = rb.show(&id)["note"].clone();
    let template = rb.ok(&["note", &id, "--template"]);
    assert!(template.contains("refunds counted twice"), "{template}");
    let r = rb.run_with_stdin(&["note", &id, "--stdin"], &template);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        rb.show(&id)["note"],
        before,
        "an untouched template changes nothing"
    );

    let edited = template.replace("Pulled v42", "Pulled v42 and re-sent v41");
    let r = rb.run_with_stdin(&["note", &id, "--stdin"], &edited);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        rb.show(&id)["note"]["containment"],
        "Pulled v42 and re-sent v41"
    );
}

#[test]
fn a_broken_template_is_refused_and_the_text_is_kept() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let before = rb.show(&id)["note"].clone();
    let r = rb.run_with_stdin(
        &["note", &id, "--stdin"],
        "## Impact\nWho: finance\n\n## Prevention\n- [someday] maybe\n",
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("the note was not saved"), "{}", r.stderr);
    assert!(r.stderr.contains("someday"), "{}", r.stderr);
    assert!(r.stderr.contains("kept in"), "{}", r.stderr);
    assert_eq!(rb.show(&id)["note"], before);
}

#[test]
fn the_note_and_heads_up_can_be_written_in_the_editor() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    // An "editor" that fills in the Who line and the owner, as a person would.
    let script = rb.dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i -e 's/^Who:.*/Who: the finance leads/' -e 's/^What was wrong:.*/What was wrong: refunds counted twice/' \"$1\"\n",
    )
    .unwrap();
    make_executable(&script);
    let out = rb
        .command(&["note", &id, "--editor"])
        .env("EDITOR", &script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = rb.show(&id);
    assert_eq!(m["note"]["impact"]["who"], "the finance leads");
    assert_eq!(m["note"]["impact"]["what_wrong"], "refunds counted twice");

    let script2 = rb.dir.path().join("editor2.sh");
    std::fs::write(&script2, "#!/bin/sh\nprintf 'Finance: the Q3 dashboard I sent at 9 was wrong. Corrected version within the hour.\\n' > \"$1\"\n").unwrap();
    make_executable(&script2);
    let out = rb
        .command(&["heads-up", "edit", &id, "--editor"])
        .env("VISUAL", &script2)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = rb.show(&id);
    assert_eq!(
        m["heads_up"]["text"],
        "Finance: the Q3 dashboard I sent at 9 was wrong. Corrected version within the hour."
    );
    assert_eq!(m["heads_up"]["edited"], true);
}

#[test]
fn an_editor_that_fails_changes_nothing() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let before = rb.show(&id)["heads_up"].clone();
    let out = rb
        .command(&["heads-up", "edit", &id, "--editor"])
        .env("EDITOR", "false")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was changed"));
    assert_eq!(rb.show(&id)["heads_up"], before);
}

fn make_executable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
