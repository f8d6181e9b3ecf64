//! The plan page (`/plans/{id}`): for the manager, everything and every
//! form; for the report, the plan to read — never the private notes, the
//! escalation, or the distress and safety flags behind it (the API leaves
//! them out for the report, and so does this page). A refused post shows
//! the page again with the reason beside its section and what was typed.
//! The whole page is read through one plan grant (`plans::page_for`).
//! Sections by concern: check-ins (`check_ins.rs`), moves, tasks, the
//! debrief and development (`tasks.rs`), ending it (`end.rs`); here the
//! frame, the calendar, trend, context and private notes. An ended plan's
//! page keeps no form but the private notes.

use super::chart::chart;
use super::{Pairs, context_fields, one, parse_all, trend_pill};
use super::{check_ins, end, tasks};
use crate::error::ApiError;
use crate::plans::{self as api, PlanData};
use crate::precondition::{Expect, Kind};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::layout::{self, alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::pages::playbooks::links;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, Zoned};
use maud::{Markup, html};
use rebound_domain::access::RecoveryPart;
use rebound_domain::recovery::PrivateNote;

pub(super) struct Refused<'a> {
    pub(super) section: &'static str,
    pub(super) message: String,
    pub(super) typed: &'a Pairs,
}

pub(super) struct View<'a> {
    pub(super) d: &'a PlanData,
    pub(super) me: &'a Me,
    pub(super) now: Zoned,
    pub(super) refused: Option<&'a Refused<'a>>,
}

impl View<'_> {
    pub(super) fn problem(&self, section: &str) -> Option<&str> {
        self.refused
            .filter(|r| r.section == section)
            .map(|r| r.message.as_str())
    }

    pub(super) fn typed(&self, section: &str) -> Option<&Pairs> {
        self.refused
            .filter(|r| r.section == section)
            .map(|r| r.typed)
    }

    pub(super) fn kept(&self, section: &str, name: &str) -> Option<&str> {
        self.typed(section).and_then(|p| one(p, name))
    }

    pub(super) fn action(&self, what: &str) -> String {
        format!("/plans/{}/{what}", self.d.plan.id)
    }

    /// Whether the plan's forms show: to its manager, while it runs.
    pub(super) fn edits(&self) -> bool {
        self.d.is_manager() && !self.d.plan.is_ended()
    }

    /// The plan's version, in a form that replaces what it shows.
    pub(super) fn version(&self, id: &str) -> Markup {
        version_field(id, self.d.plan.version)
    }
}

/// The version a form was rendered from: a save over a newer one is 412.
pub(super) fn expect(typed: &Pairs) -> Expect {
    Expect::from_form(one(typed, "version"))
}

async fn render(
    state: &AppState,
    me: &Me,
    id: &str,
    refused: Option<&Refused<'_>>,
) -> WebResult<Markup> {
    let (d, notes) = api::page_for(state, &me.user, id).await?;
    let v = View {
        d: &d,
        me,
        now: state.clock.now_for(&me.user),
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
            (end::ended_note(&v))
            @if !d.plan.is_ended() { (calendar_section(&v)) }
        }
        @if let Some(e) = &d.escalation {
            section.card.advice #escalation aria-labelledby="escalation-title" role="region" {
                h2 #escalation-title { "It may be time for more support" }
                ul { @for c in &e.criteria { li { (c.explain()) } } }
                p { (e.suggestion) }
                h3 { "Words you could use" }
                ul { @for w in &e.words { li { "“" (w) "”" } } }
                @if let Some(h) = links::href("escalation") {
                    p { a href=(h) { "Read the playbook on going beyond a quick fix" } }
                }
            }
        }
        (trend_section(&v))
        @if v.edits() { (check_ins::check_in_form(&v)) }
        (check_ins::check_ins_section(&v))
        @if !d.plan.is_ended() { (tasks::moves_section(&v)) }
        (tasks::tasks_section(&v))
        (tasks::debrief_section(&v))
        (tasks::development_section(&v))
        (context_section(&v))
        @if manager { (private_notes_section(&v, &notes)) }
        @if v.edits() { (end::section(&v)) }
    };
    Ok(layout::page(&title, &me.nav(), body))
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
            h2 #trend-title { "Trend " (trend_pill(v.d.trend, v.d.reader())) }
            p { (v.d.trend.describe_for(v.d.reader())) }
            p.hint { "The rule: each check-in's total is the sum of the ten signs (0–30). The latest is compared with the average of the two before it: 2 or more lower is recovering (so is a total of 2 or less), 2 or more higher is worsening, otherwise stalled." }
            (chart(&v.d.plan.check_ins, &v.now))
        }
    }
}

