//! The timeline: what happened, in order, with full dates; starred entries
//! go into the write-up. The owner adds entries, stars them, corrects them
//! (the earlier wording stays, behind "Earlier wording") and removes them
//! (struck, with when; left out of the write-up).

use super::fields::{local_time, ticked, written_time, written_value};
use super::page::{View, after, after_keeping};
use crate::mistakes::timeline::{EntryBody, EntryPatch};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::TimelineEntry;
use serde::Deserialize;

pub fn section(v: &View) -> Markup {
    let entries = v.m.timeline_with_removed();
    // A refused edit is said inside its entry; anything else at the top,
    // and what was typed into "Add an entry" goes back there.
    let adding = v.kept("timeline", "entry").is_none();
    let kept = |field: &str| v.kept("timeline", field).filter(|_| adding);
    html! {
        section.card #timeline aria-labelledby="timeline-title" {
            h2 #timeline-title { "Timeline" }
            @if v.owner && entries.is_empty() {
                p.lead { "Write down what happened, in order, while it is fresh: when it started, when it was noticed, what you did. Short lines are fine." }
            }
            @if adding { (alert(v.problem_in("timeline"))) }
            @if entries.is_empty() {
                @if !v.owner { p.muted { "Nothing on the timeline yet." } }
            } @else {
                ol.plain.items.timeline {
                    @for e in &entries {
                        (entry(v, e))
                    }
                }
            }
            @if v.owner {
                form.add-entry method="post" action=(v.action("timeline")) {
                    (csrf_field(v.csrf))
                    h3 { "Add an entry" }
                    label for="entry-text" { "What happened" }
                    textarea #entry-text name="text" rows="2" required maxlength="20000" {
                        (kept("text").unwrap_or(""))
                    }
                    label for="entry-at" { "When" span.hint { "Leave empty for now. Your time zone: " (v.now.time_zone().iana_name().unwrap_or("UTC")) "." } }
                    input #entry-at type="datetime-local" name="at" value=(kept("at").unwrap_or(""));
                    label.check {
                        input type="checkbox" name="starred" value="true" checked[kept("starred").is_some()];
                        span { "Star it: this belongs in the write-up" }
                    }
                    button type="submit" { "Add to the timeline" }
                }
            }
        }
    }
}

/// One entry: struck with when it was removed, or marked edited with what
/// it said before; the owner's controls beside a live one.
fn entry(v: &View, e: &TimelineEntry) -> Markup {
    let problem_here = v.kept("timeline", "entry") == Some(e.id.to_string().as_str());
    html! {
        li.entry.starred[e.starred].removed[e.is_removed()] id={ "entry-" (e.id) } {
            div.row {
                span { (date(e.at, v.now)) span.muted { " · #" (e.id) } }
                @if e.starred && !e.is_removed() {
                    span.pill.star { span aria-hidden="true" { "★ " } "Starred" }
                }
                @if !e.earlier.is_empty() { span.pill { "Edited" } }
            }
            @if let Some(removed) = e.removed_at {
                p.entry-text { s { (e.text) } }
                p.muted { "Removed " (date(removed, v.now)) ". It stays on the record and is left out of the write-up." }
            } @else {
                p.entry-text { (e.text) }
            }
            @if !e.earlier.is_empty() {
                details.earlier {
                    summary { "Earlier wording" }
                    ol.plain {
                        @for old in &e.earlier {
                            li {
                                (date(old.at, v.now)) " — " (old.text)
                                span.muted { " (replaced " (date(old.replaced_at, v.now)) ")" }
                            }
                        }
                    }
                }
            }
            @if v.owner && !e.is_removed() {
                (controls(v, e, problem_here))
            }
        }
    }
}

