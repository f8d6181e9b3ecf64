//! Invitations: an admin invites by email and gets a single-use link; the
//! invited person opens it, chooses a name and password, and is signed in.

use super::admin_only;
use crate::auth::session::with_cookie;
use crate::auth::setup::check_time_zone;
use crate::auth::{CurrentUser, SignedIn, start_session};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use rebound_auth::{IssuedToken, TokenKind, token_hash};
use rebound_domain::{DisplayName, Email, Role, TeamId, User, UserId};
use rebound_store::accounts::Invitation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long an invitation link works.
const INVITATION_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 7);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteBody {
    pub email: String,
    /// member (default), manager or admin.
    pub role: Option<Role>,
    /// Who will manage the new account.
    #[schema(value_type = Option<String>)]
    pub manager: Option<UserId>,
    /// The team the new account joins.
    #[schema(value_type = Option<String>)]
    pub team: Option<TeamId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationLink {
    /// Give this to the person (it is shown once; only its hash is kept).
    pub token: String,
    pub expires_at: Timestamp,
}

#[utoipa::path(post, path = "/api/v1/invitations", tag = "people", request_body = InviteBody,
    responses((status = 201, body = InvitationLink), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "An account with that email exists", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Json(b): Json<InviteBody>,
) -> ApiResult<(StatusCode, Json<InvitationLink>)> {
    Ok((
        StatusCode::CREATED,
        Json(invite_someone(&state, &admin, b).await?),
    ))
}

/// Invites someone by email (admins only): the link's token, shown once.
pub async fn invite_someone(
    state: &AppState,
    admin: &User,
    b: InviteBody,
) -> ApiResult<InvitationLink> {
    admin_only(admin)?;
    let email = Email::parse(&b.email).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    if state
        .guard
        .accounts()
        .user_by_email(&email)
        .await?
        .is_some()
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            format!("an account with the email {email} already exists"),
        ));
    }
    let issued = IssuedToken::generate(TokenKind::Invitation).map_err(|_| ApiError::internal())?;
    let now = state.clock.now();
    let expires_at = now + INVITATION_LIFETIME;
    state
        .guard
        .accounts()
        .create_invitation(&Invitation {
            token_hash: issued.hash.clone(),
            email,
            role: b.role.unwrap_or(Role::Member),
            manager: b.manager,
            team: b.team,
            invited_by: admin.id.clone(),
            created_at: now,
            expires_at,
        })
        .await?;
    Ok(InvitationLink {
        token: issued.token.clone(),
        expires_at,
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    pub token: String,
    pub display_name: String,
    pub password: String,
    /// IANA name; default UTC.
    pub time_zone: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "people", request_body = AcceptBody, security(()),
    responses((status = 201, description = "The account exists and is signed in", body = crate::auth::SignedIn),
        (status = 404, description = "No such invitation, or it was used or has expired", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(b): Json<AcceptBody>,
) -> ApiResult<Response> {
    let (signed_in, cookie) = join(&state, &headers, b).await?;
    Ok((StatusCode::CREATED, with_cookie(cookie, signed_in)).into_response())
}

/// Accepts an invitation: the account is made and signed in.
pub async fn join(
    state: &AppState,
    headers: &HeaderMap,
    b: AcceptBody,
) -> ApiResult<(SignedIn, HeaderValue)> {
    // Check everything before using up the invitation.
    let display_name =
        DisplayName::parse(&b.display_name).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let time_zone = check_time_zone(b.time_zone)?;
    let phc = state.hash_password(b.password).await?;
    let now = state.clock.now();
    let accounts = state.guard.accounts();
    let invitation = accounts
        .take_invitation(&token_hash(b.token.trim()), now)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let user = User {
        id: UserId::from_random(crate::random::bytes5()?),
        email: invitation.email,
        display_name,
        role: invitation.role,
        manager: invitation.manager,
        time_zone,
        working_hours: None,
        disabled_at: None,
        created_at: now,
    };
    accounts.create_user(&user, &phc).await?;
    if let Some(team) = &invitation.team {
        accounts.add_member(team, &user.id).await?;
    }
    start_session(state, user, headers).await
}
