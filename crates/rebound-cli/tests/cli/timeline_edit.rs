//! Correcting the record (issue 17): `rebound timeline edit|remove` keep
//! the past on the record, locally and against a server alike, and
//! `rebound edit --started/--noticed` moves the clocks.

use crate::harness::Rebound;
use crate::remote::{Server, login};

/// Adds two entries; returns their ids as `show --json` gives them.
fn two_entries(rb: &Rebound, id: &str) -> (String, String) {
    rb.ok(&["timeline", "add", id, "v42 publshed", "--at", "20m ago"]);
    rb.ok(&[
        "timeline",
        "add",
        id,
        "rolled back to v41",
        "--at",
        "10m ago",
    ]);
    let m = rb.show(id);
    let ids: Vec<String> = m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap().to_string())
        .collect();
    (ids[0].clone(), ids[1].clone())
}

/// The same story on either backend.
fn edit_and_remove(rb: &Rebound) {
    let id = rb.oops(&["Sent the wrong dashboard", "--noticed", "30m ago"]);
    let (first, second) = two_entries(rb, &id);
    let clock = rb.show(&id)["clocks"]["timeline"].clone();

    // show lists the ids people pass.
    let shown = rb.ok(&["show", &id]);
    assert!(shown.contains(&format!("[{first}]")), "{shown}");

    let said = rb.ok(&[
        "timeline",
        "edit",
        &id,
        &first,
        "--text",
        "v42 published",
        "--at",
        "25m ago",
        "--star",
    ]);
    assert!(
        said.contains("earlier wording stays on the record"),
        "{said}"
    );
    let said = rb.ok(&["timeline", "remove", &id, &second]);
    assert!(said.contains("Removed entry"), "{said}");

    let m = rb.show(&id);
    let e = &m["timeline"][0];
    assert_eq!(e["text"], "v42 published");
    assert_eq!(e["starred"], true);
    assert_eq!(e["earlier"][0]["text"], "v42 publshed");
    assert!(m["timeline"][1]["removed_at"].is_string(), "{m}");
    assert_eq!(m["clocks"]["timeline"]["status"], clock["status"]);

    let listed = rb.ok(&["timeline", "list", &id]);
    assert!(
        listed.contains("before:") && listed.contains("v42 publshed"),
        "{listed}"
    );
    assert!(listed.contains("rolled back to v41  (removed "), "{listed}");
    let md = rb.ok(&["export", &id]);
    assert!(
        md.contains("v42 published") && !md.contains("rolled back"),
        "{md}"
    );

    // Refusals: one line, nothing changed.
    let before = rb.stored(&id);
    let reason = rb.fails(&["timeline", "edit", &id, &second, "--text", "again"], 1);
    assert!(reason.contains("was removed"), "{reason}");
    let reason = rb.fails(&["timeline", "remove", &id, &second], 1);
    assert!(reason.contains("was removed"), "{reason}");
    let reason = rb.fails(&["timeline", "edit", &id, &first], 1);
    assert!(reason.contains("nothing to change"), "{reason}");
    let reason = rb.fails(&["timeline", "edit", &id, &first, "--at", "in 2 hours"], 1);
    assert!(reason.contains("future"), "{reason}");
    let reason = rb.fails(&["timeline", "remove", &id, "999999"], 3);
    assert!(reason.contains("no timeline entry 999999"), "{reason}");
    let mut after = rb.stored(&id);
    let mut before = before;
    for v in [&mut before, &mut after] {
        v.as_object_mut().unwrap().remove("next_update_due");
    }
    assert_eq!(before, after);

    // When it started and was noticed, corrected: the clocks follow.
    let m = rb.json(&[
        "edit",
        &id,
        "--noticed",
        "40m ago",
        "--started",
        "100m ago",
        "--json",
    ]);
    assert_eq!(m["clocks"]["time_undetected_secs"], 3600, "{m}");
    let reason = rb.fails(&["edit", &id, "--started", "5m ago"], 1);
    assert!(reason.contains("before it started"), "{reason}");
}

#[test]
fn timeline_entries_are_edited_and_removed_on_this_computer() {
    edit_and_remove(&Rebound::new());
}

#[test]
fn timeline_entries_are_edited_and_removed_on_a_server() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    edit_and_remove(&rb);
}
