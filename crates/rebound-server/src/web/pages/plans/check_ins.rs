//! The plan page's check-ins: the form the manager fills in at each
//! one-on-one (the ten signs, topics, the flags, a private note) and the
//! check-ins so far with the chart.

use super::page::{View, answer};
use super::{Pairs, all, lines, one};
use crate::error::ApiError;
use crate::plans::{self as api, CheckInBody};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::recovery::signs::level_label;
use rebound_domain::recovery::{Sign, SignScore};

pub(super) fn check_in_form(v: &View) -> Markup {
    let typed = v.typed("check-in");
    // A check-in starts from the last one's levels: change what differs.
    let last = v.d.plan.check_ins.last();
    let level_of = |s: Sign| match typed {
        Some(p) => one(p, &format!("sign_{}", s.as_str())).map(str::to_string),
        None => last
            .and_then(|c| c.signs.iter().find(|x| x.sign == s))
            .map(|x| x.level.to_string()),
    };
    let covered: Vec<&str> = typed.map(|p| all(p, "covered")).unwrap_or_default();
    html! {
        section.card #check-in aria-labelledby="check-in-title" {
            h2 #check-in-title { "Record a check-in" }
            p.hint { "Score what you observed since the last one-on-one: 0 not seen, 1 a little, 2 clearly, 3 strongly. Notes are seen by both of you." }
            @if let Some(c) = last {
                p.hint #check-in-prefilled { "Filled in from the last check-in, on " (date(c.at, &v.now)) ": change only what differs." }
            }
            (alert(v.problem("check-in")))
            form method="post" action=(v.action("check-ins")) {
                (csrf_field(&v.me.csrf))
                label for="check-in-at" { "When it was" span.hint { "Leave it empty for now; or pick the day and time of the one-on-one." } }
                input #check-in-at type="datetime-local" name="at" value=(v.kept("check-in", "at").unwrap_or(""))
                    max=(v.now.strftime("%Y-%m-%dT%H:%M"));
                @for s in Sign::ALL {
                    fieldset.sign {
                        legend { (s.label()) }
                        div.row {
                            @for level in 0..=3u8 {
                                label.check {
                                    input type="radio" name={ "sign_" (s.as_str()) } value=(level) required
                                        checked[level_of(*s) == Some(level.to_string())];
                                    span { (level) " " (level_label(level)) }
                                }
                            }
                        }
                        label for={ "note_" (s.as_str()) } { "Note (optional)" }
                        input type="text" id={ "note_" (s.as_str()) } name={ "note_" (s.as_str()) } maxlength="1000"
                            value=(typed.and_then(|p| one(p, &format!("note_{}", s.as_str()))).unwrap_or(""));
                    }
                }
                @if !v.d.plan.topics.is_empty() {
                    fieldset {
                        legend { "Topics covered (the rest carry over)" }
                        @for (i, t) in v.d.plan.topics.iter().enumerate() {
                            label.check {
                                input type="checkbox" name="covered" value=(t) id={ "topic-" (i) } checked[covered.contains(&t.as_str())];
                                span { (t) }
                            }
                        }
                    }
                }
                label for="new_topics" { "Topics for next time (one per line)" }
                textarea #new_topics name="new_topics" rows="2" { (v.kept("check-in", "new_topics").unwrap_or("")) }
                fieldset {
                    legend { "Only if you saw it (seen by you alone)" }
                    label.check {
                        input type="checkbox" name="distress" value="on" checked[v.kept("check-in", "distress").is_some()];
                        span { "They seemed in severe distress, hopeless, persistently anxious or overwhelmed" }
                    }
                    label.check {
                        input type="checkbox" name="safety_impact" value="on" checked[v.kept("check-in", "safety_impact").is_some()];
                        span { "This is affecting safety-sensitive work or the team's outcomes" }
                    }
                }
                label for="private_note" { "Private note (optional)" span.hint { "For you alone: not the person, not an admin." } }
                textarea #private_note name="private_note" rows="2" maxlength="5000" { (v.kept("check-in", "private_note").unwrap_or("")) }
                button type="submit" { "Save the check-in" }
            }
        }
    }
}

pub(super) fn check_ins_section(v: &View) -> Markup {
    let p = &v.d.plan;
    html! {
        section.card #check-ins aria-labelledby="check-ins-title" {
            h2 #check-ins-title { "Check-ins" }
            @if !p.topics.is_empty() {
                h3 { "Topics for the next one-on-one" }
                ul { @for t in &p.topics { li { (t) } } }
            }
            @if p.check_ins.is_empty() {
                p.muted { "No check-ins yet." }
            } @else {
                ol.plain.items {
                    @for c in p.check_ins.iter().rev() {
                        li {
                            p { strong { (date(c.at, &v.now)) } " · total " (c.total()) " of 30" }
                            @let noted: Vec<&SignScore> = c.signs.iter().filter(|s| s.note.is_some()).collect();
                            @if !noted.is_empty() {
                                ul {
                                    @for s in noted {
                                        li { (s.sign.label()) " (" (s.level) "): " (s.note.as_deref().unwrap_or("")) }
                                    }
                                }
                            }
                            @if !c.covered.is_empty() { p.hint { "Covered: " (c.covered.join("; ")) } }
                            @if !c.carried_over.is_empty() { p.hint { "Carried over: " (c.carried_over.join("; ")) } }
                        }
                    }
                }
            }
        }
    }
}

pub async fn check_in(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let mut signs = Vec::new();
    let mut bad = None;
    for s in Sign::ALL {
        if let Some(level) = one(&pairs, &format!("sign_{}", s.as_str())) {
            match level.parse::<u8>() {
                Ok(level) => signs.push(SignScore {
                    sign: *s,
                    level,
                    note: one(&pairs, &format!("note_{}", s.as_str())).map(String::from),
                }),
                Err(_) => {
                    bad = Some(ApiError::unprocessable(format!(
                        "score '{}' from 0 to 3",
                        s.label()
                    )))
                }
            }
        }
    }
    let when = super::page::local(
        one(&pairs, "at"),
        &state.clock.now_for(&me.user),
        "When it was",
    );
    let (at, bad) = match (when, bad) {
        (_, Some(e)) | (Err(e), None) => (None, Some(e)),
        (Ok(at), None) => (at, None),
    };
    let result = match bad {
        Some(e) => Err(e),
        None => api::record_check_in(
            &state,
            &me.user,
            &id,
            &crate::precondition::Expect::any(),
            CheckInBody {
                signs,
                covered: all(&pairs, "covered")
                    .into_iter()
                    .map(String::from)
                    .collect(),
                new_topics: lines(one(&pairs, "new_topics")),
                distress: one(&pairs, "distress").is_some(),
                safety_impact: one(&pairs, "safety_impact").is_some(),
                private_note: one(&pairs, "private_note").map(String::from),
                at,
            },
        )
        .await
        .map(|_| ()),
    };
    let section = if result.is_ok() { "trend" } else { "check-in" };
    answer(&state, &me, &id, section, &pairs, result).await
}
