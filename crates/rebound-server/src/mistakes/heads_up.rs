//! The heads-up: edit or redraft it, mark it sent, or send it from
//! Rebound (which marks it sent at that moment).

use super::{change, change_sending};
use crate::auth::CurrentUser;
use crate::clock::past_or_now;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadsUpBody {
    /// Replace the text (it is then never redrafted).
    pub text: Option<String>,
    /// Redraft from the facts with what you are doing about it.
    pub doing: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/heads-up", tag = "heads-up",
    params(("id" = String, Path, description = "Mistake id")), request_body = HeadsUpBody,
    responses((status = 200, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<HeadsUpBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = edit_heads_up(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Replaces the heads-up's text, or redrafts it from what `user` is doing.
pub async fn edit_heads_up(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: HeadsUpBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        match (&b.text, &b.doing) {
            (Some(_), Some(_)) => {
                return Err(ApiError::unprocessable("give text or doing, not both"));
            }
            (Some(text), None) => m.edit_heads_up(text)?,
            (None, Some(doing)) => {
                m.heads_up.edited = false;
                m.set_doing(doing, now)?;
            }
            (None, None) => return Err(ApiError::unprocessable("give text or doing")),
        }
        Ok(Vec::new())
    })
    .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SentBody {
    /// Default: now.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub at: Option<Timestamp>,
    /// Who it was sent to.
    pub to: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/heads-up/sent", tag = "heads-up",
    params(("id" = String, Path, description = "Mistake id")), request_body = SentBody,
    responses((status = 200, description = "Marked sent; a detected mistake becomes owned", body = MistakeView),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn sent(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<SentBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = mark_sent(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Marks the heads-up sent; a detected mistake becomes owned.
pub async fn mark_sent(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: SentBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        let at = past_or_now(b.at, now, "the sent time")?;
        Ok(m.mark_sent(at, b.to.clone(), now)?)
    })
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    /// Email addresses, or `@team` for a team channel you are in, to send
    /// the two sentences to, now.
    pub to: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/heads-up/send", tag = "heads-up",
    params(("id" = String, Path, description = "Mistake id")), request_body = SendBody,
    responses((status = 200, description = "Queued to each address in the same transaction that marks it sent now; a detected mistake becomes owned", body = MistakeView),
        (status = 404, body = ErrorBody), (status = 409, description = "Already sent", body = ErrorBody),
        (status = 422, description = "No address, one that is not an email address, or email is not set up on this server", body = ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<SendBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = send_heads_up(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Sends the heads-up by email to `b.to` and marks it sent now, in one
/// transaction: it is marked sent exactly when its messages are queued.
pub async fn send_heads_up(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: SendBody,
) -> ApiResult<MistakeView> {
    let to = crate::delivery::recipients(&state.settings.delivery, &b.to)?;
    let channels = crate::delivery::team_channels(state, user, &to.teams).await?;
    let how = (Part::Record, Action::Change);
    change_sending(state, user, id, how, (Kind::Edit, expect), |m, now| {
        let changes = m.mark_sent(now.timestamp(), Some(to.sent_to()), now)?;
        let whom = (to.emails.as_slice(), channels.as_slice());
        let messages = crate::delivery::heads_up(&state.settings.delivery, user, m, whom, now);
        Ok((changes, messages))
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/messages", tag = "heads-up",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "What you sent about this mistake from Rebound, newest first, and how each went", body = [crate::delivery::SentView]),
        (status = 404, body = ErrorBody)))]
pub async fn messages(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<crate::delivery::SentView>>> {
    Ok(Json(sent_about(&state, &user, &id).await?))
}

/// What `user` sent about mistake `id` (they must be able to read it).
pub async fn sent_about(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Vec<crate::delivery::SentView>> {
    let sent = state.guard.messages_about(user, id).await?;
    Ok(sent
        .into_iter()
        .map(crate::delivery::SentView::from)
        .collect())
}
