//! Your reflections (`/reflections`): every reflection you have started,
//! newest first — what it is about (the mistake's title or the memory),
//! the trap, the kind of error, the specific error, the lesson with the
//! check's verdict, the principle drawn from it, and when — each opening
//! `/reflect/{id}` to read it or take the next step. Read through the
//! API's own functions (`reflections::reflect::list_for` and the manual's
//! `list_for`), so only the signed-in person's records ever appear.

use crate::reflections::principles::{self as api_principles, PrincipleQuery};
use crate::reflections::reflect::{self as api, ReflectionView};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::pages::playbooks::links;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::manual::ManualEntry;
use rebound_domain::{LessonVerdict, PrincipleStatus};

pub fn router() -> Router<AppState> {
    Router::new().route("/reflections", get(list))
}

pub async fn list(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    let mut reflections = api::list_for(&state, &me.user).await?;
    // The API lists the most recently changed first; this page is a
    // record of what you reflected on, so the newest reflection leads.
    reflections.sort_by(|a, b| {
        b.reflection
            .created_at
            .cmp(&a.reflection.created_at)
            .then_with(|| a.reflection.id.as_str().cmp(b.reflection.id.as_str()))
    });
    let principles = api_principles::list_for(&state, &me.user, &PrincipleQuery::default()).await?;
    let now = state.clock.now_for(&me.user);
    let body = html! {
        section.card {
            h1 { "Your reflections" }
            p.lead { "Every reflection you have started, newest first. Only you can see them, whoever can see the mistake." }
            p { a href="/reflect" { "Reflect on an older memory" } " · " a href="/manual" { "Operating Manual" } " · " a href="/recovery" { "Wins and self-care" } " · " a href="/patterns" { "Your patterns" } }
        }
        @if reflections.is_empty() {
            section.card {
                p { "No reflections yet. Open one of your mistakes and choose “Reflect on this mistake”, or reflect on an older memory." }
            }
        } @else {
            ol.plain.reflections aria-label="Your reflections, newest first" {
                @for v in &reflections {
                    (item(v, &principles, &now))
                }
            }
        }
    };
    Ok(layout::page(
        "Your reflections",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    ))
}

/// Where to pick a reflection up: the first step not yet taken.
fn next_step(v: &ReflectionView) -> Option<(&'static str, &'static str)> {
    let r = &v.reflection;
    if r.trap.is_none() || r.failure_type.is_none() {
        Some(("diagnose", "Choose the trap and the kind of error"))
    } else if r.specific_error.is_none() {
        Some(("error", "Write the specific error"))
    } else if r.lesson.is_none() {
        Some(("lesson", "Write the lesson"))
    } else {
        None
    }
}

fn verdict_pill(v: LessonVerdict) -> Markup {
    let class = match v {
        LessonVerdict::Careful => "pill good",
        _ => "pill warn",
    };
    html! { span class=(class) { (v.as_str()) } }
}

fn item(v: &ReflectionView, principles: &[ManualEntry], now: &Zoned) -> Markup {
    let r = &v.reflection;
    let id = r.id.as_str();
    let drawn: Vec<&ManualEntry> = principles
        .iter()
        .filter(|e| e.principle.reflection.as_ref() == Some(&r.id))
        .collect();
    let missing = |s: &str| html! { span.muted.missing { (s) } };
    html! {
        li.card id={ "r-" (id) } {
            div.row {
                h2 { a href={ "/reflect/" (id) } { (v.subject) } }
                @if v.complete {
                    span.pill.good { "Complete" }
                } @else {
                    span.pill.warn { "In progress" }
                }
            }
            p.hint {
                @if r.mistake.is_some() { "On one of your mistakes" } @else { "An older memory" }
                " · started " (date(r.created_at, now))
                @if r.updated_at != r.created_at { " · last changed " (date(r.updated_at, now)) }
            }
            dl.facts {
                dt { "Trap" }
                dd { @match r.trap { Some(t) => { (t.title()) (links::beside(&format!("trap:{}", t.as_str()))) }, None => (missing("Not chosen yet")) } }
                dt { "Kind of error" }
                dd { @match r.failure_type { Some(f) => { (f.title()) (links::beside(&format!("failure:{}", f.as_str()))) }, None => (missing("Not chosen yet")) } }
                dt { "Specific error" }
                dd { @match &r.specific_error { Some(e) => (e), None => (missing("Not written yet")) } }
                dt { "Lesson" }
                dd {
                    @match &r.lesson {
                        Some(l) => {
                            (l)
                            @if let Some(verdict) = r.lesson_verdict { " " (verdict_pill(verdict)) }
                        }
                        None => (missing("Not written yet")),
                    }
                }
                dt { "Principle" }
                dd {
                    @if drawn.is_empty() {
                        (missing("Not yet"))
                    } @else {
                        ul.plain {
                            @for e in &drawn {
                                li {
                                    a href={ "/manual#p-" (e.principle.id) } { (e.principle.text) }
                                    @if e.principle.status == PrincipleStatus::Retired { " (retired)" }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some((anchor, what)) = next_step(v) {
                p {
                    a.button.small href={ "/reflect/" (id) "#" (anchor) } {
                        "Continue: " (what) span.sr-only { " — " (v.subject) }
                    }
                }
            } @else if drawn.is_empty() {
                p {
                    a href={ "/reflect/" (id) "#principle" } {
                        "Turn the lesson into a principle" span.sr-only { " — " (v.subject) }
                    }
                }
            }
        }
    }
}
