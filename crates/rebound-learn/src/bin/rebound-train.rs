//! Trains the embedded models from the team's corpus and reports
//! cross-validated accuracy with confusion matrices (Markdown, for
//! BENCHMARKS.md). Deterministic: the same corpus gives the same files.
//!
//!   cargo run --release -p rebound-learn --bin rebound-train [diagnose|lessons]
//!
//! Reads crates/rebound-learn/corpus/*.jsonl and writes
//! crates/rebound-learn/models/*.rblm. Never reads the published dev sets.
//! For the diagnosis models it also prints the leave-one-style-out check
//! (`styles`), and for every model the leave-one-writer-out check
//! (`writers`).

use rebound_learn::corpus::{FOLDS, SPECS, build, evaluate, examples};
use rebound_learn::styles::{leave_one_style_out, mean_accuracy};
use rebound_learn::train::Evaluation;
use rebound_learn::writers::{leave_one_writer_out, mean_outside};
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
    // `rebound-train lessons` (or `diagnose`) retrains and reports that corpus only.
    let only = std::env::args().nth(1);
    for spec in SPECS.iter().filter(|s| {
        only.as_ref()
            .is_none_or(|o| s.corpus.starts_with(o.as_str()))
    }) {
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
        if spec.corpus == "diagnose.jsonl" {
            let held = leave_one_style_out(spec, &text)?;
            let rows: Vec<(&str, &Evaluation)> =
                held.iter().map(|h| (h.style, &h.evaluation)).collect();
            print_held_out("style", "the rest", &rows, "styles", mean_accuracy(&held));
        }
        let held = leave_one_writer_out(spec, &text)?;
        let rows: Vec<(&str, &Evaluation)> = held
            .iter()
            .map(|h| (h.writer.as_str(), &h.evaluation))
            .collect();
        print_held_out(
            "writer",
            "everyone else",
            &rows,
            "outside writers",
            mean_outside(&held),
        );
        let out = root.join("models").join(spec.file);
        std::fs::write(&out, build(spec, &ex).to_bytes())
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

/// One held-out check as a Markdown table: each held-out part, its texts
/// and accuracy, then the mean.
fn print_held_out(part: &str, rest: &str, rows: &[(&str, &Evaluation)], over: &str, mean: f64) {
    println!("Leave one {part} out (train on {rest}, score the {part}):\n");
    println!("| held-out {part} | texts | accuracy |\n| --- | ---: | ---: |");
    for (name, e) in rows {
        let n: u32 = e.confusion.iter().flatten().sum();
        println!("| {name} | {n} | {:.1} % |", 100.0 * e.accuracy());
    }
    println!("| mean over {over} | | {:.1} % |\n", 100.0 * mean);
}
