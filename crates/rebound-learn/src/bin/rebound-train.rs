//! Trains the embedded models from the team's corpus and reports
//! cross-validated accuracy with confusion matrices (Markdown, for
//! BENCHMARKS.md). Deterministic: the same corpus gives the same files.
//!
//!   cargo run --release -p rebound-learn --bin rebound-train
//!
//! Reads crates/rebound-learn/corpus/*.jsonl and writes
//! crates/rebound-learn/models/*.rblm. Never reads the published dev sets.

use rebound_learn::corpus::{FOLDS, SPECS, build, evaluate, examples};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rebound-train: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    println!("# Trained models ({FOLDS}-fold cross-validation)\n");
    for spec in &SPECS {
        let path = root.join("corpus").join(spec.corpus);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let ex = examples(&text, spec).map_err(|e| format!("{}: {e}", path.display()))?;
        let eval = evaluate(spec, &ex);
        println!(
            "## {}: {:.1} % over {} texts\n\n{}",
            spec.title,
            100.0 * eval.accuracy(),
            ex.len(),
            eval.table()
        );
        let out = root.join("models").join(spec.file);
        std::fs::write(&out, build(spec, &ex).to_bytes())
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}
