//! `rebound playbook list | show | search`: the built-in playbooks from the
//! binary itself, with or without a server; `--json` on each; an unknown
//! slug exits 3 with one line naming close slugs; a blank search exits 1.

use crate::harness::Rebound;

#[test]
fn playbook_list_show_and_search() {
    let r = Rebound::new();
    let text = r.ok(&["playbook", "list"]);
    let core = text.find("Confidence after a mistake").unwrap();
    let practices = text.find("Practices").unwrap();
    assert!(core < practices, "{text}");
    assert!(text.contains("credibility-dip"));

    let list = r.json(&["playbook", "list", "--json"]);
    let items = list["playbooks"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    assert!(
        items
            .iter()
            .any(|p| p["slug"] == "first-thirty-minutes" && p["kind"] == "practice")
    );

    let one = r.json(&["playbook", "show", "credibility-dip", "--json"]);
    assert_eq!(one["title"], "The credibility dip after a public mistake");
    assert!(
        one["body_markdown"]
            .as_str()
            .unwrap()
            .starts_with("## What it is")
    );
    let related = one["related"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    assert!(related.iter().all(|p| p["slug"] != "credibility-dip"));
    let shown = r.ok(&["playbook", "show", "credibility-dip"]);
    assert!(shown.starts_with("# The credibility dip") && shown.contains("Related:"));

    let found = r.json(&["playbook", "search", "impostor", "--json"]);
    assert_eq!(found["playbooks"][0]["slug"], "impostor-feelings");
    assert!(found["playbooks"][0]["snippet"].is_string());
    let none = r.json(&["playbook", "search", "xylophone", "--json"]);
    assert_eq!(none["playbooks"], serde_json::json!([]));
    assert!(
        r.ok(&["playbook", "search", "xylophone"])
            .contains("No playbook matches")
    );
}

#[test]
fn playbook_needs_no_server_and_refuses_in_one_line() {
    let r = Rebound::new();
    // Nothing listens on port 9: the playbooks are built in.
    let remote = r.json(&[
        "--server",
        "http://127.0.0.1:9",
        "playbook",
        "list",
        "--json",
    ]);
    assert_eq!(remote, r.json(&["playbook", "list", "--json"]));

    let missing = r.fails(&["playbook", "show", "credibility"], 3);
    assert!(
        missing.contains("no playbook") && missing.contains("credibility-dip"),
        "{missing}"
    );
    let nothing = r.fails(&["playbook", "show", "zzz"], 3);
    assert!(nothing.contains("rebound playbook list"), "{nothing}");
    let blank = r.fails(&["playbook", "search", "  "], 1);
    assert!(blank.contains("blank"), "{blank}");
    let long = "word ".repeat(60);
    assert!(
        r.fails(&["playbook", "search", &long], 1)
            .contains("longer than 200")
    );
}

/// `add` and `edit` on a server: an admin adds from a file and edits from
/// stdin (every version kept); a member is refused in one line; on this
/// computer's database they say where the playbooks live.
#[test]
fn playbook_add_and_edit_on_a_server() {
    use crate::plans::{join, token_of};
    use crate::remote::{Server, login};

    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let file = ana.config_dir().join("checklist.md");
    std::fs::write(&file, "## Before\n\nRun the smoke tests.\n").unwrap();
    let path = file.to_str().unwrap();

    let added = ana.ok(&["playbook", "add", "--title", "Release checklist", path]);
    assert!(
        added.contains("Added release-checklist (version 1)"),
        "{added}"
    );
    let r = ana.run_with_stdin(
        &["playbook", "edit", "release-checklist", "-", "--json"],
        "Run every test.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (v["version"].as_i64(), v["kind"].as_str()),
        (Some(2), Some("organisation"))
    );
    let (status, revs) = server.request(
        "GET",
        "/api/v1/playbooks/release-checklist/revisions",
        Some(&admin),
        None,
    );
    assert_eq!(status, 200, "{revs}");
    assert_eq!(revs["revisions"].as_array().unwrap().len(), 2);

    let taken = ana.fails(&["playbook", "add", "--title", "Four traps", path], 1);
    assert!(taken.contains("built-in"), "{taken}");
    let missing = ana.run(&["playbook", "add", "--title", "X", "/nonexistent/file.md"]);
    assert_ne!(missing.code, 0);
    assert!(missing.stderr.contains("cannot read"), "{}", missing.stderr);

    let (olga, _) = join(&server, &admin, "Olga", "member", None);
    let r = olga.run(&["playbook", "edit", "release-checklist", path]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("only an admin"), "{}", r.stderr);

    let local = Rebound::new();
    let reason = local.fails(&["playbook", "add", "--title", "T", path], 1);
    assert!(reason.contains("kept on its server"), "{reason}");
}
