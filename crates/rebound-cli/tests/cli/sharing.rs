//! Stakeholders, comments and share links from the terminal (issue 17):
//! through a server they are the API's; on this computer's database a
//! change is refused in one line saying why, and the lists say there are
//! none here. Exports in HTML and for chat; and no progress bar in a pipe.

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

/// Invites `name`, signs a fresh `rebound` in as them.
fn member(server: &Server, admin: &str, name: &str) -> Rebound {
    let email = format!("{}@example.com", name.to_lowercase());
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations",
        Some(admin),
        Some(&json!({ "email": email })),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations/accept",
        None,
        Some(&json!({"token": body["token"], "display_name": name, "password": PASS})),
    );
    assert_eq!(status, 201, "{body}");
    let rb = Rebound::new();
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &server.url(),
            "--email",
            &email,
            "--password-stdin",
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    rb
}

/// No bar, spinner or escape code reached a pipe.
fn no_progress(stderr: &str) {
    assert!(!stderr.contains('\u{1b}'), "escape code in {stderr:?}");
    assert!(!stderr.contains('\r'), "redraw in {stderr:?}");
    for c in ['█', '░', '⠁', '⠂', '⠄', '⡀', '⢀', '⠠', '⠐', '⠈'] {
        assert!(!stderr.contains(c), "{c} in {stderr:?}");
    }
}

#[test]
fn share_comment_and_link_through_a_server() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let stella = member(&server, &token_of(&ana), "Stella");
    let id = ana.oops(&["Wrong totals sent", "--visibility", "stakeholders"]);

    // Stakeholders, by the email they sign in with.
    let none = ana.ok(&["share", &id]);
    assert!(none.starts_with("Not shared with anyone yet"), "{none}");
    stella.fails(&["comments", &id], 3);
    let said = ana.ok(&["share", &id, "--with", "stella@example.com"]);
    assert_eq!(
        said.trim(),
        "Shared with stella@example.com: named a stakeholder and notified."
    );
    let again = ana.ok(&["share", &id, "--with", "stella@example.com"]);
    assert!(again.contains("already a stakeholder"), "{again}");
    let listed = ana.json(&["share", &id, "--json"]);
    assert_eq!(listed["stakeholders"][0]["display_name"], "Stella");
    assert!(ana.ok(&["share", &id]).starts_with("Stella  named "));
    let nobody = ana.fails(&["share", &id, "--with", "nobody@example.com"], 1);
    assert!(
        nobody.contains("nobody signs in to this server as nobody@example.com"),
        "{nobody}"
    );

    // The conversation: Stella comments, Ana replies from stdin.
    let posted = stella.ok(&["comment", &id, "Thanks, **noted**."]);
    let first = posted
        .trim()
        .strip_prefix("Comment ")
        .unwrap()
        .strip_suffix(" posted.")
        .unwrap();
    let r = ana.run_with_stdin(
        &["comment", &id, "-", "--reply-to", first],
        "Rolled back at 14:12.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Replied ("), "{}", r.stdout);
    let thread = ana.ok(&["comments", &id]);
    let lines: Vec<&str> = thread.lines().collect();
    assert!(lines[0].starts_with("Stella · "), "{thread}");
    assert_eq!(lines[1], "  Thanks, **noted**.");
    assert!(lines[2].starts_with("    Ana Ruiz · "), "{thread}");
    let json = ana.json(&["comments", &id, "--json"]);
    assert_eq!(json["comments"][1]["parent"], first);
    let empty = ana.fails(&["comment", &id, "   "], 1);
    assert!(empty.contains("the comment is empty"), "{empty}");

    // Share links: made (the address once, on stdout), listed, revoked.
    let r = ana.run(&[
        "link",
        &id,
        "--label",
        "client team",
        "--expires",
        "in 3 days",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let url = r.stdout.trim();
    assert!(url.starts_with(&format!("{}/s/", server.url())), "{url}");
    assert!(r.stderr.contains("shown only now"), "{}", r.stderr);
    let links = ana.json(&["link", &id, "--list", "--json"]);
    let link = links["links"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(links["links"][0]["label"], "client team");
    assert!(
        ana.ok(&["link", &id, "--list"])
            .contains("client team · live until")
    );
    let far = ana.fails(&["link", &id, "--expires", "in 200 days"], 1);
    assert!(far.contains("90 days"), "{far}");
    stella.fails(&["link", &id, "--list"], 3);
    let revoked = ana.ok(&["link", &id, "--revoke", &link]);
    assert!(
        revoked.starts_with(&format!("Link {link} revoked")),
        "{revoked}"
    );
    assert!(
        ana.ok(&["link", &id, "--list"])
            .contains("client team · revoked")
    );
    ana.fails(&["link", &id, "--revoke", "zzzzzzzz"], 3);

    // Removing Stella ends her access.
    let gone = ana.ok(&["share", &id, "--remove", "stella@example.com"]);
    assert!(
        gone.starts_with("No longer shared with stella@example.com"),
        "{gone}"
    );
    stella.fails(&["comments", &id], 3);
    let not = ana.fails(&["share", &id, "--remove", "stella@example.com"], 3);
    assert!(not.contains("is not a stakeholder"), "{not}");

    // A list over the network, piped: no spinner.
    let r = ana.run(&["list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    no_progress(&r.stderr);
}

#[test]
fn on_this_computer_sharing_says_why_it_needs_a_server() {
    let rb = Rebound::new();
    let id = rb.oops(&["Wrong totals sent"]);
    for args in [
        vec!["share", &id, "--with", "stella@example.com"],
        vec!["share", &id, "--remove", "stella@example.com"],
        vec!["comment", &id, "hello"],
        vec!["comment", &id],
        vec!["link", &id],
        vec!["link", &id, "--list"],
    ] {
        let why = rb.fails(&args, 1);
        assert!(
            why.contains("needs your team's Rebound server"),
            "{args:?}: {why}"
        );
    }
    assert!(rb.ok(&["share", &id]).contains("shared with nobody"));
    assert!(
        rb.ok(&["comments", &id])
            .starts_with("No comments on this machine")
    );
    assert_eq!(
        rb.json(&["comments", &id, "--json"]),
        json!({"comments": []})
    );
    rb.fails(&["comments", "zzzzzzzz"], 3);
}

#[test]
fn exports_in_html_and_for_chat() {
    let rb = Rebound::new();
    let id = rb.oops(&["Wrong <b>totals</b> sent"]);
    rb.ok(&[
        "note",
        &id,
        "--containment",
        "Paused it <img src=x onerror=alert(1)> and **re-ran** it",
        "--who",
        "finance",
    ]);
    let r = rb.run(&["export", &id, "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = r.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<style>") && !html.contains("<script"),
        "{html}"
    );
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<strong>re-ran</strong>"),
        "the web's Markdown: {html}"
    );
    assert!(html.contains("<title>Wrong &lt;b&gt;totals&lt;/b&gt; sent</title>"));
    no_progress(&r.stderr);

    let chat = rb.ok(&["export", &id, "--format", "chat"]);
    assert!(
        chat.starts_with("*Wrong &lt;b&gt;totals&lt;/b&gt; sent* — "),
        "{chat}"
    );
    assert!(chat.contains("• *Affected:* finance"), "{chat}");
    assert!(
        chat.contains("• *Containment:* Paused it &lt;img"),
        "{chat}"
    );

    let bad = rb.fails(&["export", &id, "--format", "pdf"], 1);
    assert!(
        bad.contains("choose markdown, email, html, chat or json"),
        "{bad}"
    );
}
