//! `rebound diagnose` and `rebound lesson check`: the JSON-lines contract
//! other tools rely on (PRODUCT.md), the text mode, and bad input.

use crate::harness::Rebound;
use serde_json::Value;

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn diagnose_answers_one_line_per_input_in_order_with_the_contract_fields() {
    let r = Rebound::new();
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"The night nurse's handover note flagged the allergy and I skimmed past it.\"}\n",
        "{\"id\":7,\"text\":\"I knew the schedule was impossible and said nothing in the planning meeting.\"}\n",
        "\n",
        "{\"id\":\"c\",\"text\":\"\"}\n",
    );
    let run = r.run_with_stdin(&["diagnose", "--jsonl"], input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 3, "a blank line is not an input");
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["id"], 7, "ids come back as given, numbers too");
    for o in &out {
        assert!(
            ["judgment", "expertise", "ego", "confidence"].contains(&o["trap"].as_str().unwrap())
        );
        assert!(
            ["information", "courage", "skill", "attention"]
                .contains(&o["failure_type"].as_str().unwrap())
        );
        let c = o["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(o["cues"].is_array() && o["unsure"].is_boolean());
    }
    assert_eq!(
        out[2]["unsure"], true,
        "an empty account cannot be diagnosed with confidence"
    );
}

#[test]
fn lesson_check_answers_verdicts_with_reasons() {
    let r = Rebound::new();
    let input = "{\"id\":\"x\",\"text\":\"I will stop presenting to the board.\"}\n{\"id\":\"y\",\"text\":\"Before each board deck goes out, I will rehearse the numbers slide with our controller.\"}\n";
    let run = r.run_with_stdin(&["lesson", "check", "--jsonl"], input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 2);
    for o in &out {
        assert!(["careful", "cautious", "vague"].contains(&o["verdict"].as_str().unwrap()));
        assert!(!o["reasons"].as_array().unwrap().is_empty());
    }
}

#[test]
fn a_malformed_line_keeps_its_place_with_an_error_and_the_exit_is_non_zero() {
    let r = Rebound::new();
    let input = "{\"id\":\"ok\",\"text\":\"I missed the warning light.\"}\nnot json\n{\"id\":\"n\",\"txt\":\"typo\"}\n";
    let run = r.run_with_stdin(&["diagnose", "--jsonl"], input);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 3);
    assert!(out[0]["trap"].is_string());
    assert!(out[1]["error"].is_string() && out[1]["id"].is_null());
    assert_eq!(out[2]["id"], "n");
    assert!(out[2]["error"].as_str().unwrap().contains("text"));
    assert!(
        run.stderr.contains("line 2") && run.stderr.contains("line 3"),
        "{}",
        run.stderr
    );
    // Said in words, never serde's message.
    assert!(
        out[2]["error"]
            .as_str()
            .unwrap()
            .starts_with("`text` is required")
    );
    for phrase in ["column", "expected", "missing field", "invalid type"] {
        assert!(!run.stderr.contains(phrase), "{phrase}: {}", run.stderr);
    }
}

#[test]
fn for_a_person_it_explains_and_asks_for_a_specific_lesson() {
    let r = Rebound::new();
    let d = r.ok(&[
        "diagnose",
        "I promised the client a launch date without asking engineering.",
    ]);
    assert!(d.contains("Trap:") && d.contains("Failure type:"), "{d}");
    let l = r.ok(&["lesson", "check", "I need to be better at everything."]);
    assert!(l.contains("Verdict:"), "{l}");
    let none = r.fails(&["diagnose"], 1);
    assert!(none.contains("--jsonl"), "{none}");
    let blank = r.fails(&["lesson", "check", "  "], 1);
    assert!(blank.contains("give the text"), "{blank}");
}
