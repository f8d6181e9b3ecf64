//! The heads-up: edit or redraft it, mark it sent.

use super::change;
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
