//! `rebound oops`: record a mistake and print the heads-up at once.

use super::parse_choice;
use crate::args::OopsArgs;
use crate::backend::Backend;
use crate::context::new_id;
use crate::error::Result;
use crate::input::{ask, interactive, text_arg};
use crate::render::clocks::clock_summary;
use rebound_domain::heads_up::{self, Missing};
use rebound_domain::{Mistake, NewMistake, Severity, Visibility};
use serde_json::json;

pub async fn run(b: &impl Backend, a: OopsArgs) -> Result<()> {
    let mut used_stdin = false;
    let what = text_arg(a.what, "description", &mut used_stdin)?;
    let severity = parse_choice::<Severity>(a.severity)?;
    let mut input = NewMistake {
        title: a.title,
        what,
        affected: a.affected,
        severity,
        started_at: a.started_at.as_deref().map(|s| b.past(s)).transpose()?,
        detected_at: a.detected_at.as_deref().map(|s| b.past(s)).transpose()?,
        doing: a.doing,
        // Locally the database belongs to the person at the keyboard; a
        // server makes the signed-in person the owner.
        owner: None,
        visibility: parse_choice::<Visibility>(a.visibility)?,
    };
    // Check everything before asking anything, so a bad flag fails fast.
    Mistake::new(input.clone(), new_id()?, b.now())?;
    // On a terminal, ask for what the draft needs rather than leave it vague.
    if !a.out.json && !used_stdin && interactive() {
        if input.affected.is_none() {
            input.affected = ask("Who is affected? (Enter to skip)")?;
        }
        if input.doing.is_none() {
            input.doing = ask("What are you doing about it right now? (Enter to skip)")?;
        }
    }
    let m = b.create(input).await?.mistake;
    let now = b.now();
    let draft = heads_up::draft(&m, now);

    if a.out.json {
        let clocks = m.clocks(now.timestamp());
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
    eprintln!("{}", clock_summary(&m, now));
    Ok(())
}
