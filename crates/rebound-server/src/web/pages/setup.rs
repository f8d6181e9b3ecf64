//! First run: the person installing Rebound creates the admin account and
//! is signed in. Once anyone exists, this page sends people to sign in.

use crate::auth::setup::{SetupBody, first_account};
use crate::state::AppState;
use crate::web::csrf;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::respond::{form_again, page_with_cookie, see_other, see_other_setting};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    time_zone: Option<String>,
}

async fn done(state: &AppState) -> WebResult<bool> {
    Ok(crate::auth::setup::is_done(state).await?)
}

pub async fn form(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    if done(&state).await? {
        return Ok(see_other("/signin"));
    }
    let (token, cookie) = csrf::issue(&headers, state.settings.secure_cookies);
    Ok(page_with_cookie(
        StatusCode::OK,
        render(&token, &SetupForm::default(), None),
        cookie,
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetupForm>,
) -> WebResult<Response> {
    let body = SetupBody {
        email: f.email.clone(),
        display_name: f.display_name.clone(),
        password: f.password.clone(),
        time_zone: given(f.time_zone.clone()),
    };
    match first_account(&state, &headers, body).await {
        Ok((_, cookie)) => Ok(see_other_setting("/", cookie)),
        Err(e) if e.status == StatusCode::CONFLICT => Ok(see_other("/signin")),
        Err(e) => Ok(form_again(
            &headers,
            state.settings.secure_cookies,
            e,
            |token, message| render(token, &f, Some(message)),
        )),
    }
}

fn render(csrf: &str, f: &SetupForm, error: Option<&str>) -> Markup {
    let body = html! {
        section.card.narrow {
            h1 { "Welcome to Rebound" }
            p.lead { "Create the first account. It will be the administrator, who invites everyone else." }
            (alert(error))
            form method="post" action="/setup" {
                (csrf_field(csrf))
                label for="email" { "Email" }
                input #email type="email" name="email" autocomplete="email" required value=(f.email);
                label for="display_name" { "Your name" }
                span.hint #name-hint { "As colleagues will see it." }
                input #display_name type="text" name="display_name" autocomplete="name" required aria-describedby="name-hint" value=(f.display_name);
                label for="password" { "Password" }
                span.hint #password-hint { "At least 10 characters." }
                input #password type="password" name="password" autocomplete="new-password" required minlength="10" aria-describedby="password-hint";
                label for="time_zone" { "Time zone" }
                span.hint #tz-hint { "A name such as Europe/Paris. Clocks and reminders follow it." }
                input #time_zone type="text" name="time_zone" data-detect-tz autocomplete="off" aria-describedby="tz-hint" value=(f.time_zone.as_deref().unwrap_or("UTC"));
                button type="submit" { "Create account" }
            }
        }
    };
    layout::page("Set up", &Nav::Plain, body)
}
