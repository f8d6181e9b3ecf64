//! `rebound playbook list | show SLUG | search WORDS`. Against a server
//! they ask it (`GET /api/v1/playbooks…`), so an organisation's own
//! playbooks are listed, shown and searched beside the built-in ones; on
//! the local database they read the built-ins compiled into this binary
//! (an organisation's live on its server). Both give the API's JSON shape,
//! printed by the same code. `add` and `edit` write an organisation's own
//! playbooks, on its server only (`playbook_write.rs`).

use crate::args::{JsonFlag, PlaybookCommand};
use crate::error::{CliError, Result};
use crate::mode::{self, Choice, Mode};
use crate::remote::http::{Auth, Http};
use rebound_domain::playbook::{self, Kind, MAX_QUERY_CHARS, Playbook};
use reqwest::Method;
use serde_json::{Value, json};

#[path = "playbook_write.rs"]
mod write;

pub async fn run(c: PlaybookCommand, choice: Choice<'_>) -> Result<()> {
    match c {
        PlaybookCommand::List { out } => {
            let v = match remote(choice)? {
                Some(http) => get(&http, "/api/v1/playbooks").await?,
                None => {
                    json!({ "playbooks": playbook::all().iter().map(summary).collect::<Vec<_>>() })
                }
            };
            print_list(&v, out)
        }
        PlaybookCommand::Show { slug, out } => {
            let v = match remote(choice)? {
                Some(http) => get(&http, &address(Some(&slug), None)).await?,
                None => local_show(&slug)?,
            };
            print_show(&v, out)
        }
        PlaybookCommand::Search { words, out } => {
            let words = words.join(" ");
            check_search(&words)?;
            let v = match remote(choice)? {
                Some(http) => get(&http, &address(None, Some(&words))).await?,
                None => local_search(&words),
            };
            print_search(&v, out)
        }
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

/// The server to ask, when this command runs against one.
fn remote(choice: Choice<'_>) -> Result<Option<Http>> {
    match mode::choose(choice)? {
        Mode::Remote { server, token } => Ok(Some(Http::new(&server, Auth::Token(token))?)),
        Mode::Local => Ok(None),
    }
}

async fn get(http: &Http, path: &str) -> Result<Value> {
    let answer = http
        .call(Method::GET, path, None)
        .await
        .map_err(|f| http.fail(f))?;
    Ok(answer.body)
}

/// `/api/v1/playbooks`, with a slug as one escaped path segment (a typo
/// cannot name another address) or a search as `q`.
fn address(slug: Option<&str>, q: Option<&str>) -> String {
    let mut url = reqwest::Url::parse("http://x/api/v1/playbooks").expect("a valid address");
    if let Some(s) = slug
        && let Ok(mut path) = url.path_segments_mut()
    {
        path.push(s);
    }
    if let Some(q) = q {
        url.query_pairs_mut().append_pair("q", q);
    }
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn print_list(v: &Value, out: JsonFlag) -> Result<()> {
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let all = v["playbooks"].as_array().cloned().unwrap_or_default();
    let kind_of = |p: &Value| serde_json::from_value::<Kind>(p["kind"].clone()).ok();
    for kind in Kind::ALL {
        let of: Vec<&Value> = all.iter().filter(|p| kind_of(p) == Some(kind)).collect();
        if of.is_empty() {
            continue;
        }
        println!("{}", kind.heading());
        for p in of {
            println!("  {:<40} {}", text(&p["slug"]), text(&p["title"]));
        }
        println!();
    }
    println!("Read one with `rebound playbook show SLUG`.");
    Ok(())
}

fn local_show(slug: &str) -> Result<Value> {
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
    let mut v = summary(p);
    v["about"] = json!(p.about);
    v["body_markdown"] = json!(p.body_markdown);
    v["related"] = playbook::related(&p.slug)
        .iter()
        .map(|r| json!({ "slug": r.slug, "title": r.title, "summary": r.summary }))
        .collect();
    Ok(v)
}

fn print_show(v: &Value, out: JsonFlag) -> Result<()> {
    if out.json {
        println!("{v}");
        return Ok(());
    }
    println!("# {}", text(&v["title"]));
    println!();
    println!("{}", text(&v["summary"]));
    println!();
    for line in text(&v["body_markdown"]).trim_end().lines() {
        println!("{line}");
    }
    println!();
    println!("Related:");
    for r in v["related"].as_array().into_iter().flatten() {
        println!("  {:<40} {}", text(&r["slug"]), text(&r["title"]));
    }
    Ok(())
}

fn check_search(words: &str) -> Result<()> {
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
    if playbook::nothing_to_match(words) {
        return Err(CliError::Invalid(format!(
            "the search {}",
            playbook::NOTHING_TO_MATCH
        )));
    }
    Ok(())
}

fn local_search(words: &str) -> Value {
    let items: Vec<Value> = playbook::search(words)
        .iter()
        .map(|h| {
            let mut v = summary(h.playbook);
            v["snippet"] = json!(h.snippet);
            v
        })
        .collect();
    json!({ "playbooks": items })
}

fn print_search(v: &Value, out: JsonFlag) -> Result<()> {
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let hits = v["playbooks"].as_array().cloned().unwrap_or_default();
    if hits.is_empty() {
        println!("No playbook matches; `rebound playbook list` shows them all.");
        return Ok(());
    }
    for h in hits {
        println!("{:<40} {}", text(&h["slug"]), text(&h["title"]));
        println!("  {}", text(&h["snippet"]));
    }
    Ok(())
}
