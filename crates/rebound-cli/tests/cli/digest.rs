//! `rebound digest preview` and `rebound digest run --now` end to end: a
//! served binary with mail settings whose delivery worker sends to a real
//! SMTP server (aiosmtpd, as in `sending.rs`), people set up through the
//! API, and the CLI signed in as each of them.

use crate::harness::Rebound;
use crate::sending::{FROM, arrived, refused};
use crate::served::{Auth, Server, request};
use serde_json::{Value, json};
use std::time::Duration;

const ADMIN: &str = "ana@example.com";
const PASS: &str = "correct horse battery staple";

/// A zone where it is not Monday from eight now nor in the next half hour:
/// the served binary runs on the real clock, and its quarter-hourly sweep
/// would otherwise queue this week's notes itself before a test's
/// `digest run --now` on a Monday (which then finds none to queue).
fn zone_before_or_after_monday_notes() -> &'static str {
    let now = jiff::Timestamp::now();
    let later = now + jiff::SignedDuration::from_mins(30);
    ["UTC", "Etc/GMT+12", "Etc/GMT-14"]
        .into_iter()
        .find(|zone| {
            [now, later].iter().all(|t| {
                let here = t.in_tz(zone).expect("a zone in the database");
                here.weekday() != jiff::civil::Weekday::Monday || here.hour() < 8
            })
        })
        .expect("the three zones are 12 and 14 hours apart")
}

/// A served binary (sending through `smtp`, or with no email) whose first
/// account, Ana, is an admin; and a CLI signed in as her.
pub fn served(smtp: Option<&str>) -> (Server, Rebound) {
    let mut args = Vec::new();
    if let Some(url) = smtp {
        args.extend(["--smtp-url", url, "--mail-from", FROM]);
    }
    let server = Server::spawn_with(&args, &[]).ready();
    let body = json!({
        "email": ADMIN, "display_name": "Ana Ruiz", "password": PASS,
        "time_zone": zone_before_or_after_monday_notes(),
    });
    request(
        &server.addr,
        "POST",
        "/api/v1/setup",
        &Auth::None,
        Some(&body),
        &[],
    )
    .expect(201, "setup");
    let ana = signed_in(&server, ADMIN);
    (server, ana)
}

fn signed_in(server: &Server, email: &str) -> Rebound {
    let rb = Rebound::new();
    let url = format!("http://{}", server.addr);
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &url,
            "--email",
            email,
            "--password-stdin",
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "login {email}: {}", r.stderr);
    rb
}

