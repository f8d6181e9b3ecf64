//! Your journal (`/journal`): today's prompt with a place to answer, a
//! search, and every entry newest first — each can be edited, deleted, or
//! made into a principle or a reflection in one step. Every read and form
//! calls the API's own operations (`crate::journal`), so only the
//! signed-in person's entries ever appear. Nothing here counts days or
//! keeps a streak: skipping a prompt needs no action.

use super::showing_up::own_mistakes;
use crate::error::ApiError;
use crate::journal::entries::{self, EntryChange, EntryView, NewEntryBody};
use crate::journal::turn::{self, ToPrincipleBody, ToReflectionBody};
use crate::journal::{PromptView, prompt_for};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::Mistake;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/journal", get(page).post(add))
        .route("/journal/{id}/edit", post(edit))
        .route("/journal/{id}/delete", post(delete))
        .route("/journal/{id}/principle", post(principle))
        .route("/journal/{id}/reflection", post(reflection))
}

/// Today's prompt with a box to answer it: on Home and atop the journal.
pub fn prompt_card(p: &PromptView, csrf: &str, typed: &str, message: Option<&str>) -> Markup {
    html! {
        section.card.prompt #prompt aria-labelledby="prompt-title" {
            h2 #prompt-title { "Today's prompt" }
            p.hint { "Week " (p.prompt.week) ": " (p.prompt.theme) }
            p.lead { (p.prompt.text) }
            (layout::alert(message))
            form method="post" action="/journal" {
                (csrf_field(csrf))
                input type="hidden" name="prompt" value="today";
                label for="answer" { "Your answer (only you can read it)" }
                textarea #answer name="text" rows="4" maxlength="10000" { (typed) }
                button type="submit" { "Keep in my journal" }
            }
            p.small.muted { "Skipping is fine: there is nothing to keep up. " a href="/journal" { "Your journal" } }
        }
    }
}

#[derive(Deserialize, Default)]
pub struct JournalQuery {
    q: Option<String>,
    edit: Option<String>,
}

/// What a refused post had in it, to show again beside its form.
#[derive(Default)]
struct Typed {
    /// The entry the form was on; `None` for a new answer.
    entry: Option<String>,
    text: String,
    message: String,
    /// The wording a refused "make this a principle" had.
    principle: Option<String>,
    /// It was refused as close to a principle already held: offer to add
    /// it anyway.
    near: bool,
}

pub async fn page(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<JournalQuery>,
) -> WebResult<Response> {
    Ok(markup(&state, &me, &q, None).await?.into_response())
}

async fn markup(
    state: &AppState,
    me: &Me,
    q: &JournalQuery,
    typed: Option<&Typed>,
) -> WebResult<Markup> {
    let prompt = prompt_for(state, &me.user)?;
    let list = entries::list_for(state, &me.user, q.q.as_deref()).await?;
    let mine = own_mistakes(state, me).await?;
    let now = state.clock.now_for(&me.user);
    let new_typed = typed.filter(|t| t.entry.is_none());
    let searched = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let body = html! {
        section.card {
            h1 { "Your journal" }
            p.lead { "Answers to the daily prompt, and anything else you want to keep. Only you can read it; it is in Download my data and goes when you delete your account." }
        }
        (prompt_card(&prompt, &me.csrf, new_typed.map_or("", |t| t.text.as_str()), new_typed.map(|t| t.message.as_str())))
        form.search method="get" action="/journal" role="search" {
            label for="q" { "Search your journal" }
            input #q type="search" name="q" maxlength="200" value=(searched.unwrap_or(""));
            button type="submit" { "Search" }
        }
        @if list.is_empty() {
            section.card {
                @if searched.is_some() { p { "Nothing in your journal matches that." } }
                @else { p { "Nothing here yet. Answer a prompt when one speaks to you." } }
            }
        } @else {
            ol.plain.journal aria-label="Your journal, newest first" {
                @for v in &list { (item(v, me, &mine, q, typed, &now)) }
            }
        }
    };
    Ok(layout::page(
        "Your journal",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    ))
}

