//! Timeline entries: add, star.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::past_or_now;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    pub text: String,
    /// When it happened; default now. Not in the future.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub at: Option<Timestamp>,
    #[serde(default)]
    pub starred: bool,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/timeline", tag = "timeline",
    params(("id" = String, Path, description = "Mistake id")), request_body = EntryBody,
    responses((status = 201, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<EntryBody>,
) -> ApiResult<(StatusCode, Tagged<MistakeView>)> {
    let view = add_entry(&state, &user, &id, &expect, b).await?;
    Ok((StatusCode::CREATED, Tagged(view.mistake.version, view)))
}

/// Adds an entry to the timeline (now, unless it says when).
pub async fn add_entry(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: EntryBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Addition, expect), |m, now| {
        let at = past_or_now(b.at, now, "a timeline entry")?;
        Ok(vec![m.add_timeline_entry(at, &b.text, b.starred, now)?])
    })
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StarBody {
    pub starred: bool,
}

#[utoipa::path(patch, path = "/api/v1/mistakes/{id}/timeline/{entry}", tag = "timeline",
    params(("id" = String, Path, description = "Mistake id"), ("entry" = i64, Path, description = "Entry id")),
    request_body = StarBody,
    responses((status = 200, body = MistakeView), (status = 404, description = "No such mistake, or no such entry on it", body = ErrorBody)))]
pub async fn star(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, entry)): Path<(String, i64)>,
    IfMatch(expect): IfMatch,
    Json(b): Json<StarBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = star_entry(&state, &user, &id, entry, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Stars or unstars one entry of the timeline.
pub async fn star_entry(
    state: &AppState,
    user: &User,
    id: &str,
    entry: i64,
    expect: &Expect,
    b: StarBody,
) -> ApiResult<MistakeView> {
    // Setting one flag depends on nothing else read: safe to apply again.
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Addition, expect), |m, _| {
        Ok(vec![m.star_entry(entry, b.starred)?])
    })
    .await
}
