//! Signing in and out. Sign-in is the API's own operation, so the
//! throttling per account and per address and the session rotation apply.

use crate::auth::client_ip::Peer;
use crate::auth::session::{LoginBody, sign_in, sign_out};
use crate::state::AppState;
use crate::web::csrf;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::safe_next;
use crate::web::respond::{form_again, page_with_cookie, see_other, see_other_setting};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> WebResult<Response> {
    if !crate::auth::setup::is_done(&state).await? {
        return Ok(see_other("/setup"));
    }
    let (token, cookie) = csrf::issue(&headers, state.settings.secure_cookies);
    let next = safe_next(q.next.as_deref());
    Ok(page_with_cookie(
        StatusCode::OK,
        render(&token, "", next, None),
        cookie,
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> WebResult<Response> {
    let next = safe_next(f.next.as_deref()).to_string();
    let body = LoginBody {
        email: f.email.clone(),
        password: f.password,
    };
    match sign_in(&state, peer.0, &headers, body).await {
        Ok((_, cookie)) => Ok(see_other_setting(&next, cookie)),
        Err(e) => Ok(form_again(
            &headers,
            state.settings.secure_cookies,
            e,
            |token, message| render(token, &f.email, &next, Some(message)),
        )),
    }
}

pub async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let clear = sign_out(&state, &headers).await?;
    Ok(see_other_setting("/signin", clear))
}

fn render(csrf: &str, email: &str, next: &str, error: Option<&str>) -> Markup {
    let body = html! {
        section.card.narrow {
            h1 { "Sign in" }
            (alert(error))
            form method="post" action="/signin" {
                (csrf_field(csrf))
                input type="hidden" name="next" value=(next);
                label for="email" { "Email" }
                input #email type="email" name="email" autocomplete="username" required value=(email);
                label for="password" { "Password" }
                input #password type="password" name="password" autocomplete="current-password" required;
                button type="submit" { "Sign in" }
            }
            p.muted.small { "New here? Ask your administrator for an invitation link." }
        }
    };
    layout::page("Sign in", &Nav::Plain, body)
}
