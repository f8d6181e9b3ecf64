//! The Operating Manual (`/manual`): your principles with the mistake or
//! memory each came from, a search box, revise and retire (every earlier
//! wording kept and shown), and the Markdown download. All private to you;
//! every post goes through the API's functions. (Wins and the self-care
//! plan are `showing_up.rs`.)

use crate::reflections::principles::{
    self as api, PrincipleQuery, RetireBody, ReviseBody, markdown_for, markdown_response,
};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use rebound_domain::PrincipleStatus;
use rebound_domain::manual::ManualEntry;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/manual", get(show))
        .route("/manual.md", get(download))
        .route("/manual/{id}/revise", post(revise))
        .route("/manual/{id}/retire", post(retire))
}

#[derive(Deserialize, Default)]
pub struct ManualParams {
    q: Option<String>,
    status: Option<String>,
}

/// A refused revise or retire: which principle, the message, what was typed.
struct Refused {
    id: String,
    message: String,
}

async fn manual_page(
    state: &AppState,
    me: &Me,
    params: &ManualParams,
    refused: Option<&Refused>,
) -> WebResult<Markup> {
    let query = PrincipleQuery {
        q: given(params.q.clone()),
        status: given(params.status.clone()),
    };
    let entries = match api::list_for(state, &me.user, &query).await {
        Ok(e) => e,
        Err(e) => return Err(WebError::from(e)),
    };
    let now = state.clock.now_for(&me.user);
    let status = params.status.as_deref().unwrap_or("");
    let body = html! {
        section.card {
            h1 { "Operating Manual" }
            p.lead { "The principles you have drawn from your own mistakes. Private to you; the download is yours to keep or share." }
            form method="get" action="/manual" role="search" {
                label for="q" { "Search your principles" }
                input #q type="search" name="q" value=(params.q.as_deref().unwrap_or(""));
                label for="status" { "Show" }
                select #status name="status" {
                    option value="" selected[status.is_empty()] { "All" }
                    option value="active" selected[status == "active"] { "Active" }
                    option value="retired" selected[status == "retired"] { "Retired" }
                }
                button type="submit" { "Search" }
            }
            p { a href="/manual.md" download="operating-manual.md" { "Download as Markdown" } " · " a href="/reflect" { "Reflect on an older memory" } " · " a href="/recovery" { "Wins and self-care" } }
        }
        @if entries.is_empty() {
            section.card { p { @if query.q.is_some() || query.status.is_some() { "No principle matches." } @else { "No principles yet. Reflect on a mistake to write your first." } } }
        }
        @for e in &entries {
            (principle_card(me, e, &now, refused))
        }
    };
    Ok(layout::page("Operating Manual", &me.nav(), body))
}

fn principle_card(
    me: &Me,
    e: &ManualEntry,
    now: &jiff::Zoned,
    refused: Option<&Refused>,
) -> Markup {
    let p = &e.principle;
    let id = p.id.to_string();
    let error = refused.filter(|r| r.id == id).map(|r| r.message.as_str());
    html! {
        section.card id={ "p-" (id) } {
            h2 { (p.text) }
            p.hint {
                @if let Some(from) = &e.came_from {
                    "From: "
                    @match &p.mistake { Some(m) => a href={ "/m/" (m) } { (from) }, None => (from) }
                    " · "
                }
                @if let Some(r) = &p.reflection { a href={ "/reflect/" (r) } { "The reflection" } " · " }
                "Since " (date(p.created_at, now))
                @if p.status == PrincipleStatus::Retired { " · " strong { "Retired" } }
            }
            @if let Some(c) = e.check.as_ref().filter(|c| c.needs_rewrite && p.status == PrincipleStatus::Active) {
                div.verdict {
                    p { "The lesson check says: " strong { (c.verdict.as_str()) } "." }
                    @if !c.reasons.is_empty() { ul { @for reason in &c.reasons { li { (reason) } } } }
                    p { (c.prompt) }
                }
            }
            @if let (Some(at), Some(reason)) = (p.retired_at, &p.retired_reason) {
                p { "Retired " (date(at, now)) ": " (reason) }
            }
            @if p.history.len() > 1 {
                details {
                    summary { "Earlier wordings (" (p.history.len() - 1) ")" }
                    ol {
                        @for (i, h) in p.history.iter().enumerate() {
                            li {
                                (h.text) " — " (date(h.at, now))
                                @if let Some(n) = &h.note { " (" (n) ")" }
                                @if i + 1 == p.history.len() { " — current" }
                            }
                        }
                    }
                }
            }
            (alert(error))
            @if p.status == PrincipleStatus::Active {
                details open[error.is_some() || e.check.as_ref().is_some_and(|c| c.needs_rewrite)] {
                    summary { "Revise or retire" }
                    form method="post" action={ "/manual/" (id) "/revise" } {
                        (csrf_field(&me.csrf))
                        label for={ "text-" (id) } { "New wording" }
                        input id={ "text-" (id) } type="text" name="text" required maxlength="300" value=(p.text);
                        label for={ "note-" (id) } { "Why it changed (optional)" }
                        input id={ "note-" (id) } type="text" name="note" maxlength="500";
                        button type="submit" { "Revise" }
                    }
                    form method="post" action={ "/manual/" (id) "/retire" } {
                        (csrf_field(&me.csrf))
                        label for={ "reason-" (id) } { "Why retire it?" }
                        input id={ "reason-" (id) } type="text" name="reason" required maxlength="500";
                        button.secondary type="submit" { "Retire" }
                    }
                }
            }
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Query(params): Query<ManualParams>,
) -> WebResult<Markup> {
    manual_page(&state, &me, &params, None).await
}

pub async fn download(State(state): State<AppState>, me: Me) -> WebResult<Response> {
    Ok(markdown_response(markdown_for(&state, &me.user).await?))
}

#[derive(Deserialize)]
pub struct ReviseForm {
    #[serde(default)]
    text: String,
    note: Option<String>,
}

async fn refused_page(
    state: &AppState,
    me: &Me,
    id: String,
    e: crate::error::ApiError,
) -> WebResult<Response> {
    let e = WebError::from(e);
    if e.status == axum::http::StatusCode::NOT_FOUND {
        return Err(e);
    }
    let refused = Refused {
        id,
        message: e.message,
    };
    let page = manual_page(state, me, &ManualParams::default(), Some(&refused)).await?;
    Ok((e.status, page).into_response())
}

pub async fn revise(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ReviseForm>,
) -> WebResult<Response> {
    let body = ReviseBody {
        text: f.text,
        note: given(f.note),
    };
    match api::revise_for(&state, &me.user, &id, body).await {
        Ok(p) => Ok(see_other(&format!("/manual#p-{}", p.principle.id))),
        Err(e) => refused_page(&state, &me, id, e).await,
    }
}

#[derive(Deserialize)]
pub struct RetireForm {
    #[serde(default)]
    reason: String,
}

pub async fn retire(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<RetireForm>,
) -> WebResult<Response> {
    match api::retire_for(&state, &me.user, &id, RetireBody { reason: f.reason }).await {
        Ok(p) => Ok(see_other(&format!("/manual#p-{}", p.principle.id))),
        Err(e) => refused_page(&state, &me, id, e).await,
    }
}
