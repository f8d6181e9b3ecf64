//! The lesson check: is a written lesson careful (a specific error and a
//! concrete correction, still taking the risk), cautious (retreating from
//! the risk) or vague (global, about character, not actionable)? A trained
//! model decides the verdict; the reasons name the phrases that show it,
//! from a small table of telltale wording, or say in general why.

use crate::lesson_cues::{analyse, phrase_at};
use crate::linear::{BadModel, Model};
use serde::Serialize;

pub const VERDICTS: [&str; 3] = ["careful", "cautious", "vague"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonCheck {
    pub verdict: &'static str,
    pub confidence: f32,
    pub reasons: Vec<String>,
}

pub struct LessonChecker {
    model: Model,
}

/// Telltale wording: (verdict, phrase, why it points there).
const TELLTALES: &[(&str, &str, &str)] = &[
    (
        "cautious",
        "never again",
        "swears off the activity instead of doing it better",
    ),
    (
        "cautious",
        "never",
        "rules the activity out rather than reducing its risk",
    ),
    (
        "cautious",
        "stop",
        "stops doing the risky thing rather than doing it better",
    ),
    (
        "cautious",
        "avoid",
        "avoids the risk instead of managing it",
    ),
    ("cautious", "no longer", "gives the activity up"),
    ("cautious", "leave it to", "hands the decision to others"),
    (
        "cautious",
        "let someone else",
        "hands the work to someone else",
    ),
    ("cautious", "let others", "hands the work to others"),
    ("cautious", "hand it off", "hands the work off"),
    ("cautious", "defer", "defers to others instead of deciding"),
    (
        "cautious",
        "wait until",
        "waits for certainty before acting",
    ),
    (
        "cautious",
        "until i am sure",
        "waits for certainty before acting",
    ),
    (
        "cautious",
        "until i'm sure",
        "waits for certainty before acting",
    ),
    (
        "cautious",
        "until i am certain",
        "waits for certainty before acting",
    ),
    ("cautious", "all the data", "waits for perfect data"),
    ("cautious", "perfect", "waits for perfect conditions"),
    (
        "cautious",
        "sign off on everything",
        "asks permission for everything",
    ),
    (
        "cautious",
        "approval for everything",
        "asks permission for everything",
    ),
    ("cautious", "stay out of", "steps back from the area"),
    ("cautious", "step back", "steps back from the area"),
    ("cautious", "stick to", "retreats to safe ground"),
    ("cautious", "not volunteer", "stops volunteering"),
    (
        "cautious",
        "conservative",
        "plays safe in general instead of fixing the specific error",
    ),
    (
        "cautious",
        "cautious",
        "plays safe in general instead of fixing the specific error",
    ),
    (
        "cautious",
        "fewer",
        "takes fewer chances instead of managing them",
    ),
    (
        "cautious",
        "play it safe",
        "plays safe instead of managing the risk",
    ),
    (
        "cautious",
        "better to wait",
        "prefers waiting to acting, and gives up the upside",
    ),
    (
        "cautious",
        "too early",
        "treats acting early as the danger, so the chance is never taken",
    ),
    (
        "cautious",
        "hold off",
        "puts the decision off instead of deciding",
    ),
    ("cautious", "hold back", "holds back from the work"),
    ("cautious", "won't volunteer", "stops volunteering"),
    (
        "vague",
        "more careful",
        "asks for more care without saying where or how",
    ),
    (
        "vague",
        "do better",
        "promises to do better without saying what",
    ),
    (
        "vague",
        "try harder",
        "promises effort, not a change in behaviour",
    ),
    (
        "vague",
        "be better",
        "promises to be better without saying what changes",
    ),
    (
        "vague",
        "not good at",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "i am bad",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "i'm bad",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "i'm terrible",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "bad leader",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "bad manager",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "careless",
        "judges character instead of naming an error",
    ),
    (
        "vague",
        "pay more attention",
        "asks for attention without saying to what",
    ),
    (
        "vague",
        "learn from this",
        "says a lesson exists without stating it",
    ),
    (
        "vague",
        "won't happen again",
        "promises without a mechanism",
    ),
    (
        "vague",
        "always",
        "states a global rule with no specific trigger",
    ),
    (
        "vague",
        "everything",
        "covers everything, so guides nothing",
    ),
];

/// When no telltale wording is found, the general reason for a verdict.
fn general_reason(verdict: &str) -> &'static str {
    match verdict {
        "careful" => {
            "names a specific behaviour and a concrete correction while still taking the risk"
        }
        "cautious" => "lowers the risk by doing less of the work rather than doing it better",
        _ => "too general to act on: name the specific error and what you will do differently",
    }
}

