//! The plan page's work: suggested moves and adopting one, the tasks and
//! marking one done, the debrief and the development plan.

use super::page::{View, answer, expect, local};
use super::{Pairs, one};
use crate::error::ApiError;
use crate::plans::{self as api};
use crate::precondition::{Expect, Kind};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::access::RecoveryPart;
use rebound_domain::recovery::{Completion, DebriefNote, Move, PracticeTask};

pub(super) fn moves_section(v: &View) -> Markup {
    let manager = v.d.is_manager();
    let reader = v.d.reader();
    html! {
        section.card #moves aria-labelledby="moves-title" {
            @if manager {
                h2 #moves-title { "Suggested moves" }
                p.hint { "Ranked for the drivers, the pressure points and the signs at the latest check-in, each with why." }
            } @else {
                h2 #moves-title { "What could help next" }
                p.hint { "Ideas for the next steps, each with why. Your manager takes them on with you; if one would not suit you, say so at your next one-on-one." }
            }
            (alert(v.problem("moves")))
            @if v.d.suggestions.is_empty() {
                p.muted { (if manager { "Every move has been adopted." } else { "Every idea has been taken on." }) }
            }
            ol.plain.items {
                @for s in &v.d.suggestions {
                    li {
                        h3 { (s.to.label_for(reader)) }
                        p { (s.to.how_for(reader)) }
                        ul { @for r in &s.reasons { li { (r) } } }
                        @if manager {
                            form.inline method="post" action=(v.action("adopt")) {
                                (csrf_field(&v.me.csrf))
                                input type="hidden" name="move" value=(s.to.as_str());
                                label for={ "due-" (s.to.as_str()) } { "Due (optional; " (s.to.default_due_days()) " days if blank)" }
                                input type="datetime-local" id={ "due-" (s.to.as_str()) } name="due";
                                button.small type="submit" { "Adopt" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How a task completes, as its reader can act on it.
fn condition(c: Completion, manager: bool) -> &'static str {
    match (c, manager) {
        (Completion::DebriefWritten, _) => "Done when the debrief note below is written.",
        (Completion::DevelopmentPlanWritten, _) => {
            "Done when the development plan below has a practice task."
        }
        (Completion::CheckInsRecorded, _) => {
            "Done when two one-on-ones have been recorded since it was taken on."
        }
        (Completion::MarkedDone, true) => "Mark it done when it has happened.",
        (Completion::MarkedDone, false) => "Your manager marks it done once it has happened.",
    }
}

pub(super) fn tasks_section(v: &View) -> Markup {
    let now = v.now.timestamp();
    html! {
        section.card #tasks aria-labelledby="tasks-title" {
            h2 #tasks-title { "Tasks" }
            (alert(v.problem("tasks")))
            @if v.d.plan.tasks.is_empty() {
                p.muted { (if v.d.is_manager() { "No moves adopted yet." } else { "Nothing taken on yet." }) }
            } @else {
                ul.plain.items {
                    @for t in &v.d.plan.tasks {
                        li {
                            strong { (t.to.label_for(v.d.reader())) } " "
                            @if let Some(at) = t.completed_at { span.pill.good { "Done" } " " (date(at, &v.now)) }
                            @else if t.overdue(now) { span.pill.bad { "Overdue" } }
                            @else { span.pill { "Open" } }
                            p.hint { "Due " (date(t.due, &v.now)) ". " (condition(t.completion(), v.d.is_manager())) }
                            @if v.edits() && !t.is_done() && t.completion() == Completion::MarkedDone {
                                form.inline method="post" action=(v.action(&format!("tasks/{}/done", t.id))) {
                                    (csrf_field(&v.me.csrf))
                                    (v.version(&format!("task-{}-version", t.id)))
                                    button.small.secondary type="submit" { "Mark done" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn debrief_section(v: &View) -> Markup {
    let note = v.d.plan.debrief.as_ref();
    let field = |name: &str, current: Option<&String>| -> String {
        v.kept("debrief", name)
            .map(String::from)
            .or_else(|| current.cloned())
            .unwrap_or_default()
    };
    let parts: [(&str, &str, Option<&String>); 4] = [
        (
            "what_happened",
            "What happened",
            note.map(|n| &n.what_happened),
        ),
        (
            "what_is_known",
            "What is known",
            note.map(|n| &n.what_is_known),
        ),
        (
            "technical_fix",
            "One technical fix",
            note.map(|n| &n.technical_fix),
        ),
        (
            "communication_change",
            "One communication change",
            note.map(|n| &n.communication_change),
        ),
    ];
    html! {
        section.card #debrief aria-labelledby="debrief-title" {
            h2 #debrief-title { "Debrief note" }
            p.hint { "Calm and factual: about the event, not the person." }
            @if v.edits() {
                (alert(v.problem("debrief")))
                form method="post" action=(v.action("debrief")) {
                    (csrf_field(&v.me.csrf))
                    (v.version("debrief-version"))
                    @for (name, label, current) in parts {
                        label for={ "debrief-" (name) } { (label) }
                        textarea id={ "debrief-" (name) } name=(name) rows="2" required maxlength="4000" { (field(name, current)) }
                    }
                    button type="submit" { "Save the debrief note" }
                }
            } @else if let Some(n) = note {
                dl.facts {
                    dt { "What happened" } dd { (n.what_happened) }
                    dt { "What is known" } dd { (n.what_is_known) }
                    dt { "One technical fix" } dd { (n.technical_fix) }
                    dt { "One communication change" } dd { (n.communication_change) }
                }
            } @else {
                p.muted { "Not written yet." }
            }
        }
    }
}

const PRACTICE_ROWS: usize = 3;

pub(super) fn development_section(v: &View) -> Markup {
    let dev = &v.d.plan.development;
    let rows = PRACTICE_ROWS.max(dev.len());
    html! {
        section.card #development aria-labelledby="development-title" {
            h2 #development-title { "Development plan" }
            @if dev.is_empty() && !v.edits() { p.muted { "Not written yet." } }
            @if !dev.is_empty() {
                ul { @for t in dev { li { (t.text) " — by " (date(t.due, &v.now)) } } }
            }
            @if v.edits() {
                (alert(v.problem("development")))
                form method="post" action=(v.action("development")) {
                    (csrf_field(&v.me.csrf))
                    (v.version("development-version"))
                    p.hint { "A few practice tasks with dates. Blank rows are left out." }
                    @for i in 0..rows {
                        @let t = dev.get(i);
                        label for={ "practice-" (i) } { "Practice task " (i + 1) }
                        input type="text" id={ "practice-" (i) } name={ "practice_" (i) } maxlength="300"
                            value=(v.kept("development", &format!("practice_{i}")).map(String::from).or_else(|| t.map(|t| t.text.clone())).unwrap_or_default());
                        label for={ "practice-due-" (i) } { "By" }
                        input type="date" id={ "practice-due-" (i) } name={ "practice_due_" (i) }
                            value=(v.kept("development", &format!("practice_due_{i}")).map(String::from).or_else(|| t.map(|t| t.due.to_zoned(v.now.time_zone().clone()).strftime("%Y-%m-%d").to_string())).unwrap_or_default());
                    }
                    button type="submit" { "Save the development plan" }
                }
            }
        }
    }
}

pub async fn adopt(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let result = async {
        let to: Move = one(&pairs, "move").unwrap_or("").parse().map_err(
            |e: rebound_domain::recovery::signs::UnknownName| {
                ApiError::unprocessable(e.to_string())
            },
        )?;
        let due = local(one(&pairs, "due"), &now, "the due date")?;
        api::adopt_move(&state, &me.user, &id, &Expect::any(), (to, due))
            .await
            .map(|_| ())
    }
    .await;
    let section = if result.is_ok() { "tasks" } else { "moves" };
    answer(&state, &me, &id, section, &pairs, result).await
}

pub async fn done(
    State(state): State<AppState>,
    me: Me,
    Path((id, task)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let result = api::complete_task(&state, &me.user, &id, &expect(&pairs), &task)
        .await
        .map(|_| ());
    answer(&state, &me, &id, "tasks", &pairs, result).await
}

pub async fn debrief(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let field = |n: &str| one(&pairs, n).unwrap_or("").to_string();
    let note = DebriefNote {
        what_happened: field("what_happened"),
        what_is_known: field("what_is_known"),
        technical_fix: field("technical_fix"),
        communication_change: field("communication_change"),
    };
    let now = state.clock.now();
    let how = (Kind::Edit, &expect(&pairs));
    let result = api::change(&state, &me.user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.write_debrief(note.clone(), now)?)
    })
    .await
    .map(|_| ());
    answer(&state, &me, &id, "debrief", &pairs, result).await
}

pub async fn development(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let result = async {
        let mut tasks = Vec::new();
        for i in 0..rebound_domain::recovery::plan::MAX_PRACTICE_TASKS {
            let text = one(&pairs, &format!("practice_{i}"));
            let due = one(&pairs, &format!("practice_due_{i}"));
            match (text, due) {
                (None, None) => {}
                (Some(text), Some(_)) => tasks.push(PracticeTask {
                    text: text.to_string(),
                    due: local(due, &now, "a practice task's date")?.expect("given"),
                }),
                (Some(_), None) => {
                    return Err(ApiError::unprocessable(format!(
                        "give practice task {} a date",
                        i + 1
                    )));
                }
                (None, Some(_)) => {
                    return Err(ApiError::unprocessable(format!(
                        "practice task {} has a date but no text",
                        i + 1
                    )));
                }
            }
        }
        let at = now.timestamp();
        let how = (Kind::Edit, &expect(&pairs));
        api::change(&state, &me.user, &id, RecoveryPart::Plan, how, |p| {
            Ok(p.set_development(tasks.clone(), at)?)
        })
        .await
        .map(|_| ())
    }
    .await;
    answer(&state, &me, &id, "development", &pairs, result).await
}
