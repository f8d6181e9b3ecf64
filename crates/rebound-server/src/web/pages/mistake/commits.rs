//! The two commits: the hotfix, and the rollback or guardrail, linked by
//! SHA or URL with a message precise enough to read in six months. The
//! page says when a message is too thin, the same way the CLI does.

use super::page::{View, after, after_keeping};
use crate::mistakes::commits::CommitBody;
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::CommitRole;
use rebound_domain::commit_check::check_message;
use serde::Deserialize;

fn what_for(role: CommitRole) -> &'static str {
    match role {
        CommitRole::Hotfix => "The change that fixes the problem.",
        CommitRole::Guardrail => "The rollback or temporary guardrail that stopped it spreading.",
    }
}

fn title(role: CommitRole) -> &'static str {
    match role {
        CommitRole::Hotfix => "Hotfix",
        CommitRole::Guardrail => "Rollback or guardrail",
    }
}

pub fn section(v: &View) -> Markup {
    html! {
        section.card #commits aria-labelledby="commits-title" {
            h2 #commits-title { "Commits" }
            (alert(v.problem_in("commits")))
            @for role in [CommitRole::Hotfix, CommitRole::Guardrail] {
                (one(v, role))
            }
        }
    }
}

fn one(v: &View, role: CommitRole) -> Markup {
    let c = v.m.commit(role);
    let r = role.as_str();
    // After a refused save of this role's form, what was typed; otherwise
    // the commit as stored.
    let refused = v.kept("commits", "role") == Some(r);
    let field = |name: &str, stored: Option<&str>| -> String {
        if refused {
            v.kept("commits", name).unwrap_or("").to_string()
        } else {
            stored.unwrap_or("").to_string()
        }
    };
    let warnings = c
        .and_then(|c| c.message.as_ref())
        .map(|msg| check_message(msg, v.m))
        .unwrap_or_default();
    html! {
        div.commit {
            h3 #{ "commit-" (r) } { (title(role)) }
            p.muted { (what_for(role)) }
            @match c {
                None => p.muted.missing { "Not linked yet." },
                Some(c) => {
                    dl.facts {
                        @if let Some(sha) = &c.sha {
                            dt { "Commit" } dd { code { (sha.get(..12).unwrap_or(sha)) } }
                        }
                        @if let Some(url) = &c.url {
                            dt { "Link" } dd { a href=(url) rel="noopener noreferrer" { (url) } }
                        }
                        @if let Some(msg) = &c.message {
                            dt { "Message" } dd { pre.commit-message { (msg) } }
                        }
                        @if let Some(a) = &c.author { dt { "Author" } dd { (a) } }
                        dt { "Linked" } dd { (date(c.linked_at, v.now)) }
                    }
                    @if !warnings.is_empty() && v.owner {
                        div.advice role="note" {
                            p { strong { "Worth tightening, so it reads well in six months:" } }
                            ul { @for w in &warnings { li { (crate::web::error::sentence(&w.to_string())) } } }
                        }
                    }
                }
            }
            @if v.owner {
                details.edit open[refused || (c.is_none() && v.problem_in("commits").is_some())] {
                    summary { @if c.is_some() { "Change the " } @else { "Link the " } (role.label()) }
                    form method="post" action=(v.action(&format!("commits/{r}"))) {
                        (csrf_field(v.csrf))
                        (version_field(&format!("commit-{r}-version"), v.m.version))
                        p.hint { "Give the SHA, a link to the commit, or both." }
                        label for={ "commit-sha-" (r) } { "SHA" }
                        input id={ "commit-sha-" (r) } type="text" name="sha" inputmode="text" autocomplete="off" spellcheck="false"
                            value=(field("sha", c.and_then(|c| c.sha.as_deref())));
                        label for={ "commit-url-" (r) } { "Link to the commit" }
                        input id={ "commit-url-" (r) } type="url" name="url"
                            value=(field("url", c.and_then(|c| c.url.as_deref())));
                        label for={ "commit-message-" (r) } { "Commit message" span.hint { "What changed and why, in words that will still make sense in six months." } }
                        textarea id={ "commit-message-" (r) } name="message" rows="3" {
                            (field("message", c.and_then(|c| c.message.as_deref())))
                        }
                        button type="submit" { "Save the " (role.label()) }
                    }
                }
            }
        }
    }
}

/// Whether two SHAs (either may be abbreviated) name the same commit.
fn same_commit(stored: Option<&str>, given: Option<&str>) -> bool {
    match (stored, given) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
            a.starts_with(&b) || b.starts_with(&a)
        }
        _ => false,
    }
}

#[derive(Deserialize)]
pub struct CommitForm {
    sha: Option<String>,
    url: Option<String>,
    message: Option<String>,
    version: Option<String>,
}

pub async fn link(
    State(state): State<AppState>,
    me: Me,
    Path((id, role)): Path<(String, CommitRole)>,
    Form(f): Form<CommitForm>,
) -> WebResult<Response> {
    let kept = vec![
        ("role".to_string(), role.as_str().to_string()),
        ("sha".to_string(), f.sha.clone().unwrap_or_default()),
        ("url".to_string(), f.url.clone().unwrap_or_default()),
        ("message".to_string(), f.message.clone().unwrap_or_default()),
    ];
    let sha = given(f.sha);
    // What the CLI found in the repository (author, time, repo) still
    // describes the commit if the SHA is unchanged: keep it.
    let found = match crate::mistakes::read::open(&state, &me.user, &id).await {
        Ok(g) => g
            .mistake()
            .commit(role)
            .filter(|c| same_commit(c.sha.as_deref(), sha.as_deref()))
            .cloned(),
        Err(e) => return after(&state, &me, &id, "commits", Err(e)).await,
    };
    let body = CommitBody {
        sha,
        url: given(f.url),
        message: given(f.message),
        author: found.as_ref().and_then(|c| c.author.clone()),
        committed_at: found.as_ref().and_then(|c| c.committed_at),
        repo: found.as_ref().and_then(|c| c.repo.clone()),
    };
    let expect = Expect::from_form(f.version.as_deref());
    let outcome = crate::mistakes::commits::link_commit(&state, &me.user, &id, &expect, role, body)
        .await
        .map(drop);
    after_keeping(&state, &me, &id, "commits", outcome, kept).await
}
