//! `rebound reflect` as a person at a terminal uses it: the real binary in
//! a pseudo-terminal, its questions answered one at a time, then what was
//! stored read back through the CLI and the local database.
//!
//! Stdout and stderr share the terminal, so the screen is read as one
//! stream; the terminal writes each "\n" as "\r\n".

use crate::harness::Rebound;
use crate::reflect::local_counts;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::process::{Command, Stdio};

const TITLE: &str = "Sent the wrong totals to finance";
// An account the diagnosis is sure of (trap and failure type both named).
const ACCOUNT: &str = "I copied the Q3 totals from the draft sheet without checking which version finance had approved; I had decided the check was not worth the time";
const ERROR: &str = "I sent totals from the draft sheet instead of the approved one.";
const CAREFUL: &str = "Before sending numbers to finance, I will confirm the approved version with the controller and link it in the email.";
const CAUTIOUS: &str = "I will never send numbers to finance again.";
const PRINCIPLE: &str = "I won't send totals before checking which version finance approved";

/// A guard against a question that never comes, not a measure of speed.
const PATIENCE_MS: u64 = 30_000;

const EOF_REASON: &str = "rebound: error: no answer (end of input); nothing was saved";

/// `rebound --data-dir DIR ARGS…` in a new pseudo-terminal: stdin, stdout
/// and stderr are the terminal, and `CI` is unset, so it asks.
fn at_terminal(rb: &Rebound, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rebound"));
    cmd.arg("--data-dir")
        .arg(rb.data_dir())
        .args(args)
        .env_remove("CI")
        .env_remove("REBOUND_DATA_DIR")
        .env_remove("REBOUND_DATABASE_URL")
        .env("REBOUND_CONFIG_DIR", rb.config_dir())
        .env_remove("REBOUND_SERVER")
        .env_remove("REBOUND_TOKEN")
        .env("TZ", "UTC")
        .env("HOME", rb.dir.path())
        .env("TERM", "dumb")
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    spawn_command(cmd, Some(PATIENCE_MS)).expect("start rebound in a pseudo-terminal")
}

/// rexpect reads the terminal a byte at a time, each byte one `char`: what
/// we look for is put the same way, and what it read is made UTF-8 again.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn screen(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

/// Waits for `needle` on the screen; returns what came before it.
fn expect(s: &mut PtySession, needle: &str) -> String {
    let read = s
        .exp_string(&as_read(needle))
        .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}"));
    screen(&read)
}

/// Waits for the question, then types the answer and Enter.
fn answer(s: &mut PtySession, question: &str, typed: &str) -> String {
    let before = expect(s, question);
    s.send_line(typed).expect("type an answer");
    before
}

/// Waits for the reason an answer was refused, then answers the question
/// asked again.
fn refused(s: &mut PtySession, reason: &str, question: &str, typed: &str) {
    expect(s, reason);
    answer(s, question, typed);
}

/// Waits for the question, then presses Ctrl-D.
fn ctrl_d(s: &mut PtySession, question: &str) -> String {
    let before = expect(s, question);
    s.send_control('d').expect("press Ctrl-D");
    before
}

/// The rest of the screen and the exit code.
fn finish(mut s: PtySession) -> (String, i32) {
    let rest = screen(
        &s.exp_eof()
            .unwrap_or_else(|e| panic!("waiting for rebound to exit: {e}")),
    );
    let code = match s.process().wait().expect("wait for rebound") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("rebound did not exit normally: {other:?}\n{rest}"),
    };
    (rest, code)
}

/// Reads the "Suggested: trap X, failure type Y (N % sure)." line.
fn suggestion(screen: &str) -> (String, String) {
    let line = screen
        .lines()
        .find(|l| l.starts_with("Suggested: trap "))
        .unwrap_or_else(|| panic!("the diagnosis should be sure of this account:\n{screen}"));
    let rest = line.strip_prefix("Suggested: trap ").unwrap();
    let (trap, rest) = rest.split_once(", failure type ").unwrap();
    let failure = rest.split_once(' ').unwrap().0;
    (trap.to_string(), failure.to_string())
}

