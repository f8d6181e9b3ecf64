//! `rebound notifications` against a server: a stakeholder lists what she
//! was notified of (newest first, `--unread`, `--json`), marks one read and
//! then all; an id of someone else's or none at all is one line and exit 3
//! and changes nothing; on this computer's database there are none.

use crate::harness::Rebound;
use crate::remote::{Server, login};
use serde_json::{Value, json};

const PASS: &str = "a long enough pass phrase";

fn token_of(rb: &Rebound) -> String {
    let file = std::fs::read_to_string(rb.config_dir().join("login.json")).unwrap();
    serde_json::from_str::<Value>(&file).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Invites Stella, signs a fresh `rebound` in as her; her id too.
fn stella(server: &Server, admin: &str) -> (Rebound, String) {
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations",
        Some(admin),
        Some(&json!({"email": "stella@example.com"})),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations/accept",
        None,
        Some(&json!({"token": body["token"], "display_name": "Stella", "password": PASS})),
    );
    assert_eq!(status, 201, "{body}");
    let id = body["user"]["id"].as_str().unwrap().to_string();
    let rb = Rebound::new();
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &server.url(),
            "--email",
            "stella@example.com",
            "--password-stdin",
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (rb, id)
}

fn listed(rb: &Rebound, args: &[&str]) -> Value {
    let mut all = vec!["notifications", "--json"];
    all.extend_from_slice(args);
    rb.json(&all)
}

fn ids(v: &Value) -> Vec<String> {
    v["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_stakeholder_lists_and_marks_read_and_nobody_else_can() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let (stella, stella_id) = stella(&server, &admin);

    // Nothing yet: the empty state says what will come.
    let empty = stella.ok(&["notifications"]);
    assert!(empty.starts_with("No notifications yet."), "{empty}");

    let id = ana.oops(&["Wrong totals sent", "--visibility", "stakeholders"]);
    let named = format!("/api/v1/mistakes/{id}/stakeholders/{stella_id}");
    let (status, body) = server.request("PUT", &named, Some(&admin), Some(&json!({})));
    assert_eq!(status, 201, "{body}");
    let updates = format!("/api/v1/mistakes/{id}/updates");
    let (status, body) = server.request(
        "POST",
        &updates,
        Some(&admin),
        Some(&json!({"text": "v41 back"})),
    );
    assert!(status < 300, "{body}");

    // Newest first, in words, with the ids to act on.
    let text = stella.ok(&["notifications"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("unread  "), "{text}");
    assert!(
        lines[0].ends_with("A progress update was posted on \u{201c}Wrong totals sent\u{201d}."),
        "{text}"
    );
    assert!(
        lines[2].ends_with("You were named a stakeholder on \u{201c}Wrong totals sent\u{201d}."),
        "{text}"
    );
    assert!(lines[1].contains(&format!("mistake {id}")), "{text}");
    let all = listed(&stella, &[]);
    assert_eq!(all["unread"], 2);
    let kinds: Vec<&str> = all["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["update_posted", "stakeholder_added"]);
    assert_eq!(all["notifications"][0]["mistake"], id.as_str());
    assert_eq!(all["notifications"][0]["title"], "Wrong totals sent");
    let [newest, oldest] = <[String; 2]>::try_from(ids(&all)).unwrap();

    // Ana cannot mark Stella's: "no notification … among yours", exit 3.
    let reason = ana.fails(&["notifications", "read", &newest], 3);
    assert!(
        reason.contains(&format!("no notification {newest} among yours")),
        "{reason}"
    );
    assert_eq!(
        listed(&stella, &["--unread"])["notifications"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Ana marking all of hers (none) touches none of Stella's.
    ana.ok(&["notifications", "read", "--all"]);
    assert_eq!(listed(&stella, &[])["unread"], 2);

    // One read: only the other is left unread.
    let said = stella.ok(&["notifications", "read", &newest]);
    assert_eq!(said.trim(), format!("Notification {newest} marked read."));
    assert_eq!(
        ids(&listed(&stella, &["--unread"])),
        std::slice::from_ref(&oldest)
    );
    let text = stella.ok(&["notifications"]);
    assert!(
        text.lines().next().unwrap().starts_with("read    "),
        "{text}"
    );

    // Bad input: one line, non-zero, nothing changed.
    let reason = stella.fails(&["notifications", "read", "7kq3x9mz"], 3);
    assert!(
        reason.contains("no notification 7kq3x9mz among yours"),
        "{reason}"
    );
    let reason = stella.fails(&["notifications", "read", "nope!"], 1);
    assert!(
        reason.contains("'nope!' is not a notification id"),
        "{reason}"
    );
    let r = stella.run(&["notifications", "read"]);
    assert_eq!(r.code, 2, "neither an id nor --all: {}", r.stderr);
    assert_eq!(ids(&listed(&stella, &["--unread"])), [oldest]);

    // All read.
    let said = stella.ok(&["notifications", "read", "--all"]);
    assert_eq!(said.trim(), "All your notifications are marked read.");
    let none = stella.ok(&["notifications", "--unread"]);
    assert_eq!(none.trim(), "No unread notifications.");
    let after = listed(&stella, &[]);
    assert_eq!(after["unread"], 0);
    assert_eq!(after["notifications"].as_array().unwrap().len(), 2);

    // A title with terminal escapes (an older client stored it) prints
    // escaped; --json keeps it exact.
    let pwned = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    server.home().local_db(async |c| {
        sqlx::query("UPDATE mistakes SET title = $1 || 'title'")
            .bind(pwned)
            .execute(&mut *c)
            .await
            .unwrap();
    });
    let text = stella.ok(&["notifications"]);
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert_eq!(raw, Vec::<char>::new(), "{text:?}");
    assert!(
        text.contains("\\u001b]0;PWNED\\u0007\\u001b[2Jtitle"),
        "{text}"
    );
    let exact = listed(&stella, &[]);
    assert_eq!(exact["notifications"][0]["title"], format!("{pwned}title"));
}

#[test]
fn on_this_computers_database_there_are_none() {
    let rb = Rebound::new();
    let said = rb.ok(&["notifications"]);
    assert!(
        said.starts_with("No notifications on this machine"),
        "{said}"
    );
    let v = rb.json(&["notifications", "--json"]);
    assert_eq!(v, json!({"notifications": [], "unread": 0}));
    let said = rb.ok(&["notifications", "read", "--all"]);
    assert!(said.contains("No notifications on this machine"), "{said}");
    let reason = rb.fails(&["notifications", "read", "7kq3x9mz"], 3);
    assert!(
        reason.contains("no notification 7kq3x9mz among yours"),
        "{reason}"
    );
    let reason = rb.fails(&["notifications", "read", "nope!"], 1);
    assert!(reason.contains("is not a notification id"), "{reason}");
}
