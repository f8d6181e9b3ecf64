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