pub fn token_of(rb: &Rebound) -> String {
    let file = std::fs::read_to_string(rb.config_dir().join("login.json")).unwrap();
    serde_json::from_str::<Value>(&file).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Invites `name` as a member (by the admin `ana`), accepts, signs a CLI in.
pub fn join(server: &Server, ana: &Rebound, name: &str) -> Rebound {
    let email = format!("{}@example.com", name.to_lowercase());
    let admin = Auth::Bearer(token_of(ana));
    let invite = json!({ "email": email, "role": "member" });
    let sent = request(
        &server.addr,
        "POST",
        "/api/v1/invitations",
        &admin,
        Some(&invite),
        &[],
    )
    .expect(201, "invite")
    .json();
    let accept = json!({
        "token": sent["token"], "display_name": name, "password": PASS,
        "time_zone": zone_before_or_after_monday_notes(),
    });
    let path = "/api/v1/invitations/accept";
    request(&server.addr, "POST", path, &Auth::None, Some(&accept), &[]).expect(201, "accept");
    signed_in(server, &email)
}

fn summary(queued: usize, people: usize) -> String {
    format!(
        "Queued {queued} digests for {people} people (the rest had nothing waiting or had this week's already).\n"
    )
}

#[test]
fn preview_shows_the_open_mistake_and_a_person_with_nothing_is_told_so() {
    let (server, ana) = served(None);
    let bo = join(&server, &ana, "Bo");
    let id = ana.oops(&["Dropped the refunds table"]);

    let out = ana.ok(&["digest", "preview"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Your Monday note: 1 open follow-up", "{out}");
    assert!(lines[2].starts_with("Good morning, Ana Ruiz."), "{out}");
    let heading = lines.iter().position(|l| *l == "Open follow-ups");
    let line = lines[heading.expect("the section") + 1];
    assert!(
        line.starts_with("  - \u{201c}Dropped the refunds table\u{201d}: "),
        "{out}"
    );
    assert!(
        line.ends_with(&format!("  /m/{id}")),
        "link after the text: {out}"
    );
    assert!(lines.last().unwrap().contains("Have a good week."), "{out}");

    let v = ana.json(&["digest", "preview", "--json"]);
    assert_eq!(v["would_send"], true, "{v}");
    assert_eq!(v["subject"], "Your Monday note: 1 open follow-up");
    assert_eq!(v["sections"][0]["heading"], "Open follow-ups");
    assert_eq!(v["sections"][0]["lines"][0]["link"], format!("/m/{id}"));

    // Bo has nothing open: said plainly, and no opening promising more.
    let out = bo.ok(&["digest", "preview"]);
    assert_eq!(
        out.lines().next(),
        Some("Nothing is waiting for you, so no note would be sent this week."),
        "{out}"
    );
    assert!(!out.contains("Dropped the refunds table"), "{out}");
    assert!(!out.contains("Good morning"), "{out}");
    assert_eq!(
        bo.json(&["digest", "preview", "--json"])["would_send"],
        false
    );
}

#[test]
fn run_now_queues_each_digest_with_content_once_and_the_mails_arrive() {
    let rx = rebound_deliver::testing::smtp::SmtpReceiver::start();
    let (server, ana) = served(Some(&rx.url()));
    let bo = join(&server, &ana, "Bo");
    let cy = join(&server, &ana, "Cy");
    ana.oops(&["Dropped the refunds table"]);
    cy.oops(&["Paused the wrong campaign"]);

    // A non-admin is refused in the server's words, and nothing is sent.
    let line = refused(&bo.run(&["digest", "run", "--now"]), 1);
    assert!(line.contains("only an admin"), "{line}");

    // Piped (as here): the summary alone, no progress bar on stderr.
    let r = ana.run(&["digest", "run", "--now"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, summary(2, 3));
    assert_eq!(r.stderr, "", "no progress bar on a pipe");
    assert!(!r.stdout.contains('\u{1b}'), "{}", r.stdout);

    let got = arrived(&rx, 2);
    let mut to: Vec<String> = got.iter().filter_map(|m| m.header("To")).collect();
    to.sort();
    assert_eq!(to, ["Ana Ruiz <ana@example.com>", "Cy <cy@example.com>"]);
    for m in &got {
        let subject = m.header("Subject").unwrap_or_default();
        assert!(subject.contains("Monday note"), "{subject}");
    }

    // This week's are sent: a second run queues none, and no more mail.
    assert_eq!(ana.ok(&["digest", "run", "--now"]), summary(0, 3));
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(rx.messages().len(), 2);
}

#[test]
fn run_needs_now_an_admin_and_a_server_with_email() {
    let (_server, ana) = served(None);
    ana.oops(&["Merged without review"]);

    let line = refused(&ana.run(&["digest", "run"]), 2);
    assert!(line.contains("Monday at 08:00"), "{line}");
    assert!(line.contains("rebound digest run --now"), "{line}");

    let line = refused(&ana.run(&["digest", "run", "--now"]), 1);
    assert!(
        line.contains("email is not set up on this server"),
        "{line}"
    );

    // This machine's database: both refused, naming what is needed.
    let local = Rebound::new();
    for args in [&["digest", "preview"][..], &["digest", "run", "--now"]] {
        let line = refused(&local.run(args), 1);
        assert!(line.contains("needs your team's Rebound server"), "{line}");
        assert!(line.contains("rebound login --server URL"), "{line}");
    }
}

#[test]
fn run_now_goes_through_every_page() {
    // One person a page: three requests, each counted once.
    let rx = rebound_deliver::testing::smtp::SmtpReceiver::start();
    let (server, ana) = served(Some(&rx.url()));
    let bo = join(&server, &ana, "Bo");
    join(&server, &ana, "Cy");
    ana.oops(&["Dropped the refunds table"]);
    bo.oops(&["Rotated the wrong key"]);

    let out = ana.ok(&["digest", "run", "--now", "--page-size", "1"]);
    assert_eq!(out, summary(2, 3));
    // Each request's log line follows its answer closely, written on
    // another thread: wait for the third, then insist there is no fourth.
    server.log_line(|_| server.stderr().matches("/api/v1/digests/run").count() >= 3);
    let runs = server.stderr().matches("/api/v1/digests/run").count();
    assert_eq!(runs, 3, "{}", server.stderr());
    assert_eq!(arrived(&rx, 2).len(), 2);
}

/// On a terminal the bar is drawn over everyone, then cleared, and the
/// summary follows.
#[cfg(unix)]
#[test]
fn run_now_shows_a_progress_bar_on_a_terminal() {
    use rexpect::session::spawn_command;
    use std::process::Stdio;
    let rx = rebound_deliver::testing::smtp::SmtpReceiver::start();
    let (server, ana) = served(Some(&rx.url()));
    join(&server, &ana, "Bo");
    ana.oops(&["Dropped the refunds table"]);

    let mut cmd = ana.command(&["digest", "run", "--now", "--page-size", "1"]);
    cmd.env("TERM", "xterm")
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    let mut s = spawn_command(cmd, Some(30_000)).expect("start rebound in a pseudo-terminal");
    let screen = s.exp_eof().expect("rebound exits");
    assert!(screen.contains("/2 people"), "the bar: {screen:?}");
    assert!(screen.contains('\u{1b}'), "drawn and cleared: {screen:?}");
    let summary =
        "Queued 1 digest for 2 people (the rest had nothing waiting or had this week's already).";
    assert!(screen.contains(summary), "{screen:?}");
}
