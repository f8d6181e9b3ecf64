//! The playbooks: `/playbooks` (grouped by kind, the organisation's first,
//! a search box, no script) and `/playbooks/{slug}` (the text through
//! `web::markdown`, the related ones linked). Both call the API's
//! operations. An admin also finds "New playbook" on the list and "Edit"
//! on an organisation's; its history is for everyone (`edit.rs`).

mod edit;
pub mod links;

use crate::playbooks::{self as api, PlaybookQuery, PlaybookSummary};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::layout::{self, alert};
use crate::web::markdown;
use crate::web::me::Me;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use rebound_domain::Role;
use rebound_domain::playbook::Kind;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/playbooks", get(list))
        .route("/playbooks/{slug}", get(show))
        .merge(edit::router())
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    q: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    me: Me,
    Query(params): Query<ListParams>,
) -> WebResult<Response> {
    // An empty box submitted is the whole list, not a refused search.
    let q = params.q.clone().filter(|q| !q.trim().is_empty());
    let searching = q.is_some();
    let (status, found, refused) = match api::list_for(&state, &me.user, &PlaybookQuery { q }).await
    {
        Ok(l) => (StatusCode::OK, l.playbooks, None),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => (
            e.status,
            Vec::new(),
            Some(crate::web::error::sentence(&e.message)),
        ),
        Err(e) => return Err(WebError::from(e)),
    };
    let body = html! {
        section.card {
            h1 { "Playbooks" }
            p.lead { "Short guides on confidence after a mistake, its neighbouring topics and practices that help." }
            form method="get" action="/playbooks" role="search" {
                label for="q" { "Search the playbooks" }
                input #q type="search" name="q" maxlength="200" value=(params.q.as_deref().unwrap_or(""));
                button type="submit" { "Search" }
            }
            (alert(refused.as_deref()))
            @if me.user.role == Role::Admin {
                p { a.button href="/playbooks/new" { "New playbook" } }
            }
        }
        @if searching && refused.is_none() {
            section.card aria-labelledby="results" {
                h2 #results { "Results" }
                @if found.is_empty() {
                    p { "No playbook matches. " a href="/playbooks" { "See them all" } }
                } @else {
                    ul.plain.items { @for p in &found { li { (row(p)) } } }
                }
            }
        } @else if !searching {
            @for kind in Kind::ALL {
                @let group: Vec<&PlaybookSummary> = found.iter().filter(|p| p.kind == kind).collect();
                @if !group.is_empty() {
                    section.card {
                        h2 { (kind.heading()) }
                        ul.plain.items { @for p in group { li { (row(p)) } } }
                    }
                }
            }
        }
    };
    Ok((status, layout::page("Playbooks", &me.nav(), body)).into_response())
}

fn row(p: &PlaybookSummary) -> Markup {
    html! {
        a href={ "/playbooks/" (p.slug) } { strong { (p.title) } }
        p.hint { (p.snippet.as_deref().unwrap_or(&p.summary)) }
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(slug): Path<String>,
) -> WebResult<Markup> {
    let p = api::get_for(&state, &me.user, &slug).await?;
    let body = html! {
        p { a href="/playbooks" { "All playbooks" } }
        article.card {
            h1 { (p.title) }
            p.lead { (p.summary) }
            @if p.kind == Kind::Organisation {
                p.hint {
                    "Written by your organisation"
                    @if let Some(v) = p.version { " · version " (v) }
                    " · " a href={ "/playbooks/" (p.slug) "/history" } { "History" }
                    @if me.user.role == Role::Admin {
                        " · " a href={ "/playbooks/" (p.slug) "/edit" } { "Edit" }
                    }
                }
            }
            div.prose { (markdown::render_with_anchors(&p.body_markdown)) }
        }
        @if !p.related.is_empty() {
            section.card aria-labelledby="related" {
                h2 #related { "Related" }
                ul.plain.items {
                    @for r in &p.related {
                        li { a href={ "/playbooks/" (r.slug) } { strong { (r.title) } } p.hint { (r.summary) } }
                    }
                }
            }
        }
    };
    Ok(layout::page(&p.title, &me.nav(), body))
}
