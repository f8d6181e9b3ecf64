//! In-app notifications. Only those about mistakes you may still read are
//! listed: losing access removes them on the next request.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, User};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    #[schema(value_type = String)]
    pub id: NotificationId,
    pub kind: NotificationKind,
    #[schema(value_type = String)]
    pub mistake: MistakeId,
    /// The mistake's title.
    pub title: String,
    pub created_at: Timestamp,
    /// Null while unread.
    pub read_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub notifications: Vec<NotificationView>,
    pub unread: usize,
}

#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "accounts",
    responses((status = 200, description = "Newest first", body = NotificationList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<NotificationList>> {
    Ok(Json(notifications_of(&state, &user).await?))
}

/// `user`'s notifications about mistakes they may still read, newest first.
pub async fn notifications_of(state: &AppState, user: &User) -> ApiResult<NotificationList> {
    let notifications: Vec<NotificationView> = state
        .guard
        .notifications(user)
        .await?
        .into_iter()
        .map(|(n, m)| NotificationView {
            id: n.id,
            kind: n.kind,
            mistake: n.mistake,
            title: m.title,
            created_at: n.created_at,
            read_at: n.read_at,
        })
        .collect();
    Ok(NotificationList {
        unread: notifications.iter().filter(|n| n.read_at.is_none()).count(),
        notifications,
    })
}

#[utoipa::path(post, path = "/api/v1/me/notifications/{id}/read", tag = "accounts",
    params(("id" = String, Path, description = "Notification id")),
    responses((status = 204, description = "Marked read (again changes nothing)"),
        (status = 404, description = "No such notification of yours", body = ErrorBody)))]
pub async fn mark_read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    mark_notification_read(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks one of `user`'s notifications read (again changes nothing).
pub async fn mark_notification_read(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    let id = NotificationId::parse(id).map_err(|_| ApiError::not_found())?;
    state
        .guard
        .mark_notification_read(user, &id, state.clock.now())
        .await
}

#[utoipa::path(post, path = "/api/v1/me/notifications/read", tag = "accounts",
    responses((status = 204, description = "All your notifications are read (none unread changes nothing)"),
        (status = 401, body = ErrorBody)))]
pub async fn mark_all_read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<StatusCode> {
    mark_all_notifications_read(&state, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks every one of `user`'s notifications read; how many were unread.
pub async fn mark_all_notifications_read(state: &AppState, user: &User) -> ApiResult<u64> {
    state
        .guard
        .mark_all_notifications_read(user, state.clock.now())
        .await
}

/// How many of `user`'s notifications are unread, for the page header:
/// the same ones the list shows (about mistakes they may still read).
pub async fn unread_count(state: &AppState, user: &User) -> ApiResult<u64> {
    state.guard.unread_notifications(user).await
}
