//! Named stakeholders and the wider affected list. Naming someone notifies
//! them in the app; removing them ends their access on the next request.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::sharing::affected_list;
use rebound_domain::{Email, User, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct StakeholderView {
    #[schema(value_type = String)]
    pub user: UserId,
    pub display_name: String,
    pub added_at: Timestamp,
    /// When they acknowledged the note; null while they have not.
    pub acknowledged_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Sharing {
    pub stakeholders: Vec<StakeholderView>,
    /// Free-text names or emails of others affected.
    pub affected: Vec<String>,
}

/// The account a path names: by its id, or by the email it signs in with
/// (what a person at a terminal knows). Asked only after the guard let the
/// caller change the mistake's sharing, so it tells a stranger nothing.
async fn account(state: &AppState, key: &str) -> ApiResult<UserId> {
    if !key.contains('@') {
        return UserId::parse(key).map_err(|_| ApiError::not_found());
    }
    let email = Email::parse(key)
        .map_err(|_| ApiError::unprocessable(format!("'{key}' is not an email address")))?;
    match state.guard.accounts().user_by_email(&email).await? {
        Some((user, _)) => Ok(user.id),
        None => Err(ApiError::unprocessable(format!(
            "nobody signs in to this server as {email}: an admin can invite them first"
        ))),
    }
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/stakeholders", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "Stakeholders (in the order named) and the affected list", body = Sharing),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Sharing>> {
    Ok(Json(sharing_of(&state, &user, &id).await?))
}

/// Mistake `id`'s stakeholders (in the order named) and its affected list.
pub async fn sharing_of(state: &AppState, user: &User, id: &str) -> ApiResult<Sharing> {
    let g = state
        .guard
        .open(user, id, Part::Sharing, Action::Read)
        .await?;
    let stakeholders = g
        .stakeholders()
        .await?
        .into_iter()
        .map(|s| StakeholderView {
            user: s.user,
            display_name: s.display_name.to_string(),
            added_at: s.added_at,
            acknowledged_at: s.acknowledged_at,
        })
        .collect();
    Ok(Sharing {
        stakeholders,
        affected: g.affected().await?,
    })
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/stakeholders/{user}", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id"), ("user" = String, Path, description = "The account to name: its id, or the email it signs in with")),
    responses((status = 201, description = "Named and notified"), (status = 204, description = "Already a stakeholder: nothing changed"),
        (status = 404, description = "No such mistake of yours, or no such account", body = ErrorBody),
        (status = 422, description = "Yourself, a disabled account, or an email nobody signs in with", body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, stakeholder)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    Ok(if name(&state, &user, &id, &stakeholder).await? {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    })
}

/// Names `stakeholder` on mistake `id` (notifying them); whether they were
/// newly named.
pub async fn name(state: &AppState, user: &User, id: &str, stakeholder: &str) -> ApiResult<bool> {
    let g = state
        .guard
        .open(user, id, Part::Sharing, Action::Change)
        .await?;
    g.add_stakeholder(
        &account(state, stakeholder).await?,
        state.clock.now_for(user).timestamp(),
    )
    .await
}

/// The accounts `user` could name as stakeholders: everyone enabled but them.
pub async fn nameable(state: &AppState, user: &User) -> ApiResult<Vec<User>> {
    Ok(state
        .guard
        .accounts()
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.id != user.id && !u.is_disabled())
        .collect())
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}/stakeholders/{user}", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id"), ("user" = String, Path, description = "The stakeholder's account: its id, or the email it signs in with")),
    responses((status = 204, description = "Removed: their access through this ends on their next request"),
        (status = 404, description = "No such mistake of yours, or not a stakeholder on it", body = ErrorBody),
        (status = 422, description = "An email nobody signs in with", body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, stakeholder)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    unname(&state, &user, &id, &stakeholder).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a stakeholder: their access through it ends on their next request.
pub async fn unname(state: &AppState, user: &User, id: &str, stakeholder: &str) -> ApiResult<()> {
    let g = state
        .guard
        .open(user, id, Part::Sharing, Action::Change)
        .await?;
    g.remove_stakeholder(&account(state, stakeholder).await?)
        .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AffectedBody {
    /// Names or emails ("the finance leads", "ana@client.com"); blanks and
    /// repeats are dropped. At most 100, each under 200 characters.
    pub affected: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AffectedView {
    pub affected: Vec<String>,
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/affected", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")), request_body = AffectedBody,
    responses((status = 200, description = "The list as kept", body = AffectedView),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_affected(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<AffectedBody>,
) -> ApiResult<Json<AffectedView>> {
    Ok(Json(replace_affected(&state, &user, &id, b).await?))
}

/// Replaces the wider affected list; answers the list as kept.
pub async fn replace_affected(
    state: &AppState,
    user: &User,
    id: &str,
    b: AffectedBody,
) -> ApiResult<AffectedView> {
    let g = state
        .guard
        .open(user, id, Part::Sharing, Action::Change)
        .await?;
    let affected = affected_list(&b.affected)?;
    g.set_affected(&affected).await?;
    Ok(AffectedView { affected })
}
