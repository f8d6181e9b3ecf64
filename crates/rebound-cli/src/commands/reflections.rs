//! `rebound reflections`: every reflection, most recently changed first,
//! with what it is about and the step it is at; and what `reflect` and
//! `principle add` say about a principle before and after adding it (the
//! same wording refused, a near one pointed out, the lesson check's flag).

use crate::args::JsonFlag;
use crate::backend::{Backend, ReflectionRecord};
use crate::error::{CliError, Result};
use rebound_domain::manual::ManualEntry;
use rebound_domain::reflection::similar;
use rebound_domain::{PrincipleStatus, ReflectionError};
use rebound_store::PrincipleFilter;
use serde_json::json;

pub async fn list(b: &impl Backend, out: JsonFlag) -> Result<()> {
    let all = b.reflections().await?;
    if out.json {
        let items: Vec<&serde_json::Value> = all.iter().map(|r| &r.json).collect();
        println!("{}", json!({ "reflections": items }));
        return Ok(());
    }
    if all.is_empty() {
        println!("No reflections yet: `rebound reflect MISTAKE_ID` starts one.");
        return Ok(());
    }
    for r in &all {
        print_one(b, r);
    }
    Ok(())
}

fn print_one(b: &impl Backend, rec: &ReflectionRecord) {
    let r = &rec.reflection;
    let changed = r
        .updated_at
        .to_zoned(b.now().time_zone().clone())
        .strftime("%Y-%m-%d");
    println!("{}  {}  (changed {changed})", r.id, rec.subject);
    if let Some(m) = &r.mistake {
        println!("            mistake {m}");
    }
    let step = if r.trap.is_none() || r.failure_type.is_none() {
        "next: choose the trap and the failure type"
    } else if r.specific_error.is_none() {
        "next: write the specific error"
    } else if r.lesson.is_none() {
        "next: write the lesson"
    } else {
        "complete"
    };
    match r.lesson_verdict {
        Some(v) => println!("            {step}; lesson check: {v}"),
        None => println!("            {step}"),
    }
}

/// The first line after `reflect` saved: a new reflection, or the one
/// already started on that mistake, continued.
pub fn tell_saved(saved: &ReflectionRecord) {
    let how = if saved.continued {
        "continued (you had started it on this mistake)"
    } else {
        "saved"
    };
    println!("Reflection {} {how}.", saved.reflection.id);
}

/// Refuses, before anything is saved, a principle that repeats an active
/// one: always the same wording, a near one unless `anyway`.
pub async fn not_a_repeat(b: &impl Backend, text: &str, anyway: bool) -> Result<()> {
    let active = PrincipleFilter {
        query: None,
        status: Some(PrincipleStatus::Active),
    };
    let mine: Vec<_> = b
        .principles(&active)
        .await?
        .into_iter()
        .map(|e| e.principle)
        .collect();
    match similar(text, &mine).and_then(|s| s.refusal(anyway)) {
        Some(refused @ ReflectionError::NearPrinciple { .. }) => {
            Err(CliError::invalid(format!("{refused} (--add-anyway)")))
        }
        Some(refused) => Err(CliError::from(refused)),
        None => Ok(()),
    }
}

/// The lesson check's flag on a principle just added, with what to do.
pub fn tell_check(e: &ManualEntry) {
    let Some(c) = e.check.as_ref().filter(|c| c.needs_rewrite) else {
        return;
    };
    println!("Principle check: {}", c.verdict);
    for reason in &c.reasons {
        println!("- {reason}");
    }
    println!("{}", c.prompt);
    println!(
        "To rewrite it: rebound principle revise {} \"I will not …\"",
        e.principle.id
    );
}
