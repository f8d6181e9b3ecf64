//! Your notifications (`/notifications`): what happened on mistakes you are
//! a stakeholder of, newest first — the domain's sentence for each kind,
//! the mistake linked, when, unread ones marked in words — with "Mark
//! read" per unread item and "Mark all read". Read and changed through the
//! API's own functions (`sharing::notifications`), so only the signed-in
//! person's notifications about mistakes they may still read appear.

use crate::sharing::notifications::{
    self as api, NotificationView, mark_all_notifications_read, mark_notification_read,
};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{self, Nav, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use jiff::Zoned;
use maud::{Markup, html};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read", post(read_all))
        .route("/notifications/{id}/read", post(read_one))
}

pub async fn list(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    let notes = api::notifications_of(&state, &me.user).await?;
    let now = state.clock.now_for(&me.user);
    let body = html! {
        section.card {
            h1 { "Notifications" }
            p.lead { "What happened on mistakes you are a stakeholder of, newest first." }
            @if notes.unread > 0 {
                form method="post" action="/notifications/read" {
                    (csrf_field(&me.csrf))
                    button.secondary.small type="submit" { "Mark all read" }
                }
            }
        }
        @if notes.notifications.is_empty() {
            section.card {
                p { "Nothing here yet. When someone names you a stakeholder on a mistake, posts a progress update on it or closes it, you will hear of it here." }
            }
        } @else {
            ol.plain aria-label="Your notifications, newest first" {
                @for n in &notes.notifications {
                    (item(n, &me.csrf, &now))
                }
            }
        }
    };
    Ok(layout::page(
        "Notifications",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    ))
}

fn item(n: &NotificationView, csrf: &str, now: &Zoned) -> Markup {
    let id = n.id.as_str();
    html! {
        li.card id={ "n-" (id) } data-read=(n.read_at.is_some()) {
            p {
                @if n.read_at.is_none() { span.pill.warn { "Unread" } " " }
                (n.kind.lead()) " "
                a href={ "/m/" (n.mistake) } { "\u{201c}" (n.title) "\u{201d}" } "."
            }
            p.hint {
                (date(n.created_at, now))
                @if let Some(read) = n.read_at { " · read " (date(read, now)) }
            }
            @if n.read_at.is_none() {
                form method="post" action={ "/notifications/" (id) "/read" } {
                    (csrf_field(csrf))
                    button.secondary.small type="submit" {
                        "Mark read" span.sr-only { " — " (n.kind.describe(&n.title)) }
                    }
                }
            }
        }
    }
}

pub async fn read_one(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    mark_notification_read(&state, &me.user, &id).await?;
    Ok(see_other("/notifications"))
}

pub async fn read_all(
    State(state): State<AppState>,
    me: Me,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    mark_all_notifications_read(&state, &me.user).await?;
    Ok(see_other("/notifications"))
}
