//! `rebound plan …` against a server: the manager opens a plan, records
//! check-ins and adopts moves; the report lists and reads it; anyone else
//! is told there is no such plan; on this computer's database it says why
//! it cannot run.

use crate::harness::Rebound;
use crate::remote::{Server, login};
use serde_json::{Value, json};

const PASS: &str = "a long enough pass phrase";

pub(crate) fn token_of(rb: &Rebound) -> String {
    let file = std::fs::read_to_string(rb.config_dir().join("login.json")).unwrap();
    serde_json::from_str::<Value>(&file).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Invites `name` (with `manager`), accepts, signs a fresh `rebound` in; its id too.
pub(crate) fn join(
    server: &Server,
    admin: &str,
    name: &str,
    role: &str,
    manager: Option<&str>,
) -> (Rebound, String) {
    let email = format!("{}@example.com", name.to_lowercase());
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations",
        Some(admin),
        Some(&json!({"email": email, "role": role, "manager": manager})),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations/accept",
        None,
        Some(&json!({"token": body["token"], "display_name": name, "password": PASS})),
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
            &email,
            "--password-stdin",
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (rb, id)
}

#[test]
fn a_manager_runs_a_plan_from_the_command_line() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let (mara, mara_id) = join(&server, &admin, "Mara", "manager", None);
    let (remi, remi_id) = join(&server, &admin, "Remi", "member", Some(&mara_id));

    let opened = mara.json(&[
        "plan",
        "open",
        "--report",
        &remi_id,
        "--driver",
        "skill-gap",
        "--pressure",
        "public_mistake",
        "--topic",
        "The demo",
        "--topic",
        "Next sprint",
        "--json",
    ]);
    let id = opened["plan"]["id"].as_str().unwrap().to_string();
    assert_eq!(opened["suggestions"][0]["move"], "calm_debrief");
    assert_eq!(opened["suggestions"][1]["move"], "development_plan");

    let text = mara.ok(&[
        "plan",
        "check-in",
        &id,
        "--rest",
        "2",
        "--sign",
        "speaking_less=3:Quiet in stand-up",
        "--covered",
        "The demo",
        "--private-note",
        "Seemed tired.",
    ]);
    assert!(
        text.contains("Recovery plan") && text.contains("with Remi"),
        "{text}"
    );
    assert!(text.contains("  - Next sprint"), "carried over: {text}");
    let text = mara.ok(&["plan", "check-in", &id, "--rest", "1", "--distress"]);
    assert!(text.contains("Recovering"), "{text}");
    assert!(text.contains("It may be time for more support."), "{text}");
    assert!(text.contains("employee assistance programme"), "{text}");
    assert!(text.contains("you recorded severe distress"), "{text}");

    let adopted = mara.json(&["plan", "adopt", &id, "paired_work", "--json"]);
    let task = adopted["plan"]["tasks"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let done = mara.ok(&["plan", "done", &id, &task]);
    assert!(
        done.contains(&format!("{task}  paired_work")) && done.contains("done"),
        "{done}"
    );

    // A due date as people say it, read in their time zone (UTC here):
    // "in 3 days" at 17:00 that day would be "in 3 days"; check the day.
    let adopted = mara.json(&[
        "plan",
        "adopt",
        &id,
        "small_visible_win",
        "--due",
        "in 3 days",
        "--json",
    ]);
    let due = (adopted["plan"]["tasks"].as_array().unwrap().iter())
        .find(|t| t["move"] == "small_visible_win")
        .map(|t| t["due"].as_str().unwrap().to_string())
        .unwrap();
    let expected = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(72);
    let due: jiff::Timestamp = due.parse().unwrap();
    assert!(
        (due - expected).get_seconds().abs() < 120,
        "{due} vs {expected}"
    );
    // A named day reads forwards, at the end of its working day.
    let adopted = mara.json(&[
        "plan",
        "adopt",
        &id,
        "development_plan",
        "--due",
        "next monday",
        "--json",
    ]);
    let due = (adopted["plan"]["tasks"].as_array().unwrap().iter())
        .find(|t| t["move"] == "development_plan")
        .map(|t| {
            t["due"]
                .as_str()
                .unwrap()
                .parse::<jiff::Timestamp>()
                .unwrap()
        })
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC);
    assert_eq!(
        (due.weekday(), due.hour(), due.minute()),
        (jiff::civil::Weekday::Monday, 17, 0),
        "{due}"
    );
    let reason = mara.fails(
        &[
            "plan",
            "adopt",
            &id,
            "specific_feedback",
            "--due",
            "someday",
        ],
        1,
    );
    assert!(
        reason.contains("cannot read 'someday' as a time"),
        "{reason}"
    );

    // Bad input is one line, exit 1; nothing changes.
    let reason = mara.fails(&["plan", "check-in", &id, "--sign", "speaking_less=5"], 1);
    assert!(reason.contains("0 (not seen) to 3"), "{reason}");
    // (A partial check-in now keeps the last check-in's other levels; its
    // refusal before any check-in is in `plans_terminal`.)
    let reason = mara.fails(&["plan", "check-in", &id, "--sign", "sadness=1"], 1);
    assert!(reason.contains("unknown sign 'sadness'"), "{reason}");
    let reason = mara.fails(&["plan", "adopt", &id, "hug"], 1);
    assert!(reason.contains("move"), "{reason}");
    let reason = mara.fails(&["plan", "open", "--report", "zzzzzzzz"], 3);
    assert!(reason.contains("reports to you"), "{reason}");

    // The report reads it, without the escalation or the private note.
    let list = remi.ok(&["plan", "list"]);
    assert!(list.contains(&format!("{id}  about you  easing")), "{list}");
    let seen = remi.ok(&["plan", "show", &id]);
    assert!(seen.starts_with("Your recovery plan"), "{seen}");
    assert!(
        !seen.contains("more support") && !seen.contains("Seemed tired"),
        "{seen}"
    );
    let json = remi.json(&["plan", "show", &id, "--json"]);
    assert!(json.get("escalation").is_none());
    // The report cannot change it; the admin cannot see it.
    remi.fails(&["plan", "adopt", &id, "calm_debrief"], 3);
    ana.fails(&["plan", "show", &id], 3);
    assert!(ana.ok(&["plan", "list"]).contains("No recovery plans."));

    // On this computer's database, plans are not available, and it says why.
    let reason = Rebound::new().fails(&["plan", "list", "--local"], 1);
    assert!(
        reason.contains("recovery plans live on your team's server"),
        "{reason}"
    );
}

