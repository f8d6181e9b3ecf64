//! "I made a mistake": one short form, and the next page is the mistake with
//! its heads-up drafted and ready to copy.

use crate::mistakes::create::{NewMistakeBody, record};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rebound_domain::{Severity, Visibility};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NewMistakeForm {
    #[serde(default)]
    title: String,
    affected: Option<String>,
    doing: Option<String>,
    severity: Option<String>,
    visibility: Option<String>,
}

pub async fn form(me: Me) -> Markup {
    render(&me, &NewMistakeForm::default(), None)
}

pub async fn submit(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<NewMistakeForm>,
) -> WebResult<Response> {
    let parsed = (|| -> Result<NewMistakeBody, String> {
        Ok(NewMistakeBody {
            title: f.title.clone(),
            what: None,
            affected: given(f.affected.clone()),
            severity: given(f.severity.clone())
                .map(|s| s.parse::<Severity>().map_err(|e| e.to_string()))
                .transpose()?,
            detected_at: None,
            started_at: None,
            doing: given(f.doing.clone()),
            visibility: given(f.visibility.clone())
                .map(|v| v.parse::<Visibility>().map_err(|e| e.to_string()))
                .transpose()?,
        })
    })();
    let body = match parsed {
        Ok(b) => b,
        Err(message) => {
            let page = render(&me, &f, Some(&crate::web::error::sentence(&message)));
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
            Ok((e.status, render(&me, &f, Some(&e.message))).into_response())
        }
    }
}

fn render(me: &Me, f: &NewMistakeForm, error: Option<&str>) -> Markup {
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
