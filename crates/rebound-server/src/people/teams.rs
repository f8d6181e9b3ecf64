//! Teams: admins create them and set who is in them.

use super::admin_only;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::{Team, TeamId, TeamName, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamBody {
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub teams: Vec<Team>,
}

#[utoipa::path(post, path = "/api/v1/teams", tag = "people", request_body = TeamBody,
    responses((status = 201, body = Team), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Json(b): Json<TeamBody>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    admin_only(&admin)?;
    let name = TeamName::parse(&b.name).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let team = Team {
        id: TeamId::from_random(crate::random::bytes5()?),
        name,
    };
    state.guard.accounts().create_team(&team).await?;
    Ok((StatusCode::CREATED, Json(team)))
}

#[utoipa::path(get, path = "/api/v1/teams", tag = "people", responses((status = 200, body = TeamList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(_): CurrentUser,
) -> ApiResult<Json<TeamList>> {
    Ok(Json(TeamList {
        teams: state.guard.accounts().list_teams().await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberBody {
    #[schema(value_type = String)]
    pub user: UserId,
}

fn team_id(id: &str) -> ApiResult<TeamId> {
    TeamId::parse(id).map_err(|_| ApiError::not_found())
}

#[utoipa::path(post, path = "/api/v1/teams/{id}/members", tag = "people",
    params(("id" = String, Path, description = "Team id")), request_body = MemberBody,
    responses((status = 204, description = "Added"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<MemberBody>,
) -> ApiResult<StatusCode> {
    admin_only(&admin)?;
    state
        .guard
        .accounts()
        .add_member(&team_id(&id)?, &b.user)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/{user}", tag = "people",
    params(("id" = String, Path, description = "Team id"), ("user" = String, Path, description = "User id")),
    responses((status = 204, description = "Removed: shared records stop being visible to them at once"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    admin_only(&admin)?;
    let user = UserId::parse(&user).map_err(|_| ApiError::not_found())?;
    if state
        .guard
        .accounts()
        .remove_member(&team_id(&id)?, &user)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
