//! Recovery plans in the browser: `/plans` (the plans for the people you
//! manage, a plan about you, and opening one) and `/plans/{id}` (the plan
//! page, `page.rs`). Every post calls the API's own functions
//! (`crate::plans`), so the guard, the rules and the messages are the
//! API's; a plan you may not see is a 404 page.

mod chart;
mod check_ins;
mod end;
mod page;
mod tasks;

use crate::plans::{self as api, CreatePlan};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use rebound_domain::recovery::{Driver, PressurePoint, Reader, Trend};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(list).post(create))
        .route("/plans/{id}", get(page::show))
        .route("/plans/{id}/context", post(page::context))
        .route("/plans/{id}/check-ins", post(check_ins::check_in))
        .route("/plans/{id}/adopt", post(tasks::adopt))
        .route("/plans/{id}/tasks/{task}/done", post(tasks::done))
        .route("/plans/{id}/debrief", post(tasks::debrief))
        .route("/plans/{id}/development", post(tasks::development))
        .route("/plans/{id}/notes", post(page::note))
        .route("/plans/{id}/debrief.ics", get(page::debrief_ics))
        .route("/plans/{id}/check-ins.ics", get(page::check_ins_ics))
        .route("/plans/{id}/end", post(end::end))
}

/// The trend as a pill: the manager's plain status, or for the report
/// their own calm words, never an alarm colour.
pub(super) fn trend_pill(t: Trend, reader: Reader) -> Markup {
    let (class, text) = match (reader, t) {
        (Reader::Report, Trend::Recovering) => ("pill good", t.word_to_you()),
        (Reader::Report, _) => ("pill", t.word_to_you()),
        (_, Trend::TooEarly) => ("pill", "Too early to tell"),
        (_, Trend::Recovering) => ("pill good", "Recovering"),
        (_, Trend::Stalled) => ("pill warn", "Stalled"),
        (_, Trend::Worsening) => ("pill bad", "Worsening"),
    };
    html! { span class=(class) { (text) } }
}

/// The form pairs, for fields that repeat (checkboxes) or are named per sign.
pub(super) type Pairs = Vec<(String, String)>;

pub(super) fn all<'a>(pairs: &'a Pairs, name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

pub(super) fn one<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

pub(super) fn lines(text: Option<&str>) -> Vec<String> {
    text.unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

pub(super) fn parse_all<T: std::str::FromStr>(pairs: &Pairs, name: &str) -> Result<Vec<T>, String>
where
    T::Err: std::fmt::Display,
{
    all(pairs, name)
        .into_iter()
        .map(|v| v.parse::<T>().map_err(|e| e.to_string()))
        .collect()
}

pub(super) fn context_fields(
    pressure: &[PressurePoint],
    drivers: &[Driver],
    id_prefix: &str,
) -> Markup {
    html! {
        fieldset {
            legend { "Pressure points present" }
            @for p in PressurePoint::ALL {
                label.check {
                    input type="checkbox" name="pressure" value=(p.as_str()) id={ (id_prefix) "pp-" (p.as_str()) } checked[pressure.contains(p)];
                    span { (p.label()) }
                }
            }
        }
        fieldset {
            legend { "Drivers you believe dominate" }
            @for d in Driver::ALL {
                label.check {
                    input type="checkbox" name="driver" value=(d.as_str()) id={ (id_prefix) "dr-" (d.as_str()) } checked[drivers.contains(d)];
                    span { (d.label()) }
                }
            }
        }
    }
}

/// Why "open a plan" was refused, with what was typed; `open` when the
/// reason is the plan they already have (linked beside the message).
struct Refused<'a> {
    message: &'a str,
    typed: &'a Pairs,
    open: bool,
}