/// A proxy in front of `upstream` that forwards each request on its own
/// connection, and just before forwarding one whose request line contains
/// `trigger`, runs `meanwhile` (someone else's save landing between the
/// command's read and its write). Returns its address and the `If-Match`
/// values of the triggering requests.
fn proxy(
    upstream: String,
    trigger: &'static str,
    meanwhile: impl Fn() + Send + Sync + 'static,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (seen_by_proxy, meanwhile) = (seen.clone(), std::sync::Arc::new(meanwhile));
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let mut reader = BufReader::new(client.try_clone().unwrap());
            let mut head = Vec::new();
            let mut length = 0;
            let mut if_match = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if let Some(v) = lower.strip_prefix("if-match:") {
                    if_match = v.trim().to_string();
                }
                if !lower.starts_with("connection:") {
                    head.push(line);
                }
            }
            if head.is_empty() {
                continue;
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            if head[0].contains(trigger) {
                meanwhile();
                seen_by_proxy.lock().unwrap().push(if_match);
            }
            let mut server = std::net::TcpStream::connect(&upstream).unwrap();
            let request = format!("{}connection: close\r\n\r\n", head.concat());
            server.write_all(request.as_bytes()).unwrap();
            server.write_all(&body).unwrap();
            let mut answer = Vec::new();
            server.read_to_end(&mut answer).unwrap();
            client.write_all(&answer).unwrap();
        }
    });
    (addr, seen)
}

