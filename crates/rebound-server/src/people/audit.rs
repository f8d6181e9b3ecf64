//! `GET /api/v1/users/{id}/audit` and `GET /api/v1/teams/{id}/audit`: who
//! changed what reaches a person or a team (preferences, chat webhooks)
//! and when — never what they were set to. Admins only.

use super::admin_only;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::mistakes::audit::{AuditLog, AuditQuery};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::audit::Whose;
use rebound_domain::{TeamId, User, UserId};

#[utoipa::path(get, path = "/api/v1/users/{id}/audit", tag = "people",
    params(("id" = String, Path, description = "User id"), AuditQuery),
    responses((status = 200, description = "Changes to what reaches them, newest first", body = AuditLog),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn of_user(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<AuditLog>> {
    Ok(Json(person_log(&state, &admin, &id, q).await?))
}

#[utoipa::path(get, path = "/api/v1/teams/{id}/audit", tag = "people",
    params(("id" = String, Path, description = "Team id"), AuditQuery),
    responses((status = 200, description = "Changes to the team's chat channel, newest first", body = AuditLog),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn of_team(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<AuditLog>> {
    Ok(Json(team_log(&state, &admin, &id, q).await?))
}

/// Who changed person `id`'s preferences or chat webhook (admins only).
pub async fn person_log(
    state: &AppState,
    admin: &User,
    id: &str,
    q: AuditQuery,
) -> ApiResult<AuditLog> {
    admin_only(admin)?;
    let limit = q.checked_limit()?;
    let user = UserId::parse(id).map_err(|_| ApiError::not_found())?;
    state.guard.accounts().user(&user).await?;
    log(state, admin, Whose::Person(&user), limit).await
}

/// Who changed team `id`'s chat webhook (admins only).
pub async fn team_log(
    state: &AppState,
    admin: &User,
    id: &str,
    q: AuditQuery,
) -> ApiResult<AuditLog> {
    admin_only(admin)?;
    let limit = q.checked_limit()?;
    let team = TeamId::parse(id).map_err(|_| ApiError::not_found())?;
    state.guard.accounts().team(&team).await?;
    log(state, admin, Whose::Team(&team), limit).await
}

/// The events about `whose`, once it is known to exist.
async fn log(state: &AppState, admin: &User, whose: Whose<'_>, limit: u32) -> ApiResult<AuditLog> {
    let events = state.guard.reach_audit(admin, whose, limit).await?;
    Ok(AuditLog { events })
}
