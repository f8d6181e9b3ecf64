//! `rebound notify test` end to end against a real SMTP server
//! (aiosmtpd): the delivery settings read from `serve`'s layers, each step
//! named when it fails, the password never printed.

use crate::harness::Rebound;
use crate::sending::{EMAIL, FROM, arrived, refused, run_env, write};
use rebound_deliver::testing::smtp::SmtpReceiver;

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