fn item(
    v: &EntryView,
    me: &Me,
    mine: &[Mistake],
    q: &JournalQuery,
    typed: Option<&Typed>,
    now: &Zoned,
) -> Markup {
    let e = &v.entry;
    let id = e.id.as_str();
    let typed = typed.filter(|t| t.entry.as_deref() == Some(id));
    let editing = typed.is_some_and(|t| t.principle.is_none()) || q.edit.as_deref() == Some(id);
    let principle = typed.and_then(|t| t.principle.as_deref());
    let near = typed.is_some_and(|t| t.near);
    html! {
        li.card id={ "e-" (id) } {
            p.hint {
                (date(e.created_at, now))
                @if e.updated_at != e.created_at { " · edited " (date(e.updated_at, now)) }
            }
            @if let Some(p) = &e.prompt { p.small.muted { "Prompt for " (p.date) " (" (p.theme) "): " (p.text) } }
            @if let Some(t) = typed { (layout::alert(Some(&t.message))) }
            @if editing {
                form method="post" action={ "/journal/" (id) "/edit" } {
                    (csrf_field(&me.csrf))
                    label for={ "text-" (id) } { "Your entry" }
                    textarea id={ "text-" (id) } name="text" rows="6" maxlength="10000" {
                        (typed.map_or(e.text.as_str(), |t| t.text.as_str()))
                    }
                    button type="submit" { "Save" }
                    " " a href="/journal" { "Cancel" }
                }
            } @else {
                div.entry-text { @for line in e.text.lines() { (line) br; } }
                p.actions { a href={ "/journal?edit=" (id) "#e-" (id) } { "Edit" } }
            }
            details open[principle.is_some()] {
                summary { "Make this a principle" }
                form method="post" action={ "/journal/" (id) "/principle" } {
                    (csrf_field(&me.csrf))
                    label for={ "p-" (id) } { "I will not …" }
                    input id={ "p-" (id) } name="text" maxlength="300"
                        value=(principle.filter(|p| !p.trim().is_empty()).or(v.principle_wording.as_deref()).unwrap_or("I will not "));
                    @if near {
                        label.check {
                            input type="checkbox" name="add_anyway" value="yes";
                            " Add it anyway: it is a different principle"
                        }
                    }
                    button type="submit" { "Add to my Operating Manual" }
                }
            }
            details {
                summary { "Make this a reflection" }
                form method="post" action={ "/journal/" (id) "/reflection" } {
                    (csrf_field(&me.csrf))
                    label for={ "m-" (id) } { "Which of your mistakes is it about?" }
                    select id={ "m-" (id) } name="mistake" {
                        option value="" { "An older memory (give it a title)" }
                        @for m in mine { option value=(m.id) { (m.title) } }
                    }
                    label for={ "t-" (id) } { "Title, for an older memory" }
                    input id={ "t-" (id) } name="title" maxlength="200";
                    button type="submit" { "Start the reflection" }
                }
            }
            form.inline method="post" action={ "/journal/" (id) "/delete" } {
                (csrf_field(&me.csrf))
                button.secondary type="submit" { "Delete" }
            }
        }
    }
}

/// The journal again with the refusal beside the form it came from.
async fn refused(state: &AppState, me: &Me, e: ApiError, typed: Typed) -> WebResult<Response> {
    if e.status == StatusCode::NOT_FOUND {
        return Err(WebError::not_found());
    }
    let e = WebError::from(e);
    let typed = Typed {
        message: e.message,
        ..typed
    };
    let page = markup(state, me, &JournalQuery::default(), Some(&typed)).await?;
    Ok((e.status, page).into_response())
}

#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    text: String,
    prompt: Option<String>,
}

pub async fn add(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<EntryForm>,
) -> WebResult<Response> {
    let body = NewEntryBody {
        text: f.text.clone(),
        prompt_date: given(f.prompt),
    };
    match entries::create_for(&state, &me.user, body).await {
        Ok(v) => Ok(see_other(&format!("/journal#e-{}", v.entry.id))),
        Err(e) => {
            let typed = Typed {
                text: f.text,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}

pub async fn edit(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<EntryForm>,
) -> WebResult<Response> {
    let body = EntryChange {
        text: f.text.clone(),
    };
    match entries::change_for(&state, &me.user, &id, body).await {
        Ok(_) => Ok(see_other(&format!("/journal#e-{id}"))),
        Err(e) => {
            let typed = Typed {
                entry: Some(id),
                text: f.text,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn delete(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<Empty>,
) -> WebResult<Response> {
    entries::delete_for(&state, &me.user, &id).await?;
    Ok(see_other("/journal"))
}

#[derive(Deserialize)]
pub struct PrincipleForm {
    text: Option<String>,
    add_anyway: Option<String>,
}

pub async fn principle(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<PrincipleForm>,
) -> WebResult<Response> {
    let body = ToPrincipleBody {
        text: given(f.text.clone()),
        add_anyway: given(f.add_anyway).is_some(),
    };
    match turn::principle_for(&state, &me.user, &id, body).await {
        Ok(p) => Ok(see_other(&format!("/manual#p-{}", p.principle.id))),
        Err(e) => {
            let text = entries::get_for(&state, &me.user, &id).await?.entry.text;
            let typed = Typed {
                entry: Some(id),
                text,
                principle: Some(f.text.unwrap_or_default()),
                near: e.code == crate::reflections::NEAR_PRINCIPLE,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct ReflectionForm {
    mistake: Option<String>,
    title: Option<String>,
}

pub async fn reflection(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ReflectionForm>,
) -> WebResult<Response> {
    let body = ToReflectionBody {
        mistake_id: given(f.mistake),
        title: given(f.title),
    };
    match turn::reflection_for(&state, &me.user, &id, body).await {
        Ok(r) => Ok(see_other(&format!("/reflect/{}", r.reflection.id))),
        Err(e) => {
            let text = entries::get_for(&state, &me.user, &id).await?.entry.text;
            let typed = Typed {
                entry: Some(id),
                text,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}