/// Star, edit (a small form that opens in place) and remove (a second
/// step that says what removing does): no script needed.
fn controls(v: &View, e: &TimelineEntry, problem_here: bool) -> Markup {
    let kept = |field: &str| v.kept("timeline", field).filter(|_| problem_here);
    let text_id = format!("entry-{}-text", e.id);
    let at_id = format!("entry-{}-at", e.id);
    html! {
        form.inline method="post" action=(v.action(&format!("timeline/{}/star", e.id))) {
            (csrf_field(v.csrf))
            @if e.starred {
                input type="hidden" name="starred" value="false";
                button.link type="submit" { "Remove the star" }
            } @else {
                input type="hidden" name="starred" value="true";
                button.link type="submit" { "Star for the write-up" }
            }
        }
        details.edit-entry open[problem_here] {
            summary { "Edit" }
            @if problem_here { (alert(v.problem_in("timeline"))) }
            form method="post" action=(v.action(&format!("timeline/{}/edit", e.id))) {
                (csrf_field(v.csrf))
                label for=(text_id) { "What happened" }
                textarea id=(text_id) name="text" rows="2" required maxlength="20000" {
                    (kept("text").unwrap_or(&e.text))
                }
                label for=(at_id) { "When" span.hint { "For example 14:05, yesterday at 17:45 or 20 minutes ago." } }
                input id=(at_id) type="text" name="at" autocomplete="off" maxlength="100"
                    value=(kept("at").map_or_else(|| written_value(Some(e.at), v.now), str::to_string));
                p.hint { "The earlier wording stays on the record." }
                button type="submit" { "Save the entry" }
            }
        }
        details.remove-entry {
            summary { "Remove" }
            form method="post" action=(v.action(&format!("timeline/{}/remove", e.id))) {
                (csrf_field(v.csrf))
                p { "Removing takes it off the timeline and out of the write-up. It stays on the record, struck through, with when it was removed." }
                button.danger type="submit" { "Remove this entry" }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    text: String,
    at: Option<String>,
    starred: Option<String>,
}

pub async fn add(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<EntryForm>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let mut kept = vec![
        ("text".to_string(), f.text.clone()),
        ("at".to_string(), f.at.clone().unwrap_or_default()),
    ];
    if ticked(f.starred.as_deref()) {
        kept.push(("starred".to_string(), "true".to_string()));
    }
    let outcome = match local_time(f.at.as_deref(), &now, "the time") {
        Ok(at) => crate::mistakes::timeline::add_entry(
            &state,
            &me.user,
            &id,
            &crate::precondition::Expect::any(),
            EntryBody {
                text: f.text,
                at,
                starred: ticked(f.starred.as_deref()),
            },
        )
        .await
        .map(drop),
        Err(e) => Err(e),
    };
    after_keeping(&state, &me, &id, "timeline", outcome, kept).await
}

/// One entry changed as the API changes it; pages send no version, since
/// an entry edit is applied to the fresh record.
async fn patch_entry(
    state: &AppState,
    me: &Me,
    id: &str,
    entry: i64,
    patch: EntryPatch,
) -> crate::error::ApiResult<()> {
    let any = crate::precondition::Expect::any();
    crate::mistakes::timeline::edit_entry(state, &me.user, id, entry, &any, patch)
        .await
        .map(drop)
}

#[derive(Deserialize)]
pub struct StarForm {
    starred: Option<String>,
}

pub async fn star(
    State(state): State<AppState>,
    me: Me,
    Path((id, entry)): Path<(String, i64)>,
    Form(f): Form<StarForm>,
) -> WebResult<Response> {
    let patch = EntryPatch {
        starred: Some(f.starred.as_deref() == Some("true")),
        ..EntryPatch::default()
    };
    let outcome = patch_entry(&state, &me, &id, entry, patch).await;
    after(&state, &me, &id, "timeline", outcome).await
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    text: String,
    at: Option<String>,
}

/// Saves a corrected entry; a refusal is said inside that entry's form,
/// with what was typed.
pub async fn edit(
    State(state): State<AppState>,
    me: Me,
    Path((id, entry)): Path<(String, i64)>,
    Form(f): Form<EditForm>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let kept = vec![
        ("entry".to_string(), entry.to_string()),
        ("text".to_string(), f.text.clone()),
        ("at".to_string(), f.at.clone().unwrap_or_default()),
    ];
    let outcome = match written_time(f.at.as_deref(), &now, "the time") {
        Ok(at) => {
            let patch = EntryPatch {
                text: Some(f.text),
                at,
                starred: None,
            };
            patch_entry(&state, &me, &id, entry, patch).await
        }
        Err(e) => Err(e),
    };
    after_keeping(&state, &me, &id, "timeline", outcome, kept).await
}

pub async fn remove(
    State(state): State<AppState>,
    me: Me,
    Path((id, entry)): Path<(String, i64)>,
    Form(_): Form<NoFields>,
) -> WebResult<Response> {
    let outcome = crate::mistakes::timeline::remove_entry(
        &state,
        &me.user,
        &id,
        entry,
        &crate::precondition::Expect::any(),
    )
    .await
    .map(drop);
    after(&state, &me, &id, "timeline", outcome).await
}

/// A form with nothing but its anti-forgery token.
#[derive(Deserialize)]
pub struct NoFields {}
