//! `/u/{token}`: the signed links in what Rebound sends (unsubscribe from a
//! kind of email; snooze or stop update reminders). They work without
//! signing in: the signature is the authority. GET only asks (link scanners
//! fetch every link in a message, and must not act for anyone); POST does
//! it: the form below, or a mail provider's one-click unsubscribe (RFC
//! 8058, `List-Unsubscribe=One-Click`, no cookie and no form token), and
//! doing it twice changes nothing more.

use crate::preferences::{Signed, follow, read_link};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use maud::{Markup, html};

pub fn router() -> Router<AppState> {
    Router::new().route("/u/{token}", get(ask).post(confirm))
}

async fn ask(State(state): State<AppState>, Path(token): Path<String>) -> WebResult<Markup> {
    let signed = read_link(&state, &token).await?;
    let (title, button) = match signed {
        Signed::Unsubscribe { .. } => ("Stop these emails?", "Unsubscribe"),
        Signed::Snooze { .. } => ("Put off the reminder?", "Yes, do that"),
        Signed::Acknowledge { .. } => ("Acknowledge the note?", "I have read it"),
    };
    let body = html! {
        section.card {
            h1 { (title) }
            p { (signed.says()) }
            form method="post" action={ "/u/" (token) } {
                button type="submit" { (button) }
            }
            p.hint { "You can change this in Rebound after signing in." }
        }
    };
    Ok(layout::page(title, &Nav::Plain, body))
}

async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> WebResult<Markup> {
    let signed = follow(&state, &token).await?;
    let body = html! {
        section.card {
            h1 { "Done" }
            p { (signed.says()) }
            p.hint { "You can change this in Rebound after signing in." }
        }
    };
    Ok(layout::page("Done", &Nav::Plain, body))
}
