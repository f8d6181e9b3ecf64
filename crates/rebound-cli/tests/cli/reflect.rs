//! Diagnose and learn from the CLI: `reflect`, `manual`, `principle`,
//! `win(s)` and `self-care`, on this machine's database and against a
//! server (where another person's ids are "no such …"), bad input that
//! stores nothing, and the missing-flag message without a terminal.

use crate::harness::Rebound;
use crate::remote::{Server, login};
use serde_json::{Value, json};

const ACCOUNT: &str = "I copied the Q3 totals from the draft sheet without checking which version finance had approved";
const ERROR: &str = "I sent totals from the draft sheet instead of the approved one.";
const CAREFUL: &str = "Before sending numbers to finance, I will confirm the approved version with the controller and link it in the email.";
const CAUTIOUS: &str = "I will never send numbers to finance again.";
const PRINCIPLE: &str = "I won't send totals before checking which version finance approved";

/// `rebound reflect ID …` with every step given.
fn reflect_args<'a>(id: &'a str, lesson: &'a str) -> Vec<&'a str> {
    vec![
        "reflect",
        id,
        "--account",
        ACCOUNT,
        "--trap",
        "judgment",
        "--failure-type",
        "information",
        "--error",
        ERROR,
        "--lesson",
        lesson,
    ]
}

fn with<'a>(mut args: Vec<&'a str>, more: &[&'a str]) -> Vec<&'a str> {
    args.extend_from_slice(more);
    args
}

/// Row counts of the personal records in the local database.
pub(crate) fn local_counts(rb: &Rebound) -> Vec<i64> {
    rb.local_db(async |c| {
        let mut out = Vec::new();
        for sql in [
            "SELECT count(*) FROM reflections",
            "SELECT count(*) FROM diagnosis_feedback",
            "SELECT count(*) FROM principles",
            "SELECT count(*) FROM wins",
            "SELECT count(*) FROM self_care_plans",
        ] {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut *c).await.unwrap();
            out.push(n);
        }
        out
    })
}

/// Everything the person can see of their records through the CLI.
fn visible(rb: &Rebound) -> Value {
    json!({
        "manual": rb.json(&["manual", "--all", "--json"]),
        "wins": rb.json(&["wins", "--json"]),
        "self_care": rb.json(&["self-care", "--json"]),
    })
}

