//! API tokens for the CLI and scripts: shown once, stored hashed, revocable.

use super::current::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_auth::{IssuedToken, TokenKind};
use rebound_domain::note::clean;
use rebound_domain::{ApiTokenId, User};
use rebound_store::accounts::NewApiToken;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// What it is for ("laptop CLI").
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedTokenView {
    #[schema(value_type = String)]
    pub id: ApiTokenId,
    pub name: String,
    /// Shown this once; only its hash is kept.
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    #[schema(value_type = String)]
    pub id: ApiTokenId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    pub tokens: Vec<TokenView>,
}

#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = NewTokenBody,
    responses((status = 201, body = IssuedTokenView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewTokenBody>,
) -> ApiResult<(StatusCode, Json<IssuedTokenView>)> {
    Ok((StatusCode::CREATED, Json(issue(&state, &user, b).await?)))
}

/// Issues an API token for `user`; the token is in this answer only.
pub async fn issue(state: &AppState, user: &User, b: NewTokenBody) -> ApiResult<IssuedTokenView> {
    let name = clean(&b.name).ok_or_else(|| ApiError::unprocessable("give the token a name"))?;
    use rebound_domain::account::MAX_TOKEN_NAME_CHARS;
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(ApiError::unprocessable(format!(
            "keep the token name under {MAX_TOKEN_NAME_CHARS} characters"
        )));
    }
    rebound_domain::text::line("the token name", &name)?;
    let issued = IssuedToken::generate(TokenKind::Api).map_err(ApiError::internal_because)?;
    let id = ApiTokenId::from_random(crate::random::bytes5()?);
    state
        .guard
        .accounts()
        .create_api_token(&NewApiToken {
            id: id.clone(),
            token_hash: issued.hash.clone(),
            user: user.id.clone(),
            name: name.clone(),
            created_at: state.clock.now(),
            expires_at: None,
        })
        .await?;
    Ok(IssuedTokenView {
        id,
        name,
        token: issued.token.clone(),
    })
}

#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    responses((status = 200, body = TokenList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<TokenList>> {
    Ok(Json(TokenList {
        tokens: tokens_of(&state, &user).await?,
    }))
}

/// `user`'s API tokens, without the tokens themselves.
pub async fn tokens_of(state: &AppState, user: &User) -> ApiResult<Vec<TokenView>> {
    Ok(state
        .guard
        .accounts()
        .list_api_tokens(&user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts",
    params(("id" = String, Path, description = "Token id")),
    responses((status = 204, description = "Revoked: it stops working on the next request"), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    revoke_token(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes one of `user`'s tokens: it stops working on the next request.
pub async fn revoke_token(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    let id = ApiTokenId::parse(id).map_err(|_| ApiError::not_found())?;
    Ok(state
        .guard
        .accounts()
        .revoke_api_token(&user.id, &id, state.clock.now())
        .await?)
}
