//! `rebound oops`: record a mistake and print the heads-up at once.

use crate::args::OopsArgs;
use crate::context::{Ctx, new_id};
use crate::error::{CliError, Result};
use crate::input::{ask, interactive, text_arg};
use crate::render::clocks::clock_summary;
use rebound_domain::heads_up::{self, Missing};
use rebound_domain::{Mistake, NewMistake, Severity};
use rebound_store::StoreError;
use serde_json::json;

pub async fn run(ctx: &Ctx, a: OopsArgs) -> Result<()> {
    let mut used_stdin = false;
    let what = text_arg(a.what, "description", &mut used_stdin)?;
    let severity = a
        .severity
        .map(|s| s.parse::<Severity>())
        .transpose()
        .map_err(|e| CliError::invalid(e.to_string()))?;
    let mut input = NewMistake {
        title: a.title,
        what,
        affected: a.affected,
        severity,
        started_at: a.started_at.as_deref().map(|s| ctx.past(s)).transpose()?,
        detected_at: a.detected_at.as_deref().map(|s| ctx.past(s)).transpose()?,
        doing: a.doing,
        // The local database belongs to the person at the keyboard.
        owner: None,
        visibility: None,
    };
    // Check everything before asking anything, so a bad flag fails fast.
    Mistake::new(input.clone(), new_id()?, &ctx.now)?;
    // On a terminal, ask for what the draft needs rather than leave it vague.
    if !a.out.json && !used_stdin && interactive() {
        if input.affected.is_none() {
            input.affected = ask("Who is affected? (Enter to skip)")?;
        }
        if input.doing.is_none() {
            input.doing = ask("What are you doing about it right now? (Enter to skip)")?;
        }
    }
    let m = create(ctx, input).await?;
    let draft = heads_up::draft(&m, &ctx.now);

    if a.out.json {
        let clocks = m.clocks(ctx.now.timestamp());
        let out = json!({
            "id": m.id,
            "heads_up": m.heads_up.text,
            "missing": draft.missing,
            "state": m.state,
            "severity": m.severity,
            "detected_at": m.detected_at,
            "timeline_due": clocks.timeline.due,
            "note_due": clocks.note.due,
            "next_update_due": m.next_update_due(),
        });
        println!("{out}");
        return Ok(());
    }
    // The heads-up alone on stdout, so `rebound oops … | pbcopy` copies just it.
    eprintln!("Recorded {} · {} · severity {}", m.id, m.title, m.severity);
    eprintln!("\nHeads-up to send now (what happened, what you are doing about it):\n");
    println!("{}", m.heads_up.text);
    eprintln!();
    for missing in &draft.missing {
        let command = match missing {
            Missing::Doing => "heads-up edit",
            Missing::Affected => "edit",
        };
        eprintln!(
            "Add {} and the draft is rewritten: rebound {command} {} {} \"…\"",
            missing.label(),
            m.id,
            missing.flag()
        );
    }
    eprintln!("Once it is sent: rebound heads-up sent {} --to \"…\"", m.id);
    eprintln!("{}", clock_summary(&m, &ctx.now));
    Ok(())
}

/// Stores the mistake under a fresh random id, drawing again on the rare clash.
async fn create(ctx: &Ctx, input: NewMistake) -> Result<Mistake> {
    let mut attempts = 0;
    loop {
        let m = Mistake::new(input.clone(), new_id()?, &ctx.now)?;
        match ctx.store.create(&m).await {
            Ok(()) => return Ok(m),
            Err(StoreError::IdTaken(_)) if attempts < 5 => attempts += 1,
            Err(e) => return Err(e.into()),
        }
    }
}
