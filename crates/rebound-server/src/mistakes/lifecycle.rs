//! Checkboxes and moves through the lifecycle.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::past_or_now;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use rebound_domain::{Checkbox, State as LifecycleState, User};
use serde::Deserialize;
use utoipa::ToSchema;

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/checks/{checkbox}", tag = "lifecycle",
    params(("id" = String, Path, description = "Mistake id"), ("checkbox" = Checkbox, Path, description = "impact or prevention")),
    responses((status = 200, body = MistakeView), (status = 404, body = ErrorBody), (status = 409, description = "The note section it needs is empty", body = ErrorBody)))]
pub async fn tick(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, checkbox)): Path<(String, Checkbox)>,
    IfMatch(expect): IfMatch,
) -> ApiResult<Tagged<MistakeView>> {
    let view = set_checkbox(&state, &user, &id, &expect, checkbox, true).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Ticks (when the note has what it needs) or unticks one checkbox.
pub async fn set_checkbox(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    checkbox: Checkbox,
    ticked: bool,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        if ticked {
            m.tick(checkbox, now)?;
        } else {
            m.untick(checkbox);
        }
        Ok(Vec::new())
    })
    .await
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}/checks/{checkbox}", tag = "lifecycle",
    params(("id" = String, Path, description = "Mistake id"), ("checkbox" = Checkbox, Path, description = "impact or prevention")),
    responses((status = 200, body = MistakeView), (status = 404, body = ErrorBody)))]
pub async fn untick(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, checkbox)): Path<(String, Checkbox)>,
    IfMatch(expect): IfMatch,
) -> ApiResult<Tagged<MistakeView>> {
    let view = set_checkbox(&state, &user, &id, &expect, checkbox, false).await?;
    Ok(Tagged(view.mistake.version, view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    pub to: LifecycleState,
    /// Default: now.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub at: Option<Timestamp>,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/transitions", tag = "lifecycle",
    params(("id" = String, Path, description = "Mistake id")), request_body = MoveBody,
    responses((status = 200, description = "Moved; every state passed through is recorded", body = MistakeView),
        (status = 404, body = ErrorBody), (status = 409, description = "Refused, with the reason", body = ErrorBody)))]
pub async fn transition(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<MoveBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = move_to(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Moves through the lifecycle; every state passed through is recorded.
pub async fn move_to(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: MoveBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        let at = past_or_now(b.at, now, "a move")?;
        Ok(m.move_to(b.to, at)?)
    })
    .await
}
