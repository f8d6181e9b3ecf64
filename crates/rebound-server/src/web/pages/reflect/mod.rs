//! Reflect: the guided reflection as pages. Start on one of your mistakes
//! (`/m/{id}/reflect`) or on an older memory (`/reflect`) by saying what
//! happened; then, on `/reflect/{id}`, one step after another: the
//! suggested trap and failure type with the words that drove it (or "we're
//! not sure — choose"), the choice among the explained cards with the
//! matching correction, the specific error in one sentence, the lesson with
//! the check's verdict and reasons, and the principle "I will not …".
//! Every post goes through the API's own functions, so the guard and the
//! rules are the API's; a reflection is its owner's alone.

use crate::reflections::reflect::{self as api, NewReflectionBody};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;

mod steps;

use steps::{choose, lesson, principle, show, specific_error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reflect", get(start_memory).post(create_memory))
        .route(
            "/m/{id}/reflect",
            get(start_on_mistake).post(create_on_mistake),
        )
        .route("/reflect/{id}", get(show))
        .route("/reflect/{id}/choose", post(choose))
        .route("/reflect/{id}/error", post(specific_error))
        .route("/reflect/{id}/lesson", post(lesson))
        .route("/reflect/{id}/principle", post(principle))
}

#[derive(Deserialize, Default)]
pub struct StartForm {
    memory_title: Option<String>,
    #[serde(default)]
    account: String,
}

fn start_page(
    me: &Me,
    action: &str,
    subject: Option<&str>,
    f: &StartForm,
    error: Option<&str>,
) -> Markup {
    let body = html! {
        section.card {
            h1 { "Reflect" }
            @if let Some(s) = subject {
                p.lead { "On " strong { (s) } ". Only you will ever see this reflection." }
            } @else {
                p.lead { "On an older memory. Only you will ever see this reflection." }
            }
            p { a href="/reflections" { "Your past reflections" } }
            (alert(error))
            form method="post" action=(action) {
                (csrf_field(&me.csrf))
                @if subject.is_none() {
                    label for="memory_title" { "A short title for the memory" }
                    input #memory_title type="text" name="memory_title" required maxlength="200"
                        value=(f.memory_title.as_deref().unwrap_or(""));
                }
                label for="account" { "What happened?" }
                span.hint #account-hint { "In your own words: what you did, what you knew then, what followed. We suggest a trap and a failure type from it; you decide." }
                textarea #account name="account" rows="6" required maxlength="5000" aria-describedby="account-hint" { (f.account) }
                button type="submit" { "Continue" }
            }
        }
    };
    layout::page("Reflect", &me.nav(), body)
}

pub async fn start_memory(me: Me) -> Markup {
    start_page(&me, "/reflect", None, &StartForm::default(), None)
}

pub async fn create_memory(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<StartForm>,
) -> WebResult<Response> {
    let body = NewReflectionBody {
        memory_title: given(f.memory_title.clone()),
        account: f.account.clone(),
        ..NewReflectionBody::default()
    };
    match api::create_for(&state, &me.user, body).await {
        Ok(v) => Ok(see_other(&format!("/reflect/{}", v.reflection.id))),
        Err(e) => {
            let e = WebError::from(e);
            Ok((
                e.status,
                start_page(&me, "/reflect", None, &f, Some(&e.message)),
            )
                .into_response())
        }
    }
}

pub async fn start_on_mistake(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let m = crate::reflections::own_mistake(&state, &me.user, &id).await?;
    // Reflecting again on the same mistake picks up where it was left.
    if let Some(r) = api::started_on(&state, &me.user, &m.id).await? {
        return Ok(see_other(&format!("/reflect/{r}")));
    }
    let action = format!("/m/{}/reflect", m.id);
    Ok(start_page(&me, &action, Some(&m.title), &StartForm::default(), None).into_response())
}

pub async fn create_on_mistake(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<StartForm>,
) -> WebResult<Response> {
    let m = crate::reflections::own_mistake(&state, &me.user, &id).await?;
    let body = NewReflectionBody {
        mistake: Some(m.id.to_string()),
        account: f.account.clone(),
        ..NewReflectionBody::default()
    };
    match api::create_for(&state, &me.user, body).await {
        Ok(v) => Ok(see_other(&format!("/reflect/{}", v.reflection.id))),
        Err(e) => {
            let e = WebError::from(e);
            let action = format!("/m/{}/reflect", m.id);
            Ok((
                e.status,
                start_page(&me, &action, Some(&m.title), &f, Some(&e.message)),
            )
                .into_response())
        }
    }
}
