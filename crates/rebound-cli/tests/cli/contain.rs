//! The first thirty minutes, start to finish, as a person runs it.

use crate::harness::Rebound;

#[test]
fn oops_json_gives_id_and_a_heads_up_without_placeholders() {
    let rb = Rebound::new();
    let out = rb.json(&[
        "oops",
        "Sent the wrong dashboard version to finance",
        "--json",
    ]);
    let id = out["id"].as_str().unwrap();
    let heads_up = out["heads_up"].as_str().unwrap();
    assert_eq!(id.len(), 8);
    assert!(heads_up.contains("dashboard"), "{heads_up}");
    for bad in ["[", "<", "TODO", "None"] {
        assert!(!heads_up.contains(bad), "placeholder {bad:?} in {heads_up}");
    }
    // What is missing is named, so a script or a person can supply it.
    assert_eq!(out["missing"], serde_json::json!(["doing", "affected"]));
    assert_eq!(rb.show(id)["state"], "detected");
}

#[test]
fn oops_prints_the_heads_up_alone_on_stdout_and_names_the_missing_flag() {
    let rb = Rebound::new();
    let r = rb.run(&[
        "oops",
        "Deleted the staging bucket",
        "--affected",
        "the QA team",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // One line that ends: piped, it does not run into the next output.
    assert!(r.stdout.ends_with(".\n"), "{:?}", r.stdout);
    let heads_up = r.stdout.trim();
    assert_eq!(heads_up.lines().count(), 1, "{heads_up}");
    assert!(heads_up.contains("staging bucket"), "{heads_up}");
    assert!(r.stderr.contains("--doing"), "names the flag: {}", r.stderr);
    assert!(r.stderr.contains("heads-up sent"), "{}", r.stderr);
}

#[test]
fn doing_feeds_the_second_sentence() {
    let rb = Rebound::new();
    let out = rb.json(&[
        "oops",
        "Sent the wrong dashboard version to finance",
        "--doing",
        "re-sending the correct version",
        "--affected",
        "the finance leads",
        "--json",
    ]);
    let text = out["heads_up"].as_str().unwrap();
    assert!(text.contains("re-sending the correct version"), "{text}");
    assert_eq!(out["missing"], serde_json::json!([]));

    // Redrafting later with --doing also works.
    let id = out["id"].as_str().unwrap();
    rb.ok(&[
        "heads-up",
        "edit",
        id,
        "--doing",
        "rolling back to yesterday's export",
    ]);
    let text = rb.ok(&["heads-up", "show", id]);
    assert!(
        text.contains("rolling back to yesterday's export"),
        "{text}"
    );
}

#[test]
fn the_whole_first_thirty_minutes() {
    let rb = Rebound::new();
    let id = rb.oops(&[
        "Sent the wrong dashboard version to finance",
        "--detected-at",
        "12m ago",
        "--started-at",
        "2h ago",
        "--affected",
        "the finance leads",
        "--severity",
        "high",
    ]);

    // Own it: the heads-up is sent 4 minutes after detection.
    let m = rb.json(&[
        "heads-up",
        "sent",
        &id,
        "--at",
        "8m ago",
        "--to",
        "Dana (manager)",
        "--json",
    ]);
    assert_eq!(m["state"], "owned");
    assert_eq!(m["clocks"]["time_to_own_secs"], 240);
    assert_eq!(m["clocks"]["time_undetected_secs"], 108 * 60);

    // Timeline within 15 minutes, full dates, starred entries.
    rb.ok(&[
        "timeline",
        "add",
        &id,
        "v42 of the dashboard published",
        "--at",
        "2h ago",
        "--star",
    ]);
    rb.ok(&[
        "timeline",
        "add",
        &id,
        "Finance asks why refunds doubled",
        "--at",
        "12m ago",
    ]);
    let m = rb.show(&id);
    assert_eq!(m["timeline"].as_array().unwrap().len(), 2);
    assert_eq!(m["clocks"]["timeline"]["status"], "met");
    let second = m["timeline"][1]["id"].as_i64().unwrap();
    rb.ok(&["timeline", "star", &id, &second.to_string()]);
    let listed = rb.ok(&["timeline", "list", &id]);
    assert_eq!(listed.matches('★').count(), 2, "{listed}");
    assert!(
        listed.contains(" UTC  v42 of the dashboard published"),
        "full date and time: {listed}"
    );
    assert!(listed.contains("20"), "{listed}");

    // The note, from flags: impact, containment, fix and schedule, prevention, owner.
    let m = rb.json(&[
        "note",
        &id,
        "--who",
        "the finance leads",
        "--how-many",
        "6 people",
        "--since",
        "2h ago",
        "--what-wrong",
        "Q3 revenue tile counted refunds twice",
        "--containment",
        "Pulled v42 and re-sent v41",
        "--fix",
        "Correct the refund join in the revenue query",
        "--fix-due",
        "in 3h",
        "--preventive",
        "Diff the revenue tile against the ledger before publishing",
        "--detective",
        "Alert when revenue moves more than 5% day on day",
        "--owner",
        "me",
        "--json",
    ]);
    assert_eq!(m["note"]["prevention"].as_array().unwrap().len(), 2);
    let kinds: Vec<&str> = m["note"]["prevention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["detective", "preventive"]);
    // Written about 12 minutes after detection: inside the 30-minute target.
    assert_eq!(m["clocks"]["note"]["status"], "met");

    // Two checkboxes, then the lifecycle.
    let refused = rb.fails(&["close", &id], 1);
    assert!(
        refused.contains("impact documented and prevention defined"),
        "{refused}"
    );
    rb.ok(&["check", &id, "impact"]);
    let refused = rb.fails(&["close", &id], 1);
    assert!(refused.contains("prevention defined"), "{refused}");
    assert!(!refused.contains("impact documented"), "{refused}");
    // The refusal names the command that fixes it, with this mistake's id.
    assert!(
        refused.contains(&format!("(tick with `rebound check {id} prevention`)")),
        "{refused}"
    );
    rb.ok(&["check", &id, "prevention"]);
    rb.ok(&["move", &id, "contained"]);
    rb.ok(&["move", &id, "fixed"]);
    rb.ok(&["move", &id, "reviewed"]);
    let m = rb.json(&["close", &id, "--json"]);
    assert_eq!(m["state"], "closed");
    let history: Vec<&str> = m["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        history,
        ["owned", "contained", "fixed", "reviewed", "closed"]
    );
    assert!(
        m["transitions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["at"].is_string())
    );

    // Closed mistakes leave the open list but stay on record.
    assert!(rb.ok(&["list"]).contains("No open mistakes"));
    assert!(rb.ok(&["list", "--all"]).contains(&id));

    // The human view carries every part.
    let text = rb.ok(&["show", &id]);
    for part in [
        "Heads-up",
        "time to own 4 min",
        "undetected for 1 h 48 min",
        "Timeline",
        "Follow-up note",
        "Commits",
        "[x] impact documented",
        "History",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
}

#[test]
fn moving_forward_records_the_move_made_and_owning_needs_the_heads_up() {
    let rb = Rebound::new();
    let id = rb.oops(&["Pushed the price change to all regions"]);
    let refused = rb.fails(&["move", &id, "contained"], 1);
    assert!(refused.contains("heads-up"), "{refused}");
    rb.ok(&["heads-up", "sent", &id]);
    let m = rb.json(&["move", &id, "fixed", "--json"]);
    let to: Vec<&str> = m["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["to"].as_str().unwrap())
        .collect();
    // Fixed straight from owned: "contained" is not invented on the way.
    assert_eq!(to, ["owned", "fixed"]);
    let refused = rb.fails(&["move", &id, "owned"], 1);
    assert!(
        refused.contains("cannot go back from fixed to owned"),
        "{refused}"
    );
    // The one permitted step back: the fix did not hold.
    assert_eq!(
        rb.json(&["move", &id, "contained", "--json"])["state"],
        "contained"
    );
}

#[test]
fn clocks_show_time_left_and_keep_misses() {
    let rb = Rebound::new();
    let fresh = rb.oops(&["Forgot to renew the TLS certificate"]);
    let text = rb.ok(&["show", &fresh]);
    assert!(text.contains("min left"), "{text}");

    let late = rb.oops(&[
        "Forgot to renew the TLS certificate",
        "--detected-at",
        "50m ago",
    ]);
    let m = rb.show(&late);
    assert_eq!(m["clocks"]["timeline"]["status"], "overdue");
    assert_eq!(m["clocks"]["note"]["status"], "overdue");
    assert!(rb.ok(&["show", &late]).contains("LATE by 35 min"));

    // Writing the timeline now stops the clock, but the miss is kept.
    rb.ok(&[
        "timeline",
        "add",
        &late,
        "Certificate expired at midnight",
        "--at",
        "50m ago",
    ]);
    let m = rb.show(&late);
    assert_eq!(m["clocks"]["timeline"]["status"], "missed");
    assert_eq!(m["clocks"]["timeline"]["late_by_secs"], 35 * 60);
    assert!(
        rb.ok(&["show", &late])
            .contains("missed: written 50 min after detection, 35 min late")
    );
}

#[test]
fn exports_read_as_a_note_a_person_would_send() {
    let rb = Rebound::new();
    let id = rb.oops(&[
        "Sent the wrong dashboard version to finance",
        "--doing",
        "re-sending v41",
        "--detected-at",
        "10m ago",
    ]);
    rb.ok(&[
        "timeline",
        "add",
        &id,
        "v42 published",
        "--at",
        "1h ago",
        "--star",
    ]);
    rb.ok(&[
        "note",
        &id,
        "--who",
        "the finance leads",
        "--what-wrong",
        "refunds counted twice",
        "--fix",
        "correct the refund join",
        "--fix-due",
        "in 2h",
        "--preventive",
        "compare with the ledger before publishing",
    ]);

    let md = rb.ok(&["export", &id, "--format", "markdown"]);
    assert!(md.starts_with('#'), "{md}");
    for part in [
        "the finance leads",
        "refunds counted twice",
        "v42 published",
        "correct the refund join",
        "compare with the ledger",
    ] {
        assert!(md.contains(part), "markdown lacks {part:?}:\n{md}");
    }
    let email = rb.ok(&["export", &id, "--format", "email"]);
    assert!(email.starts_with("Subject: "), "{email}");
    assert!(!email.contains("## "), "no Markdown in email:\n{email}");
    assert!(
        email
            .lines()
            .all(|l| l.chars().count() <= 72 || !l.contains(' ')),
        "{email}"
    );
    let json = rb.json(&["export", &id, "--format", "json"]);
    assert_eq!(json["id"], id);
    assert_eq!(json["state"], "detected");
    let r = rb.run(&["export", &id, "--format", "pdf"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "there is no export format 'pdf': choose markdown, email, html, chat or json"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn data_persists_across_runs_and_database_url_overrides_the_data_dir() {
    let rb = Rebound::new();
    let id = rb.oops(&["Deleted the staging bucket"]);
    assert!(rb.ok(&["list"]).contains(&id));
    assert!(rb.data_dir().join("rebound.db").exists());

    let other = rb.dir.path().join("elsewhere.db");
    let url = format!("sqlite://{}?mode=rwc", other.display());
    let out = rb
        .command(&["oops", "Emailed the wrong customer list", "--json"])
        .env("REBOUND_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(other.exists());
    let listed = rb
        .command(&["list"])
        .env("REBOUND_DATABASE_URL", &url)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("Emailed the wrong customer list") && !listed.contains(&id),
        "{listed}"
    );
}

#[test]
fn on_a_terminal_oops_asks_what_you_are_doing() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let rb = Rebound::new();
    // `script` runs the command on a real pseudo-terminal, as a person would.
    let cmd = format!(
        "{} oops 'Deleted the staging bucket'",
        env!("CARGO_BIN_EXE_rebound")
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("REBOUND_DATA_DIR", rb.data_dir())
        .env("TZ", "UTC")
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"the QA team\nrestoring it from last night's snapshot\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("Who is affected?"), "{screen}");
    assert!(screen.contains("What are you doing about it"), "{screen}");
    let listed = rb.json(&["list", "--json"]);
    let heads_up = listed["mistakes"][0]["heads_up"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        heads_up.contains("restoring it from last night's snapshot"),
        "{heads_up}"
    );
    assert!(heads_up.contains("the QA team"), "{heads_up}");
}

#[test]
fn facts_can_be_corrected_and_the_draft_follows() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let out = rb.ok(&[
        "edit",
        &id,
        "--affected",
        "the finance leads",
        "--severity",
        "high",
    ]);
    assert!(out.contains("affects the finance leads"), "{out}");
    let m = rb.show(&id);
    assert_eq!(m["severity"], "high");
    assert_eq!(m["clocks"]["next_update"]["every_secs"], 3600);
    let reason = rb.fails(
        &[
            "edit",
            &id,
            "--started-at",
            "now",
            "--detected-at",
            "1h ago",
        ],
        1,
    );
    assert!(reason.contains("after the detection time"), "{reason}");
    let reason = rb.fails(&["edit", &id], 1);
    assert!(reason.contains("nothing to change"), "{reason}");
    assert_eq!(rb.show(&id)["affected"], "the finance leads");
}

#[test]
fn visibility_can_be_chosen_when_recording() {
    let rb = Rebound::new();
    let id = rb.oops(&["Deleted the staging bucket", "--visibility", "team"]);
    assert_eq!(rb.show(&id)["visibility"], "team");
    let private = rb.oops(&["Deleted the staging bucket"]);
    assert_eq!(
        rb.show(&private)["visibility"],
        "private",
        "private unless chosen"
    );
    let reason = rb.fails(
        &[
            "oops",
            "Deleted the staging bucket",
            "--visibility",
            "everyone",
        ],
        1,
    );
    assert!(reason.contains("unknown visibility 'everyone'"), "{reason}");
}
