//! The conversation on its own: answers given as text, what was said
//! read back. The real binary on a terminal is `tests/cli/reflect_tty.rs`.

use super::*;
use std::io::Cursor;

type Test = Prompt<Cursor<&'static str>, Vec<u8>>;

fn prompt(answers: &'static str) -> Test {
    Prompt::new(Cursor::new(answers), Vec::new())
}

fn said(p: Test) -> String {
    String::from_utf8(p.into_out()).unwrap()
}

fn trap(p: &mut Test, suggested: Option<Trap>) -> Result<Trap> {
    choose(
        p,
        "trap",
        Trap::ALL,
        |t| (t.title(), t.explanation(), t.example()),
        suggested,
    )
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn a_choice_is_asked_again_until_it_is_one_of_them() {
    let mut p = prompt("7\n\n0\nhubris\n  3 \n");
    assert_eq!(trap(&mut p, None).unwrap(), Trap::Ego);
    let out = said(p);
    // Each choice explained with an example, then the question.
    assert!(out.starts_with("Which trap?\n  1. "), "{out}");
    for t in Trap::ALL {
        assert!(out.contains(t.explanation()), "{out}");
        assert!(
            out.contains(&format!("For example: {}", t.example())),
            "{out}"
        );
    }
    assert!(!out.contains("(suggested)"), "{out}");
    assert_eq!(out.matches("Trap (1–4): ").count(), 5, "{out}");
    assert!(
        out.contains("'7' is not one of them: give a number from 1–4."),
        "{out}"
    );
    assert!(out.contains("Choose one: give a number from 1–4."), "{out}");
    assert!(out.contains("'0' is not one of them"), "{out}");
    assert!(out.contains("'hubris' is not one of them"), "{out}");
}

#[test]
fn enter_takes_the_suggestion_and_a_name_or_number_overrides_it() {
    let mut p = prompt("\n");
    assert_eq!(
        trap(&mut p, Some(Trap::Expertise)).unwrap(),
        Trap::Expertise
    );
    let out = said(p);
    assert!(out.contains("2. Expertise (suggested) — "), "{out}");
    assert!(
        out.contains("Trap (1–4, or Enter for expertise): "),
        "{out}"
    );

    let mut p = prompt("CONFIDENCE\n");
    assert_eq!(
        trap(&mut p, Some(Trap::Expertise)).unwrap(),
        Trap::Confidence
    );
    let mut p = prompt("1\n");
    assert_eq!(trap(&mut p, Some(Trap::Expertise)).unwrap(), Trap::Judgment);
}

#[test]
fn the_end_of_input_stops_the_conversation_with_a_reason() {
    let mut p = prompt("7\n");
    let e = trap(&mut p, None).unwrap_err();
    assert_eq!(e.to_string(), "no answer (end of input); nothing was saved");
    assert_eq!(e.exit_code(), crate::error::exit::REFUSED);

    // A last line without its newline is still an answer.
    let mut p = prompt("4");
    assert_eq!(trap(&mut p, None).unwrap(), Trap::Confidence);
}

#[test]
fn the_specific_error_is_asked_until_it_is_one_sentence() {
    let mut p = prompt("\nI sent the draft. Then I left.\n  I sent the draft totals.  \n");
    let e = ask_valid(&mut p, "The specific error:", one_sentence).unwrap();
    assert_eq!(e, "I sent the draft totals.");
    let out = said(p);
    assert!(out.contains("the specific error cannot be empty"), "{out}");
    assert!(
        out.contains("write the specific error as one sentence"),
        "{out}"
    );
    assert_eq!(out.matches("The specific error: ").count(), 3, "{out}");
}

#[test]
fn a_principle_must_start_with_i_will_not_and_enter_skips_it() {
    let mut p = prompt("Be careful with numbers\ni won't   send draft totals\n");
    let got = ask_optional(&mut p, "Principle:", principle_text).unwrap();
    assert_eq!(got.as_deref(), Some("I will not send draft totals"));
    let out = said(p);
    assert!(
        out.contains(&ReflectionError::NotAPrinciple.to_string()),
        "{out}"
    );

    let mut p = prompt("\n");
    assert_eq!(
        ask_optional(&mut p, "Principle:", principle_text).unwrap(),
        None
    );
}

#[test]
fn a_title_or_account_too_long_is_named_before_anything_is_stored() {
    let long = "x".repeat(MAX_TITLE + 1);
    let e = memory_title(&long).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "the title is too long ({} characters; at most {MAX_TITLE})",
            MAX_TITLE + 1
        )
    );
    assert_eq!(memory_title("  The launch  ").unwrap(), "The launch");
    assert_eq!(
        what_happened(" ").unwrap_err().to_string(),
        "what happened cannot be empty"
    );
}

/// A lesson check that answers from a list, and counts what it was asked.
fn checks(verdicts: &[LessonVerdict]) -> impl AsyncFn(&str) -> Result<LessonCheck> {
    let verdicts = verdicts.to_vec();
    let asked = std::cell::Cell::new(0);
    async move |lesson: &str| {
        let i = asked.get();
        asked.set(i + 1);
        Ok(LessonCheck {
            verdict: verdicts[i],
            reasons: vec![format!("reason {i} for: {lesson}")],
        })
    }
}

#[test]
fn a_cautious_lesson_gets_its_reasons_and_may_be_rewritten() {
    let mut p = prompt("\nNever again.\nI will check the approved version first.\n");
    let check = checks(&[LessonVerdict::Cautious, LessonVerdict::Careful]);
    let lesson = block_on(ask_lesson(&mut p, check)).unwrap();
    assert_eq!(lesson, "I will check the approved version first.");
    let out = said(p);
    assert!(out.contains("the lesson cannot be empty"), "{out}");
    assert!(
        out.contains("Lesson check: cautious\n- reason 0 for: Never again.\n"),
        "{out}"
    );
    assert!(out.contains(LessonVerdict::Cautious.prompt()), "{out}");
    assert!(
        out.contains("Rewrite it (or press Enter to keep it as it is): "),
        "{out}"
    );
    assert!(
        out.ends_with(
            "Lesson check: careful\n- reason 1 for: I will check the approved version first.\n"
        ),
        "{out}"
    );
    assert!(!out.contains(LessonVerdict::Careful.prompt()), "{out}");
}

#[test]
fn a_vague_lesson_may_be_kept_as_it_is() {
    let mut p = prompt("Be better.\nTry harder.\n\n");
    let check = checks(&[LessonVerdict::Vague, LessonVerdict::Vague]);
    let lesson = block_on(ask_lesson(&mut p, check)).unwrap();
    assert_eq!(lesson, "Try harder.");
    let out = said(p);
    assert_eq!(
        out.matches(LessonVerdict::Vague.prompt()).count(),
        2,
        "{out}"
    );
}

#[test]
fn the_end_of_input_while_rewriting_a_lesson_is_no_answer() {
    let mut p = prompt("Never again.\n");
    let check = checks(&[LessonVerdict::Cautious]);
    let e = block_on(ask_lesson(&mut p, check)).unwrap_err();
    assert!(e.to_string().contains("nothing was saved"), "{e}");
}
