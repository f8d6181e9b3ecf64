//! The plan page (`/plans/{id}`): for the manager, everything and every
//! form; for the report, the plan to read — never the private notes, the
//! escalation, or the distress and safety flags behind it (the API leaves
//! them out for the report, and so does this page). A refused post shows
//! the page again with the reason beside its section and what was typed.

use super::chart::chart;
use super::{Pairs, all, context_fields, lines, nav, one, parse_all, trend_pill};
use crate::error::ApiError;
use crate::plans::{self as api, CheckInBody, PlanData};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, Zoned};
use maud::{Markup, html};
use rebound_domain::access::RecoveryPart;
use rebound_domain::recovery::signs::level_label;
use rebound_domain::recovery::{
    Completion, DebriefNote, Move, PracticeTask, PrivateNote, Sign, SignScore,
};

struct Refused<'a> {
    section: &'static str,
    message: String,
    typed: &'a Pairs,
}

struct View<'a> {
    d: &'a PlanData,
    me: &'a Me,
    now: Zoned,
    refused: Option<&'a Refused<'a>>,
}

impl View<'_> {
    fn problem(&self, section: &str) -> Option<&str> {
        self.refused
            .filter(|r| r.section == section)
            .map(|r| r.message.as_str())
    }

    fn typed(&self, section: &str) -> Option<&Pairs> {
        self.refused
            .filter(|r| r.section == section)
            .map(|r| r.typed)
    }

    fn kept(&self, section: &str, name: &str) -> Option<&str> {
        self.typed(section).and_then(|p| one(p, name))
    }

    fn action(&self, what: &str) -> String {
        format!("/plans/{}/{what}", self.d.plan.id)
    }
}

async fn render(
    state: &AppState,
    me: &Me,
    id: &str,
    refused: Option<&Refused<'_>>,
) -> WebResult<Markup> {
    let d = api::plan_data(state, &me.user, id).await?;
    let notes = if d.is_manager() {
        api::notes_for(state, &me.user, id).await?
    } else {
        Vec::new()
    };
    let v = View {
        d: &d,
        me,
        now: crate::clock::now_for(&me.user),
        refused,
    };
    let manager = d.is_manager();
    let title = if manager {
        format!("Recovery plan with {}", d.report.display_name)
    } else {
        "Your recovery plan".to_string()
    };
    let body = html! {
        section.card {
            h1 { (title) }
            p.hint {
                "Opened " (date(d.plan.opened_at, &v.now))
                @if let Some(m) = &d.plan.mistake { " · after " a href={ "/m/" (m) } { "this mistake" } }
            }
            @if manager {
                p.lead { "Seen by you and " (d.report.display_name) ". Your private notes are seen by you alone." }
            } @else {
                p.lead { "Your manager's plan to support you. You can read all of it except their private notes; talk about any of it at your next one-on-one." }
            }
            (calendar_section(&v))
        }
        @if let Some(e) = &d.escalation {
            section.card.advice #escalation aria-labelledby="escalation-title" role="region" {
                h2 #escalation-title { "It may be time for more support" }
                ul { @for c in &e.criteria { li { (c.explain()) } } }
                p { (e.suggestion) }
                h3 { "Words you could use" }
                ul { @for w in &e.words { li { "“" (w) "”" } } }
            }
        }
        (trend_section(&v))
        @if manager { (check_in_form(&v)) }
        (check_ins_section(&v))
        (moves_section(&v))
        (tasks_section(&v))
        (debrief_section(&v))
        (development_section(&v))
        (context_section(&v))
        @if manager { (private_notes_section(&v, &notes)) }
    };
    Ok(layout::page(&title, &nav(me), body))
}

fn calendar_section(v: &View) -> Markup {
    html! {
        p {
            "Calendar: "
            a href=(v.action("check-ins.ics")) download="one-on-ones.ics" { "one-on-ones (.ics)" }
            @if v.d.plan.debrief_task().is_some() {
                " · " a href=(v.action("debrief.ics")) download="debrief.ics" { "debrief (.ics)" }
            }
            @if let Some(next) = v.d.next_check_in { " · next one-on-one " (date(next, &v.now)) }
        }
    }
}

fn trend_section(v: &View) -> Markup {
    html! {
        section.card #trend aria-labelledby="trend-title" {
            h2 #trend-title { "Trend " (trend_pill(v.d.trend)) }
            p { (v.d.trend.describe()) }
            p.hint { "The rule: each check-in's total is the sum of the ten signs (0–30). The latest is compared with the average of the two before it: 2 or more lower is recovering (so is a total of 2 or less), 2 or more higher is worsening, otherwise stalled." }
            (chart(&v.d.plan.check_ins, &v.now))
        }
    }
}

