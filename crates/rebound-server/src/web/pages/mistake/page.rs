//! Loads a mistake for the person looking (through the guard: no access is
//! a 404 page) and lays out its sections in the order of the work.

use super::heads_up;
use crate::clock::now_for;
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::widgets::{date, state_pill, target_pill, update_pill};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use maud::html;
use rebound_domain::Mistake;
use rebound_domain::access::{Action, Part};

/// What every section renders from.
pub struct View<'a> {
    pub m: &'a Mistake,
    pub now: &'a Zoned,
    pub csrf: &'a str,
    pub owner: bool,
    /// A refused form: which section, and why.
    pub problem: Option<&'a Problem>,
}

pub struct Problem {
    pub section: &'static str,
    pub message: String,
}

impl View<'_> {
    /// The problem's message, if it belongs to `section`.
    pub fn problem_in(&self, section: &str) -> Option<&str> {
        self.problem
            .filter(|p| p.section == section)
            .map(|p| p.message.as_str())
    }

    pub fn action(&self, path: &str) -> String {
        format!("/m/{}/{path}", self.m.id)
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    render(&state, &me, &id, None).await
}

/// The page, with a refused form's reason when there is one.
pub async fn render(
    state: &AppState,
    me: &Me,
    id: &str,
    problem: Option<Problem>,
) -> WebResult<Response> {
    let g = state
        .guard
        .open(&me.user, id, Part::Record, Action::Read)
        .await?;
    let now = now_for(&me.user);
    let m = g.mistake();
    let view = View {
        m,
        now: &now,
        csrf: &me.csrf,
        owner: m.owner.as_ref() == Some(&me.user.id),
        problem: problem.as_ref(),
    };
    let clocks = m.clocks(now.timestamp());
    let body = html! {
        header.card {
            div.row {
                h1 { (m.title) }
                (state_pill(m.state))
            }
            p.muted { "Detected " (date(m.detected_at, &now)) }
            div.clocks {
                (target_pill("Timeline", &clocks.timeline))
                (target_pill("Note", &clocks.note))
                @if let Some(u) = &clocks.next_update { (update_pill(u, &now)) }
            }
        }
        (heads_up::section(&view))
    };
    let status = match &problem {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = layout::page(
        &m.title,
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
        },
        body,
    );
    Ok((status, page).into_response())
}

/// After a form post: back to the page at `section`, or the page again with
/// the reason the post was refused (a 404 stays a 404 page).
pub async fn after(
    state: &AppState,
    me: &Me,
    id: &str,
    section: &'static str,
    outcome: Result<(), crate::error::ApiError>,
) -> WebResult<Response> {
    match outcome {
        Ok(()) => Ok(crate::web::respond::see_other(&format!(
            "/m/{id}#{section}"
        ))),
        Err(e) if e.status == StatusCode::NOT_FOUND => Err(WebError::not_found()),
        Err(e) => {
            let message = crate::web::error::sentence(&e.message);
            render(state, me, id, Some(Problem { section, message })).await
        }
    }
}
