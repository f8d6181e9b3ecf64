//! Share links for people without an account: made, listed and revoked by
//! the owner only. The token is shown once; only its hash is kept.

use crate::auth::CurrentUser;
use crate::clock::ms;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_auth::{IssuedToken, TokenKind};
use rebound_domain::access::{Action, Part};
use rebound_domain::sharing::{link_expiry, link_label};
use rebound_domain::{ShareLinkId, User};
use rebound_store::ShareLinkInfo;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLinkBody {
    /// Who it is for ("client team"), to tell links apart.
    pub label: Option<String>,
    /// When it stops working: in the future, at most 90 days ahead.
    /// Default: 7 days from now.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub expires_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedLink {
    #[serde(flatten)]
    pub link: LinkView,
    /// Give this to the guest (shown this once; only its hash is kept).
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkView {
    #[schema(value_type = String)]
    pub id: ShareLinkId,
    pub label: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    /// Neither revoked nor expired now.
    pub live: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkList {
    pub links: Vec<LinkView>,
}

pub(crate) fn view(l: ShareLinkInfo, now: Timestamp) -> LinkView {
    LinkView {
        live: l.is_live(now),
        id: l.id,
        label: l.label,
        created_at: l.created_at,
        expires_at: l.expires_at,
        revoked_at: l.revoked_at,
    }
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/share-links", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")), request_body = NewLinkBody,
    responses((status = 201, body = IssuedLink), (status = 404, description = "No such mistake of yours", body = ErrorBody),
        (status = 422, description = "An expiry in the past or more than 90 days ahead", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<NewLinkBody>,
) -> ApiResult<(StatusCode, Json<IssuedLink>)> {
    Ok((
        StatusCode::CREATED,
        Json(issue(&state, &user, &id, b).await?),
    ))
}

/// Issues a share link on mistake `id`; its token is in this answer only.
pub async fn issue(
    state: &AppState,
    user: &User,
    id: &str,
    b: NewLinkBody,
) -> ApiResult<IssuedLink> {
    let g = state
        .guard
        .open(user, id, Part::ShareLinks, Action::Create)
        .await?;
    let now = state.clock.now_for(user).timestamp();
    let expires_at = link_expiry(now, b.expires_at.map(ms))?;
    let label = link_label(b.label.as_deref())?;
    let issued = IssuedToken::generate(TokenKind::ShareLink).map_err(|_| ApiError::internal())?;
    let link = g
        .create_share_link(issued.hash.clone(), label, now, expires_at)
        .await?;
    Ok(IssuedLink {
        link: view(link, now),
        token: issued.token.clone(),
    })
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/share-links", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "Every link, newest first, without its token", body = LinkList),
        (status = 404, description = "No such mistake of yours", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<LinkList>> {
    Ok(Json(links_of(&state, &user, &id).await?))
}

/// Mistake `id`'s share links, newest first, without their tokens.
pub async fn links_of(state: &AppState, user: &User, id: &str) -> ApiResult<LinkList> {
    let g = state
        .guard
        .open(user, id, Part::ShareLinks, Action::Read)
        .await?;
    let now = state.clock.now_for(user).timestamp();
    Ok(LinkList {
        links: g
            .share_links()
            .await?
            .into_iter()
            .map(|l| view(l, now))
            .collect(),
    })
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}/share-links/{link}", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id"), ("link" = String, Path, description = "Share link id")),
    responses((status = 204, description = "Revoked: its guests are shut out on their next request"),
        (status = 404, description = "No such link on a mistake of yours", body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, link)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    revoke_link(&state, &user, &id, &link).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a link on mistake `id`: its guests are shut out on their next request.
pub async fn revoke_link(state: &AppState, user: &User, id: &str, link: &str) -> ApiResult<()> {
    let g = state
        .guard
        .open(user, id, Part::ShareLinks, Action::Change)
        .await?;
    let link = ShareLinkId::parse(link).map_err(|_| ApiError::not_found())?;
    g.revoke_share_link(&link, state.clock.now_for(user).timestamp())
        .await
}
