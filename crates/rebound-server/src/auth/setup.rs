//! First-run setup: the very first account becomes the admin. Once any
//! account exists this endpoint refuses, whichever server is asked.

use super::session::{SignedIn, start_session, with_cookie};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::tz::TimeZone;
use rebound_domain::{DisplayName, Email, Role, User, UserId};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetupBody {
    pub email: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    /// IANA name such as `Europe/Paris`; default UTC.
    pub time_zone: Option<String>,
}

/// Checks a time zone name against the tz database.
pub fn check_time_zone(name: Option<String>) -> ApiResult<String> {
    let name = name.unwrap_or_else(|| "UTC".into());
    TimeZone::get(&name).map(|_| name.clone()).map_err(|_| {
        ApiError::unprocessable(format!(
            "unknown time zone '{name}': use an IANA name such as Europe/Paris"
        ))
    })
}

#[utoipa::path(post, path = "/api/v1/setup", tag = "accounts", request_body = SetupBody, security(()),
    responses((status = 201, description = "The admin account exists and is signed in", body = super::session::SignedIn),
        (status = 409, description = "Setup is already done", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn setup(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(b): Json<SetupBody>,
) -> ApiResult<Response> {
    let (signed_in, cookie) = first_account(&state, &headers, b).await?;
    Ok((StatusCode::CREATED, with_cookie(cookie, signed_in)).into_response())
}

/// Creates the first account, an admin, and signs it in; 409 once done.
pub async fn first_account(
    state: &AppState,
    headers: &HeaderMap,
    b: SetupBody,
) -> ApiResult<(SignedIn, HeaderValue)> {
    let email = Email::parse(&b.email).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let display_name =
        DisplayName::parse(&b.display_name).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let time_zone = check_time_zone(b.time_zone)?;
    let phc = state.hash_password(b.password).await?;
    let user = User {
        id: UserId::from_random(crate::random::bytes5()?),
        email,
        display_name,
        role: Role::Admin,
        manager: None,
        time_zone,
        working_hours: None,
        disabled_at: None,
        created_at: state.clock.now(),
    };
    if !state
        .guard
        .accounts()
        .create_first_user(&user, &phc)
        .await?
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "setup_done",
            "setup is already done: sign in instead",
        ));
    }
    start_session(state, user, headers).await
}

/// Whether setup is done (any account exists).
pub async fn is_done(state: &AppState) -> ApiResult<bool> {
    Ok(state.guard.accounts().count_users().await? > 0)
}
