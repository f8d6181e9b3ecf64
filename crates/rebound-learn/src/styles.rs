//! Leave-one-style-out: how a model does on a way of writing it never
//! trained on. Cross-validation mixes every style into every fold, so it
//! flatters a model that learnt the corpus's habits (the corpus's own
//! writers, their pronouns, their lengths) rather than what a mistake was.
//! Here each style in turn is held out whole, the model trains on the rest,
//! and only the held-out texts are scored. A style is told from the text
//! alone, so the check needs no extra labels.

use crate::corpus::{Spec, labelled};
use crate::train::{Evaluation, Example, hold_out};

/// A way of writing, and the test that puts a text in it.
pub struct Style {
    pub name: &'static str,
    pub holds: fn(&str) -> bool,
}

fn words(text: &str) -> Vec<String> {
    crate::features::tokenize(text).0
}

fn first_person(text: &str) -> bool {
    words(text).iter().any(|w| {
        matches!(
            w.as_str(),
            "i" | "i'd" | "i'm" | "i've" | "i'll" | "me" | "my" | "myself"
        )
    })
}

fn plural(text: &str) -> bool {
    words(text)
        .iter()
        .any(|w| matches!(w.as_str(), "we" | "we'd" | "we're" | "we've" | "us" | "our"))
}

pub const STYLES: [Style; 5] = [
    Style {
        name: "first person (\"I …\")",
        holds: first_person,
    },
    Style {
        name: "third person, no \"I\" or \"we\"",
        holds: |t| !first_person(t) && !plural(t),
    },
    Style {
        name: "\"we\" / \"our\", no \"I\"",
        holds: |t| !first_person(t) && plural(t),
    },
    Style {
        name: "short (≤ 22 words)",
        holds: |t| words(t).len() <= 22,
    },
    Style {
        name: "long (≥ 34 words)",
        holds: |t| words(t).len() >= 34,
    },
];

/// One held-out style: how many texts it has and how they scored.
pub struct Held {
    pub style: &'static str,
    pub evaluation: Evaluation,
}

/// Each style held out in turn, for `spec`'s label over `jsonl`.
pub fn leave_one_style_out(spec: &Spec, jsonl: &str) -> Result<Vec<Held>, String> {
    let rows = labelled(jsonl, spec)?;
    let all: Vec<Example> = rows
        .iter()
        .map(|(t, c)| Example::of(&(spec.analyse)(t), *c))
        .collect();
    let out = STYLES
        .iter()
        .map(|style| {
            let member: Vec<bool> = rows.iter().map(|(t, _)| (style.holds)(t)).collect();
            Held {
                style: style.name,
                evaluation: hold_out(spec.classes, &all, &member, spec.settings),
            }
        })
        .collect();
    Ok(out)
}

/// The mean accuracy over the held-out styles (each style counts once).
pub fn mean_accuracy(held: &[Held]) -> f64 {
    held.iter().map(|h| h.evaluation.accuracy()).sum::<f64>() / held.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_told_from_the_text() {
        assert!((STYLES[0].holds)("I signed it."));
        assert!((STYLES[1].holds)("She signed it."));
        assert!((STYLES[2].holds)("Our director signed it."));
        assert!((STYLES[3].holds)("She signed it."));
        assert!(!(STYLES[4].holds)("She signed it."));
    }
}