const REFLECTIONS: &str = "SELECT doc FROM reflections";
const FEEDBACK: &str = "SELECT doc FROM diagnosis_feedback";

const TRAPS: [&str; 4] = ["judgment", "expertise", "ego", "confidence"];
const FAILURES: [&str; 4] = ["information", "courage", "skill", "attention"];

/// The stored documents of one table ("SELECT doc FROM …"), in the local
/// database.
fn docs(rb: &Rebound, sql: &'static str) -> Vec<Value> {
    let rows: Vec<(String,)> =
        rb.local_db(async |c| sqlx::query_as(sql).fetch_all(c).await.unwrap());
    rows.iter()
        .map(|(d,)| serde_json::from_str(d).unwrap())
        .collect()
}

/// A mistake recorded with the CLI, as the subject to reflect on.
fn a_mistake(rb: &Rebound) -> String {
    rb.oops(&[TITLE, "--what", ACCOUNT])
}

#[test]
fn the_whole_conversation_accepting_the_suggestion_stores_the_reflection_and_principle() {
    let rb = Rebound::new();
    let id = a_mistake(&rb);
    let mut s = at_terminal(&rb, &["reflect", &id]);

    // The diagnosis of the mistake's own account, with the words behind it.
    let screen = expect(&mut s, "Which trap?");
    let (trap, failure) = suggestion(&screen);
    assert!(screen.contains("Because of: \""), "{screen}");
    let t = TRAPS.iter().position(|t| *t == trap).unwrap();
    let f = FAILURES.iter().position(|f| *f == failure).unwrap();

    // Each trap explained with an example, the suggested one marked; Enter
    // takes it.
    let list = answer(&mut s, &format!("Trap (1–4, or Enter for {trap}):"), "");
    for n in 1..=4 {
        assert!(list.contains(&format!("\n  {n}. ")), "{list}");
    }
    assert_eq!(list.matches("For example: ").count(), 4, "{list}");
    assert_eq!(list.matches("(suggested)").count(), 1, "{list}");
    assert!(
        list.contains(&format!("  {}. ", t + 1)) && list.contains("(suggested) — "),
        "{list}"
    );
    let list = answer(
        &mut s,
        &format!("Failure type (1–4, or Enter for {failure}):"),
        "",
    );
    assert!(list.contains("Which failure type?"), "{list}");
    assert_eq!(list.matches("For example: ").count(), 4, "{list}");
    assert!(
        list.contains(&format!("  {}. ", f + 1)) && list.contains("(suggested) — "),
        "{list}"
    );

    // The choice named back, with its correction; then the rest.
    let said = answer(&mut s, "The specific error, in one sentence:", ERROR);
    assert!(said.contains("Trap: "), "{said}");
    assert!(said.contains("Failure type: "), "{said}");
    assert!(said.contains("The correction: "), "{said}");
    answer(
        &mut s,
        "The lesson — what you will do differently next time:",
        CAREFUL,
    );
    let check = answer(&mut s, "Principle (Enter to skip):", PRINCIPLE);
    assert!(check.contains("Lesson check: careful"), "{check}");
    assert!(!check.contains("Rewrite it"), "{check}");
    assert!(
        check.contains("Turn the lesson into a principle for your Operating Manual"),
        "{check}"
    );
    let (rest, code) = finish(s);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Reflection "), "{rest}");
    assert!(rest.contains(" saved."), "{rest}");
    assert!(
        rest.contains(
            "added to your Operating Manual: I will not send totals before checking which version finance approved"
        ),
        "{rest}"
    );
    assert!(!rest.contains("It is saved as written"), "{rest}");

    // Stored: the reflection on this mistake with every answer, the
    // suggestion kept as the label (taken as it was), and the principle.
    let reflections = docs(&rb, REFLECTIONS);
    assert_eq!(reflections.len(), 1);
    let r = &reflections[0];
    assert_eq!(r["mistake"], id.as_str(), "{r}");
    assert_eq!(r["account"], ACCOUNT, "{r}");
    assert_eq!(r["trap"], trap.as_str(), "{r}");
    assert_eq!(r["failure_type"], failure.as_str(), "{r}");
    assert_eq!(r["specific_error"], ERROR, "{r}");
    assert_eq!(r["lesson"], CAREFUL, "{r}");
    assert_eq!(r["lesson_verdict"], "careful", "{r}");
    let feedback = docs(&rb, FEEDBACK);
    assert_eq!(feedback.len(), 1);
    assert_eq!(feedback[0]["suggested_trap"], feedback[0]["chosen_trap"]);
    assert_eq!(
        feedback[0]["suggested_failure_type"],
        feedback[0]["chosen_failure_type"]
    );

    let manual = rb.json(&["manual", "--json"]);
    let ps = manual["principles"].as_array().unwrap();
    assert_eq!(ps.len(), 1, "{manual}");
    assert_eq!(
        ps[0]["text"],
        "I will not send totals before checking which version finance approved"
    );
    assert_eq!(ps[0]["reflection"], r["id"]);
    assert_eq!(ps[0]["mistake"], id.as_str());
    assert_eq!(ps[0]["came_from"], TITLE);
    assert!(rest.contains(r["id"].as_str().unwrap()), "{rest}");
}

