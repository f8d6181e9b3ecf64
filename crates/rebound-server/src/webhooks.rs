//! Chat webhooks people register: their own (`/api/v1/me/webhook`, messages
//! to themselves) and their team's channel (`/api/v1/teams/{id}/webhook`).
//! A team's is read and changed by its members and by admins; for anyone
//! else the team's webhook does not exist (404), like any record they may
//! not see. The URL is checked against the webhook guard
//! (`WebhookUrl::check`, with the operator's `webhook_allow_private`) when
//! it is set, and the address again when a message is sent. It is a secret
//! (Slack's is its path): no answer carries more than scheme://host/….
//! Setting one turns nothing on: people choose kinds by chat in
//! preferences (chat is off by default). Every set and removal is an audit
//! event (who, set or remove, whose: the person's account or the team),
//! stored with the change; never the URL.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_deliver::webhook::WebhookUrl;
use rebound_domain::audit::{ReachChange, Whose};
use rebound_domain::{Role, Team, TeamId, User};
use rebound_store::{ChatFormat, NewWebhook, Webhook, WebhookOwner};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A label longer than this is refused.
const MAX_LABEL_CHARS: usize = 80;
/// Chat services' webhook URLs are far shorter; a longer one is refused.
const MAX_URL_CHARS: usize = 2048;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_mine, put_mine, delete_mine))
        .routes(routes!(show_team, put_team, delete_team))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookBody {
    /// The incoming-webhook URL the chat service gave you (https).
    #[schema(max_length = 2048)]
    pub url: String,
    /// `slack` or `mattermost`.
    #[schema(max_length = 10)]
    pub format: String,
    /// Your name for it ("#payments-oncall").
    #[schema(max_length = 80)]
    pub label: Option<String>,
}

/// A webhook as people see it: never the whole URL.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookView {
    /// `slack` or `mattermost`.
    pub format: String,
    /// Only scheme and host ("https://hooks.slack.com/…"): the rest is secret.
    pub url: String,
    pub label: String,
    /// The team it posts to, if it is a team's.
    pub team: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// What `GET …/webhook` answers: the webhook, or `null` when none is set.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookSlot {
    pub webhook: Option<WebhookView>,
}

impl WebhookView {
    fn of(w: &Webhook) -> WebhookView {
        WebhookView {
            format: w.format.as_str().to_owned(),
            url: redacted(&w.url),
            label: w.label.clone(),
            team: match &w.owner {
                WebhookOwner::Team(t) => Some(t.as_str().to_owned()),
                WebhookOwner::User(_) => None,
            },
            created_at: w.created_at,
        }
    }
}

/// Scheme, host and port of a stored URL; nothing of its path or query.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => {
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}://{}{port}/…", u.scheme(), u.host_str().unwrap_or(""))
        }
        Err(_) => "(hidden)".to_owned(),
    }
}

// ---- the person's own -------------------------------------------------

#[utoipa::path(get, path = "/api/v1/me/webhook", tag = "accounts",
    responses((status = 200, description = "Your chat webhook, redacted, or null", body = WebhookSlot),
        (status = 401, body = ErrorBody)))]
