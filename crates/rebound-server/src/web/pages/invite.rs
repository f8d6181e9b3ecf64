//! Accepting an invitation: the link `/invite/{token}` hands its token to a
//! short-lived cookie and moves on to `/invite`, which asks for a name, a
//! password and a time zone. Sending the form calls the API's `accept`
//! (which uses the invitation up and signs the person in), then home.

use super::handoff::{self, INVITATION};
use crate::people::invitations::{AcceptBody, join};
use crate::state::AppState;
use crate::web::csrf;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::respond::{form_again, page_with_cookie, see_other_setting};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invite", get(form).post(submit))
        .route("/invite/{token}", get(arrive))
}

#[derive(Deserialize, Default)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    time_zone: Option<String>,
}

/// The link itself: nothing is looked up or used here.
pub async fn arrive(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    handoff::hand_off(
        &INVITATION,
        &token,
        "/invite",
        state.settings.secure_cookies,
    )
}

pub async fn form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let secure = state.settings.secure_cookies;
    if handoff::read(&INVITATION, &headers, secure).is_none() {
        return gone(secure);
    }
    let (token, cookie) = csrf::issue(&headers, secure);
    page_with_cookie(
        StatusCode::OK,
        render(&token, &AcceptForm::default(), None),
        cookie,
    )
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<AcceptForm>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    let Some(invitation) = handoff::read(&INVITATION, &headers, secure) else {
        return Ok(gone(secure));
    };
    let body = AcceptBody {
        token: invitation,
        display_name: f.display_name.clone(),
        password: f.password.clone(),
        time_zone: given(f.time_zone.clone()),
    };
    match join(&state, &headers, body).await {
        Ok((_, cookie)) => {
            let mut out = see_other_setting("/", cookie);
            handoff::forget(&INVITATION, &mut out, secure);
            Ok(out)
        }
        Err(e) if e.status == StatusCode::NOT_FOUND => Ok(gone(secure)),
        Err(e) => Ok(form_again(&headers, secure, e, |token, message| {
            render(token, &f, Some(message))
        })),
    }
}

/// Unknown, used or expired: one kind answer, and the token is forgotten.
fn gone(secure: bool) -> Response {
    let body = html! {
        section.card.narrow {
            h1 { "This invitation no longer works" }
            p { "Invitation links work once, for seven days. This one has been used, has run out, or was not copied in full." }
            p { "If you already made your account, " a href="/signin" { "sign in" } ". Otherwise, ask the person who invited you for a fresh link." }
        }
    };
    let mut out = page_with_cookie(
        StatusCode::NOT_FOUND,
        layout::page("Invitation", &Nav::Plain, body),
        None,
    );
    handoff::forget(&INVITATION, &mut out, secure);
    out
}

fn render(csrf: &str, f: &AcceptForm, error: Option<&str>) -> Markup {
    let body = html! {
        section.card.narrow {
            h1 { "Join Rebound" }
            p.lead { "You have been invited. Choose how colleagues will see you and a password, and you are in." }
            (alert(error))
            form method="post" action="/invite" {
                (csrf_field(csrf))
                label for="display_name" { "Your name" }
                span.hint #name-hint { "As colleagues will see it beside your notes and comments." }
                input #display_name type="text" name="display_name" autocomplete="name" required maxlength="80" aria-describedby="name-hint" value=(f.display_name);
                label for="password" { "Password" }
                span.hint #password-hint { "At least 10 characters. A short sentence is easy to remember." }
                input #password type="password" name="password" autocomplete="new-password" required minlength="10" aria-describedby="password-hint";
                label for="time_zone" { "Time zone" }
                span.hint #tz-hint { "A name such as Europe/Paris. Clocks and reminders follow it; you can change it later in Settings." }
                input #time_zone type="text" name="time_zone" data-detect-tz autocomplete="off" aria-describedby="tz-hint" value=(f.time_zone.as_deref().unwrap_or("UTC"));
                button type="submit" { "Create my account" }
            }
        }
    };
    layout::page("Join", &Nav::Plain, body)
}
