//! The two checkboxes a record needs before it can be closed: impact
//! documented and prevention defined. Each says what it needs from the
//! note; the owner ticks or unticks them.

use super::page::{View, after};
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use jiff::Timestamp;
use maud::{Markup, html};
use rebound_domain::Checkbox;
use serde::Deserialize;

struct Boxed {
    checkbox: Checkbox,
    title: &'static str,
    needs: &'static str,
    ready: bool,
    at: Option<Timestamp>,
}

pub fn section(v: &View) -> Markup {
    let m = v.m;
    let boxes = [
        Boxed {
            checkbox: Checkbox::Impact,
            title: "Impact documented",
            needs: "The note says who was affected and what was wrong.",
            ready: m.note.impact.is_documented(),
            at: m.impact_checked_at,
        },
        Boxed {
            checkbox: Checkbox::Prevention,
            title: "Prevention defined",
            needs: "The note has at least one prevention item.",
            ready: !m.note.prevention.is_empty(),
            at: m.prevention_checked_at,
        },
    ];
    html! {
        section.card #checks aria-labelledby="checks-title" {
            h2 #checks-title { "Checkboxes" }
            p.muted { "Both are needed before the record can be closed." }
            (alert(v.problem_in("checks")))
            ul.plain.items {
                @for b in &boxes {
                    li.checkbox-item {
                        div.row {
                            h3 { (b.title) }
                            @match b.at {
                                Some(_) => span.pill.good { span aria-hidden="true" { "✓ " } "Ticked" },
                                None => span.pill { "Not ticked" },
                            }
                        }
                        @match b.at {
                            Some(at) => p.muted { "Ticked " (date(at, v.now)) "." },
                            None if b.ready => p.muted { "Ready: " (b.needs) },
                            None => p.muted { "Needs: " (b.needs) " " @if v.owner { a href="#note" { "Go to the note" } } },
                        }
                        @if v.owner {
                            form method="post" action=(v.action(&format!("checks/{}", b.checkbox.as_str()))) {
                                (csrf_field(v.csrf))
                                (version_field(&format!("checks-{}-version", b.checkbox.as_str()), v.m.version))
                                @if b.at.is_some() {
                                    input type="hidden" name="ticked" value="false";
                                    button.secondary.small type="submit" { "Untick " (b.checkbox.label()) }
                                } @else {
                                    input type="hidden" name="ticked" value="true";
                                    button.small type="submit" { "Tick " (b.checkbox.label()) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct CheckForm {
    ticked: Option<String>,
    version: Option<String>,
}

pub async fn set(
    State(state): State<AppState>,
    me: Me,
    Path((id, checkbox)): Path<(String, Checkbox)>,
    Form(f): Form<CheckForm>,
) -> WebResult<Response> {
    let ticked = f.ticked.as_deref() != Some("false");
    let outcome = crate::mistakes::lifecycle::set_checkbox(
        &state,
        &me.user,
        &id,
        &Expect::from_form(f.version.as_deref()),
        checkbox,
        ticked,
    )
    .await
    .map(drop);
    after(&state, &me, &id, "checks", outcome).await
}
