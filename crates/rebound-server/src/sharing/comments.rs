//! Comments, replies and upvotes, for signed-in readers.

use super::comment_id;
use super::views::{CommentList, CommentView, VoteView, comment_list, comment_view, set_vote};
use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::access::{Action, Part};
use rebound_domain::{CommentBody, User};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBodyIn {
    /// Plain text, 1 to 5,000 characters, kept as written.
    pub body: String,
    /// Reply to this comment (on the same mistake).
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditBody {
    pub body: String,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/comments", tag = "comments",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "Comments and replies, oldest first, each with its score", body = CommentList),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<CommentList>> {
    Ok(Json(comments_on(&state, &user, &id).await?))
}

/// Mistake `id`'s comments and replies, oldest first, with their scores.
pub async fn comments_on(state: &AppState, user: &User, id: &str) -> ApiResult<CommentList> {
    let g = state
        .guard
        .open(user, id, Part::Comments, Action::Read)
        .await?;
    Ok(CommentList {
        comments: comment_list(&g).await?,
    })
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/comments", tag = "comments",
    params(("id" = String, Path, description = "Mistake id")), request_body = CommentBodyIn,
    responses((status = 201, body = CommentView),
        (status = 404, description = "No such mistake you may read, or the parent is not a comment on it", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<CommentBodyIn>,
) -> ApiResult<(StatusCode, Json<CommentView>)> {
    Ok((StatusCode::CREATED, Json(add(&state, &user, &id, b).await?)))
}

/// Comments on mistake `id`, or replies to one of its comments.
pub async fn add(
    state: &AppState,
    user: &User,
    id: &str,
    b: CommentBodyIn,
) -> ApiResult<CommentView> {
    let g = state
        .guard
        .open(user, id, Part::Comments, Action::Create)
        .await?;
    let body = CommentBody::parse(&b.body)?;
    let parent = b.parent.as_deref().map(comment_id).transpose()?;
    let c = g
        .add_comment(parent, body, state.clock.now_for(user).timestamp())
        .await?;
    Ok(comment_view(c, &g.actor(), false))
}

#[utoipa::path(patch, path = "/api/v1/mistakes/{id}/comments/{comment}", tag = "comments",
    params(("id" = String, Path, description = "Mistake id"), ("comment" = String, Path, description = "Comment id")),
    request_body = EditBody,
    responses((status = 200, body = CommentView),
        (status = 404, description = "No such comment of yours on this mistake", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, comment)): Path<(String, String)>,
    Json(b): Json<EditBody>,
) -> ApiResult<Json<CommentView>> {
    Ok(Json(edit_comment(&state, &user, &id, &comment, b).await?))
}

/// Edits a comment `user` wrote on mistake `id`.
pub async fn edit_comment(
    state: &AppState,
    user: &User,
    id: &str,
    comment: &str,
    b: EditBody,
) -> ApiResult<CommentView> {
    let g = state
        .guard
        .open(user, id, Part::Comments, Action::Change)
        .await?;
    let comment = comment_id(comment)?;
    let body = CommentBody::parse(&b.body)?;
    let c = g
        .edit_comment(&comment, body, state.clock.now_for(user).timestamp())
        .await?;
    Ok(comment_view(c, &g.actor(), false))
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/comments/{comment}/vote", tag = "comments",
    params(("id" = String, Path, description = "Mistake id"), ("comment" = String, Path, description = "Comment id")),
    responses((status = 200, description = "Upvoted (voting again changes nothing)", body = VoteView),
        (status = 404, description = "No such comment on a mistake you may read", body = ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, comment)): Path<(String, String)>,
) -> ApiResult<Json<VoteView>> {
    Ok(Json(upvote(&state, &user, &id, &comment, true).await?))
}

/// Upvotes a comment on mistake `id` (once per person), or takes the
/// upvote back; the score.
pub async fn upvote(
    state: &AppState,
    user: &User,
    id: &str,
    comment: &str,
    up: bool,
) -> ApiResult<VoteView> {
    let (action, at) = if up {
        (Action::Create, Some(state.clock.now_for(user).timestamp()))
    } else {
        (Action::Change, None)
    };
    let g = state.guard.open(user, id, Part::Votes, action).await?;
    set_vote(&g, comment, at).await
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}/comments/{comment}/vote", tag = "comments",
    params(("id" = String, Path, description = "Mistake id"), ("comment" = String, Path, description = "Comment id")),
    responses((status = 200, description = "Your upvote is taken back (none to take changes nothing)", body = VoteView),
        (status = 404, description = "No such comment on a mistake you may read", body = ErrorBody)))]
pub async fn unvote(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, comment)): Path<(String, String)>,
) -> ApiResult<Json<VoteView>> {
    Ok(Json(upvote(&state, &user, &id, &comment, false).await?))
}
