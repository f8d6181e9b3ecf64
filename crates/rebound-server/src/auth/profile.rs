//! PUT /api/v1/me/profile: my name, time zone and working hours.

use super::current::CurrentUser;
use super::setup::check_time_zone;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::{DisplayName, User, WorkingHours};
use rebound_store::accounts::Profile;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    pub display_name: String,
    /// IANA name such as `Europe/Paris`.
    pub time_zone: String,
    /// When reminders may reach you; null for any time.
    pub working_hours: Option<WorkingHours>,
}

#[utoipa::path(put, path = "/api/v1/me/profile", tag = "accounts", request_body = ProfileBody,
    responses((status = 200, body = User), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<ProfileBody>,
) -> ApiResult<Json<User>> {
    Ok(Json(save_profile(&state, &user, b).await?))
}

/// Saves `user`'s name, time zone and working hours; the account as saved.
pub async fn save_profile(state: &AppState, user: &User, b: ProfileBody) -> ApiResult<User> {
    let profile = Profile {
        display_name: DisplayName::parse(&b.display_name)
            .map_err(|e| ApiError::unprocessable(e.to_string()))?,
        time_zone: check_time_zone(Some(b.time_zone))?,
        working_hours: b.working_hours,
    };
    let accounts = state.guard.accounts();
    accounts.set_profile(&user.id, &profile).await?;
    Ok(accounts.user(&user.id).await?)
}
