//! Erasure (issue 18): an owner deletes a mistake, a person deletes their
//! account (with their password), an admin deletes someone's. Each is one
//! operation the JSON handlers and the web pages share; what goes and what
//! stays is the store's (`ErasureStore`), who may is decided here and by
//! the policy (`Action::Delete`, the owner's alone).

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::SignedDuration;
use rebound_domain::access::{Action, Part};
use rebound_domain::{Role, User, UserId};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The route of its own; the two on shared paths (`/api/v1/mistakes/{id}`,
/// `/api/v1/me`) are listed beside their GETs.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(delete_user))
}

/// Deletes mistake `id` with everything under it: its owner alone; anyone
/// else (and no such mistake) is 404.
pub async fn delete_mistake(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    let granted = (state.guard)
        .open(user, id, Part::Record, Action::Delete)
        .await?;
    granted.delete().await
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}", tag = "mistakes",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 204, description = "Deleted with its timeline, updates, comments, stakeholders and links; the owner's reflections, principles and wins stay, pointing at no mistake"),
        (status = 401, body = ErrorBody), (status = 404, description = "No such mistake of yours", body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    delete_mistake(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountBody {
    /// Your current password.
    pub password: String,
}

/// Deletes `user`'s own account once their password checks out (counted
/// like a sign-in attempt, so it cannot be guessed faster).
pub async fn delete_own_account(state: &AppState, user: &User, password: String) -> ApiResult<()> {
    confirm_password(state, user, password).await?;
    state.guard.erase_account(user, &user.id).await
}

/// 403 in words unless `password` is `user`'s; 429 while throttled.
async fn confirm_password(state: &AppState, user: &User, password: String) -> ApiResult<()> {
    let accounts = state.guard.accounts();
    let now = state.clock.now();
    let key = format!("account:{}", user.email);
    let admitted = state.passwords.admit()?;
    let window_start = now - SignedDuration::from_secs(60);
    let limit = state.settings.login_attempts_per_minute;
    if accounts
        .begin_login_attempt(&[key.as_str()], now, window_start, limit)
        .await?
        .is_none()
    {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "too many password attempts; wait a minute and try again",
        )
        .retry_after(60));
    }
    let Some((_, phc)) = accounts.user_by_email(&user.email).await? else {
        return Err(ApiError::unauthorized());
    };
    if !admitted.run(move |p| p.verify(&password, &phc)).await? {
        return Err(ApiError::forbidden(
            "that is not your password; nothing was deleted",
        ));
    }
    accounts.clear_login_failures(&key).await?;
    Ok(())
}

#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", request_body = DeleteAccountBody,
    responses((status = 204, description = "Your account is deleted: your mistakes, records, sessions and tokens are gone; your comments on others' mistakes stay as removed ones"),
        (status = 401, body = ErrorBody), (status = 403, description = "Not your password: nothing was deleted", body = ErrorBody),
        (status = 409, description = "You are the last admin", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, description = "Too many password attempts", body = ErrorBody)))]
pub async fn delete_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<DeleteAccountBody>,
) -> ApiResult<StatusCode> {
    delete_own_account(&state, &user, b.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An admin deletes someone else's account (their own goes through
/// [`delete_own_account`], with their password).
pub async fn delete_account_of(state: &AppState, admin: &User, id: &str) -> ApiResult<()> {
    if admin.role != Role::Admin {
        return Err(ApiError::forbidden("only an admin can do this"));
    }
    let id = UserId::parse(id).map_err(|_| ApiError::not_found())?;
    if id == admin.id {
        return Err(ApiError::unprocessable(
            "to delete your own account, use Settings (or DELETE /api/v1/me) with your password",
        ));
    }
    state.guard.erase_account(admin, &id).await
}

#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "people",
    params(("id" = String, Path, description = "User id")),
    responses((status = 204, description = "Deleted: their records go; their comments on others' mistakes stay as removed ones"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "The last admin", body = ErrorBody),
        (status = 422, description = "Your own account: delete it from Settings with your password", body = ErrorBody)))]
pub async fn delete_user(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    delete_account_of(&state, &admin, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The mistake a confirmation page names, for its owner alone (the read is
/// audited; anyone else gets 404, as for the delete itself).
pub async fn mistake_to_delete(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<rebound_domain::Mistake> {
    let granted = crate::mistakes::read::open(state, user, id).await?;
    granted.require(Part::Record, Action::Delete)?;
    Ok(granted.into_mistake())
}

/// The account an admin's confirmation page names (not their own).
pub async fn person_to_delete(state: &AppState, admin: &User, id: &str) -> ApiResult<User> {
    if admin.role != Role::Admin {
        return Err(ApiError::not_found());
    }
    let id = UserId::parse(id).map_err(|_| ApiError::not_found())?;
    if id == admin.id {
        return Err(ApiError::not_found());
    }
    Ok(state.guard.accounts().user(&id).await?)
}

/// [`delete_own_account`] for a browser: the cookie that forgets the
/// session, which went with the account.
pub async fn delete_own_account_signing_out(
    state: &AppState,
    user: &User,
    password: String,
) -> ApiResult<axum::http::HeaderValue> {
    delete_own_account(state, user, password).await?;
    Ok(crate::auth::cookie::SESSION.clear(state.settings.secure_cookies))
}
