//! `rebound preferences` and `rebound webhook` against a served binary:
//! listing and changing choices, setting, showing and removing the chat
//! webhook (never shown whole) and a team's (`--team`, by id or name, for
//! its members), the server's sentence for bad input, and one line and a
//! failure when there is no server.

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
        &["webhook", "show", "--team", "Payments"],
        &["webhook", "remove", "--team", "Payments"],
    ] {
        let e = rb.fails(args, 1);
        assert!(e.contains("rebound login --server URL"), "{args:?}: {e}");
    }
}

fn bearer(rb: &Rebound) -> Auth {
    let file = std::fs::read_to_string(rb.config_dir().join("login.json")).unwrap();
    let login: Value = serde_json::from_str(&file).unwrap();
    Auth::Bearer(login["token"].as_str().unwrap().to_owned())
}

/// Invites `name` (into `team`, if given) and signs a fresh `rebound` in as them.
fn member(server: &Server, admin: &Auth, name: &str, team: Option<&str>) -> Rebound {
    let email = format!("{}@example.com", name.to_lowercase());
    let invite = json!({"email": email, "team": team});
    let r = request(
        &server.addr,
        "POST",
        "/api/v1/invitations",
        admin,
        Some(&invite),
        &[],
    )
    .expect(201, "invite");
    let accept = json!({"token": r.json()["token"], "display_name": name, "password": PASSWORD});
    let path = "/api/v1/invitations/accept";
    request(&server.addr, "POST", path, &Auth::None, Some(&accept), &[]).expect(201, "accept");
    let rb = Rebound::new();
    let url = format!("http://{}", server.addr);
    let args = [
        "login",
        "--server",
        &url,
        "--email",
        &email,
        "--password-stdin",
    ];
    let r = rb.run_with_stdin(&args, &format!("{PASSWORD}\n"));
    assert_eq!(r.code, 0, "login: {}", r.stderr);
    rb
}

#[test]
fn a_teams_channel_by_id_or_name_for_its_members_only() {
    let (server, ana) = served();
    let admin = bearer(&ana);
    let body = json!({"name": "Payments"});
    let r = request(
        &server.addr,
        "POST",
        "/api/v1/teams",
        &admin,
        Some(&body),
        &[],
    )
    .expect(201, "team");
    let team = r.json()["id"].as_str().unwrap().to_owned();
    let cy = member(&server, &admin, "Cy", Some(&team));
    let di = member(&server, &admin, "Di", None);

    let out = cy.ok(&["webhook", "show", "--team", "payments"]);
    assert_eq!(
        out.trim(),
        "No chat webhook. Add one with `rebound webhook set URL --format slack --team payments`."
    );
    let url = format!("https://93.184.215.14/services/{SECRET}");
    let args = [
        "webhook", "set", &url, "--format", "slack", "--team", "Payments", "--label", "#pay",
    ];
    let out = cy.ok(&args);
    assert_eq!(
        out.trim(),
        "Chat webhook of team Payments set: https://93.184.215.14/… (slack). Heads-ups sent to @Payments are posted there."
    );
    assert_eq!(
        cy.ok(&["webhook", "show", "--team", &team]).trim(),
        "https://93.184.215.14/… (slack)  #pay"
    );
    let json = cy.json(&["webhook", "show", "--team", &team, "--json"]);
    assert_eq!(json["team"], team.as_str());
    assert!(!json.to_string().contains("sEcReT"));
    // The team's is not Cy's own, and an admin reaches it too.
    assert!(cy.ok(&["webhook", "show"]).starts_with("No chat webhook."));
    let shown = ana.ok(&["webhook", "show", "--team", "Payments"]);
    assert_eq!(shown.trim(), "https://93.184.215.14/… (slack)  #pay");

    // Not in the team: one line, exit 3, nothing changed; no such team alike.
    let e = di.fails(&["webhook", "show", "--team", "Payments"], 3);
    assert_eq!(e, "rebound: error: there is no such team among yours");
    let e = di.fails(
        &[
            "webhook", "set", &url, "--format", "slack", "--team", "Payments",
        ],
        3,
    );
    assert!(!e.contains("sEcReT"), "{e}");
    di.fails(&["webhook", "remove", "--team", &team], 3);
    let e = cy.fails(&["webhook", "show", "--team", "Search"], 3);
    assert_eq!(
        e,
        "rebound: error: team: no team has the id or name 'Search'"
    );

    let out = cy.ok(&["webhook", "remove", "--team", "Payments"]);
    assert_eq!(
        out.trim(),
        "Chat webhook of team Payments removed: nothing is posted to that channel from now on."
    );
    let e = cy.fails(&["webhook", "remove", "--team", "Payments"], 3);
    assert!(e.contains("no chat webhook to remove"), "{e}");
}
