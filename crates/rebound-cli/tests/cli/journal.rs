//! `rebound prompt` and `rebound journal`: today's prompt with no server,
//! answers and free entries kept in this machine's database, searched,
//! shown and deleted; refusals exit non-zero with one line; and the same
//! against a server after `rebound login`.

use crate::harness::Rebound;
use crate::remote::{Server, login};

#[test]
fn prompt_and_journal_on_this_machine() {
    let r = Rebound::new();
    let p = r.json(&["prompt", "--json"]);
    let text = p["text"].as_str().unwrap();
    assert!(rebound_domain::prompt::all().any(|(_, _, t)| t == text));
    let said = r.ok(&["prompt"]);
    assert!(said.contains(text) && said.contains("Week"), "{said}");

    let answer = r.json(&["journal", "add", "I told them first.", "--json"]);
    assert_eq!(answer["prompt"]["text"], text, "today's prompt by default");
    let run = r.run_with_stdin(
        &["journal", "add", "-", "--free", "--json"],
        "A walk by the river\nand back\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let free: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert!(free["prompt"].is_null());
    assert_eq!(free["text"], "A walk by the river\nand back");

    let all = r.json(&["journal", "--json"]);
    let ids: Vec<&str> = all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let found = r.json(&["journal", "search", "RIVER", "--json"]);
    assert_eq!(found["entries"].as_array().unwrap().len(), 1);
    assert!(
        r.ok(&["journal", "search", "zebra"])
            .contains("Nothing in your journal matches")
    );
    let id = free["id"].as_str().unwrap();
    assert!(r.ok(&["journal", "show", id]).contains("and back"));
    assert!(r.ok(&["journal"]).contains("I told them first."));

    let long = "x".repeat(10_001);
    let reason = r.fails(&["journal", "add", &long], 1);
    assert!(reason.contains("too long"), "{reason}");
    r.fails(&["journal", "add", "  "], 1);
    r.ok(&["journal", "delete", id]);
    let reason = r.fails(&["journal", "show", id], 3);
    assert!(reason.contains("journal entry"), "{reason}");
    assert_eq!(
        r.json(&["journal", "--json"])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn prompt_and_journal_against_a_server() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let p = rb.json(&["prompt", "--json"]);
    assert!(p["theme"].is_string() && p["week"].is_u64(), "{p}");
    let e = rb.json(&["journal", "add", "On the server", "--json"]);
    assert_eq!(e["prompt"]["text"], p["text"]);
    let id = e["id"].as_str().unwrap();
    assert!(
        rb.ok(&["journal", "search", "server"])
            .contains("On the server")
    );
    rb.ok(&["journal", "delete", id]);
    let reason = rb.fails(&["journal", "delete", id], 3);
    assert!(reason.contains("journal entry"), "{reason}");
}

/// `rebound journal principle ID [TEXT] [--add-anyway]`: the entry's own
/// "I will not …" line by default, the principle rules as `principle add`
/// (a close one refused until --add-anyway), an entry with no such line
/// needing the wording; here and on a server.
#[test]
fn an_entry_becomes_a_principle_in_one_step() {
    let r = Rebound::new();
    r.ok(&["principle", "add", "I will not take on big clients"]);
    let e = r.json(&[
        "journal",
        "add",
        "Thinking it over.\nI won't take on big clients again",
        "--free",
        "--json",
    ]);
    let id = e["id"].as_str().unwrap();
    let near = r.fails(&["journal", "principle", id], 1);
    assert!(near.contains("--add-anyway"), "{near}");
    assert_eq!(
        r.json(&["manual", "--json"])["principles"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "nothing added"
    );
    let added = r.ok(&["journal", "principle", id, "--add-anyway"]);
    assert!(added.contains("added to your Operating Manual"), "{added}");
    assert!(r.ok(&["manual"]).contains("big clients again"));

    let plain = r.json(&["journal", "add", "A quiet week.", "--free", "--json"]);
    let plain = plain["id"].as_str().unwrap();
    let reason = r.fails(&["journal", "principle", plain], 1);
    assert!(reason.contains("has no line starting"), "{reason}");
    let given = r.ok(&[
        "journal",
        "principle",
        plain,
        "I will not skip the Friday review",
    ]);
    assert!(given.contains("added"), "{given}");

    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let e = rb.json(&[
        "journal",
        "add",
        "I will not merge on a Friday evening",
        "--free",
        "--json",
    ]);
    let added = rb.ok(&["journal", "principle", e["id"].as_str().unwrap()]);
    assert!(added.contains("added"), "{added}");
    assert!(rb.ok(&["manual"]).contains("merge on a Friday evening"));
}

/// `rebound journal reflect ID MISTAKE_ID [flags of rebound reflect]`: the
/// entry becomes the reflection's account of what happened, the rest as
/// `rebound reflect` takes it; --account is refused (the entry is the
/// account, and help does not offer it); here and on a server.
#[test]
fn an_entry_starts_a_reflection_in_one_step() {
    let words = "I rushed the invoice export because I did not want to ask Priya to check the client list again";
    let steps = [
        "--trap",
        "confidence",
        "--failure-type",
        "courage",
        "--error",
        "I sent the export without asking for a check of the list.",
        "--lesson",
        "Before any export to clients I will ask a second person to compare the list with the month, every time.",
    ];
    let r = Rebound::new();
    let m = r.json(&["oops", "Wrong invoice totals went out", "--json"]);
    let mistake = m["id"].as_str().unwrap();
    let e = r.json(&["journal", "add", words, "--free", "--json"]);
    let entry = e["id"].as_str().unwrap();
    let refused = r.fails(&["journal", "reflect", entry, mistake, "--account", "x"], 1);
    assert!(refused.contains("leave out --account"), "{refused}");
    let help = r.ok(&["journal", "reflect", "--help"]);
    assert!(
        !help.contains("--account") && help.contains("--lesson"),
        "{help}"
    );
    let mut args = vec!["journal", "reflect", entry, mistake];
    args.extend(steps);
    let saved = r.ok(&args);
    assert!(saved.contains("saved"), "{saved}");
    let all = r.json(&["reflections", "--json"]).to_string();
    assert!(all.contains("ask Priya to check the client list"), "{all}");

    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let m = rb.json(&["oops", "Wrong invoice totals went out", "--json"]);
    let e = rb.json(&["journal", "add", words, "--free", "--json"]);
    let mut args = vec![
        "journal",
        "reflect",
        e["id"].as_str().unwrap(),
        m["id"].as_str().unwrap(),
    ];
    args.extend(steps);
    assert!(rb.ok(&args).contains("saved"));
    let all = rb.json(&["reflections", "--json"]).to_string();
    assert!(all.contains("ask Priya to check the client list"), "{all}");
}
