//! The shared view and the progress updates, for signed-in readers.

use super::views::{SharedView, shared_view};
use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::access::{Action, Part};
use rebound_domain::{ProgressUpdate, User};
use serde::Serialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/shared", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "What is shared with stakeholders and guests: the note, updates and comments", body = SharedView),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<SharedView>> {
    Ok(Json(shared_with(&state, &user, &id).await?))
}

/// What mistake `id` shares with its stakeholders: the note, updates and comments.
pub async fn shared_with(state: &AppState, user: &User, id: &str) -> ApiResult<SharedView> {
    let g = state.guard.open(user, id, Part::Note, Action::Read).await?;
    shared_view(&g).await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UpdateList {
    pub updates: Vec<ProgressUpdate>,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/updates", tag = "updates",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "Progress updates, oldest first", body = UpdateList),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn updates(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<UpdateList>> {
    Ok(Json(updates_of(&state, &user, &id).await?))
}

/// Mistake `id`'s progress updates, oldest first.
pub async fn updates_of(state: &AppState, user: &User, id: &str) -> ApiResult<UpdateList> {
    let g = state
        .guard
        .open(user, id, Part::Updates, Action::Read)
        .await?;
    Ok(UpdateList {
        updates: g.updates()?.to_vec(),
    })
}
