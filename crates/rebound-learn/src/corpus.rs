//! The team's labelled corpus (JSON lines) to training examples, and the
//! three embedded models built from it. Text in, bytes out: reading and
//! writing files is the `rebound-train` binary's job.

use crate::diagnose::{FAILURE_TYPES, TRAPS};
use crate::features::Analysed;
use crate::lesson::VERDICTS;
use crate::lesson_cues;
use crate::linear::Model;
use crate::meaning;
use crate::train::{Evaluation, Example, Settings, cross_validate, train};
use serde_json::Value;

/// Folds for the reported cross-validation.
pub const FOLDS: usize = 10;

/// One model to build: its title, the label field, the classes, how a text
/// becomes features, which corpus file it learns from, and the file it is
/// saved as.
pub struct Spec {
    pub title: &'static str,
    pub field: &'static str,
    pub classes: &'static [&'static str],
    /// Text to features, as the model reads at prediction time.
    pub analyse: fn(&str) -> Analysed,
    pub corpus: &'static str,
    pub file: &'static str,
    pub settings: Settings,
}

pub const SPECS: [Spec; 3] = [
    Spec {
        title: "Diagnosis: failure type",
        field: "failure_type",
        classes: &FAILURE_TYPES,
        analyse: meaning::analyse,
        corpus: "diagnose.jsonl",
        file: "diagnose_failure_type.rblm",
        settings: Settings::MEDIUM_STEPS,
    },
    Spec {
        title: "Diagnosis: trap",
        field: "trap",
        classes: &TRAPS,
        analyse: meaning::analyse,
        corpus: "diagnose.jsonl",
        file: "diagnose_trap.rblm",
        settings: Settings::STANDARD,
    },
    Spec {
        title: "Lesson check: verdict",
        field: "verdict",
        classes: &VERDICTS,
        analyse: lesson_cues::analyse,
        corpus: "lessons.jsonl",
        file: "lesson_verdict.rblm",
        settings: Settings::FEWER_EPOCHS,
    },
];

/// Parses labelled JSON lines into (text, class) for `spec`.
pub fn labelled(jsonl: &str, spec: &Spec) -> Result<Vec<(String, usize)>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let r: Value =
                serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
            let label = r[spec.field]
                .as_str()
                .ok_or_else(|| format!("line {}: no {}", n + 1, spec.field))?;
            let class = spec
                .classes
                .iter()
                .position(|c| *c == label)
                .ok_or_else(|| format!("line {}: unknown {} {label:?}", n + 1, spec.field))?;
            let text = r["text"]
                .as_str()
                .ok_or_else(|| format!("line {}: no text", n + 1))?;
            Ok((text.to_string(), class))
        })
        .collect()
}

/// Parses labelled JSON lines into examples for `spec`.
pub fn examples(jsonl: &str, spec: &Spec) -> Result<Vec<Example>, String> {
    Ok(labelled(jsonl, spec)?
        .iter()
        .map(|(text, class)| Example::of(&(spec.analyse)(text), *class))
        .collect())
}

/// The model for `spec` trained on all of `examples`.
pub fn build(spec: &Spec, examples: &[Example]) -> Model {
    train(spec.classes, examples, spec.settings)
}

/// Cross-validated accuracy and confusion for `spec`.
pub fn evaluate(spec: &Spec, examples: &[Example]) -> Evaluation {
    cross_validate(spec.classes, examples, FOLDS, spec.settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(name: &str) -> &'static str {
        match name {
            "diagnose.jsonl" => include_str!("../corpus/diagnose.jsonl"),
            _ => include_str!("../corpus/lessons.jsonl"),
        }
    }

    /// The embedded files are exactly what the committed corpus trains:
    /// change the corpus or the features and this fails until
    /// `rebound-train` is run again.
    #[test]
    fn the_embedded_models_are_what_the_corpus_trains() {
        let embedded: [&[u8]; 3] = [
            include_bytes!("../models/diagnose_failure_type.rblm"),
            include_bytes!("../models/diagnose_trap.rblm"),
            include_bytes!("../models/lesson_verdict.rblm"),
        ];
        for (spec, bytes) in SPECS.iter().zip(embedded) {
            let ex = examples(corpus(spec.corpus), spec).unwrap();
            assert!(
                ex.len() >= 400,
                "{}: only {} examples",
                spec.title,
                ex.len()
            );
            let model = build(spec, &ex);
            assert!(
                model.to_bytes() == bytes,
                "{} is stale: run `cargo run --release -p rebound-learn --bin rebound-train`",
                spec.file
            );
        }
    }

    #[test]
    fn a_bad_line_is_named() {
        let e = examples("{\"text\":\"x\",\"verdict\":\"bold\"}", &SPECS[2]).unwrap_err();
        assert!(e.contains("line 1") && e.contains("bold"), "{e}");
    }
}
