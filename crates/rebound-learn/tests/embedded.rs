//! The models built into the binary load, answer in the contract's labels,
//! and read plain cases the way the domain defines them.

use rebound_learn::diagnose::{FAILURE_TYPES, TRAPS};
use rebound_learn::{Diagnoser, LessonChecker};

#[test]
fn diagnosis_answers_with_known_labels_cues_and_a_confidence() {
    let d = Diagnoser::embedded();
    let r = d.diagnose(
        "The forklift alarm had been beeping all week and I tuned it out; on Friday the brake failed.",
    );
    assert!(TRAPS.contains(&r.trap) && FAILURE_TYPES.contains(&r.failure_type));
    assert!((0.0..=1.0).contains(&r.confidence));
    assert!(!r.cues.is_empty(), "{r:?}");
    let empty = d.diagnose("");
    assert!(
        empty.unsure,
        "an empty text cannot be diagnosed with confidence"
    );
}

#[test]
fn lessons_get_a_verdict_and_at_least_one_reason() {
    let c = LessonChecker::embedded();
    for text in [
        "I will never again volunteer to run a client workshop.",
        "I need to be a better person.",
        "Before I send a pricing change to customers, I will check the account notes for promised freezes.",
    ] {
        let r = c.check(text);
        assert!(["careful", "cautious", "vague"].contains(&r.verdict));
        assert!(!r.reasons.is_empty(), "{text}: {r:?}");
    }
}