/// The whole flow, the same on either side; returns the mistake's id.
/// `owner_name` heads the exported manual (locally: the login name).
fn the_whole_flow(rb: &Rebound, owner_name: Option<&str>) -> String {
    let id = rb.oops(&["Sent the wrong totals to finance", "--what", ACCOUNT]);

    // Text mode: the diagnosis with its cues, the choices explained, the
    // correction, the verdict; a careful lesson gets no prompt.
    let out = rb.ok(&reflect_args(&id, CAREFUL));
    assert!(
        out.contains("Suggested: trap") || out.contains("Diagnosis: not sure"),
        "{out}"
    );
    assert!(
        out.contains("Trap: Judgment — You read the situation wrongly"),
        "{out}"
    );
    assert!(out.contains("Failure type: Information — "), "{out}");
    assert!(
        out.contains("The correction: Build a way of gathering context"),
        "{out}"
    );
    assert!(out.contains("Lesson check: careful"), "{out}");
    assert!(!out.contains("It is saved as written"), "{out}");

    // JSON: the stored reflection, with the suggestion kept beside the
    // choice, and the principle made from it.
    let r = rb.json(&with(
        reflect_args(&id, CAUTIOUS),
        &["--principle", PRINCIPLE, "--json"],
    ));
    assert_eq!(r["mistake"], id.as_str());
    assert_eq!(r["continued"], true, "the same mistake again: {r}");
    let rid = r["id"].as_str().unwrap().to_string();
    assert_eq!(r["subject"], "Sent the wrong totals to finance");
    assert_eq!(r["trap"], "judgment");
    assert_eq!(r["failure_type"], "information");
    assert_eq!(r["specific_error"], ERROR);
    assert_eq!(r["lesson"], CAUTIOUS);
    assert_ne!(r["lesson_verdict"], "careful", "{r}");
    assert!(!r["lesson_reasons"].as_array().unwrap().is_empty(), "{r}");
    assert!(r["lesson_prompt"].as_str().unwrap().len() > 20, "{r}");
    assert!(r["suggested"]["trap"].is_string(), "{r}");
    assert!(r["correction"].as_str().unwrap().starts_with("Build a way"));
    assert_eq!(r["complete"], true);
    let p = &r["principle"];
    assert_eq!(
        p["text"],
        "I will not send totals before checking which version finance approved"
    );
    assert_eq!(p["reflection"], r["id"]);
    assert_eq!(p["mistake"], id.as_str());
    assert_eq!(p["came_from"], "Sent the wrong totals to finance");
    let pid = p["id"].as_str().unwrap().to_string();

    // A cautious or vague lesson: its reasons and the prompt, still saved.
    let out = rb.ok(&reflect_args(&id, CAUTIOUS));
    assert!(
        out.contains(&format!("Reflection {rid} continued")),
        "{out}"
    );
    assert!(!out.contains("Lesson check: careful"), "{out}");
    assert!(out.contains("\n- "), "reasons are listed: {out}");
    assert!(out.contains("It is saved as written"), "{out}");

    // A standalone reflection on an older memory; the account is read from
    // stdin.
    let r = rb.run_with_stdin(
        &[
            "reflect",
            "--memory",
            "The launch review",
            "--account",
            "-",
            "--trap",
            "confidence",
            "--failure-type",
            "courage",
            "--error",
            "I did not say that the numbers looked wrong.",
            "--lesson",
            "In every review I will raise my first concern within ten minutes, even when unsure.",
            "--principle",
            "I will not sit on a concern about numbers in a review",
            "--json",
        ],
        "I stayed quiet in the review though the numbers looked wrong",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let memory: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(memory["memory_title"], "The launch review");
    assert_eq!(memory["subject"], "The launch review");
    assert!(memory["mistake"].is_null());
    assert_eq!(memory["principle"]["came_from"], "The launch review");
    let memory_pid = memory["principle"]["id"].as_str().unwrap().to_string();

    // The manual: each principle with where it came from; searchable.
    let m = rb.json(&["manual", "--json"]);
    let ps = m["principles"].as_array().unwrap();
    assert_eq!(ps.len(), 2);
    let out = rb.ok(&["manual"]);
    assert!(
        out.contains(&pid) && out.contains("from: Sent the wrong totals to finance"),
        "{out}"
    );
    assert!(
        out.contains(&format!("drawn from: mistake {id}, reflection {rid}")),
        "{out}"
    );

    // The same principle, or one nearly the same, is pointed out, not added
    // again; "I will not" twice is refused.
    let same = rb.fails(&["principle", "add", PRINCIPLE], 1);
    assert!(
        same.contains(&format!("already have this principle ({pid})")),
        "{same}"
    );
    let near = "I won't send totals before checking which versions finance approved";
    let close = rb.fails(&["principle", "add", near], 1);
    assert!(
        close.contains(&format!("close to your principle {pid}")) && close.contains("--add-anyway"),
        "{close}"
    );
    let twice = rb.fails(
        &["principle", "add", "I will not I will not guess totals"],
        1,
    );
    assert!(twice.contains("\"I will not\" twice"), "{twice}");

    // `rebound reflections`: one on the mistake (continued, not repeated)
    // and the memory, newest change first.
    let listed = rb.json(&["reflections", "--json"]);
    let listed = listed["reflections"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0]["subject"], "The launch review");
    assert_eq!(listed[1]["id"], rid.as_str());
    let out = rb.ok(&["reflections"]);
    assert!(
        out.contains(&format!("{rid}  Sent the wrong totals to finance"))
            && out.contains(&format!("mistake {id}"))
            && out.contains("complete; lesson check: "),
        "{out}"
    );
    let found = rb.json(&["manual", "--search", "CONCERN", "--json"]);
    assert_eq!(found["principles"].as_array().unwrap().len(), 1);
    assert_eq!(found["principles"][0]["id"], memory_pid.as_str());
    assert!(
        rb.ok(&["manual", "--search", "nothing like it"])
            .contains("No principle matches")
    );

    // Revise (the old wording kept), history, retire (kept with its reason).
    let revised = rb.json(&[
        "principle",
        "revise",
        &pid,
        "I will not send totals before finance has confirmed the version",
        "--note",
        "name who confirms",
        "--json",
    ]);
    assert_eq!(revised["history"].as_array().unwrap().len(), 2);
    let h = rb.json(&["principle", "history", &pid, "--json"]);
    assert_eq!(
        h["history"][0]["text"],
        "I will not send totals before checking which version finance approved"
    );
    assert_eq!(h["history"][1]["note"], "name who confirms");
    let out = rb.ok(&["principle", "history", &pid]);
    assert!(
        out.contains("1. ") && out.contains("2. ") && out.contains("because: name who confirms"),
        "{out}"
    );
    let retired = rb.json(&[
        "principle",
        "retire",
        &memory_pid,
        "--reason",
        "it is a team rule now",
        "--json",
    ]);
    assert_eq!(retired["status"], "retired");
    assert_eq!(
        rb.json(&["manual", "--json"])["principles"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        rb.json(&["manual", "--all", "--json"])["principles"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let md = rb.ok(&["manual", "--export"]);
    let heading = format!("# Operating Manual — {}", owner_name.unwrap_or(""));
    assert!(md.starts_with(&heading), "{md}");
    assert!(
        md.contains("## Principles") && md.contains("## Retired"),
        "{md}"
    );
    assert!(
        md.contains("- Retired ") && md.contains("it is a team rule now"),
        "{md}"
    );
    assert!(md.contains("changed because: name who confirms"), "{md}");
    assert!(
        md.contains("- From: Sent the wrong totals to finance"),
        "{md}"
    );

    // Wins after the mistake, and without one.
    let out = rb.ok(&["win", &id, "Shipped the reconciliation check"]);
    assert!(
        out.contains("after \"Sent the wrong totals to finance\""),
        "{out}"
    );
    rb.ok(&["win", "Walked a new colleague through month-end"]);
    let w = rb.json(&["wins", "--json"]);
    let wins = w["wins"].as_array().unwrap();
    assert_eq!(wins.len(), 2);
    assert_eq!(wins[0]["text"], "Walked a new colleague through month-end");
    assert_eq!(wins[1]["mistake_title"], "Sent the wrong totals to finance");
    assert!(
        rb.ok(&["wins"])
            .contains("Shipped the reconciliation check")
    );

    // The self-care plan: ideas until there is one, then add and remove.
    assert!(rb.ok(&["self-care"]).contains("No self-care plan yet"));
    rb.ok(&[
        "self-care",
        "--add",
        "A walk outside",
        "--add",
        "An evening off the phone",
    ]);
    let s = rb.json(&[
        "self-care",
        "--remove",
        "1",
        "--add",
        "A full night's sleep",
        "--json",
    ]);
    assert_eq!(
        s["plan"]["items"],
        json!(["An evening off the phone", "A full night's sleep"])
    );
    let out = rb.ok(&["self-care"]);
    assert!(
        out.contains("1. An evening off the phone") && out.contains("2. A full night's sleep"),
        "{out}"
    );
    id
}

#[test]
fn reflect_manual_wins_and_self_care_on_this_computer() {
    let rb = Rebound::new();
    let id = the_whole_flow(&rb, None);
    // Reflections, labels, principles, wins, the plan.
    let before = local_counts(&rb);
    assert_eq!(before, vec![2, 2, 2, 2, 1]);
    bad_input_stores_nothing(&rb, &id);
    assert_eq!(local_counts(&rb), before);
}

/// Every refusal is one line, exit 1 (3 for nothing by that id), and
/// changes nothing the person can see.
fn bad_input_stores_nothing(rb: &Rebound, id: &str) {
    let before = visible(rb);
    let pid = before["manual"]["principles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            {
                let mut a = reflect_args(id, CAREFUL);
                a[5] = "luck";
                a
            },
            1,
            "unknown trap 'luck'",
        ),
        (
            {
                let mut a = reflect_args(id, CAREFUL);
                a[7] = "fate";
                a
            },
            1,
            "unknown failure type 'fate'",
        ),
        (
            {
                let mut a = reflect_args(id, CAREFUL);
                a[9] = "I skimmed the sheet. Then I sent it.";
                a
            },
            1,
            "one sentence",
        ),
        (
            {
                let mut a = reflect_args(id, CAREFUL);
                a[11] = "   ";
                a
            },
            1,
            "the lesson cannot be empty",
        ),
        (
            with(
                reflect_args(id, CAREFUL),
                &["--principle", "Be more careful"],
            ),
            1,
            "a principle starts with \"I will not\"",
        ),
        (
            reflect_args("zzzzzzzz", CAREFUL),
            3,
            "no mistake with id zzzzzzzz",
        ),
        (
            with(reflect_args(id, CAREFUL), &["--memory", "both"]),
            2,
            "",
        ),
        (
            vec!["principle", "revise", &pid, "I will stop"],
            1,
            "a principle starts",
        ),
        (
            vec!["principle", "retire", &pid, "--reason", " "],
            1,
            "the reason cannot be empty",
        ),
        (
            vec!["principle", "history", "zzzzzzzz"],
            3,
            "no such principle zzzzzzzz among yours",
        ),
        (
            vec!["principle", "revise", "zzzzzzzz", "I will not guess"],
            3,
            "no such principle",
        ),
        (vec!["principle", "history", "not-an-id!"], 1, ""),
        (
            vec!["principle", "add", "nothing specific"],
            1,
            "a principle starts",
        ),
        (vec!["win", id, "  "], 1, "the win cannot be empty"),
        (
            vec!["win", "zzzzzzzz", "A win"],
            3,
            "no mistake with id zzzzzzzz",
        ),
        (vec!["self-care", "--remove", "9"], 1, "there is no item 9"),
        (vec!["self-care", "--add", " "], 1, "cannot be empty"),
    ];
    for (args, code, says) in cases {
        if code == 2 {
            // clap's own refusal (usage), before anything runs.
            let r = rb.run(&args);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            continue;
        }
        let reason = rb.fails(&args, code);
        assert!(reason.contains(says), "{args:?}: {reason}");
    }
    assert_eq!(visible(rb), before, "a refused command changed something");
}

#[test]
fn without_a_terminal_the_missing_flag_is_named_and_nothing_is_stored() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong totals to finance"]);
    let before = local_counts(&rb);
    let reason = rb.fails(&["reflect"], 1);
    assert!(
        reason.contains("missing MISTAKE_ID or --memory"),
        "{reason}"
    );
    let reason = rb.fails(&["reflect", "--memory", "Old launch"], 1);
    assert!(reason.contains("missing --account"), "{reason}");
    let reason = rb.fails(&["reflect", &id], 1);
    assert!(
        reason.contains("missing --trap (judgment, expertise, ego or confidence)")
            && reason.contains("without a terminal"),
        "{reason}"
    );
    let reason = rb.fails(&["reflect", &id, "--trap", "ego"], 1);
    assert!(reason.contains("missing --failure-type"), "{reason}");
    let reason = rb.fails(
        &["reflect", &id, "--trap", "ego", "--failure-type", "skill"],
        1,
    );
    assert!(reason.contains("missing --error"), "{reason}");
    let reason = rb.fails(
        &[
            "reflect",
            &id,
            "--trap",
            "ego",
            "--failure-type",
            "skill",
            "--error",
            ERROR,
        ],
        1,
    );
    assert!(reason.contains("missing --lesson"), "{reason}");
    assert_eq!(local_counts(&rb), before);
    // A bad value is named before a missing one.
    let reason = rb.fails(&["reflect", &id, "--trap", "luck"], 1);
    assert!(reason.contains("unknown trap 'luck'"), "{reason}");
    assert_eq!(local_counts(&rb), before);
}

