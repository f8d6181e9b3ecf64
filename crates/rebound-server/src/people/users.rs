//! Accounts as admins see them: the list, who manages whom, disabling.

use super::admin_only;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::{User, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub users: Vec<User>,
}

#[utoipa::path(get, path = "/api/v1/users", tag = "people",
    responses((status = 200, body = UserList), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
) -> ApiResult<Json<UserList>> {
    Ok(Json(UserList {
        users: everyone(&state, &admin).await?,
    }))
}

/// Every account (admins only).
pub async fn everyone(state: &AppState, admin: &User) -> ApiResult<Vec<User>> {
    admin_only(admin)?;
    Ok(state.guard.accounts().list_users().await?)
}

fn user_id(id: &str) -> ApiResult<UserId> {
    UserId::parse(id).map_err(|_| ApiError::not_found())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerBody {
    /// The new manager; null clears it.
    #[schema(value_type = Option<String>)]
    pub manager: Option<UserId>,
}

#[utoipa::path(put, path = "/api/v1/users/{id}/manager", tag = "people",
    params(("id" = String, Path, description = "User id")), request_body = ManagerBody,
    responses((status = 204, description = "Set; the old manager loses access on their next request"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, description = "A loop of managers", body = ErrorBody)))]
pub async fn set_manager(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<ManagerBody>,
) -> ApiResult<StatusCode> {
    assign_manager(&state, &admin, &id, b).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets or clears `id`'s manager; the old one loses access at once.
pub async fn assign_manager(
    state: &AppState,
    admin: &User,
    id: &str,
    b: ManagerBody,
) -> ApiResult<()> {
    admin_only(admin)?;
    Ok(state
        .guard
        .accounts()
        .set_manager(&user_id(id)?, b.manager.as_ref())
        .await?)
}

#[utoipa::path(post, path = "/api/v1/users/{id}/disable", tag = "people",
    params(("id" = String, Path, description = "User id")),
    responses((status = 204, description = "Disabled: every session and token ends now"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "Your own account: an admin cannot disable themselves", body = ErrorBody)))]
pub async fn disable(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_enabled(&state, &admin, &id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Enables an account, or disables it (every session and token ends now;
/// never the admin's own).
pub async fn set_enabled(state: &AppState, admin: &User, id: &str, enabled: bool) -> ApiResult<()> {
    admin_only(admin)?;
    let id = user_id(id)?;
    let accounts = state.guard.accounts();
    if enabled {
        return Ok(accounts.enable_user(&id).await?);
    }
    if id == admin.id {
        return Err(ApiError::unprocessable(
            "you cannot disable your own account",
        ));
    }
    Ok(accounts.disable_user(&id, state.clock.now()).await?)
}

#[utoipa::path(post, path = "/api/v1/users/{id}/enable", tag = "people",
    params(("id" = String, Path, description = "User id")),
    responses((status = 204, description = "Enabled; the person signs in again"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn enable(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    set_enabled(&state, &admin, &id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}
