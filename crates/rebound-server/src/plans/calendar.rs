//! Calendar invites (RFC 5545) for the debrief and the one-on-ones; they
//! say only "Debrief" and "One-on-one", as calendars are seen by others.

use super::now;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Path;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rebound_domain::User;
use rebound_domain::access::{Action, RecoveryPart};
use rebound_domain::recovery::ics;

/// The host part of calendar UIDs.
const UID_DOMAIN: &str = "rebound";

fn calendar_response(body: String, name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A plan the asker may see, with no such meeting to put in a calendar.
fn nothing(why: &str) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", why)
}

pub(crate) async fn debrief_calendar(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Response> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Calendar, Action::Read)
        .await?;
    if g.plan().debrief_task().is_none() {
        return Err(nothing(
            "no debrief yet: adopt the calm debrief first, and its due date becomes the invite",
        ));
    }
    let file = ics::debrief(g.plan(), now(state), UID_DOMAIN)
        .ok_or_else(|| nothing("the plan ended before the debrief, so there is none to add"))?;
    Ok(calendar_response(file, "debrief.ics"))
}

pub(crate) async fn check_ins_calendar(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Response> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Calendar, Action::Read)
        .await?;
    let file = ics::check_ins(g.plan(), now(state), UID_DOMAIN).ok_or_else(|| {
        nothing("the plan ended before its first one-on-one, so there is none to add")
    })?;
    Ok(calendar_response(file, "one-on-ones.ics"))
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/debrief.ics", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "The debrief as an iCalendar event, at the debrief task's due time (404 once the plan ended before it)", content_type = "text/calendar", body = String),
        (status = 404, body = ErrorBody)))]
pub async fn debrief_ics(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    debrief_calendar(&state, &user, &id).await
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/check-ins.ics", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "The recurring one-on-ones as an iCalendar event; once the plan has ended, only those before the end", content_type = "text/calendar", body = String),
        (status = 404, body = ErrorBody)))]
pub async fn check_ins_ics(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_ins_calendar(&state, &user, &id).await
}