/// Signs a second person, Ben, in to `server` (invited by Ana, the admin).
fn second_person(server: &Server, ana: &Rebound) -> Rebound {
    let token = ana_token(ana);
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations",
        Some(&token),
        Some(&json!({ "email": "ben@example.com" })),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = server.request(
        "POST",
        "/api/v1/invitations/accept",
        None,
        Some(&json!({
            "token": body["token"],
            "display_name": "Ben Okafor",
            "password": "another long pass phrase",
        })),
    );
    assert_eq!(status, 201, "{body}");
    let ben = Rebound::new();
    let r = ben.run_with_stdin(
        &[
            "login",
            "--server",
            &server.url(),
            "--email",
            "ben@example.com",
            "--password-stdin",
        ],
        "another long pass phrase\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    ben
}

fn ana_token(ana: &Rebound) -> String {
    let file = std::fs::read_to_string(ana.config_dir().join("login.json")).unwrap();
    serde_json::from_str::<Value>(&file).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_same_against_a_server_and_nobody_else_reaches_them() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let id = the_whole_flow(&ana, Some("Ana Ruiz\n"));
    bad_input_stores_nothing(&ana, &id);
    let token = ana_token(&ana);
    let reflections = |token: &str| {
        let (status, body) = server.request("GET", "/api/v1/reflections", Some(token), None);
        assert_eq!(status, 200, "{body}");
        body["reflections"].as_array().unwrap().len()
    };
    assert_eq!(reflections(&token), 2);
    // Without a terminal, remotely too: the missing flag, nothing stored.
    let reason = ana.fails(&["reflect", &id], 1);
    assert!(reason.contains("missing --trap"), "{reason}");
    assert_eq!(reflections(&token), 2);

    // Ben, on the same server, reaches none of Ana's records: her mistake,
    // principles and wins are "no such …" (exit 3), and nothing changes.
    let ben = second_person(&server, &ana);
    let ana_before = visible(&ana);
    let pid = ana_before["manual"]["principles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reason = ben.fails(&reflect_args(&id, CAREFUL), 3);
    assert!(
        reason.contains(&format!("no mistake with id {id}")),
        "{reason}"
    );
    for args in [
        vec!["principle", "history", pid.as_str()],
        vec!["principle", "revise", pid.as_str(), "I will not trust Ana"],
        vec!["principle", "retire", pid.as_str(), "--reason", "not mine"],
    ] {
        let reason = ben.fails(&args, 3);
        assert!(
            reason.contains(&format!("no such principle {pid} among yours")),
            "{args:?}: {reason}"
        );
    }
    let reason = ben.fails(&["win", &id, "Took over Ana's fix"], 3);
    assert!(reason.contains("no mistake with id"), "{reason}");
    assert_eq!(
        ben.json(&["manual", "--all", "--json"])["principles"],
        json!([])
    );
    assert_eq!(ben.json(&["wins", "--json"])["wins"], json!([]));
    assert_eq!(ben.json(&["self-care", "--json"])["plan"], Value::Null);
    assert_eq!(visible(&ana), ana_before);
    assert_eq!(reflections(&token), 2);
    // Ben's own reflection is his, on a memory.
    let r = ben.json(&[
        "reflect",
        "--memory",
        "My first on-call",
        "--account",
        "I did not know the pager rota had changed",
        "--trap",
        "judgment",
        "--failure-type",
        "information",
        "--error",
        "I assumed last month's pager rota still held.",
        "--lesson",
        "At the start of each on-call week I will read the current rota and confirm it with the lead.",
        "--json",
    ]);
    assert_eq!(r["subject"], "My first on-call");
    assert_eq!(reflections(&token), 2);
}