pub async fn show_mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<WebhookSlot>> {
    Ok(Json(WebhookSlot {
        webhook: mine(&state, &user).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/me/webhook", tag = "accounts", request_body = WebhookBody,
    responses((status = 200, description = "Set (or replaced); chat messages still need turning on in preferences", body = WebhookView),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<WebhookBody>,
) -> ApiResult<Json<WebhookView>> {
    Ok(Json(set_mine(&state, &user, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/me/webhook", tag = "accounts",
    responses((status = 204, description = "Removed"), (status = 401, body = ErrorBody),
        (status = 404, description = "You had none", body = ErrorBody)))]
pub async fn delete_mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<StatusCode> {
    remove_mine(&state, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `user`'s own webhook, redacted.
pub async fn mine(state: &AppState, user: &User) -> ApiResult<Option<WebhookView>> {
    read(state, &WebhookOwner::User(user.id.clone())).await
}

/// Sets (or replaces) `user`'s own webhook.
pub async fn set_mine(state: &AppState, user: &User, b: WebhookBody) -> ApiResult<WebhookView> {
    write(state, user, WebhookOwner::User(user.id.clone()), b).await
}

/// Removes `user`'s own webhook; 404 when there was none.
pub async fn remove_mine(state: &AppState, user: &User) -> ApiResult<()> {
    remove(state, user, &WebhookOwner::User(user.id.clone())).await
}

// ---- a team's channel ---------------------------------------------------

#[utoipa::path(get, path = "/api/v1/teams/{id}/webhook", tag = "people",
    params(("id" = String, Path, description = "Team id")),
    responses((status = 200, description = "The team's chat webhook, redacted, or null", body = WebhookSlot),
        (status = 404, description = "No such team among yours", body = ErrorBody)))]
pub async fn show_team(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<WebhookSlot>> {
    Ok(Json(WebhookSlot {
        webhook: team_hook(&state, &user, &id).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/teams/{id}/webhook", tag = "people",
    params(("id" = String, Path, description = "Team id")), request_body = WebhookBody,
    responses((status = 200, description = "Set (or replaced)", body = WebhookView),
        (status = 404, description = "No such team among yours", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn put_team(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<WebhookBody>,
) -> ApiResult<Json<WebhookView>> {
    Ok(Json(set_team(&state, &user, &id, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/teams/{id}/webhook", tag = "people",
    params(("id" = String, Path, description = "Team id")),
    responses((status = 204, description = "Removed"),
        (status = 404, description = "No such team among yours, or it had none", body = ErrorBody)))]
pub async fn delete_team(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    remove_team(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Team `id`'s webhook, redacted, for a member or an admin.
pub async fn team_hook(state: &AppState, user: &User, id: &str) -> ApiResult<Option<WebhookView>> {
    read(state, &team_owner(state, user, id).await?).await
}

/// Sets (or replaces) team `id`'s webhook, as a member or an admin.
pub async fn set_team(
    state: &AppState,
    user: &User,
    id: &str,
    b: WebhookBody,
) -> ApiResult<WebhookView> {
    write(state, user, team_owner(state, user, id).await?, b).await
}

/// Removes team `id`'s webhook, as a member or an admin.
pub async fn remove_team(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    remove(state, user, &team_owner(state, user, id).await?).await
}

/// The teams `user` is in, each with its webhook, redacted (the settings
/// page lists them; an admin reaches any other team's through the API).
pub async fn my_teams_hooks(
    state: &AppState,
    user: &User,
) -> ApiResult<Vec<(Team, Option<WebhookView>)>> {
    let mut out = Vec::new();
    for team in state.guard.accounts().teams_of(&user.id).await? {
        let hook = read(state, &WebhookOwner::Team(team.id.clone())).await?;
        out.push((team, hook));
    }
    Ok(out)
}

/// The team, if `user` may manage its webhook: its members and admins.
/// Anyone else is told it does not exist.
async fn team_owner(state: &AppState, user: &User, id: &str) -> ApiResult<WebhookOwner> {
    let team = TeamId::parse(id).map_err(|_| no_such_team())?;
    let accounts = state.guard.accounts();
    let allowed = if user.role == Role::Admin {
        match accounts.team(&team).await {
            Ok(_) => true,
            Err(rebound_store::StoreError::TeamNotFound(_)) => false,
            Err(e) => return Err(e.into()),
        }
    } else {
        accounts
            .teams_of(&user.id)
            .await?
            .iter()
            .any(|t| t.id == team)
    };
    if allowed {
        Ok(WebhookOwner::Team(team))
    } else {
        Err(no_such_team())
    }
}

/// The same words whether the team is missing or not the asker's.
fn no_such_team() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "there is no such team among yours",
    )
}

// ---- shared -------------------------------------------------------------

async fn read(state: &AppState, owner: &WebhookOwner) -> ApiResult<Option<WebhookView>> {
    let hook = state.guard.webhooks().webhook(owner).await?;
    Ok(hook.as_ref().map(WebhookView::of))
}

async fn write(
    state: &AppState,
    user: &User,
    owner: WebhookOwner,
    b: WebhookBody,
) -> ApiResult<WebhookView> {
    let format = ChatFormat::parse(b.format.trim())
        .ok_or_else(|| ApiError::unprocessable("format: choose slack or mattermost"))?;
    let label = b.label.unwrap_or_default().trim().to_owned();
    rebound_domain::text::line("label", &label)?;
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(ApiError::unprocessable(format!(
            "label: at most {MAX_LABEL_CHARS} characters"
        )));
    }
    if b.url.chars().count() > MAX_URL_CHARS {
        return Err(ApiError::unprocessable(format!(
            "url: at most {MAX_URL_CHARS} characters"
        )));
    }
    let allow = &state.settings.delivery.webhook_allow;
    let url = WebhookUrl::check(b.url.trim(), allow)
        .await
        .map_err(|e| ApiError::unprocessable(format!("url: {e}")))?;
    let hook = NewWebhook {
        id: fresh_id()?,
        owner,
        format,
        url: url.as_secret_str().to_owned(),
        label,
        created: state.clock.now(),
    };
    let sink = state.guard.audit_sink();
    let event = sink.reach_event(&user.id, whose(&hook.owner), ReachChange::WebhookSet);
    let set = state.guard.webhooks().set_webhook(&hook);
    let stored = sink.carrying(vec![event], set).await?;
    Ok(WebhookView::of(&stored))
}

async fn remove(state: &AppState, user: &User, owner: &WebhookOwner) -> ApiResult<()> {
    let sink = state.guard.audit_sink();
    let event = sink.reach_event(&user.id, whose(owner), ReachChange::WebhookRemoved);
    let removal = state.guard.webhooks().remove_webhook(owner);
    if sink.carrying(vec![event], removal).await? {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "there is no chat webhook to remove",
        ))
    }
}

/// Whose webhook, as the audit log names it (the person's account or the team).
fn whose(owner: &WebhookOwner) -> Whose<'_> {
    match owner {
        WebhookOwner::User(u) => Whose::Person(u),
        WebhookOwner::Team(t) => Whose::Team(t),
    }
}

/// "wh_" and 16 random hex digits: an id that says nothing about its URL.
fn fresh_id() -> ApiResult<String> {
    let mut out = String::from("wh_");
    for b in crate::random::bytes5()?
        .into_iter()
        .chain(crate::random::bytes5()?.into_iter().take(3))
    {
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}
