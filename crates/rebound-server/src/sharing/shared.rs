//! The shared view, for signed-in readers (the progress updates, a page at
//! a time, are `mistakes/older.rs`).

use super::views::{SharedView, shared_view};
use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::User;
use rebound_domain::access::{Action, Part};

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
