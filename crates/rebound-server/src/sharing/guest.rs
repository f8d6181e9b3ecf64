//! What a guest does through a live share link: read the shared view of
//! that one mistake, comment, upvote and take the upvote back. The mistake
//! comes from the guest's session, never from the request, so no id can
//! point a guest elsewhere.

use super::comment_id;
use super::views::{CommentView, SharedView, VoteView, comment_view, set_vote, shared_view};
use crate::auth::guest::GuestCookie;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Granted;
use crate::json::{Json, Path, Query};
use crate::mistakes::older::{PageQuery, UpdatePageView, page_of};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::access::{Action, Part};
use rebound_domain::{CommentBody, TokenHash};

use super::comments::CommentBodyIn;

#[utoipa::path(get, path = "/api/v1/guest/mistake", tag = "guests", security(("guest" = [])),
    responses((status = 200, description = "The shared note, updates and comments of the link's mistake", body = SharedView),
        (status = 404, description = "No live guest session (none, or its link expired or was revoked)", body = ErrorBody)))]
pub async fn view(
    State(state): State<AppState>,
    GuestCookie(session): GuestCookie,
) -> ApiResult<Json<SharedView>> {
    Ok(Json(read(&state, session.as_ref()).await?))
}

/// What the guest with `session` may see of the link's mistake.
pub async fn read(state: &AppState, session: Option<&TokenHash>) -> ApiResult<SharedView> {
    let g = state
        .guard
        .open_as_guest(session, Part::Note, Action::Read)
        .await?;
    shared_view(&g).await
}

#[utoipa::path(get, path = "/api/v1/guest/mistake/updates", tag = "guests", security(("guest" = [])),
    params(PageQuery),
    responses((status = 200, description = "The link's mistake's progress updates, oldest first: the newest `limit`, or those just before `before`", body = UpdatePageView),
        (status = 404, description = "No live guest session (none, or its link expired or was revoked)", body = ErrorBody),
        (status = 422, description = "A `limit` outside 1–100, or a `before` that is not one of this mistake's updates", body = ErrorBody)))]
pub async fn updates(
    State(state): State<AppState>,
    GuestCookie(session): GuestCookie,
    q: Result<Query<PageQuery>, ApiError>,
) -> ApiResult<Json<UpdatePageView>> {
    Ok(Json(
        update_page(&state, session.as_ref(), q.map(|Query(q)| q)).await?,
    ))
}

/// A page of the link's mistake's updates, for the guest with `session`:
/// the one operation behind the JSON handler and the guest's page. No
/// session is 404 before a bad query is 422, as for a member.
pub async fn update_page(
    state: &AppState,
    session: Option<&TokenHash>,
    q: Result<PageQuery, ApiError>,
) -> ApiResult<UpdatePageView> {
    Ok(open_page(state, session, q).await?.1)
}

/// [`update_page`] and the owner's time zone, for the guest's page to show
/// times in before the browser has said its own, as the main page does.
pub async fn update_page_in_owners_zone(
    state: &AppState,
    session: Option<&TokenHash>,
    q: Result<PageQuery, ApiError>,
) -> ApiResult<(UpdatePageView, Option<String>)> {
    let (g, page) = open_page(state, session, q).await?;
    Ok((page, g.owner_time_zone().await?))
}

async fn open_page(
    state: &AppState,
    session: Option<&TokenHash>,
    q: Result<PageQuery, ApiError>,
) -> ApiResult<(Granted, UpdatePageView)> {
    let g = state
        .guard
        .open_as_guest(session, Part::Updates, Action::Read)
        .await?;
    let q = q.map_err(|e| ApiError::unprocessable(e.message))?;
    let page = page_of(&g, &q).await?;
    Ok((g, page))
}

#[utoipa::path(post, path = "/api/v1/guest/comments", tag = "guests", security(("guest" = [])),
    request_body = CommentBodyIn,
    responses((status = 201, description = "Posted under your display name", body = CommentView),
        (status = 404, description = "No live guest session, or the parent is not a comment on this mistake", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn comment(
    State(state): State<AppState>,
    GuestCookie(session): GuestCookie,
    Json(b): Json<CommentBodyIn>,
) -> ApiResult<(StatusCode, Json<CommentView>)> {
    let c = add_comment(&state, session.as_ref(), b).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// A guest's comment or reply, under their display name.
pub async fn add_comment(
    state: &AppState,
    session: Option<&TokenHash>,
    b: CommentBodyIn,
) -> ApiResult<CommentView> {
    let g = state
        .guard
        .open_as_guest(session, Part::Comments, Action::Create)
        .await?;
    let body = CommentBody::parse(&b.body)?;
    let parent = b.parent.as_deref().map(comment_id).transpose()?;
    let c = g.add_comment(parent, body, state.clock.now()).await?;
    Ok(comment_view(c, &g.actor(), true))
}

#[utoipa::path(put, path = "/api/v1/guest/comments/{comment}/vote", tag = "guests", security(("guest" = [])),
    params(("comment" = String, Path, description = "Comment id")),
    responses((status = 200, description = "Upvoted (voting again changes nothing)", body = VoteView),
        (status = 404, description = "No live guest session, or no such comment on this mistake", body = ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    GuestCookie(session): GuestCookie,
    Path(comment): Path<String>,
) -> ApiResult<Json<VoteView>> {
    Ok(Json(
        upvote(&state, session.as_ref(), &comment, true).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/guest/comments/{comment}/vote", tag = "guests", security(("guest" = [])),
    params(("comment" = String, Path, description = "Comment id")),
    responses((status = 200, description = "Your upvote is taken back (none to take changes nothing)", body = VoteView),
        (status = 404, description = "No live guest session, or no such comment on this mistake", body = ErrorBody)))]
pub async fn unvote(
    State(state): State<AppState>,
    GuestCookie(session): GuestCookie,
    Path(comment): Path<String>,
) -> ApiResult<Json<VoteView>> {
    Ok(Json(
        upvote(&state, session.as_ref(), &comment, false).await?,
    ))
}

/// A guest upvotes a comment (once), or takes the upvote back; the score.
pub async fn upvote(
    state: &AppState,
    session: Option<&TokenHash>,
    comment: &str,
    up: bool,
) -> ApiResult<VoteView> {
    let (action, at) = if up {
        (Action::Create, Some(state.clock.now()))
    } else {
        (Action::Change, None)
    };
    let g = state
        .guard
        .open_as_guest(session, Part::Votes, action)
        .await?;
    set_vote(&g, comment, at).await
}
