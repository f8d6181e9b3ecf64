//! `rebound preferences` and `rebound webhook` against a served binary:
//! listing and changing choices, setting, showing and removing the chat
//! webhook (never shown whole), the server's sentence for bad input, and
//! one line and a failure when there is no server.

use crate::harness::Rebound;
use crate::served::{Auth, Server, request};
use serde_json::{Value, json};

const EMAIL: &str = "ana@example.com";
const PASSWORD: &str = "correct horse battery staple";
const SECRET: &str = "T0001/B0002/sEcReTpAtH";

/// A served binary (loopback webhooks allowed) with one account, and a CLI
/// signed in to it.
fn served() -> (Server, Rebound) {
    let server = Server::spawn_with(&["--webhook-allow-private", "127.0.0.1/32"], &[]).ready();
    let body = json!({"email": EMAIL, "display_name": "Ana Ruiz", "password": PASSWORD, "time_zone": "UTC"});
    request(
        &server.addr,
        "POST",
        "/api/v1/setup",
        &Auth::None,
        Some(&body),
        &[],
    )
    .expect(201, "setup");
    let rb = Rebound::new();
    let url = format!("http://{}", server.addr);
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &url,
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(r.code, 0, "login: {}", r.stderr);
    (server, rb)
}

fn row<'a>(list: &'a Value, kind: &str, channel: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind && c["channel"] == channel)
        .unwrap_or_else(|| panic!("{kind} by {channel} in {list}"))
}

#[test]
fn preferences_list_and_change() {
    let (_server, rb) = served();
    let list = rb.json(&["preferences", "--json"]);
    assert_eq!(row(&list, "digest", "email")["enabled"], true);
    assert_eq!(row(&list, "digest", "email")["default"], true);
    let text = rb.ok(&["preferences"]);
    let digest = text
        .lines()
        .find(|l| l.starts_with("digest ") && l.contains(" email "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        digest.contains(" on ") && digest.contains("default"),
        "{digest}"
    );
    assert!(digest.contains("The Monday note"), "{digest}");

    let out = rb.ok(&["preferences", "set", "digest", "email", "off"]);
    assert_eq!(out.trim(), "digest by email: off.");
    rb.ok(&["preferences", "set", "update", "chat", "on"]);
    let list = rb.json(&["preferences", "--json"]);
    assert_eq!(row(&list, "digest", "email")["enabled"], false);
    assert_eq!(row(&list, "digest", "email")["default"], false);
    assert_eq!(row(&list, "update", "chat")["enabled"], true);
    let text = rb.ok(&["preferences"]);
    let digest = text
        .lines()
        .find(|l| l.starts_with("digest ") && l.contains(" email "))
        .unwrap();
    assert!(
        digest.contains(" off ") && digest.contains("chosen"),
        "{digest}"
    );

    // Bad input: the server's sentence, one line; a bad state before asking.
    let e = rb.fails(&["preferences", "set", "gossip", "email", "on"], 1);
    assert!(
        e.starts_with("rebound: error: kind: 'gossip' is not a kind of message; choose one of stakeholder_note, update, "),
        "{e}"
    );
    assert!(e.ends_with(", digest"), "{e}");
    let e = rb.fails(&["preferences", "set", "digest", "pigeon", "on"], 1);
    assert_eq!(
        e,
        "rebound: error: channel: 'pigeon' is not a channel; choose email or chat"
    );
    let e = rb.fails(&["preferences", "set", "heads_up", "email", "off"], 1);
    assert!(e.contains("only when you ask for it"), "{e}");
    let e = rb.fails(&["preferences", "set", "digest", "email", "maybe"], 1);
    assert!(e.contains("neither on nor off"), "{e}");
}

#[test]
fn webhook_set_show_remove_never_shows_the_secret() {
    let (_server, rb) = served();
    let out = rb.ok(&["webhook", "show"]);
    assert!(out.starts_with("No chat webhook."), "{out}");
    assert_eq!(rb.json(&["webhook", "show", "--json"]), Value::Null);

    let url = format!("https://93.184.215.14/services/{SECRET}");
    let out = rb.ok(&["webhook", "set", &url, "--format", "slack", "--label", "me"]);
    assert!(out.contains("https://93.184.215.14/…"), "{out}");
    assert!(!out.contains("sEcReT"), "{out}");
    let shown = rb.ok(&["webhook", "show"]);
    assert_eq!(shown.trim(), "https://93.184.215.14/… (slack)  me");
    let json = rb.json(&["webhook", "show", "--json"]);
    assert_eq!(json["format"], "slack");
    assert!(!json.to_string().contains("sEcReT"));

    // From standard input, replacing it; loopback is allowed by this server.
    let lo = format!("https://127.0.0.1:9/hooks/{SECRET}\n");
    let r = rb.run_with_stdin(&["webhook", "set", "-", "--format", "mattermost"], &lo);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("sEcReT"), "{}", r.stdout);
    assert_eq!(
        rb.ok(&["webhook", "show"]).trim(),
        "https://127.0.0.1:9/… (mattermost)"
    );

    // A private address the operator did not list: the server's sentence.
    let lan = format!("https://10.1.2.3/hooks/{SECRET}");
    let e = rb.fails(&["webhook", "set", &lan, "--format", "slack"], 1);
    assert!(
        e.contains("url: the webhook URL points at a private address (10.1.2.3)"),
        "{e}"
    );
    assert!(!e.contains("sEcReT"), "{e}");
    let e = rb.fails(&["webhook", "set", &url, "--format", "teams"], 1);
    assert!(e.contains("format: choose slack or mattermost"), "{e}");

    let out = rb.ok(&["webhook", "remove"]);
    assert!(out.starts_with("Chat webhook removed"), "{out}");
    let e = rb.fails(&["webhook", "remove"], 3);
    assert!(e.contains("no chat webhook to remove"), "{e}");
}

#[test]
fn without_a_server_they_say_so_and_fail() {
    let rb = Rebound::new();
    for args in [
        &["preferences"][..],
        &["preferences", "set", "digest", "email", "off"],
        &["webhook", "show"],
        &[
            "webhook",
            "set",
            "https://93.184.215.14/x",
            "--format",
            "slack",
        ],
        &["webhook", "remove"],
    ] {
        let e = rb.fails(args, 1);
        assert!(e.contains("rebound login --server URL"), "{args:?}: {e}");
    }
}