fn check_in_form(v: &View) -> Markup {
    let typed = v.typed("check-in");
    let level_of = |s: Sign| typed.and_then(|p| one(p, &format!("sign_{}", s.as_str())));
    let covered: Vec<&str> = typed.map(|p| all(p, "covered")).unwrap_or_default();
    html! {
        section.card #check-in aria-labelledby="check-in-title" {
            h2 #check-in-title { "Record a check-in" }
            p.hint { "Score what you observed since the last one-on-one: 0 not seen, 1 a little, 2 clearly, 3 strongly. Notes are seen by both of you." }
            (alert(v.problem("check-in")))
            form method="post" action=(v.action("check-ins")) {
                (csrf_field(&v.me.csrf))
                @for s in Sign::ALL {
                    fieldset.sign {
                        legend { (s.label()) }
                        div.row {
                            @for level in 0..=3u8 {
                                label.check {
                                    input type="radio" name={ "sign_" (s.as_str()) } value=(level) required
                                        checked[level_of(*s) == Some(level.to_string().as_str())];
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

fn check_ins_section(v: &View) -> Markup {
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

fn moves_section(v: &View) -> Markup {
    let manager = v.d.is_manager();
    html! {
        section.card #moves aria-labelledby="moves-title" {
            h2 #moves-title { "Suggested moves" }
            p.hint { "Ranked for the drivers recorded and the signs at the latest check-in, each with why." }
            (alert(v.problem("moves")))
            @if v.d.suggestions.is_empty() {
                p.muted { "Every move has been adopted." }
            }
            ol.plain.items {
                @for s in &v.d.suggestions {
                    li {
                        h3 { (s.to.label()) }
                        p { (s.to.how()) }
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

fn condition(c: Completion) -> &'static str {
    match c {
        Completion::DebriefWritten => "Done when the debrief note below is written.",
        Completion::DevelopmentPlanWritten => {
            "Done when the development plan below has a practice task."
        }
        Completion::MarkedDone => "Mark it done when it has happened.",
    }
}

fn tasks_section(v: &View) -> Markup {
    let now = v.now.timestamp();
    html! {
        section.card #tasks aria-labelledby="tasks-title" {
            h2 #tasks-title { "Tasks" }
            (alert(v.problem("tasks")))
            @if v.d.plan.tasks.is_empty() {
                p.muted { "No moves adopted yet." }
            } @else {
                ul.plain.items {
                    @for t in &v.d.plan.tasks {
                        li {
                            strong { (t.to.label()) } " "
                            @if let Some(at) = t.completed_at { span.pill.good { "Done" } " " (date(at, &v.now)) }
                            @else if t.overdue(now) { span.pill.bad { "Overdue" } }
                            @else { span.pill { "Open" } }
                            p.hint { "Due " (date(t.due, &v.now)) ". " (condition(t.completion())) }
                            @if v.d.is_manager() && !t.is_done() && t.completion() == Completion::MarkedDone {
                                form.inline method="post" action=(v.action(&format!("tasks/{}/done", t.id))) {
                                    (csrf_field(&v.me.csrf))
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

fn debrief_section(v: &View) -> Markup {
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
            @if v.d.is_manager() {
                (alert(v.problem("debrief")))
                form method="post" action=(v.action("debrief")) {
                    (csrf_field(&v.me.csrf))
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

fn development_section(v: &View) -> Markup {
    let dev = &v.d.plan.development;
    let rows = PRACTICE_ROWS.max(dev.len());
    html! {
        section.card #development aria-labelledby="development-title" {
            h2 #development-title { "Development plan" }
            @if dev.is_empty() && !v.d.is_manager() { p.muted { "Not written yet." } }
            @if !dev.is_empty() {
                ul { @for t in dev { li { (t.text) " — by " (date(t.due, &v.now)) } } }
            }
            @if v.d.is_manager() {
                (alert(v.problem("development")))
                form method="post" action=(v.action("development")) {
                    (csrf_field(&v.me.csrf))
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

fn context_section(v: &View) -> Markup {
    let p = &v.d.plan;
    html! {
        section.card #context aria-labelledby="context-title" {
            h2 #context-title { "Pressure points and drivers" }
            @if v.d.is_manager() {
                (alert(v.problem("context")))
                form method="post" action=(v.action("context")) {
                    (csrf_field(&v.me.csrf))
                    (context_fields(&p.pressure_points, &p.drivers, ""))
                    button.secondary type="submit" { "Save" }
                }
            } @else {
                h3 { "Pressure points" }
                @if p.pressure_points.is_empty() { p.muted { "None recorded." } }
                ul { @for x in &p.pressure_points { li { (x.label()) } } }
                h3 { "Drivers" }
                @if p.drivers.is_empty() { p.muted { "None recorded." } }
                ul { @for x in &p.drivers { li { (x.label()) } } }
            }
        }
    }
}

fn private_notes_section(v: &View, notes: &[PrivateNote]) -> Markup {
    html! {
        section.card #notes aria-labelledby="notes-title" {
            h2 #notes-title { "Your private notes" }
            p.hint { "Seen by you alone — not by " (v.d.report.display_name) ", not by an admin, not by a later manager." }
            (alert(v.problem("notes")))
            @if notes.is_empty() { p.muted { "No private notes." } }
            ul.plain.items {
                @for n in notes { li { p.hint { (date(n.at, &v.now)) } p { (n.body) } } }
            }
            form method="post" action=(v.action("notes")) {
                (csrf_field(&v.me.csrf))
                label for="note-body" { "Add a note" }
                textarea #note-body name="body" rows="2" required maxlength="5000" { (v.kept("notes", "body").unwrap_or("")) }
                button.secondary type="submit" { "Save the note" }
            }
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Markup> {
    render(&state, &me, &id, None).await
}

/// After a post: back to the section, or the page again with the reason.
async fn answer(
    state: &AppState,
    me: &Me,
    id: &str,
    section: &'static str,
    typed: &Pairs,
    result: Result<(), ApiError>,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(see_other(&format!("/plans/{id}#{section}"))),
        Err(e) => {
            let e = WebError::from(e);
            if e.status == StatusCode::NOT_FOUND {
                return Err(e);
            }
            let refused = Refused {
                section,
                message: e.message,
                typed,
            };
            let page = render(state, me, id, Some(&refused)).await?;
            Ok((e.status, page).into_response())
        }
    }
}

fn unreadable(what: &str) -> ApiError {
    ApiError::unprocessable(format!(
        "{what}: use the picker, or write it like 2030-01-31"
    ))
}

/// A `date` ("2030-01-31", at 17:00 there) or `datetime-local` value, in the reader's zone.
fn local(value: Option<&str>, now: &Zoned, what: &str) -> Result<Option<Timestamp>, ApiError> {
    let Some(v) = value else { return Ok(None) };
    let civil: DateTime = match v.parse::<DateTime>() {
        Ok(dt) => dt,
        Err(_) => v
            .parse::<Date>()
            .map_err(|_| unreadable(what))?
            .at(17, 0, 0, 0),
    };
    civil
        .to_zoned(now.time_zone().clone())
        .map(|z| Some(z.timestamp()))
        .map_err(|_| unreadable(what))
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
    let result = match bad {
        Some(e) => Err(e),
        None => api::record_check_in(
            &state,
            &me.user,
            &id,
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
            },
        )
        .await
        .map(|_| ()),
    };
    let section = if result.is_ok() { "trend" } else { "check-in" };
    answer(&state, &me, &id, section, &pairs, result).await
}

pub async fn context(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let result = async {
        let pp = parse_all(&pairs, "pressure").map_err(ApiError::unprocessable)?;
        let dr = parse_all(&pairs, "driver").map_err(ApiError::unprocessable)?;
        api::change(&state, &me.user, &id, RecoveryPart::Plan, |p| {
            Ok(p.set_context(pp, dr)?)
        })
        .await
        .map(|_| ())
    }
    .await;
    answer(&state, &me, &id, "context", &pairs, result).await
}

pub async fn adopt(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let now = crate::clock::now_for(&me.user);
    let result = async {
        let to: Move = one(&pairs, "move").unwrap_or("").parse().map_err(
            |e: rebound_domain::recovery::signs::UnknownName| {
                ApiError::unprocessable(e.to_string())
            },
        )?;
        let due = local(one(&pairs, "due"), &now, "the due date")?;
        api::adopt_move(&state, &me.user, &id, to, due)
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
    let result = api::complete_task(&state, &me.user, &id, &task)
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
    let now = crate::clock::ms(Timestamp::now());
    let result = api::change(&state, &me.user, &id, RecoveryPart::Plan, |p| {
        Ok(p.write_debrief(note, now)?)
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
    let now = crate::clock::now_for(&me.user);
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
        api::change(&state, &me.user, &id, RecoveryPart::Plan, |p| {
            Ok(p.set_development(tasks, at)?)
        })
        .await
        .map(|_| ())
    }
    .await;
    answer(&state, &me, &id, "development", &pairs, result).await
}

pub async fn note(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let result = api::add_note_for(&state, &me.user, &id, one(&pairs, "body").unwrap_or(""))
        .await
        .map(|_| ());
    answer(&state, &me, &id, "notes", &pairs, result).await
}

pub async fn debrief_ics(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    Ok(api::debrief_calendar(&state, &me.user, &id).await?)
}

pub async fn check_ins_ics(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    Ok(api::check_ins_calendar(&state, &me.user, &id).await?)
}
