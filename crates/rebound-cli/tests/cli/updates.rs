//! Progress updates, cadence and snooze; `list` flags what is overdue.

use crate::harness::Rebound;

#[test]
fn cadence_defaults_by_severity_and_list_flags_overdue_updates() {
    let rb = Rebound::new();
    let critical = rb.oops(&[
        "Took the checkout down in the EU",
        "--severity",
        "critical",
        "--detected-at",
        "45m ago",
    ]);
    let low = rb.oops(&["Typo in the release notes", "--severity", "low"]);
    let m = rb.show(&critical);
    assert_eq!(m["clocks"]["next_update"]["every_secs"], 30 * 60);
    assert_eq!(m["clocks"]["next_update"]["overdue"], true);
    assert_eq!(
        rb.show(&low)["clocks"]["next_update"]["every_secs"],
        24 * 3600
    );

    let list = rb.ok(&["list"]);
    let line = list.lines().find(|l| l.starts_with(&critical)).unwrap();
    assert!(line.contains("OVERDUE 15 min"), "{list}");
    let line = list.lines().find(|l| l.starts_with(&low)).unwrap();
    assert!(!line.contains("OVERDUE"), "{list}");

    // Posting an update resets the clock.
    rb.ok(&[
        "update",
        &critical,
        "Traffic moved to the US region; EU checkout back in 10 minutes",
    ]);
    let m = rb.show(&critical);
    assert_eq!(m["clocks"]["next_update"]["overdue"], false);
    assert_eq!(m["updates"].as_array().unwrap().len(), 1);
    let listed = rb.json(&["list", "--json"]);
    assert_eq!(listed["mistakes"].as_array().unwrap().len(), 2);
}

#[test]
fn snooze_and_none_change_what_is_due() {
    let rb = Rebound::new();
    let id = rb.oops(&[
        "Took the checkout down in the EU",
        "--severity",
        "critical",
        "--detected-at",
        "45m ago",
    ]);
    let m = rb.json(&["update", &id, "--snooze", "1h", "--json"]);
    assert_eq!(m["clocks"]["next_update"]["overdue"], false);
    let m = rb.json(&["update", &id, "--cadence", "none", "--json"]);
    // The explicit promise still stands after the cadence is switched off.
    assert!(m["clocks"]["next_update"].is_object());
    rb.ok(&["update", &id, "Checkout is back"]);
    let m = rb.show(&id);
    assert!(m["clocks"]["next_update"].is_null(), "{}", m["clocks"]);
    assert!(rb.ok(&["show", &id]).contains("none promised"));
    let m = rb.json(&["update", &id, "--cadence", "2h", "--json"]);
    assert_eq!(m["clocks"]["next_update"]["every_secs"], 7200);
}

#[test]
fn no_updates_are_expected_once_fixed() {
    let rb = Rebound::new();
    let id = rb.oops(&[
        "Took the checkout down in the EU",
        "--severity",
        "critical",
        "--detected-at",
        "45m ago",
    ]);
    rb.ok(&["heads-up", "sent", &id]);
    rb.ok(&["move", &id, "fixed"]);
    assert!(rb.show(&id)["clocks"]["next_update"].is_null());
    let list = rb.ok(&["list"]);
    assert!(!list.contains("OVERDUE"), "{list}");
}
