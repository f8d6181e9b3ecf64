//! `rebound prompt` and `rebound journal [list | add | search | show |
//! principle | reflect | delete]`: today's prompt and the private journal, here or
//! on a server (the backend decides; the words are the same).

use crate::args::{JournalCommand, JsonFlag, PrincipleCommand};
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::input::text_arg;
use crate::render::safe::escape;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;
use serde_json::json;

pub async fn prompt(b: &impl Backend, out: JsonFlag) -> Result<()> {
    let p = b.prompt().await?;
    if out.json {
        println!("{}", json!(p));
        return Ok(());
    }
    println!("{}", escape(&p.text));
    println!(
        "Week {}: {} ({})",
        p.week,
        escape(&p.theme),
        p.date.strftime("%A %-d %B")
    );
    println!("Answer with `rebound journal add \"…\"`, or let it pass: nothing to keep up.");
    Ok(())
}

/// `out` is `rebound journal --json` with no subcommand: the list.
pub async fn run(b: &impl Backend, c: Option<JournalCommand>, out: JsonFlag) -> Result<()> {
    match c.unwrap_or(JournalCommand::List { out }) {
        JournalCommand::List { out } => list(b, None, out).await,
        JournalCommand::Search { words, out } => list(b, Some(&words.join(" ")), out).await,
        JournalCommand::Add { text, free, out } => {
            let mut stdin = false;
            let text = text_arg(Some(text), "journal entry", &mut stdin)?.unwrap_or_default();
            let e = b.journal_add(&text, free).await?;
            if out.json {
                println!("{}", json!(e));
            } else {
                println!("Kept in your journal as {}.", e.id);
            }
            Ok(())
        }
        JournalCommand::Show { id, out } => {
            let e = b.journal_entry(&parse(&id)?).await?;
            if out.json {
                println!("{}", json!(e));
            } else {
                print_one(b, &e, true);
            }
            Ok(())
        }
        JournalCommand::Principle {
            id,
            text,
            add_anyway,
            out,
        } => {
            let e = b.journal_entry(&parse(&id)?).await?;
            let Some(text) = text.or_else(|| e.principle_wording()) else {
                return Err(CliError::invalid(format!(
                    "entry {id} has no line starting \"I will not\": give the wording, `rebound journal principle {id} \"I will not …\"`"
                )));
            };
            // The same step as `rebound principle add`, so its rules and words apply.
            let add = PrincipleCommand::Add {
                text,
                reflection: None,
                add_anyway,
                out,
            };
            super::manual::principle(b, add).await
        }
        JournalCommand::Reflect { id, mut reflect } => {
            if reflect.account.is_some() {
                return Err(CliError::invalid(format!(
                    "the entry is the account of what happened: leave out --account, or use `rebound reflect` without entry {id}"
                )));
            }
            let e = b.journal_entry(&parse(&id)?).await?;
            // "-" would mean stdin to `rebound reflect`; an entry is never that.
            if e.text.trim() == "-" {
                return Err(CliError::invalid(format!(
                    "entry {id} says too little to reflect on: give the account with `rebound reflect --account \"…\"`"
                )));
            }
            // The same step as `rebound reflect` with the entry as the
            // account, so its rules, questions and words apply.
            reflect.account = Some(e.text);
            super::reflect::run(b, reflect).await
        }
        JournalCommand::Delete { id } => {
            let id = parse(&id)?;
            b.journal_delete(&id).await?;
            println!("Deleted journal entry {id}.");
            Ok(())
        }
    }
}

fn parse(id: &str) -> Result<JournalEntryId> {
    JournalEntryId::parse(id).map_err(|e| CliError::invalid(e.to_string()))
}

async fn list(b: &impl Backend, q: Option<&str>, out: JsonFlag) -> Result<()> {
    let entries = b.journal(q).await?;
    if out.json {
        println!("{}", json!({ "entries": entries }));
        return Ok(());
    }
    if entries.is_empty() {
        match q {
            Some(_) => println!("Nothing in your journal matches that."),
            None => println!(
                "Your journal is empty: `rebound prompt`, then `rebound journal add \"…\"`."
            ),
        }
        return Ok(());
    }
    for e in &entries {
        print_one(b, e, false);
    }
    Ok(())
}

fn print_one(b: &impl Backend, e: &JournalEntry, whole: bool) {
    let day = e
        .created_at
        .to_zoned(b.now().time_zone().clone())
        .strftime("%Y-%m-%d %H:%M");
    println!("[{}] {day}", e.id);
    if let Some(p) = &e.prompt {
        println!("  Prompt for {}: {}", p.date, escape(&p.text));
    }
    let lines: Vec<&str> = e.text.lines().collect();
    let shown = if whole {
        lines.len()
    } else {
        lines.len().min(3)
    };
    for line in &lines[..shown] {
        println!("  {}", escape(line));
    }
    if shown < lines.len() {
        println!("  … (`rebound journal show {}` for all of it)", e.id);
    }
    println!();
}
