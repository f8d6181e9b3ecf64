//! `rebound playbook list | show | search`: on this computer the built-in
//! playbooks from the binary itself; against a server the server's answer,
//! the organisation's own playbooks with them; `--json` on each; an unknown
//! slug exits 3 with one line naming close slugs; a blank search, or one
//! with nothing to match ("the of !"), exits 1.

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
fn playbook_refuses_in_one_line() {
    let r = Rebound::new();

    let missing = r.fails(&["playbook", "show", "credibility"], 3);
    assert!(
        missing.contains("no playbook") && missing.contains("credibility-dip"),
        "{missing}"
    );
    let nothing = r.fails(&["playbook", "show", "zzz"], 3);
    assert!(nothing.contains("rebound playbook list"), "{nothing}");
    let blank = r.fails(&["playbook", "search", "  "], 1);
    assert!(blank.contains("blank"), "{blank}");
    let common = r.fails(&["playbook", "search", "the", "of", "!"], 1);
    assert!(common.contains("has nothing to match"), "{common}");
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

    // Read against the server, the organisation's playbook is listed,
    // found and shown beside the built-ins, for anyone signed in.
    let list = olga.json(&["playbook", "list", "--json"]);
    let items = list["playbooks"].as_array().unwrap();
    assert_eq!(items.len(), 21, "{list}");
    let listed = olga.ok(&["playbook", "list"]);
    let org = listed.find("Your organisation's playbooks").unwrap();
    assert!(org < listed.find("release-checklist").unwrap(), "{listed}");
    let found = olga.json(&["playbook", "search", "every", "test", "--json"]);
    assert_eq!(
        found["playbooks"][0]["slug"], "release-checklist",
        "{found}"
    );
    let shown = olga.ok(&["playbook", "show", "release-checklist"]);
    assert!(
        shown.starts_with("# Release checklist") && shown.contains("Run every test."),
        "{shown}"
    );
    let missing = olga.fails(&["playbook", "show", "release-check"], 3);
    assert!(missing.contains("release-check"), "{missing}");

    let local = Rebound::new();
    let reason = local.fails(&["playbook", "add", "--title", "T", path], 1);
    assert!(reason.contains("kept on its server"), "{reason}");
    let list = local.json(&["playbook", "list", "--json"]);
    assert_eq!(
        list["playbooks"].as_array().unwrap().len(),
        20,
        "built-ins only here"
    );
    // A server that does not answer is said in one line.
    let down = local.fails(&["--server", "http://127.0.0.1:9", "playbook", "list"], 1);
    assert!(down.contains("127.0.0.1:9"), "{down}");
}
