//! `rebound diagnose` and `rebound lesson check`: the embedded classifiers,
//! on one text for a person or on JSON lines for other tools (the contract
//! in PRODUCT.md: one output line per input line, in order). No database.

use crate::args::{DiagnoseArgs, LessonCommand};
use crate::error::{CliError, Result};
use rebound_learn::{Diagnoser, LessonChecker};
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, BufWriter, Write};

pub fn diagnose(a: DiagnoseArgs) -> Result<()> {
    let d = Diagnoser::embedded();
    if a.jsonl {
        return each_line(|text| serde_json::to_value(d.diagnose(text)).expect("plain data"));
    }
    let r = d.diagnose(&given(a.text, "diagnose")?);
    let sure = if r.unsure {
        "a guess — choose for yourself"
    } else {
        "fairly sure"
    };
    println!(
        "Trap:         {} ({:.0} %)",
        r.trap,
        100.0 * r.trap_confidence
    );
    println!(
        "Failure type: {} ({:.0} %)",
        r.failure_type,
        100.0 * r.failure_type_confidence
    );
    println!("Confidence:   {sure}");
    if !r.cues.is_empty() {
        println!("Because of:   {}", quoted(&r.cues));
    }
    Ok(())
}

pub fn lesson(c: LessonCommand) -> Result<()> {
    let LessonCommand::Check { text, jsonl } = c;
    let checker = LessonChecker::embedded();
    if jsonl {
        return each_line(|text| serde_json::to_value(checker.check(text)).expect("plain data"));
    }
    let r = checker.check(&given(text, "check")?);
    println!("Verdict: {}", r.verdict);
    for reason in &r.reasons {
        println!("- {reason}");
    }
    if r.verdict != "careful" {
        println!(
            "Make it specific: name the exact error, and the concrete step you will take next time while still taking the risk."
        );
    }
    Ok(())
}

fn given(text: Option<String>, what: &str) -> Result<String> {
    text.filter(|t| !t.trim().is_empty()).ok_or_else(|| {
        CliError::invalid(format!(
            "give the text to {what} in quotes, or --jsonl to read {{\"id\", \"text\"}} lines on stdin"
        ))
    })
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Deserialize)]
struct Input {
    id: Value,
    text: String,
}

/// Why a line is not `{"id", "text"}`, in words (never serde's message).
fn unreadable(line: Option<&Value>) -> String {
    const SHAPE: &str = r#"write each line as {"id": …, "text": "…"}"#;
    match line {
        None => format!("this line is not JSON: {SHAPE}"),
        Some(v) if !v.is_object() => format!("this line is not a JSON object: {SHAPE}"),
        Some(v) if v.get("id").is_none() => format!("`id` is required: {SHAPE}"),
        Some(v) if v.get("text").is_none() => format!("`text` is required: {SHAPE}"),
        Some(_) => format!("`text` must be text: {SHAPE}"),
    }
}

/// One JSON line out per line in, `id` first. A line that is not
/// `{"id","text"}` gets `{"id","error"}` in its place (so outputs stay
/// aligned), a message on stderr, and the command exits non-zero at the end.
fn each_line(mut classify: impl FnMut(&str) -> Value) -> Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut bad = 0usize;
    for (n, line) in stdin.lines().enumerate() {
        let line = line.map_err(|e| CliError::Io(format!("cannot read stdin: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Input>(&line) {
            Ok(input) => {
                let mut answer = json!({ "id": input.id });
                if let (Value::Object(a), Value::Object(rest)) =
                    (&mut answer, classify(&input.text))
                {
                    a.extend(rest);
                }
                answer
            }
            Err(_) => {
                bad += 1;
                let read = serde_json::from_str::<Value>(&line).ok();
                let why = unreadable(read.as_ref());
                eprintln!("rebound: line {}: {why}", n + 1);
                let id = read
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(Value::Null);
                json!({ "id": id, "error": why })
            }
        };
        serde_json::to_writer(&mut out, &answer)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|e| CliError::Io(format!("cannot write stdout: {e}")))?;
    }
    out.flush()
        .map_err(|e| CliError::Io(format!("cannot write stdout: {e}")))?;
    if bad > 0 {
        return Err(CliError::invalid(format!(
            "{bad} input line(s) were not {{\"id\", \"text\"}} JSON; their output lines carry an error"
        )));
    }
    Ok(())
}