#[test]
fn bad_answers_are_asked_again_and_a_cautious_lesson_is_rewritten() {
    let rb = Rebound::new();
    let id = a_mistake(&rb);
    let mut s = at_terminal(&rb, &["reflect", &id, "--json"]);

    // Not one of them: said so, and asked again; then a choice other than
    // the suggestion, by number and by name.
    let screen = expect(&mut s, "Which trap?");
    let (trap, failure) = suggestion(&screen);
    let other_trap = TRAPS.iter().position(|t| *t != trap).unwrap();
    let other_failure = *FAILURES.iter().find(|f| **f != failure).unwrap();
    let question = format!("Trap (1–4, or Enter for {trap}):");
    answer(&mut s, &question, "7");
    refused(
        &mut s,
        "'7' is not one of them: give a number from 1–4.",
        &question,
        "stubbornness",
    );
    refused(
        &mut s,
        "'stubbornness' is not one of them: give a number from 1–4.",
        &question,
        &(other_trap + 1).to_string(),
    );
    let list = answer(
        &mut s,
        &format!("Failure type (1–4, or Enter for {failure}):"),
        &other_failure.to_uppercase(),
    );
    assert!(list.contains("Which failure type?"), "{list}");

    // The specific error: empty, then two sentences, each refused with its
    // reason; nothing chosen so far is lost.
    let question = "The specific error, in one sentence:";
    answer(&mut s, question, "");
    refused(
        &mut s,
        "the specific error cannot be empty",
        question,
        "I used the draft. Nobody checked it.",
    );
    refused(
        &mut s,
        "write the specific error as one sentence",
        question,
        ERROR,
    );

    // A cautious lesson: the verdict, its reasons and the prompt; the
    // rewrite is checked again and accepted.
    answer(
        &mut s,
        "The lesson — what you will do differently next time:",
        CAUTIOUS,
    );
    let check = answer(
        &mut s,
        "Rewrite it (or press Enter to keep it as it is):",
        CAREFUL,
    );
    assert!(check.contains("Lesson check: "), "{check}");
    assert!(!check.contains("Lesson check: careful"), "{check}");
    assert!(check.contains("\n- "), "its reasons are listed: {check}");
    assert!(
        check.contains("Keep taking the risk") || check.contains("Name the specific error"),
        "the prompt to make it specific: {check}"
    );

    // Not a principle: said so; Enter then skips it.
    let check = answer(&mut s, "Principle (Enter to skip):", "Be more careful");
    assert!(check.contains("Lesson check: careful"), "{check}");
    refused(
        &mut s,
        "a principle starts with \"I will not\"",
        "Principle (Enter to skip):",
        "",
    );
    let (rest, code) = finish(s);
    assert_eq!(code, 0, "{rest}");

    // --json: the stored reflection is the one line of JSON on the screen.
    // (It follows the last question on its line: the terminal does not
    // echo the Enter typed.)
    let json_line = rest
        .lines()
        .find_map(|l| l.find('{').map(|i| &l[i..]))
        .unwrap_or_else(|| panic!("no JSON: {rest}"));
    let r: Value = serde_json::from_str(json_line).unwrap();
    assert_eq!(r["mistake"], id.as_str());
    assert_eq!(r["trap"], TRAPS[other_trap]);
    assert_eq!(r["failure_type"], other_failure);
    assert_eq!(r["suggested"]["trap"], trap.as_str());
    assert_eq!(r["suggested"]["failure_type"], failure.as_str());
    assert_eq!(r["specific_error"], ERROR);
    assert_eq!(r["lesson"], CAREFUL);
    assert_eq!(r["lesson_verdict"], "careful");
    assert!(r["principle"].is_null(), "{r}");

    // Stored as shown: the override kept beside the suggestion, no principle.
    let stored = docs(&rb, REFLECTIONS);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], r["id"]);
    assert_eq!(stored[0]["lesson"], CAREFUL);
    let feedback = docs(&rb, FEEDBACK);
    assert_eq!(feedback[0]["suggested_trap"], trap.as_str());
    assert_eq!(feedback[0]["chosen_trap"], TRAPS[other_trap]);
    assert_eq!(feedback[0]["chosen_failure_type"], other_failure);
    assert_eq!(
        rb.json(&["manual", "--json"])["principles"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_memory_typed_in_and_a_cautious_lesson_kept_as_it_is() {
    let rb = Rebound::new();
    let mut s = at_terminal(&rb, &["reflect"]);

    // A title too long is refused with its reason and asked again.
    let question = "A short title for the memory you are reflecting on:";
    answer(&mut s, question, &"x".repeat(201));
    refused(
        &mut s,
        "the title is too long (201 characters; at most 200)",
        question,
        "The launch review",
    );
    answer(
        &mut s,
        "What happened, in your own words?",
        "I stayed quiet in the review though the numbers looked wrong",
    );
    expect(&mut s, "Which trap?");
    // Whether or not the diagnosis is sure, a name is taken.
    answer(&mut s, "Trap (1–4", "confidence");
    answer(&mut s, "Failure type (1–4", "courage");
    answer(
        &mut s,
        "The specific error, in one sentence:",
        "I did not say that the numbers looked wrong.",
    );
    answer(
        &mut s,
        "The lesson — what you will do differently next time:",
        CAUTIOUS,
    );
    answer(
        &mut s,
        "Rewrite it (or press Enter to keep it as it is):",
        "",
    );
    answer(
        &mut s,
        "Principle (Enter to skip):",
        "I will not sit on a concern about numbers in a review",
    );
    let (rest, code) = finish(s);
    assert_eq!(code, 0, "{rest}");
    // Kept as written, with the verdict and how to make it specific later.
    assert!(rest.contains("Lesson check: "), "{rest}");
    assert!(!rest.contains("Lesson check: careful"), "{rest}");
    assert!(rest.contains("It is saved as written"), "{rest}");

    let stored = docs(&rb, REFLECTIONS);
    assert_eq!(stored.len(), 1);
    let r = &stored[0];
    assert!(r["mistake"].is_null(), "{r}");
    assert_eq!(r["memory_title"], "The launch review");
    assert_eq!(r["trap"], "confidence");
    assert_eq!(r["failure_type"], "courage");
    assert_eq!(r["lesson"], CAUTIOUS);
    assert_ne!(r["lesson_verdict"], "careful", "{r}");
    assert!(!r["lesson_reasons"].as_array().unwrap().is_empty(), "{r}");
    let manual = rb.json(&["manual", "--json"]);
    assert_eq!(manual["principles"][0]["came_from"], "The launch review");
}

/// Ctrl-D at a question: one line of reason, exit 1, nothing stored.
fn aborted(rb: &Rebound, args: &[&str], answers: &[(&str, &str)], at: &str) {
    let before = local_counts(rb);
    let mut s = at_terminal(rb, args);
    for (question, typed) in answers {
        answer(&mut s, question, typed);
    }
    ctrl_d(&mut s, at);
    let (rest, code) = finish(s);
    assert_eq!(code, 1, "{rest}");
    // The question's line is ended, then the reason on a line of its own.
    let (question_tail, after) = rest.split_once('\n').expect("the question's line ended");
    assert!(
        format!("{at}{question_tail}").ends_with(": "),
        "after Ctrl-D at {at:?}: {rest}"
    );
    assert_eq!(
        after.trim_end(),
        EOF_REASON,
        "after Ctrl-D at {at:?}: {rest}"
    );
    assert_eq!(
        local_counts(rb),
        before,
        "nothing stored after Ctrl-D at {at:?}"
    );
}

#[test]
fn ctrl_d_at_any_question_stops_and_stores_nothing() {
    let rb = Rebound::new();
    let id = a_mistake(&rb);
    let mistake = rb.stored(&id);
    let reflect = ["reflect", id.as_str()];

    aborted(&rb, &reflect, &[], "Trap (1–4");
    aborted(&rb, &reflect, &[("Trap (1–4", "7")], "Trap (1–4");
    let through_the_lesson = |lesson| {
        [
            ("Trap (1–4", "1"),
            ("Failure type (1–4", "1"),
            ("The specific error, in one sentence:", ERROR),
            ("next time:", lesson),
        ]
    };
    aborted(
        &rb,
        &reflect,
        &through_the_lesson(CAUTIOUS),
        "Rewrite it (or press Enter to keep it as it is):",
    );
    // Everything answered but the principle: still nothing half-made.
    aborted(
        &rb,
        &reflect,
        &through_the_lesson(CAREFUL),
        "Principle (Enter to skip):",
    );
    aborted(&rb, &["reflect"], &[], "A short title for the memory");
    assert_eq!(local_counts(&rb), [0, 0, 0, 0, 0]);
    assert_eq!(rb.stored(&id), mistake, "the mistake is untouched");
}

#[test]
fn a_bad_flag_is_named_before_anything_is_asked() {
    let rb = Rebound::new();
    let s = at_terminal(&rb, &["reflect", "--memory", &"x".repeat(201)]);
    let (rest, code) = finish(s);
    assert_eq!(code, 1, "{rest}");
    assert_eq!(
        rest.trim(),
        "rebound: error: the title is too long (201 characters; at most 200)"
    );
    let s = at_terminal(
        &rb,
        &["reflect", "--memory", "The launch", "--trap", "pride"],
    );
    let (rest, code) = finish(s);
    assert_eq!(code, 1, "{rest}");
    assert!(
        rest.trim()
            .starts_with("rebound: error: unknown trap 'pride'")
            && rest.trim().lines().count() == 1,
        "{rest}"
    );
    assert_eq!(local_counts(&rb), [0, 0, 0, 0, 0]);
}

#[test]
fn without_a_person_at_a_terminal_nothing_is_asked() {
    let rb = Rebound::new();
    let id = a_mistake(&rb);
    let answers = format!("1\n1\n{ERROR}\n{CAREFUL}\n\n");

    // Answers piped in are not read as answers, CI or not: the missing step
    // is named and nothing is stored.
    for ci in [false, true] {
        let mut cmd = rb.command(&["reflect", &id]);
        if !ci {
            cmd.env_remove("CI");
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answers.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert_eq!(
            stderr.trim(),
            "rebound: error: missing --trap (judgment, expertise, ego or confidence): without a terminal to ask on, give every step as a flag; nothing was saved"
        );
        assert!(out.stdout.is_empty());
    }

    // On a terminal but under CI: no questions either.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rebound"));
    cmd.arg("--data-dir")
        .arg(rb.data_dir())
        .args(["reflect", &id])
        .env("CI", "true")
        .env("REBOUND_CONFIG_DIR", rb.config_dir())
        .env("HOME", rb.dir.path())
        .env_remove("REBOUND_SERVER")
        .env_remove("REBOUND_TOKEN");
    let s = spawn_command(cmd, Some(PATIENCE_MS)).unwrap();
    let (rest, code) = finish(s);
    assert_eq!(code, 1, "{rest}");
    assert!(rest.contains("missing --trap"), "{rest}");
    assert!(!rest.contains("Which trap?"), "{rest}");
    assert_eq!(local_counts(&rb), [0, 0, 0, 0, 0]);
}
