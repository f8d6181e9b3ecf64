//! Private notes: their author's alone (not the report, not an admin,
//! not a later manager).

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::User;
use rebound_domain::access::{Action, RecoveryPart};
use rebound_domain::recovery::PrivateNote;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteList {
    /// Your own, oldest first.
    pub notes: Vec<PrivateNote>,
}

pub(crate) async fn notes_for(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Vec<PrivateNote>> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::PrivateNotes, Action::Read)
        .await?;
    state.guard.private_notes(&g).await
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/notes", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "Your private notes: nobody else reads them", body = NoteList), (status = 404, body = ErrorBody)))]
pub async fn notes(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<NoteList>> {
    Ok(Json(NoteList {
        notes: notes_for(&state, &user, &id).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    pub body: String,
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/notes", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = NoteBody,
    responses((status = 201, body = PrivateNote), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_note(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<NoteBody>,
) -> ApiResult<(StatusCode, Json<PrivateNote>)> {
    let n = add_note_for(&state, &user, &id, &b.body).await?;
    Ok((StatusCode::CREATED, Json(n)))
}

/// Adds a private note to plan `id`, readable by its author alone.
pub(crate) async fn add_note_for(
    state: &AppState,
    user: &User,
    id: &str,
    body: &str,
) -> ApiResult<PrivateNote> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::PrivateNotes, Action::Create)
        .await?;
    state.guard.add_private_note(&g, body).await
}
