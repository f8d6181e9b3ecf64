//! `rebound playbook add` and `edit`: an organisation's own playbooks live
//! on its server, so these run only against one (like `reports`); the
//! server decides who may (admins) and checks the text.

use crate::args::JsonFlag;
use crate::error::{CliError, Result};
use crate::input::read_stdin;
use crate::mode::{self, Choice, Mode};
use crate::remote::http::{Auth, Http};
use reqwest::Method;
use serde_json::Value;

/// The Markdown from `file`, or stdin for "-".
pub(super) fn read_file(file: &str) -> Result<String> {
    if file == "-" {
        return read_stdin("playbook's Markdown");
    }
    std::fs::read_to_string(file).map_err(|e| {
        CliError::invalid(format!(
            "cannot read {file:?}: {}",
            crate::context::plain(&e)
        ))
    })
}

/// POSTs a new playbook (`slug` None) or PUTs a new version of `slug`.
pub(super) async fn send(
    choice: Choice<'_>,
    slug: Option<&str>,
    body: Value,
    out: JsonFlag,
) -> Result<()> {
    let Mode::Remote { server, token } = mode::choose(choice)? else {
        return Err(CliError::invalid(
            "your organisation's playbooks are kept on its server: sign in with `rebound login --server URL` first",
        ));
    };
    let http = Http::new(&server, Auth::Token(token))?;
    let server = server.trim_end_matches('/');
    let (method, path) = match slug {
        None => (Method::POST, "/api/v1/playbooks".to_owned()),
        Some(s) => (Method::PUT, format!("/api/v1/playbooks/{s}")),
    };
    let answer = http
        .call(method, &path, Some(&body))
        .await
        .map_err(|f| http.fail(f))?;
    let v = answer.body;
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let slug = v["slug"].as_str().unwrap_or("");
    let version = v["version"].as_i64().unwrap_or(1);
    match version {
        1 => println!("Added {slug} (version 1): {server}/playbooks/{slug}"),
        n => println!("Saved {slug} as version {n}; the earlier versions are kept."),
    }
    Ok(())
}
