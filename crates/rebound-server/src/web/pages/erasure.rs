//! Erasure in the browser (issue 18), each a confirmation page (no
//! JavaScript) and its form: the owner deletes a mistake
//! (`/m/{id}/delete`), a person deletes their account with their password
//! (`/settings/delete-account`), an admin deletes someone's
//! (`/people/{id}/delete`). Each calls the API's own operation
//! (`crate::erasure`), so the rules and the messages are the same.

use crate::erasure::{
    delete_account_of, delete_mistake, delete_own_account_signing_out, mistake_to_delete,
    person_to_delete,
};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::{see_other, see_other_setting};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/m/{id}/delete", get(confirm_mistake).post(remove_mistake))
        .route(
            "/settings/delete-account",
            get(confirm_account).post(remove_account),
        )
        .route(
            "/people/{id}/delete",
            get(confirm_person).post(remove_person),
        )
}

fn shown(me: &Me, title: &str, status: StatusCode, body: Markup) -> Response {
    let nav = Nav::Member {
        user: &me.user,
        csrf: &me.csrf,
        unread: me.unread,
    };
    (status, layout::page(title, &nav, body)).into_response()
}

pub async fn confirm_mistake(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let m = mistake_to_delete(&state, &me.user, &id).await?;
    let body = html! {
        section.card #delete aria-labelledby="delete-h" {
            h1 #delete-h { "Delete \u{201c}" (m.title) "\u{201d}?" }
            p { "This deletes the mistake for good, with everything under it:" }
            ul {
                li { "its heads-up, timeline, follow-up note, commits and progress updates;" }
                li { "the comments and votes on it, its stakeholders, acknowledgements and share links;" }
                li { "the notifications and reminders about it." }
            }
            p { "Stakeholders and guests lose it at once. Your reflections, principles and wins about it stay yours, no longer linked to it." }
            form method="post" action={ "/m/" (m.id) "/delete" } {
                (csrf_field(&me.csrf))
                div.actions {
                    button.danger type="submit" { "Delete this mistake" }
                    a href={ "/m/" (m.id) } { "Keep it" }
                }
            }
        }
    };
    Ok(shown(&me, "Delete a mistake", StatusCode::OK, body))
}

pub async fn remove_mistake(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<Empty>,
) -> WebResult<Response> {
    delete_mistake(&state, &me.user, &id).await?;
    Ok(see_other("/"))
}

#[derive(Deserialize)]
pub struct Empty {}

fn account_page(me: &Me, problem: Option<&str>, status: StatusCode) -> Response {
    let body = html! {
        section.card #delete-account aria-labelledby="delete-account-h" {
            h1 #delete-account-h { "Delete my account" }
            p { "What goes, for good: your mistakes with everything under them, your reflections, principles, wins and self-care plan, recovery plans about you, your notifications, preferences, chat webhook, sessions and API tokens." }
            p { "What stays: your comments on other people's mistakes stay in their threads as \u{201c}removed\u{201d}, without your text or your name, so the replies still make sense; a recovery plan you opened for someone you manage stays theirs; the audit log keeps what happened, not that it was you." }
            (alert(problem))
            form method="post" action="/settings/delete-account" {
                (csrf_field(&me.csrf))
                label for="delete-password" { "Your password" span.hint { "To be sure it is you." } }
                input #delete-password type="password" name="password" required autocomplete="current-password";
                div.actions {
                    button.danger type="submit" { "Delete my account" }
                    a href="/settings" { "Keep it" }
                }
            }
        }
    };
    shown(me, "Delete my account", status, body)
}

pub async fn confirm_account(me: Me) -> Response {
    account_page(&me, None, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn remove_account(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<PasswordForm>,
) -> WebResult<Response> {
    match delete_own_account_signing_out(&state, &me.user, f.password).await {
        Ok(cookie) => Ok(see_other_setting("/signin", cookie)),
        Err(e) => {
            let e = WebError::from(e);
            Ok(account_page(&me, Some(&e.message), e.status))
        }
    }
}

pub async fn confirm_person(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let who = person_to_delete(&state, &me.user, &id).await?;
    let body = html! {
        section.card #delete-person aria-labelledby="delete-person-h" {
            h1 #delete-person-h { "Delete " (who.display_name) "'s account?" }
            p { (who.display_name) " <" (who.email) "> is signed out everywhere and their account is deleted for good: their mistakes, reflections, plans about them, sessions and tokens go. Their comments on other people's mistakes stay as removed ones, without text or name; people they manage keep their plans and lose them as manager." }
            form method="post" action={ "/people/" (who.id) "/delete" } {
                (csrf_field(&me.csrf))
                div.actions {
                    button.danger type="submit" { "Delete this account" }
                    a href="/people" { "Keep it" }
                }
            }
        }
    };
    Ok(shown(&me, "Delete an account", StatusCode::OK, body))
}

pub async fn remove_person(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<Empty>,
) -> WebResult<Response> {
    delete_account_of(&state, &me.user, &id).await?;
    Ok(see_other("/people"))
}
