//! Share links, the owner's alone: make one for people without an account
//! (a guest page at `/s/{token}`), see which are live, revoke them. A new
//! link's address is shown once, right after it is made; only its hash is
//! kept, so it cannot be shown again.

use super::page::{Extra, View, after, render_with};
use crate::sharing::links::NewLinkBody;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use jiff::{SignedDuration, Timestamp};
use maud::{Markup, html};
use serde::Deserialize;

/// How long a new link lasts, in days (the API allows up to 90).
const LIFETIMES: [(u32, &str); 4] = [
    (1, "1 day"),
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
];

pub fn section(v: &View) -> Markup {
    html! {
        section.card #share-links aria-labelledby="share-links-title" {
            h2 #share-links-title { "Share links" }
            p.muted { "For people without an account here. Whoever has the link can read the note and updates and join the comments under a name they choose, until it expires or you revoke it. They never see the timeline, the heads-up or the commits." }
            (alert(v.problem_in("share-links")))
            @if let Some(url) = v.fresh_link {
                div.fresh-link role="status" {
                    p { strong { "Your new link" } " — copy it now: it is shown only this once." }
                    label for="fresh-link-url" { "Link address" }
                    input #fresh-link-url type="text" readonly value=(url);
                    div.actions {
                        button type="button" data-copy="fresh-link-url" hidden { "Copy the link" }
                    }
                }
            }
            @if v.links.is_empty() {
                p.muted { "No links yet." }
            } @else {
                ul.plain.items {
                    @for l in &v.links {
                        li.row {
                            div {
                                strong { (l.label.as_deref().unwrap_or("Unlabelled link")) }
                                br;
                                span.small.muted { "Made " (date(l.created_at, v.now)) }
                            }
                            div {
                                @if l.live {
                                    span.pill.good { "Live" } " "
                                    span.small { "until " (date(l.expires_at, v.now)) }
                                } @else if let Some(at) = l.revoked_at {
                                    span.pill { "Revoked" } " " span.small { (date(at, v.now)) }
                                } @else {
                                    span.pill { "Expired" } " " span.small { (date(l.expires_at, v.now)) }
                                }
                            }
                            @if l.live {
                                form.inline method="post" action=(v.action(&format!("share-links/{}/revoke", l.id))) {
                                    (csrf_field(v.csrf))
                                    button.danger.small type="submit" {
                                        "Revoke" span.sr-only { " " (l.label.as_deref().unwrap_or("this link")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action=(v.action("share-links")) {
                (csrf_field(v.csrf))
                h3 { "Make a link" }
                label for="link-label" { "Who it is for" span.hint { "So you can tell links apart, e.g. the client team." } }
                input #link-label type="text" name="label" maxlength="100";
                label for="link-days" { "It stops working after" }
                select #link-days name="days" {
                    @for (days, text) in LIFETIMES {
                        option value=(days) selected[days == 7] { (text) }
                    }
                }
                button type="submit" { "Make a share link" }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct NewLinkForm {
    label: Option<String>,
    days: Option<String>,
}

/// Where guests open a link: this server, as the browser reached it.
fn link_url(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()));
    match host {
        Some(h) => {
            let scheme = if state.settings.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{h}/s/{token}")
        }
        None => format!("/s/{token}"),
    }
}

pub async fn create(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<NewLinkForm>,
) -> WebResult<Response> {
    let days: u32 = match given(f.days).map(|d| d.parse::<u32>()) {
        None => 7,
        Some(Ok(d)) if LIFETIMES.iter().any(|(n, _)| *n == d) => d,
        Some(_) => {
            let e = crate::error::ApiError::unprocessable("choose how long the link lasts");
            return after(&state, &me, &id, "share-links", Err(e)).await;
        }
    };
    let now: Timestamp = state.clock.now_for(&me.user).timestamp();
    let expires_at = now + SignedDuration::from_hours(24 * i64::from(days));
    let created = crate::sharing::links::issue(
        &state,
        &me.user,
        &id,
        NewLinkBody {
            label: given(f.label),
            // A moment less than the full span, so 90 days stays within
            // the API's limit however long this request takes.
            expires_at: Some(expires_at - SignedDuration::from_secs(60)),
        },
    )
    .await;
    match created {
        Ok(issued) => {
            let url = link_url(&state, &headers, &issued.token);
            render_with(
                &state,
                &me,
                &id,
                Extra {
                    problem: None,
                    fresh_link: Some(url),
                },
            )
            .await
        }
        Err(e) => after(&state, &me, &id, "share-links", Err(e)).await,
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    me: Me,
    Path((id, link)): Path<(String, String)>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let outcome = crate::sharing::links::revoke_link(&state, &me.user, &id, &link)
        .await
        .map(drop);
    after(&state, &me, &id, "share-links", outcome).await
}
