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

/// Posts `n` updates, "news 0" the oldest.
fn post(rb: &Rebound, id: &str, n: usize) {
    for i in 0..n {
        rb.ok(&["update", id, &format!("news {i}")]);
    }
}

/// `show` carries the newest 20 and says how to see the rest; `updates`
/// pages them, newest first, the same here and against a server.
#[test]
fn show_names_the_older_updates_and_updates_pages_them_here_and_on_a_server() {
    let server = crate::remote::Server::start();
    let remote = Rebound::new();
    crate::remote::login(&remote, &server);
    for rb in [Rebound::new(), remote] {
        let id = rb.oops(&["Posted to for weeks", "--severity", "low"]);
        post(&rb, &id, 23);
        let shown = rb.ok(&["show", &id]);
        assert!(
            shown.contains("news 22") && shown.contains("news 3\n"),
            "{shown}"
        );
        assert!(!shown.contains("news 2\n"), "{shown}");
        let hint = format!("… and 3 older updates (`rebound updates {id} --all`)");
        assert!(shown.contains(&hint), "{shown}");
        let m = rb.show(&id);
        assert_eq!(m["updates_total"], 23);
        assert_eq!(m["older_updates"], 3);

        let page = rb.ok(&["updates", &id, "--limit", "5"]);
        let lines: Vec<&str> = page.lines().collect();
        assert_eq!(lines.len(), 6, "{page}");
        assert!(
            lines[0].ends_with("news 22") && lines[4].ends_with("news 18"),
            "{page}"
        );
        let next = lines[5]
            .strip_prefix(&format!("Older ones: rebound updates {id} --before "))
            .unwrap_or_else(|| panic!("{page}"));
        let page = rb.ok(&["updates", &id, "--before", next, "--limit", "100"]);
        assert!(page.lines().next().unwrap().ends_with("news 17"), "{page}");
        assert!(page.trim_end().ends_with("news 0"), "{page}");
        assert!(!page.contains("Older ones"), "{page}");

        let all = rb.json(&["updates", &id, "--all", "--json"]);
        let texts: Vec<&str> = all["updates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["text"].as_str().unwrap())
            .collect();
        let want: Vec<String> = (0..23).rev().map(|i| format!("news {i}")).collect();
        assert_eq!(texts, want);
        assert_eq!(all["older"], false);

        let md = rb.ok(&["export", &id, "--format", "markdown"]);
        assert!(
            md.contains("— news 0\n") && md.contains("— news 22\n"),
            "{md}"
        );
        let err = rb.fails(&["updates", &id, "--before", "999999999"], 1);
        assert!(err.contains("one of this mistake's updates"), "{err}");
    }
}
