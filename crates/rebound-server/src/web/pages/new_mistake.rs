//! "I made a mistake": one short form, and the next page is the mistake with
//! its heads-up drafted and ready to copy. When it started and when it was
//! noticed are typed as the CLI takes them (`9:40`, `yesterday at 17:45`,
//! `an hour ago`), in the person's time zone; blank "noticed" is now, so the
//! heads-up does not say "spotted" at the moment the form was filled in.

use super::mistake::fields::written_time;
use crate::mistakes::create::{NewMistakeBody, record};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::{Mistake, Severity, Visibility};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NewMistakeForm {
    #[serde(default)]
    title: String,
    affected: Option<String>,
    doing: Option<String>,
    severity: Option<String>,
    visibility: Option<String>,
    noticed: Option<String>,
    started: Option<String>,
}

/// A refusal, and the time field it belongs to (`None`: the whole form).
struct Refusal {
    field: Option<&'static str>,
    message: String,
}

impl Refusal {
    fn form(message: String) -> Self {
        Refusal {
            field: None,
            message,
        }
    }
}

pub async fn form(State(state): State<AppState>, me: Me) -> Markup {
    let now = state.clock.now_for(&me.user);
    render(&me, &now, &NewMistakeForm::default(), None)
}

pub async fn submit(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<NewMistakeForm>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let parsed = (|| -> Result<NewMistakeBody, Refusal> {
        let time = |field: &'static str, value: &Option<String>, what: &str| {
            written_time(value.as_deref(), &now, what).map_err(|e| Refusal {
                field: Some(field),
                message: crate::web::error::sentence(&e.message),
            })
        };
        let detected_at = time("noticed", &f.noticed, "when you noticed")?;
        let started_at = time("started", &f.started, "when it started")?;
        // The order is said beside the start; the operation checks it again.
        let detected = detected_at.unwrap_or(now.timestamp());
        Mistake::check_times(started_at, detected, &now).map_err(|e| Refusal {
            field: Some("started"),
            message: crate::web::error::sentence(&e.to_string()),
        })?;
        Ok(NewMistakeBody {
            title: f.title.clone(),
            what: None,
            affected: given(f.affected.clone()),
            severity: given(f.severity.clone())
                .map(|s| s.parse::<Severity>())
                .transpose()
                .map_err(|e| Refusal::form(crate::web::error::sentence(&e.to_string())))?,
            detected_at,
            started_at,
            doing: given(f.doing.clone()),
            visibility: given(f.visibility.clone())
                .map(|v| v.parse::<Visibility>())
                .transpose()
                .map_err(|e| Refusal::form(crate::web::error::sentence(&e.to_string())))?,
        })
    })();
    let body = match parsed {
        Ok(b) => b,
        Err(refusal) => {
            let page = render(&me, &now, &f, Some(&refusal));
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    match record(&state, &me.user, body).await {
        Ok(created) => Ok(see_other(&format!(
            "/m/{}#heads-up",
            created.mistake.mistake.id
        ))),
        Err(e) => {
            let e = WebError::from(e);
            let refusal = Refusal::form(e.message);
            Ok((e.status, render(&me, &now, &f, Some(&refusal))).into_response())
        }
    }
}

fn render(me: &Me, now: &Zoned, f: &NewMistakeForm, refusal: Option<&Refusal>) -> Markup {
    let error = refusal
        .filter(|r| r.field.is_none())
        .map(|r| r.message.as_str());
    let beside = |field: &str| {
        refusal
            .filter(|r| r.field == Some(field))
            .map(|r| r.message.as_str())
    };
    let zone = now.time_zone().iana_name().unwrap_or("UTC").to_string();
    let chosen = f.visibility.as_deref().unwrap_or("private");
    let severity = f.severity.as_deref().unwrap_or("");
    let body = html! {
        section.card {
            h1 { "I made a mistake" }
            p.lead { "Breathe. Three short answers, and you get a heads-up you can send in the next few minutes." }
            (alert(error))
            form method="post" action="/new" {
                (csrf_field(&me.csrf))
                label for="title" { "What happened?" }
                span.hint #title-hint { "One line, plain words. For example: the invoice export sent last month's totals." }
                input #title type="text" name="title" required maxlength="200" autofocus aria-describedby="title-hint" value=(f.title);
                label for="affected" { "Who is affected?" }
                span.hint #affected-hint { "People or teams, and how many if you know." }
                input #affected type="text" name="affected" aria-describedby="affected-hint" value=(f.affected.as_deref().unwrap_or(""));
                label for="doing" { "What are you doing about it right now?" }
                span.hint #doing-hint { "The first step, even if small. For example: rolling back the export job." }
                input #doing type="text" name="doing" aria-describedby="doing-hint" value=(f.doing.as_deref().unwrap_or(""));
                label for="severity" { "How serious is it?" }
                select #severity name="severity" {
                    option value="" selected[severity.is_empty()] { "Not sure yet" }
                    @for s in Severity::ALL {
                        option value=(s.as_str()) selected[severity == s.as_str()] { (s.as_str()) }
                    }
                }
                fieldset {
                    legend { "When" }
                    label for="noticed" { "When did you notice?" }
                    span.hint #noticed-hint { "Leave empty for just now. You can write 9:40, 9am, yesterday at 17:45 or an hour ago. Your time zone: " (zone) "." }
                    (time_input("noticed", f.noticed.as_deref(), beside("noticed")))
                    label for="started" { "When did it start, if you know?" }
                    span.hint #started-hint { "Leave empty if you are not sure; you can add it later." }
                    (time_input("started", f.started.as_deref(), beside("started")))
                }
                fieldset {
                    legend { "Who can see this record?" }
                    @for (v, label) in VISIBILITY_CHOICES {
                        label.check {
                            input type="radio" name="visibility" value=(v.as_str()) checked[chosen == v.as_str()];
                            span { (label) }
                        }
                    }
                }
                button type="submit" { "Draft my heads-up" }
            }
        }
    };
    layout::page(
        "I made a mistake",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    )
}

/// A time field in words, with its refusal beside it (announced, and tied
/// to the field for screen readers).
fn time_input(name: &str, value: Option<&str>, problem: Option<&str>) -> Markup {
    let hint = format!("{name}-hint");
    let error = format!("{name}-error");
    let described = match problem {
        Some(_) => format!("{hint} {error}"),
        None => hint,
    };
    html! {
        input id=(name) type="text" name=(name) autocomplete="off" maxlength="100"
            aria-describedby=(described) aria-invalid=[problem.map(|_| "true")]
            value=(value.unwrap_or(""));
        @if let Some(p) = problem {
            p.field-error id=(error) role="alert" { (p) }
        }
    }
}

/// How each visibility reads to the person choosing it.
pub const VISIBILITY_CHOICES: [(Visibility, &str); 4] = [
    (Visibility::Private, "Only me"),
    (Visibility::Manager, "Me and my manager"),
    (
        Visibility::Stakeholders,
        "Me, my manager and the people I name",
    ),
    (Visibility::Team, "My team as well"),
];
