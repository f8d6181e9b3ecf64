//! Sending from Rebound, end to end against a real SMTP server (aiosmtpd,
//! installed by scripts/setup-smtp; a test fails, never skips, without it):
//! `rebound notify test` checks the delivery settings from `serve`'s
//! layers, and `rebound heads-up send` goes through a served binary whose
//! delivery worker sends the mail.

use crate::harness::{Rebound, Run};
use crate::served::{Auth, Server, request};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const FROM: &str = "Rebound <rebound@example.com>";
const EMAIL: &str = "ana@example.com";
const PASSWORD: &str = "correct horse battery staple";

/// Waits (up to a minute, generous on a loaded machine) for `n` messages.
fn arrived(rx: &SmtpReceiver, n: usize) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let got = rx.messages();
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

fn write(rb: &Rebound, name: &str, text: &str) -> PathBuf {
    let path = rb.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs with extra environment variables.
fn run_env(rb: &Rebound, args: &[&str], env: &[(&str, &str)]) -> Run {
    let o = rb.command(args).envs(env.iter().copied()).output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Insists on exit `code` and one error line on stderr; returns it.
fn refused(r: &Run, code: i32) -> String {
    let line = r.stderr.trim();
    assert_eq!(r.code, code, "stdout {} stderr {line}", r.stdout);
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    assert!(line.starts_with("rebound: error: "), "{line}");
    assert!(!line.contains("panicked"), "{line}");
    line.to_string()
}

#[test]
fn notify_test_sends_a_test_message_the_mail_server_receives() {
    let rx = SmtpReceiver::start();
    let rb = Rebound::new();
    // smtp_url from the config file, mail_from from the environment: the
    // layers `serve` reads.
    let file = write(
        &rb,
        "rebound.toml",
        &format!("smtp_url = \"{}\"\n", rx.url()),
    );
    let r = run_env(
        &rb,
        &[
            "notify",
            "test",
            "--to",
            "bo@example.com",
            "--config",
            file.to_str().unwrap(),
        ],
        &[("REBOUND_MAIL_FROM", FROM)],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].starts_with("Settings read: mail server smtp://127.0.0.1:"));
    assert!(lines[0].contains("rebound@example.com"), "{}", lines[0]);
    assert!(lines[1].starts_with("Connected to the mail server at 127.0.0.1:"));
    assert!(lines[2].starts_with("Sent a test message to bo@example.com"));

    let got = arrived(&rx, 1);
    let m = &got[0];
    assert!(m.header("From").unwrap().contains("rebound@example.com"));
    assert_eq!(m.header("To").as_deref(), Some("bo@example.com"));
    assert_eq!(m.header("Subject").as_deref(), Some("Rebound test message"));
    let id = m.header("Message-ID").expect("a Message-ID");
    assert!(id.ends_with("@example.com>"), "{id}");
    assert!(
        lines[2].contains(&id),
        "the id printed is the one sent: {}",
        lines[2]
    );
    assert!(m.text().unwrap().contains("test message from Rebound"));
    assert!(m.html().unwrap().contains("<p>This is a test message"));
}

#[test]
fn notify_test_names_the_step_that_failed() {
    let mut rx = SmtpReceiver::start();
    let url = rx.url();
    let port = rx.port();
    let rb = Rebound::new();
    let base = ["notify", "test", "--smtp-url", &url, "--mail-from", FROM];

    // The mail server refuses the recipient: the sending step says so.
    let mut args = base.to_vec();
    args.extend(["--to", "nobody@refused.invalid"]);
    let line = refused(&rb.run(&args), 1);
    assert!(line.contains("sending the test message failed"), "{line}");
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");

    // Nothing listening: the connecting step, exit 4.
    rx.stop();
    let mut args = base.to_vec();
    args.extend(["--to", "bo@example.com"]);
    let r = rb.run(&args);
    let line = refused(&r, 4);
    assert!(r.stdout.starts_with("Settings read:"), "{}", r.stdout);
    assert!(!r.stdout.contains("Connected"), "{}", r.stdout);
    assert!(line.contains("connecting failed"), "{line}");
    assert!(
        line.contains(&format!(
            "reach the mail server at 127.0.0.1:{port}: connection refused"
        )),
        "{line}"
    );

    // Not an address: said before anything is tried.
    let mut args = base.to_vec();
    args.extend(["--to", "bo at example"]);
    let r = rb.run(&args);
    let line = refused(&r, 1);
    assert!(
        line.contains("--to: 'bo at example' is not an email address"),
        "{line}"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn notify_test_refuses_bad_settings_naming_them_and_never_the_password() {
    let rb = Rebound::new();
    let secret = "pa55-wörd-s3cret";
    let to = ["notify", "test", "--to", "bo@example.com"];

    // A bad smtp_url in a file: the file and the key, not the URL.
    let file = write(
        &rb,
        "bad.toml",
        &format!(
            "smtp_url = \"smtp://ana:{secret}@mail.example.com/inbox\"\nmail_from = \"{EMAIL}\"\n"
        ),
    );
    let mut args = to.to_vec();
    args.extend(["--config", file.to_str().unwrap()]);
    let r = rb.run(&args);
    let line = refused(&r, 2);
    assert!(
        line.contains(&format!("in the config file {}", file.display())),
        "{line}"
    );
    assert!(line.contains("smtp_url"), "{line}");
    assert!(
        !line.contains(secret) && !r.stdout.contains(secret),
        "{line}"
    );

    // A flag beats the file, as for `serve`: the same file with a good
    // --smtp-url gets past the settings to the mail server.
    let rx = SmtpReceiver::start();
    let good = rx.url();
    let mut args = to.to_vec();
    args.extend(["--config", file.to_str().unwrap(), "--smtp-url", &good]);
    let r = rb.run(&args);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(arrived(&rx, 1)[0].header("From").as_deref(), Some(EMAIL));

    // smtp_url without mail_from.
    let mut args = to.to_vec();
    args.extend(["--smtp-url", "smtp://127.0.0.1:2525?tls=none"]);
    let line = refused(&rb.run(&args), 2);
    assert!(line.contains("mail_from is needed"), "{line}");

    // Nothing set at all.
    let line = refused(&rb.run(&to), 2);
    assert!(line.contains("smtp_url is not set"), "{line}");

    // A login the server cannot take: whatever the step says, the password
    // appears nowhere, and the settings line shows the server without it.
    let url = rx.url().replace(
        "smtp://",
        &format!("smtp://ana:{}@", secret.replace('ö', "%C3%B6")),
    );
    let mut args = to.to_vec();
    args.extend(["--smtp-url", &url, "--mail-from", FROM]);
    let r = rb.run(&args);
    assert_ne!(r.code, 0, "{}", r.stdout);
    refused(&r, r.code);
    assert!(
        r.stdout.contains("mail server smtp://ana@127.0.0.1:"),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains("pa55") && !out.contains("s3cret"), "{out}");
    }
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

    let got = arrived(&rx, 2);
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
    let got = arrived(&rx, 3);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        rx.messages().len(),
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
    assert_eq!(rx.messages().len(), 0);
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
    assert_eq!(rx.messages().len(), 0);
}