fn context_section(v: &View) -> Markup {
    let p = &v.d.plan;
    // After a refused save, what was ticked; otherwise the plan as stored.
    let (pressure, drivers) = match v.typed("context") {
        Some(t) => (
            parse_all(t, "pressure").unwrap_or_default(),
            parse_all(t, "driver").unwrap_or_default(),
        ),
        None => (p.pressure_points.clone(), p.drivers.clone()),
    };
    html! {
        section.card #context aria-labelledby="context-title" {
            h2 #context-title { "Pressure points and drivers" }
            @if v.edits() {
                (alert(v.problem("context")))
                form method="post" action=(v.action("context")) {
                    (csrf_field(&v.me.csrf))
                    (v.version("context-version"))
                    (context_fields(&pressure, &drivers, ""))
                    button.secondary type="submit" { "Save" }
                }
            } @else {
                h3 { "Pressure points" }
                @if p.pressure_points.is_empty() { p.muted { "None recorded." } }
                ul { @for x in &p.pressure_points { li { (x.label()) (links::beside(&format!("pressure:{}", x.as_str()))) } } }
                h3 { "Drivers" }
                @if p.drivers.is_empty() { p.muted { "None recorded." } }
                ul { @for x in &p.drivers { li { (x.label()) (links::beside(&format!("driver:{}", x.as_str()))) } } }
            }
            @if v.edits() && !(p.pressure_points.is_empty() && p.drivers.is_empty()) {
                h3 { "Playbooks for what is recorded" }
                ul {
                    @for x in &p.pressure_points { li { (x.label()) (links::beside(&format!("pressure:{}", x.as_str()))) } }
                    @for x in &p.drivers { li { (x.label()) (links::beside(&format!("driver:{}", x.as_str()))) } }
                }
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
pub(super) async fn answer(
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
            let message = if e.code == "stale" {
                let typing = typed.iter().any(|(k, _)| k != "csrf" && k != "version");
                crate::web::error::stale(typing)
            } else {
                String::new()
            };
            let mut e = WebError::from(e);
            if e.status == StatusCode::NOT_FOUND {
                return Err(e);
            }
            if !message.is_empty() {
                // Shown again like any refused form, not as a bare 412.
                e = WebError::new(StatusCode::UNPROCESSABLE_ENTITY, message);
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

pub(super) fn unreadable(what: &str) -> ApiError {
    ApiError::unprocessable(format!(
        "{what}: use the picker, or write it like 2030-01-31"
    ))
}

/// A `date` ("2030-01-31", at 17:00 there) or `datetime-local` value, in the reader's zone.
pub(super) fn local(
    value: Option<&str>,
    now: &Zoned,
    what: &str,
) -> Result<Option<Timestamp>, ApiError> {
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

pub async fn context(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let result = async {
        let pp = parse_all(&pairs, "pressure").map_err(ApiError::unprocessable)?;
        let dr = parse_all(&pairs, "driver").map_err(ApiError::unprocessable)?;
        let how = (Kind::Edit, &expect(&pairs));
        api::change(&state, &me.user, &id, RecoveryPart::Plan, how, |p| {
            Ok(p.set_context(pp.clone(), dr.clone())?)
        })
        .await
        .map(|_| ())
    }
    .await;
    answer(&state, &me, &id, "context", &pairs, result).await
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
