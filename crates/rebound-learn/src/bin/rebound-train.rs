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
            println!("Leave one style out (train on the rest, score the style):\n");
            println!("| held-out style | texts | accuracy |\n| --- | ---: | ---: |");
            for h in &held {
                let n: u32 = h.evaluation.confusion.iter().flatten().sum();
                println!(
                    "| {} | {n} | {:.1} % |",
                    h.style,
                    100.0 * h.evaluation.accuracy()
                );
            }
            println!(
                "| mean over styles | | {:.1} % |\n",
                100.0 * mean_accuracy(&held)
            );
        }
        let held = leave_one_writer_out(spec, &text)?;
        println!("Leave one writer out (train on everyone else, score the writer):\n");
        println!("| held-out writer | texts | accuracy |\n| --- | ---: | ---: |");
        for h in &held {
            let n: u32 = h.evaluation.confusion.iter().flatten().sum();
            println!(
                "| {} | {n} | {:.1} % |",
                h.writer,
                100.0 * h.evaluation.accuracy()
            );
        }
        println!(
            "| mean over outside writers | | {:.1} % |\n",
            100.0 * mean_outside(&held)
        );
        let out = root.join("models").join(spec.file);
        std::fs::write(&out, build(spec, &ex).to_bytes())
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}
