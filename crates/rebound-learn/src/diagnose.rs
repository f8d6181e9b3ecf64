//! Auto-diagnosis: from someone's account of a mistake, the likely trap and
//! failure type, how sure the model is, and the words that drove it. Below
//! the threshold it says it is unsure, so the person chooses.

use crate::lexicon::is_function_word;
use crate::linear::{BadModel, Model};
use crate::meaning::analyse;
use serde::Serialize;

pub const TRAPS: [&str; 4] = ["judgment", "expertise", "ego", "confidence"];
pub const FAILURE_TYPES: [&str; 4] = ["information", "courage", "skill", "attention"];

/// Below this the answer is offered as a guess and the person is asked.
pub const UNSURE_BELOW: f32 = 0.45;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    pub trap: &'static str,
    pub failure_type: &'static str,
    /// The weaker of the two labels' probabilities.
    pub confidence: f32,
    pub trap_confidence: f32,
    pub failure_type_confidence: f32,
    /// Words and phrases that pushed hardest towards the answer: content,
    /// never a phrase that starts or ends with a function word.
    pub cues: Vec<String>,
    pub unsure: bool,
}

pub struct Diagnoser {
    trap: Model,
    failure: Model,
}

impl Diagnoser {
    pub fn from_bytes(trap: &[u8], failure: &[u8]) -> Result<Diagnoser, BadModel> {
        let d = Diagnoser {
            trap: Model::from_bytes(trap)?,
            failure: Model::from_bytes(failure)?,
        };
        if d.trap.classes != TRAPS || d.failure.classes != FAILURE_TYPES {
            return Err(BadModel("classes are not the traps and failure types"));
        }
        Ok(d)
    }

    /// The models trained from `corpus/diagnose.jsonl`, built into the binary.
    pub fn embedded() -> Diagnoser {
        Diagnoser::from_bytes(
            include_bytes!("../models/diagnose_trap.rblm"),
            include_bytes!("../models/diagnose_failure_type.rblm"),
        )
        .expect("the embedded diagnosis models are valid (checked by a test)")
    }

    pub fn diagnose(&self, text: &str) -> Diagnosis {
        let a = analyse(text);
        let (t, tp) = self.trap.score(&a).best();
        let (f, fp) = self.failure.score(&a).best();
        let mut cues = self.failure.drivers_where(&a, f, 3, shown);
        for c in self.trap.drivers_where(&a, t, 3, shown) {
            if !cues
                .iter()
                .any(|q| q.contains(&c) || c.contains(q.as_str()))
            {
                cues.push(c);
            }
        }
        let confidence = tp.min(fp);
        Diagnosis {
            trap: TRAPS[t],
            failure_type: FAILURE_TYPES[f],
            confidence,
            trap_confidence: tp,
            failure_type_confidence: fp,
            cues,
            unsure: confidence < UNSURE_BELOW || a.tokens.len() < 3,
        }
    }
}

/// A phrase is worth showing as a reason when it starts and ends with a
/// content word ("engineering", "committed to a feature"), never "we", "by
/// the" or "about the".
pub fn shown(words: &[String]) -> bool {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => !is_function_word(first) && !is_function_word(last),
        _ => false,
    }
}
