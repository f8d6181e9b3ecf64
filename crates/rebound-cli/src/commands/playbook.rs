//! `rebound playbook list | show SLUG | search WORDS`: the built-in
//! playbooks, read from the domain directly. They are compiled into this
//! binary exactly as into the server, so no server or database is needed
//! and the answer is the same in either mode. `add` and `edit` write an
//! organisation's own playbooks, which live on its server
//! (`playbook_write.rs`).

use crate::args::{JsonFlag, PlaybookCommand};
use crate::error::{CliError, Result};
use crate::mode::Choice;
use rebound_domain::playbook::{self, Kind, MAX_QUERY_CHARS, Playbook};
use serde_json::{Value, json};

#[path = "playbook_write.rs"]
mod write;

pub async fn run(c: PlaybookCommand, choice: Choice<'_>) -> Result<()> {
    match c {
        PlaybookCommand::List { out } => list(out),
        PlaybookCommand::Show { slug, out } => show(&slug, out),
        PlaybookCommand::Search { words, out } => search(&words.join(" "), out),
        PlaybookCommand::Add {
            title,
            summary,
            slug,
            file,
            out,
        } => {
            let body = json!({ "title": title, "summary": summary, "slug": slug, "body": write::read_file(&file)? });
            write::send(choice, None, body, out).await
        }
        PlaybookCommand::Edit {
            slug,
            file,
            title,
            summary,
            out,
        } => {
            let body =
                json!({ "title": title, "summary": summary, "body": write::read_file(&file)? });
            write::send(choice, Some(&slug), body, out).await
        }
    }
}

fn summary(p: &Playbook) -> Value {
    json!({ "slug": p.slug, "title": p.title, "kind": p.kind, "summary": p.summary })
}

fn list(out: JsonFlag) -> Result<()> {
    let all = playbook::all();
    if out.json {
        let items: Vec<Value> = all.iter().map(summary).collect();
        println!("{}", json!({ "playbooks": items }));
        return Ok(());
    }
    for kind in Kind::ALL {
        if !all.iter().any(|p| p.kind == kind) {
            continue;
        }
        println!("{}", kind.heading());
        for p in all.iter().filter(|p| p.kind == kind) {
            println!("  {:<40} {}", p.slug, p.title);
        }
        println!();
    }
    println!("Read one with `rebound playbook show SLUG`.");
    Ok(())
}

fn show(slug: &str, out: JsonFlag) -> Result<()> {
    let Some(p) = playbook::get(slug) else {
        let close = playbook::close_slugs(slug);
        let hint = if close.is_empty() {
            " (see `rebound playbook list`)".to_string()
        } else {
            format!("; did you mean {}?", close.join(", "))
        };
        return Err(CliError::Missing(format!(
            "no playbook is called {slug:?}{hint}"
        )));
    };
    let related = playbook::related(&p.slug);
    if out.json {
        let mut v = summary(p);
        v["about"] = json!(p.about);
        v["body_markdown"] = json!(p.body_markdown);
        v["related"] = related
            .iter()
            .map(|r| json!({ "slug": r.slug, "title": r.title, "summary": r.summary }))
            .collect();
        println!("{v}");
        return Ok(());
    }
    println!("# {}", p.title);
    println!();
    println!("{}", p.summary);
    println!();
    for line in p.body_markdown.trim_end().lines() {
        println!("{line}");
    }
    println!();
    println!("Related:");
    for r in related {
        println!("  {:<40} {}", r.slug, r.title);
    }
    Ok(())
}

fn search(words: &str, out: JsonFlag) -> Result<()> {
    rebound_domain::text::line("the search", words)
        .map_err(|e| CliError::Invalid(e.to_string()))?;
    if words.trim().is_empty() {
        return Err(CliError::Invalid(
            "the search is blank: give a word to look for".into(),
        ));
    }
    if words.chars().count() > MAX_QUERY_CHARS {
        return Err(CliError::Invalid(format!(
            "the search is longer than {MAX_QUERY_CHARS} characters: a few words will do"
        )));
    }
    let hits = playbook::search(words);
    if out.json {
        let items: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = summary(h.playbook);
                v["snippet"] = json!(h.snippet);
                v
            })
            .collect();
        println!("{}", json!({ "playbooks": items }));
        return Ok(());
    }
    if hits.is_empty() {
        println!("No playbook matches; `rebound playbook list` shows them all.");
        return Ok(());
    }
    for h in hits {
        println!("{:<40} {}", h.playbook.slug, h.playbook.title);
        println!("  {}", h.snippet);
    }
    Ok(())
}