async fn list_page(state: &AppState, me: &Me, refused: Option<Refused<'_>>) -> WebResult<Markup> {
    let plans = api::list_for(state, &me.user).await?;
    let reports = api::reports_for(state, &me.user).await?;
    let now = state.clock.now_for(&me.user);
    let typed = refused.as_ref().map(|r| r.typed);
    // The plan that refused a second one: the one for the report chosen.
    let open_plan = refused.as_ref().filter(|r| r.open).and_then(|r| {
        let report = one(r.typed, "report")?;
        plans
            .managing
            .iter()
            .find(|p| p.report.as_str() == report && p.ended_at.is_none())
    });
    let pressure: Vec<PressurePoint> = typed
        .map(|p| parse_all(p, "pressure").unwrap_or_default())
        .unwrap_or_default();
    let drivers: Vec<Driver> = typed
        .map(|p| parse_all(p, "driver").unwrap_or_default())
        .unwrap_or_default();
    let body = html! {
        section.card {
            h1 { "Recovery plans" }
            p.lead { "Support someone you manage back to confidence after a visible failure, one check-in at a time. A plan is seen by you and the person it is about; your private notes by you alone." }
        }
        @if !plans.managing.is_empty() || !reports.is_empty() {
            section.card #managing aria-labelledby="managing-title" {
                h2 #managing-title { "People you manage" }
                @if plans.managing.is_empty() {
                    p.muted { "No plans yet." }
                } @else {
                    ul.plain.items {
                        @for p in &plans.managing {
                            li {
                                a href={ "/plans/" (p.id) } { "Plan with " (p.report_name) }
                                " " (trend_pill(p.trend, Reader::Manager))
                                @if p.ended_at.is_some() { " " span.pill { "Ended" } }
                                @if p.escalation == Some(true) { " " span.pill.warn { "More support suggested" } }
                                p.hint {
                                    "Opened " (date(p.opened_at, &now)) " · "
                                    (p.check_ins) " check-in" @if p.check_ins != 1 { "s" } " · "
                                    (p.open_tasks) " open task" @if p.open_tasks != 1 { "s" }
                                }
                            }
                        }
                    }
                }
                @if !reports.is_empty() {
                    h3 { "Open a plan" }
                    (alert(refused.as_ref().map(|r| r.message)))
                    @if let Some(p) = open_plan {
                        p #open-plan { a href={ "/plans/" (p.id) } { "Go to the plan with " (p.report_name) } }
                    }
                    form method="post" action="/plans" {
                        (csrf_field(&me.csrf))
                        label for="report" { "For" }
                        select #report name="report" required {
                            @for r in &reports {
                                option value=(r.id) selected[typed.and_then(|p| one(p, "report")) == Some(r.id.as_str())] { (r.display_name) }
                            }
                        }
                        label for="mistake" { "Linked mistake (optional)" span.hint { "Its id, if the plan follows one of their mistakes you can see." } }
                        input #mistake type="text" name="mistake" maxlength="20" value=(typed.and_then(|p| one(p, "mistake")).unwrap_or(""));
                        (context_fields(&pressure, &drivers, "new-"))
                        label for="topics" { "Topics for the first check-in (one per line)" }
                        textarea #topics name="topics" rows="3" { (typed.and_then(|p| one(p, "topics")).unwrap_or("")) }
                        button type="submit" { "Open the plan" }
                    }
                }
            }
        }
        section.card #about-me aria-labelledby="about-me-title" {
            h2 #about-me-title { "About you" }
            @if plans.about_me.is_empty() {
                p.muted { "No plan about you." }
            } @else {
                ul.plain.items {
                    @for p in &plans.about_me {
                        li {
                            a href={ "/plans/" (p.id) } { "Your plan, opened " (date(p.opened_at, &now)) }
                            " " (trend_pill(p.trend, Reader::Report))
                            @if p.ended_at.is_some() { " " span.pill { "Ended" } }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page("Recovery plans", &me.nav(), body))
}

pub async fn list(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    list_page(&state, &me, None).await
}

pub async fn create(
    State(state): State<AppState>,
    me: Me,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let built = (|| -> Result<CreatePlan, String> {
        Ok(CreatePlan {
            report: one(&pairs, "report").unwrap_or("").to_string(),
            mistake: one(&pairs, "mistake").map(String::from),
            pressure_points: parse_all(&pairs, "pressure")?,
            drivers: parse_all(&pairs, "driver")?,
            topics: lines(one(&pairs, "topics")),
            schedule: None,
        })
    })();
    let result = match built {
        Ok(b) => match api::create_plan(&state, &me.user, b).await {
            Err(e) if e.code == "plan_open" => {
                let message = crate::web::error::sentence(&e.message);
                let why = Refused {
                    message: &message,
                    typed: &pairs,
                    open: true,
                };
                let page = list_page(&state, &me, Some(why)).await?;
                return Ok((e.status, page).into_response());
            }
            other => other.map_err(WebError::from),
        },
        Err(m) => Err(WebError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            crate::web::error::sentence(&m),
        )),
    };
    match result {
        Ok(d) => Ok(see_other(&format!("/plans/{}", d.plan.id))),
        Err(e) if e.status == axum::http::StatusCode::NOT_FOUND => {
            // "Not one of your reports" stays a form message: the list of
            // your reports is right there.
            let why = Refused {
                message: "Choose one of the people you manage, and a mistake of theirs you can see (or none).",
                typed: &pairs,
                open: false,
            };
            let page = list_page(&state, &me, Some(why)).await?;
            Ok((e.status, page).into_response())
        }
        Err(e) => {
            let why = Refused {
                message: &e.message,
                typed: &pairs,
                open: false,
            };
            let page = list_page(&state, &me, Some(why)).await?;
            Ok((e.status, page).into_response())
        }
    }
}
