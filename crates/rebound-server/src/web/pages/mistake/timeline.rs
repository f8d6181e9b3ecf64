//! The timeline: what happened, in order, with full dates; starred entries
//! go into the write-up. The owner adds entries and stars them.

use super::fields::{local_time, ticked};
use super::page::{View, after, after_keeping};
use crate::mistakes::timeline::{EntryBody, StarBody};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

pub fn section(v: &View) -> Markup {
    let entries = v.m.timeline_sorted();
    html! {
        section.card #timeline aria-labelledby="timeline-title" {
            h2 #timeline-title { "Timeline" }
            @if v.owner && entries.is_empty() {
                p.lead { "Write down what happened, in order, while it is fresh: when it started, when it was noticed, what you did. Short lines are fine." }
            }
            (alert(v.problem_in("timeline")))
            @if entries.is_empty() {
                @if !v.owner { p.muted { "Nothing on the timeline yet." } }
            } @else {
                ol.plain.items.timeline {
                    @for e in &entries {
                        li.entry.starred[e.starred] {
                            div.row {
                                (date(e.at, v.now))
                                @if e.starred {
                                    span.pill.star { span aria-hidden="true" { "★ " } "Starred" }
                                }
                            }
                            p.entry-text { (e.text) }
                            @if v.owner {
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
                            }
                        }
                    }
                }
            }
            @if v.owner {
                form.add-entry method="post" action=(v.action("timeline")) {
                    (csrf_field(v.csrf))
                    h3 { "Add an entry" }
                    label for="entry-text" { "What happened" }
                    textarea #entry-text name="text" rows="2" required maxlength="20000" {
                        (v.kept("timeline", "text").unwrap_or(""))
                    }
                    label for="entry-at" { "When" span.hint { "Leave empty for now. Your time zone: " (v.now.time_zone().iana_name().unwrap_or("UTC")) "." } }
                    input #entry-at type="datetime-local" name="at" value=(v.kept("timeline", "at").unwrap_or(""));
                    label.check {
                        input type="checkbox" name="starred" value="true" checked[v.kept("timeline", "starred").is_some()];
                        span { "Star it: this belongs in the write-up" }
                    }
                    button type="submit" { "Add to the timeline" }
                }
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
    let outcome = crate::mistakes::timeline::star_entry(
        &state,
        &me.user,
        &id,
        entry,
        &crate::precondition::Expect::any(),
        StarBody {
            starred: f.starred.as_deref() == Some("true"),
        },
    )
    .await
    .map(drop);
    after(&state, &me, &id, "timeline", outcome).await
}