/// `plan done` sends the version it read (If-Match); when someone else
/// saves the plan between its read and its write, the server refuses it
/// (412): one line, exit 4 (as a local conflict), and nothing changes.
#[test]
fn a_stale_plan_edit_is_refused_in_one_line() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let (mara, mara_id) = join(&server, &admin, "Mara", "manager", None);
    let (_remi, remi_id) = join(&server, &admin, "Remi", "member", Some(&mara_id));
    let opened = mara.json(&["plan", "open", "--report", &remi_id, "--json"]);
    let id = opened["plan"]["id"].as_str().unwrap().to_string();
    let adopted = mara.json(&["plan", "adopt", &id, "paired_work", "--json"]);
    let task = adopted["plan"]["tasks"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let version = adopted["plan"]["version"].as_i64().unwrap();

    // Mara's next command goes through a proxy, where her other session
    // adds a topic just before the task is marked done.
    let token = token_of(&mara);
    let upstream = server.url().trim_start_matches("http://").to_string();
    let topics = format!("/api/v1/plans/{id}/topics");
    let (addr, seen) = proxy(upstream.clone(), "/complete", move || {
        use std::io::{Read, Write};
        let body = r#"{"topics":["Meanwhile"]}"#;
        let mut s = std::net::TcpStream::connect(&upstream).unwrap();
        write!(
            s,
            "POST {topics} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    });
    let login = mara.config_dir().join("login.json");
    let file = std::fs::read_to_string(&login).unwrap();
    std::fs::write(&login, file.replace(&server.url(), &addr)).unwrap();

    let reason = mara.fails(&["plan", "done", &id, &task], 4);
    assert!(
        reason.contains("someone else changed this plan"),
        "{reason}"
    );
    assert_eq!(reason.trim().lines().count(), 1, "{reason}");
    assert_eq!(*seen.lock().unwrap(), vec![format!("\"{version}\"")]);

    // Nothing was marked done; run again (no one else meanwhile now), it is.
    std::fs::write(&login, file).unwrap();
    let plan = mara.json(&["plan", "show", &id, "--json"]);
    assert!(plan["plan"]["tasks"][0]["completed_at"].is_null(), "{plan}");
    assert_eq!(plan["plan"]["topics"], json!(["Meanwhile"]));
    let done = mara.ok(&["plan", "done", &id, &task]);
    assert!(
        done.contains(&format!("{task}  paired_work")) && done.contains("done"),
        "{done}"
    );
}

/// `plan end`: the manager ends a plan, saying why; the list and the plan
/// say it ended; ending again, changing it and a reason it does not know
/// are one line each; the report cannot end it.
#[test]
fn a_manager_ends_a_plan_from_the_command_line() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let (mara, mara_id) = join(&server, &admin, "Mara", "manager", None);
    let (remi, remi_id) = join(&server, &admin, "Remi", "member", Some(&mara_id));
    let opened = mara.json(&["plan", "open", "--report", &remi_id, "--json"]);
    let id = opened["plan"]["id"].as_str().unwrap().to_string();

    let reason = mara.fails(&["plan", "end", &id, "--reason", "fine"], 1);
    assert!(
        reason.contains("--reason: unknown reason 'fine'"),
        "{reason}"
    );
    remi.fails(&["plan", "end", &id], 3);

    let ended = mara.ok(&["plan", "end", &id, "--reason", "recovered"]);
    assert!(
        ended.contains("Ended on ") && ended.contains("(recovered)"),
        "{ended}"
    );
    let list = mara.ok(&["plan", "list"]);
    assert!(list.contains("  ended"), "{list}");
    let seen = remi.json(&["plan", "show", &id, "--json"]);
    assert_eq!(seen["plan"]["ended"]["reason"], "recovered");

    let again = mara.fails(&["plan", "end", &id], 1);
    assert!(again.contains("already ended on"), "{again}");
    let refused = mara.fails(&["plan", "check-in", &id, "--rest", "1"], 1);
    assert!(refused.contains("open a new plan"), "{refused}");
    let reason = Rebound::new().fails(&["plan", "end", &id, "--local"], 1);
    assert!(reason.contains("live on your team's server"), "{reason}");
}
