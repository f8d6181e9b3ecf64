//! Teams: admins create them and set who is in them.

use super::admin_only;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::{Team, TeamId, TeamName, User, UserId};
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
    Ok((
        StatusCode::CREATED,
        Json(new_team(&state, &admin, b).await?),
    ))
}

/// Makes a team (admins only).
pub async fn new_team(state: &AppState, admin: &User, b: TeamBody) -> ApiResult<Team> {
    admin_only(admin)?;
    let name = TeamName::parse(&b.name).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let team = Team {
        id: TeamId::from_random(crate::random::bytes5()?),
        name,
    };
    state.guard.accounts().create_team(&team).await?;
    Ok(team)
}

#[utoipa::path(get, path = "/api/v1/teams", tag = "people", responses((status = 200, body = TeamList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<TeamList>> {
    Ok(Json(TeamList {
        teams: all_teams(&state, &user).await?,
    }))
}

/// Every team (anyone signed in may see them).
pub async fn all_teams(state: &AppState, _user: &User) -> ApiResult<Vec<Team>> {
    Ok(state.guard.accounts().list_teams().await?)
}

/// Every team with its members (admins only).
pub async fn with_members(state: &AppState, admin: &User) -> ApiResult<Vec<(Team, Vec<User>)>> {
    admin_only(admin)?;
    let mut out = Vec::new();
    for t in all_teams(state, admin).await? {
        let members = state.guard.accounts().members(&t.id).await?;
        out.push((t, members));
    }
    Ok(out)
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
    join_team(&state, &admin, &id, b).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds someone to team `id` (admins only).
pub async fn join_team(state: &AppState, admin: &User, id: &str, b: MemberBody) -> ApiResult<()> {
    admin_only(admin)?;
    Ok(state
        .guard
        .accounts()
        .add_member(&team_id(id)?, &b.user)
        .await?)
}

#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/{user}", tag = "people",
    params(("id" = String, Path, description = "Team id"), ("user" = String, Path, description = "User id")),
    responses((status = 204, description = "Removed: shared records stop being visible to them at once"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    leave_team(&state, &admin, &id, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes `user` from team `id`: shared records stop being visible to
/// them at once. 404 when they are not in it.
pub async fn leave_team(state: &AppState, admin: &User, id: &str, user: &str) -> ApiResult<()> {
    admin_only(admin)?;
    let user = UserId::parse(user).map_err(|_| ApiError::not_found())?;
    if state
        .guard
        .accounts()
        .remove_member(&team_id(id)?, &user)
        .await?
    {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}
