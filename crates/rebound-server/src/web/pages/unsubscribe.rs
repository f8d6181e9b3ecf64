//! `/u/{token}`: the signed link at the foot of what Rebound sends on its
//! own. It works without signing in. GET only asks (link scanners fetch
//! every link in a message, and must not unsubscribe anyone); POST turns
//! the kind off by email: the form below, or a mail provider's one-click
//! request (RFC 8058, `List-Unsubscribe=One-Click`, no cookie, no token:
//! the signed link is the authority, and doing it twice changes nothing).

use crate::preferences::{read_link, unsubscribe};
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
    let u = read_link(&state, &token).await?;
    let body = html! {
        section.card {
            h1 { "Stop these emails?" }
            p { "You will no longer get this kind of email from Rebound: " strong { (u.kind.label()) } "." }
            form method="post" action={ "/u/" (token) } {
                button type="submit" { "Unsubscribe" }
            }
            p.hint { "You can turn it back on in Settings after signing in." }
        }
    };
    Ok(layout::page("Unsubscribe", &Nav::Plain, body))
}

async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> WebResult<Markup> {
    let u = unsubscribe(&state, &token).await?;
    let body = html! {
        section.card {
            h1 { "Unsubscribed" }
            p { "Done: no more emails of this kind — " (u.kind.label().to_lowercase()) "." }
            p.hint { "You can turn it back on in Settings after signing in." }
        }
    };
    Ok(layout::page("Unsubscribed", &Nav::Plain, body))
}
