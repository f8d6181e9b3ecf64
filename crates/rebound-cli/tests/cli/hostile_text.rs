//! Hostile text and the terminal: what the CLI refuses on the way in (the
//! domain's text and time rules, the note's limits), and that text already
//! stored (a teammate's, or from before the rules) never reaches the
//! terminal raw: `list` and `show` print its control characters escaped.

use crate::harness::Rebound;

const PWNED: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";

/// Raw terminal controls: ESC, BEL, CSI (C1), a lone carriage return.
fn raw_controls(out: &str) -> Vec<char> {
    out.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect()
}

#[test]
fn stored_terminal_escapes_print_escaped_in_list_and_show() {
    let rb = Rebound::new();
    let id = rb.oops(&["Wrong totals in the export"]);
    rb.ok(&["timeline", "add", &id, "Noticed it", "--at", "now"]);
    rb.ok(&["update", &id, "Looking into it"]);
    rb.ok(&["note", &id, "--containment", "Paused the export"]);
    // As if written before the rules, or by a teammate's older client.
    rb.local_db(async |c| {
        for sql in [
            "UPDATE mistakes SET title = $1 || 'title', what = $1 || 'what', heads_up_text = $1 || 'heads-up', note_containment = $1 || 'contained'",
            "UPDATE timeline_entries SET body = $1 || 'entry'",
            "UPDATE progress_updates SET body = $1 || 'update' || char(13) || 'overwrite' || char(155) || '31m'",
        ] {
            sqlx::query(sql).bind(PWNED).execute(&mut *c).await.unwrap();
        }
        // Rows from before the kept children document, as migration 0020
        // left them: the store builds it from the rows above when it next
        // opens the file.
        for sql in [
            "UPDATE mistakes SET children = NULL",
            "INSERT INTO rebuilds_pending (what) VALUES ('children')",
        ] {
            sqlx::query(sql).execute(&mut *c).await.unwrap();
        }
    });
    for args in [vec!["list"], vec!["show", &id]] {
        let out = rb.ok(&args);
        assert_eq!(raw_controls(&out), Vec::<char>::new(), "{args:?}: {out:?}");
        assert!(
            out.contains("\\u001b]0;PWNED\\u0007\\u001b[2Jtitle"),
            "{args:?}: {out}"
        );
    }
    let out = rb.ok(&["show", &id]);
    for part in [
        "what",
        "heads-up",
        "contained",
        "entry",
        "update\\u000doverwrite\\u009b31m",
    ] {
        assert!(out.contains(&format!("\\u001b[2J{part}")), "{part}: {out}");
    }
    // JSON stays exact: escaping is for terminals, not for programs.
    assert_eq!(rb.show(&id)["title"], format!("{PWNED}title"));
}

/// The same through a server: a teammate's older client stored the title.
#[test]
fn escapes_from_a_server_print_escaped() {
    let server = crate::remote::Server::start();
    let rb = Rebound::new();
    crate::remote::login(&rb, &server);
    let id = rb.oops(&["Wrong totals in the export"]);
    server.home().local_db(async |c| {
        sqlx::query("UPDATE mistakes SET title = $1 || 'title', what = $1 || 'what'")
            .bind(PWNED)
            .execute(&mut *c)
            .await
            .unwrap();
    });
    for args in [vec!["list"], vec!["show", &id]] {
        let out = rb.ok(&args);
        assert_eq!(raw_controls(&out), Vec::<char>::new(), "{args:?}: {out:?}");
        assert!(
            out.contains("\\u001b]0;PWNED\\u0007\\u001b[2Jtitle"),
            "{args:?}: {out}"
        );
    }
    assert_eq!(rb.show(&id)["title"], format!("{PWNED}title"));
}

#[test]
fn control_characters_and_bidi_overrides_are_refused_naming_the_field() {
    let rb = Rebound::new();
    let reason = rb.fails(&["oops", &format!("{PWNED}Broke the build")], 1);
    assert!(
        reason.contains("the title contains an escape character (U+001B)"),
        "{reason}"
    );
    let reason = rb.fails(&["oops", "Invoice \u{202e}fdp.exe"], 1);
    assert!(
        reason.contains("the title contains an invisible formatting character"),
        "{reason}"
    );
    let id = rb.oops(&["Broke the build"]);
    let before = rb.stored(&id);
    let reason = rb.fails(&["timeline", "add", &id, "bad\u{7}bell"], 1);
    assert!(
        reason.contains("the timeline entry contains a control character"),
        "{reason}"
    );
    // NUL cannot be an argument; it can come through stdin.
    let r = rb.run_with_stdin(&["note", &id, "--containment", "-"], "a\u{0}b");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("the note's containment contains a NUL"),
        "{}",
        r.stderr
    );
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn impossible_times_are_refused_saying_which_bound() {
    let rb = Rebound::new();
    let id = rb.oops(&["Broke the build"]);
    let before = rb.stored(&id);
    let reason = rb.fails(
        &["timeline", "add", &id, "x", "--at", "0000-01-01 00:00"],
        1,
    );
    assert!(reason.contains("before 1970-01-01"), "{reason}");
    let reason = rb.fails(&["oops", "Old", "--detected-at", "0001-01-01 00:00"], 1);
    assert!(reason.contains("before 1970-01-01"), "{reason}");
    let reason = rb.fails(
        &["oops", "Odd", "--detected-at", "2026-01-01T00:00:00+25:00"],
        1,
    );
    assert!(reason.contains("±23:59"), "{reason}");
    let reason = rb.fails(&["note", &id, "--fix-due", "2199-01-01 10:00"], 1);
    assert!(reason.contains("more than ten years ahead"), "{reason}");
    assert_eq!(rb.stored(&id), before);
}

#[test]
fn note_fields_have_the_api_limits() {
    let rb = Rebound::new();
    let id = rb.oops(&["Broke the build"]);
    let before = rb.stored(&id);
    let long = "x".repeat(rebound_domain::mistake::MAX_TEXT_CHARS + 1);
    for flag in ["--containment", "--fix", "--who", "--what-wrong"] {
        let r = rb.run_with_stdin(&["note", &id, flag, "-"], &long);
        assert_eq!(r.code, 1, "{flag}: {}", r.stderr);
        assert!(
            r.stderr.contains("the limit is 20000"),
            "{flag}: {}",
            r.stderr
        );
    }
    let r = rb.run(&["note", &id, "--owner", &"o".repeat(201)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(rb.stored(&id), before);
    let fits = "x".repeat(rebound_domain::mistake::MAX_TEXT_CHARS);
    let r = rb.run_with_stdin(&["note", &id, "--containment", "-"], &fits);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
