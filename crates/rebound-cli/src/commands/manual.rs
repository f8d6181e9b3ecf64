//! `rebound manual` (the Operating Manual: search, retired ones with
//! --all, Markdown with --export) and `rebound principle add | revise |
//! retire | history`. Revising keeps every earlier wording; retiring keeps
//! the principle with its reason.

use crate::args::{JsonFlag, ManualArgs, PrincipleCommand};
use crate::backend::Backend;
use crate::error::{CliError, Result};
use jiff::Timestamp;
use rebound_domain::manual::ManualEntry;
use rebound_domain::reflection::principle_text;
use rebound_domain::{PrincipleId, PrincipleStatus, ReflectionId};
use rebound_store::PrincipleFilter;
use serde_json::json;

fn to_json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| CliError::Io(e.to_string()))
}

fn day(b: &impl Backend, at: Timestamp) -> String {
    at.to_zoned(b.now().time_zone().clone())
        .strftime("%Y-%m-%d")
        .to_string()
}

pub async fn manual(b: &impl Backend, a: ManualArgs) -> Result<()> {
    let query = a.search.filter(|q| !q.trim().is_empty());
    let filter = PrincipleFilter {
        query: query.clone(),
        status: (!a.all && !a.export).then_some(PrincipleStatus::Active),
    };
    let entries = b.principles(&filter).await?;
    if a.export {
        print!("{}", b.manual_markdown(&entries).await?);
        return Ok(());
    }
    if a.out.json {
        println!("{}", json!({ "principles": to_json(&entries)? }));
        return Ok(());
    }
    if entries.is_empty() {
        match &query {
            Some(q) => println!("No principle matches '{q}'."),
            None if !a.all => println!(
                "No active principles (`rebound manual --all` includes retired ones; `rebound reflect` ends with a new one)."
            ),
            None => println!(
                "No principles yet: `rebound reflect` ends with one (--principle \"I will not …\")."
            ),
        }
        return Ok(());
    }
    let (active, retired): (Vec<&ManualEntry>, Vec<&ManualEntry>) = entries
        .iter()
        .partition(|e| e.principle.status == PrincipleStatus::Active);
    if !active.is_empty() {
        println!("Operating Manual");
        for e in active {
            print_entry(b, e);
        }
    }
    if !retired.is_empty() {
        println!("Retired");
        for e in retired {
            print_entry(b, e);
        }
    }
    Ok(())
}

fn print_entry(b: &impl Backend, e: &ManualEntry) {
    let p = &e.principle;
    println!("  {}  {}", p.id, p.text);
    let since = day(b, p.created_at);
    match &e.came_from {
        Some(from) => println!("            from: {from} (since {since})"),
        None => println!("            since {since}"),
    }
    let ids: Vec<String> = [
        ("mistake", p.mistake.as_ref().map(|m| m.to_string())),
        ("reflection", p.reflection.as_ref().map(|r| r.to_string())),
    ]
    .into_iter()
    .filter_map(|(what, id)| id.map(|id| format!("{what} {id}")))
    .collect();
    if !ids.is_empty() {
        println!("            drawn from: {}", ids.join(", "));
    }
    if let Some(c) = e.check.as_ref().filter(|c| c.needs_rewrite)
        && p.status == PrincipleStatus::Active
    {
        println!(
            "            lesson check: {} — rewrite it: `rebound principle revise {}`",
            c.verdict, p.id
        );
    }
    if p.history.len() > 1 {
        println!(
            "            revised {} time(s): `rebound principle history {}`",
            p.history.len() - 1,
            p.id
        );
    }
}

fn done(e: &ManualEntry, out: JsonFlag, message: String) -> Result<()> {
    if out.json {
        println!("{}", to_json(e)?);
    } else {
        println!("{message}");
    }
    Ok(())
}

fn parse_principle(id: &str) -> Result<PrincipleId> {
    Ok(PrincipleId::parse(id)?)
}

pub async fn principle(b: &impl Backend, c: PrincipleCommand) -> Result<()> {
    match c {
        PrincipleCommand::Add {
            text,
            reflection,
            add_anyway,
            out,
        } => {
            let from = reflection.as_deref().map(ReflectionId::parse).transpose()?;
            let text = principle_text(&text)?;
            super::reflections::not_a_repeat(b, &text, add_anyway).await?;
            let e = b.add_principle(&text, from.as_ref(), add_anyway).await?;
            let id = &e.principle.id;
            done(
                &e,
                out,
                format!("Principle {id} added to your Operating Manual."),
            )?;
            if !out.json {
                super::reflections::tell_check(&e);
            }
            Ok(())
        }
        PrincipleCommand::Revise {
            id,
            text,
            note,
            out,
        } => {
            let id = parse_principle(&id)?;
            let text = principle_text(&text)?;
            let e = b.revise_principle(&id, &text, note.as_deref()).await?;
            done(
                &e,
                out,
                format!(
                    "Principle {id} revised; the earlier wording stays in its history: {}",
                    e.principle.text
                ),
            )
        }
        PrincipleCommand::Retire { id, reason, out } => {
            let id = parse_principle(&id)?;
            if reason.trim().is_empty() {
                return Err(CliError::invalid("the reason cannot be empty"));
            }
            let e = b.retire_principle(&id, &reason).await?;
            done(
                &e,
                out,
                format!(
                    "Principle {id} retired; it stays in your manual's history (`rebound manual --all`)."
                ),
            )
        }
        PrincipleCommand::History { id, out } => {
            let id = parse_principle(&id)?;
            let e = b.principle(&id).await?;
            let p = &e.principle;
            if out.json {
                println!(
                    "{}",
                    json!({
                        "history": to_json(&p.history)?,
                        "status": p.status,
                        "retired_at": p.retired_at,
                        "retired_reason": p.retired_reason,
                    })
                );
                return Ok(());
            }
            println!("{}  {} ({})", p.id, p.text, p.status);
            if let Some(from) = &e.came_from {
                println!("From: {from}");
            }
            for (n, r) in p.history.iter().enumerate() {
                let why = r
                    .note
                    .as_deref()
                    .map(|n| format!(" — because: {n}"))
                    .unwrap_or_default();
                println!("  {}. {}  {}{why}", n + 1, day(b, r.at), r.text);
            }
            if let (Some(at), Some(reason)) = (p.retired_at, &p.retired_reason) {
                println!("  Retired {}: {reason}", day(b, at));
            }
            Ok(())
        }
    }
}