impl LessonChecker {
    pub fn from_bytes(bytes: &[u8]) -> Result<LessonChecker, BadModel> {
        let model = Model::from_bytes(bytes)?;
        if model.classes != VERDICTS {
            return Err(BadModel("classes are not careful, cautious, vague"));
        }
        Ok(LessonChecker { model })
    }

    /// The model trained from `corpus/lessons.jsonl`, built into the binary.
    pub fn embedded() -> LessonChecker {
        LessonChecker::from_bytes(include_bytes!("../models/lesson_verdict.rblm"))
            .expect("the embedded lesson model is valid (checked by a test)")
    }

    pub fn check(&self, text: &str) -> LessonCheck {
        let a = analyse(text);
        let (v, p) = self.model.score(&a).best();
        let verdict = VERDICTS[v];
        let mut reasons: Vec<String> = Vec::new();
        for (kind, phrase, why) in TELLTALES {
            if *kind == verdict
                && (0..a.tokens.len()).any(|i| phrase_at(&a.tokens, i, phrase).is_some())
                && !reasons.iter().any(|r| r.starts_with(why))
            {
                reasons.push(format!("{why} (\"{phrase}\")"));
            }
        }
        if reasons.is_empty() {
            reasons.push(general_reason(verdict).to_string());
        }
        LessonCheck {
            verdict,
            confidence: p,
            reasons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(text: &str) -> &'static str {
        LessonChecker::embedded().check(text).verdict
    }

    /// The essays' own examples, judged as the essays judge them.
    #[test]
    fn the_essays_examples_are_judged_as_they_are() {
        let careful = "I promoted based on technical ability without evaluating leadership \
            readiness separately. Next time, I will use distinct criteria for leadership \
            readiness and plan the transition with real support.";
        assert_eq!(verdict(careful), "careful");
        assert_eq!(
            verdict("Better to wait too long than promote too early."),
            "cautious"
        );
        assert_eq!(
            verdict("I should be more conservative about promotions."),
            "cautious"
        );
        assert_eq!(verdict("I am not good at this"), "vague");
        assert_eq!(verdict("I was a bad leader"), "vague");
    }

    /// A principle "I will not …" that rules out one way of doing the work
    /// is careful; one that rules out the work itself is cautious.
    #[test]
    fn principles_are_told_by_what_they_rule_out() {
        assert_eq!(
            verdict("I will not promote on technical skill alone"),
            "careful"
        );
        // The same rule worded another way, as the near-duplicate check meets it.
        assert_eq!(
            verdict("I will not promote anyone on technical skills alone"),
            "careful"
        );
        assert_eq!(verdict("I will not take on big clients"), "cautious");
    }

    #[test]
    fn a_cautious_lesson_names_the_wording_that_shows_it() {
        let c = LessonChecker::embedded().check("I'll take fewer risks.");
        assert_eq!(c.verdict, "cautious");
        assert!(c.reasons[0].contains("\"fewer\""), "{c:?}");
        let v = LessonChecker::embedded().check("I was a bad leader");
        assert!(v.reasons[0].contains("\"bad leader\""), "{v:?}");
    }
}
