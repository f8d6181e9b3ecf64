//! Leave-one-writer-out: how a model does on a writer it never trained on.
//! Leaving out a style (`styles`) still trains on the held-out style's own
//! writers; here each writer's texts are held out whole, the model trains
//! on everyone else's, and only that writer is scored — the nearest the
//! corpus can come to the blind sets, and the check a training change is
//! judged by before any blind set is scored. A row's writer is its
//! `writer` field, or told from its id: the retired blind sets (`h-`,
//! `h2-`, `h3-`) are one outside writer each, the rest is the team's.

use crate::corpus::Spec;
use crate::train::{Evaluation, Example, hold_out};
use serde_json::Value;

/// The writer of one corpus row.
pub fn writer_of(row: &Value) -> String {
    if let Some(w) = row["writer"].as_str() {
        return w.to_string();
    }
    let id = row["id"].as_str().unwrap_or("");
    match id.split_once('-') {
        Some(("h", _)) => "held-out set 1".into(),
        Some((set, _)) if set.starts_with('h') => format!("held-out set {}", &set[1..]),
        _ => "team".into(),
    }
}

/// One held-out writer: how their texts scored.
pub struct Held {
    pub writer: String,
    pub evaluation: Evaluation,
}

/// Each writer held out in turn, for `spec`'s label over `jsonl` (rows
/// already checked by `corpus::labelled`).
pub fn leave_one_writer_out(spec: &Spec, jsonl: &str) -> Result<Vec<Held>, String> {
    let rows = crate::corpus::labelled(jsonl, spec)?;
    let writers: Vec<String> = jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).map_or_else(|_| "team".into(), |r| writer_of(&r)))
        .collect();
    let all: Vec<Example> = rows
        .iter()
        .map(|(t, c)| Example::of(&(spec.analyse)(t), *c))
        .collect();
    let mut names: Vec<&String> = writers.iter().collect();
    names.sort();
    names.dedup();
    let out = names
        .into_iter()
        .map(|name| {
            let member: Vec<bool> = writers.iter().map(|w| w == name).collect();
            Held {
                writer: name.clone(),
                evaluation: hold_out(spec.classes, &all, &member, spec.settings),
            }
        })
        .collect();
    Ok(out)
}

/// The mean accuracy over the held-out writers other than the team (each
/// outside writer counts once; the team trains every one of them).
pub fn mean_outside(held: &[Held]) -> f64 {
    let outside: Vec<f64> = held
        .iter()
        .filter(|h| h.writer != "team")
        .map(|h| h.evaluation.accuracy())
        .collect();
    outside.iter().sum::<f64>() / outside.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_are_told_from_the_row() {
        let w = |s: &str| writer_of(&serde_json::from_str(s).unwrap());
        assert_eq!(w(r#"{"id":"h-l-001"}"#), "held-out set 1");
        assert_eq!(w(r#"{"id":"h3-d-010"}"#), "held-out set 3");
        assert_eq!(w(r#"{"id":"l0001"}"#), "team");
        assert_eq!(w(r#"{"id":"l1000","writer":"round 6 A"}"#), "round 6 A");
    }
}
