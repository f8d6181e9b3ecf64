//! `rebound heads-up send` end to end: a served binary whose delivery
//! worker sends to a real SMTP server (aiosmtpd, installed by
//! scripts/setup-smtp; a test fails, never skips, without it). The helpers
//! here are shared with `notify_test.rs`.

use crate::harness::{Rebound, Run};
use crate::served::{Auth, Server, request};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub const FROM: &str = "Rebound <rebound@example.com>";
pub const EMAIL: &str = "ana@example.com";
const PASSWORD: &str = "correct horse battery staple";

/// Waits (up to a minute, generous on a loaded machine) for `n` messages.
pub fn arrived(rx: &SmtpReceiver, n: usize) -> Vec<Received> {
    arrived_where(rx, n, |_| true)
}

/// The heads-ups received, once there are `n`. A spawned server runs on the
/// real clock, so a test that crosses a quarter hour on a Monday may also
/// get its Monday note (the digest sweep's schedule); only heads-ups count.
fn heads_ups(rx: &SmtpReceiver, n: usize) -> Vec<Received> {
    arrived_where(rx, n, is_heads_up)
}

fn is_heads_up(m: &Received) -> bool {
    m.header("Subject")
        .is_some_and(|s| s.starts_with("Heads-up:"))
}

fn arrived_where(rx: &SmtpReceiver, n: usize, keep: impl Fn(&Received) -> bool) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let got: Vec<Received> = rx.messages().into_iter().filter(|m| keep(m)).collect();
        if got.len() >= n {
            return got;
        }
        assert!(
            Instant::now() < deadline,
            "expected {n} messages, got {}",
            got.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn write(rb: &Rebound, name: &str, text: &str) -> PathBuf {
    let path = rb.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs with extra environment variables.
pub fn run_env(rb: &Rebound, args: &[&str], env: &[(&str, &str)]) -> Run {
    let o = rb.command(args).envs(env.iter().copied()).output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Insists on exit `code` and one error line on stderr; returns it.
pub fn refused(r: &Run, code: i32) -> String {
    let line = r.stderr.trim();
    assert_eq!(r.code, code, "stdout {} stderr {line}", r.stdout);
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    assert!(line.starts_with("rebound: error: "), "{line}");
    assert!(!line.contains("panicked"), "{line}");
    line.to_string()
}

/// A served binary sending through `rx` (or with no email when `None`),
/// with one account, and a CLI signed in to it.
fn served(rx: Option<&SmtpReceiver>) -> (Server, Rebound) {
    let server = served_only(rx);
    let rb = Rebound::new();
    login(&rb, &format!("http://{}", server.addr));
    (server, rb)
}

/// The served binary with its first account set up.
fn served_only(rx: Option<&SmtpReceiver>) -> Server {
    let url = rx.map(SmtpReceiver::url);
    let mut args = Vec::new();
    if let Some(url) = &url {
        args.extend(["--smtp-url", url.as_str(), "--mail-from", FROM]);
    }
    let server = Server::spawn_with(&args, &[]).ready();
    let body = json!({
        "email": EMAIL,
        "display_name": "Ana Ruiz",
        "password": PASSWORD,
        "time_zone": "UTC",
    });
    let setup = "/api/v1/setup";
    request(&server.addr, "POST", setup, &Auth::None, Some(&body), &[]).expect(201, "setup");
    server
}

fn login(rb: &Rebound, url: &str) {
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            url,
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(r.code, 0, "login: {}", r.stderr);
}

#[test]
fn heads_up_send_mails_each_address_and_wait_reports_delivery() {
    let rx = SmtpReceiver::start();
    let (_server, rb) = served(Some(&rx));
    let id = rb.oops(&[
        "Dropped the refunds table",
        "--doing",
        "restoring it from last night's backup",
    ]);

    let out = rb.ok(&[
        "heads-up",
        "send",
        &id,
        "--to",
        "bo@example.com",
        "--to",
        "cy@example.com",
        "--wait",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Queued to bo@example.com", "{out}");
    assert_eq!(lines[1], "Queued to cy@example.com", "{out}");
    assert!(lines[2].starts_with("Heads-up marked sent at "), "{out}");
    assert!(lines[2].ends_with("state owned"), "{out}");
    let mut outcomes = lines[3..].to_vec();
    outcomes.sort();
    assert_eq!(
        outcomes,
        ["Delivered to bo@example.com", "Delivered to cy@example.com"]
    );

    let got = heads_ups(&rx, 2);
    let mut to: Vec<String> = got.iter().filter_map(|m| m.header("To")).collect();
    to.sort();
    assert_eq!(to, ["bo@example.com", "cy@example.com"]);
    for m in &got {
        assert!(
            m.text()
                .unwrap()
                .contains("restoring it from last night's backup")
        );
    }
    let shown = rb.show(&id);
    assert!(shown["heads_up"]["sent_at"].is_string(), "{shown}");
    assert_eq!(shown["state"], "owned");

    // Sent once: a second send is the server's refusal, and no more mail.
    let line = refused(
        &rb.run(&["heads-up", "send", &id, "--to", "bo@example.com"]),
        1,
    );
    assert!(line.contains("already"), "{line}");

    // --json without --wait: the API's answer, the record as sent.
    let other = rb.oops(&["Paused the wrong campaign"]);
    let v = rb.json(&[
        "heads-up",
        "send",
        &other,
        "--to",
        "dee@example.com",
        "--json",
    ]);
    assert_eq!(v["id"], other.as_str());
    assert_eq!(v["heads_up"]["sent_to"], "dee@example.com");
    assert_eq!(v["state"], "owned");
    let got = heads_ups(&rx, 3);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        heads_ups(&rx, 3).len(),
        3,
        "one more, for the second mistake only: {got:?}"
    );
}

#[test]
fn heads_up_send_wait_says_when_a_message_is_still_being_retried() {
    // The mail server answers 451 for later.invalid: the message stays
    // queued for a later attempt, and --wait gives up saying so (exit 4).
    let rx = SmtpReceiver::start();
    let (_server, rb) = served(Some(&rx));
    let id = rb.oops(&["Rotated the wrong key"]);
    let r = rb.run(&[
        "heads-up",
        "send",
        &id,
        "--to",
        "ops@later.invalid",
        "--wait",
    ]);
    let line = refused(&r, 4);
    assert!(
        line.contains("1 message(s) not delivered within 30 seconds"),
        "{line}"
    );
    assert!(
        r.stdout
            .contains("Not delivered yet to ops@later.invalid after 1 attempt(s), still retrying:"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("451"), "{}", r.stdout);
    assert!(rb.show(&id)["heads_up"]["sent_at"].is_string());
}

#[test]
fn heads_up_send_refuses_bad_input_in_the_servers_words_and_changes_nothing() {
    let rx = SmtpReceiver::start();
    let (_server, rb) = served(Some(&rx));
    let id = rb.oops(&["Sent the wrong invoice batch"]);
    let before = rb.stored(&id);

    let line = refused(
        &rb.run(&["heads-up", "send", &id, "--to", "not-an-address"]),
        1,
    );
    assert!(
        line.contains("to: 'not-an-address' is not an email address"),
        "{line}"
    );
    let line = refused(&rb.run(&["heads-up", "send", &id]), 1);
    assert!(
        line.contains("to: give at least one email address"),
        "{line}"
    );
    let line = refused(
        &rb.run(&["heads-up", "send", "m_nope", "--to", "bo@example.com"]),
        1,
    );
    assert!(!line.is_empty());
    assert_eq!(rb.stored(&id), before, "nothing changed");

    // --json: the API's answer; --wait with a refused recipient: its
    // reason and a non-zero exit.
    let r = rb.run(&[
        "heads-up",
        "send",
        &id,
        "--to",
        "x@refused.invalid",
        "--wait",
        "--json",
    ]);
    let line = refused(&r, 1);
    assert!(
        line.contains("not delivered to x@refused.invalid"),
        "{line}"
    );
    assert!(line.contains("550"), "{line}");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).expect("one JSON object");
    assert_eq!(v["mistake"]["id"], id.as_str());
    assert!(v["mistake"]["heads_up"]["sent_at"].is_string(), "{v}");
    assert_eq!(v["messages"][0]["state"], "failed", "{v}");
    assert_eq!(heads_ups(&rx, 0).len(), 0);
}

#[test]
fn heads_up_send_needs_a_server_with_email() {
    // A server without smtp_url says so.
    let (_server, rb) = served(None);
    let id = rb.oops(&["Merged without review"]);
    let line = refused(
        &rb.run(&["heads-up", "send", &id, "--to", "bo@example.com"]),
        1,
    );
    assert!(
        line.contains("email is not set up on this server"),
        "{line}"
    );
    assert!(rb.show(&id)["heads_up"]["sent_at"].is_null());

    // This machine's database: refused, naming what is needed; nothing changed.
    let local = Rebound::new();
    let id = local.oops(&["Merged without review"]);
    let before = local.stored(&id);
    let r = local.run(&["heads-up", "send", &id, "--to", "bo@example.com"]);
    let line = refused(&r, 1);
    assert!(line.contains("rebound serve"), "{line}");
    assert!(line.contains("--server URL"), "{line}");
    assert!(
        line.contains(&format!("rebound heads-up sent {id}")),
        "{line}"
    );
    assert_eq!(local.stored(&id), before);
}

#[test]
fn heads_up_send_is_refused_when_the_mistake_changed_since_it_was_read() {
    // A real HTTP proxy in front of the server: just before it forwards
    // the send, it edits the heads-up with the same credential, so the
    // send arrives over a version that is no longer the stored one.
    let rx = SmtpReceiver::start();
    let server = served_only(Some(&rx));
    let proxy = crate::proxy::EditingProxy::start(&server.addr);
    let rb = Rebound::new();
    login(&rb, &proxy.url());
    let id = rb.oops(&["Deleted the staging bucket"]);

    let r = rb.run(&["heads-up", "send", &id, "--to", "bo@example.com"]);
    let line = refused(&r, 4);
    assert!(line.contains("since you read it"), "{line}");
    assert_eq!(proxy.edits(), 1, "the proxy edited once");
    assert_eq!(r.stdout, "", "nothing queued");
    let shown = rb.show(&id);
    assert!(shown["heads_up"]["sent_at"].is_null(), "{line} {shown}");
    let text = shown["heads_up"]["text"].as_str().unwrap();
    assert!(text.contains(crate::proxy::EDIT), "{text}");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(heads_ups(&rx, 0).len(), 0);
}
