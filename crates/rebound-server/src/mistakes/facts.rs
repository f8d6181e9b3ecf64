//! PATCH /api/v1/mistakes/{id}: correct the facts, change the visibility.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::ms;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use rebound_domain::{Revision, Severity, User, Visibility};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    pub title: Option<String>,
    /// Empty string clears it.
    pub what: Option<String>,
    /// Empty string clears it.
    pub affected: Option<String>,
    pub severity: Option<Severity>,
    /// When it was noticed. Not in the future; the heads-up is redrafted
    /// and the clocks (time undetected, time to own) follow.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub detected_at: Option<Timestamp>,
    /// Not in the future, nor after it was detected.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub started_at: Option<Timestamp>,
    pub visibility: Option<Visibility>,
}

#[utoipa::path(patch, path = "/api/v1/mistakes/{id}", tag = "mistakes",
    params(("id" = String, Path, description = "Mistake id")), request_body = PatchBody,
    responses((status = 200, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<PatchBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = revise(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Corrects the facts; changing the visibility needs the sharing part.
pub async fn revise(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: PatchBody,
) -> ApiResult<MistakeView> {
    let part = if b.visibility.is_some() {
        Part::Sharing
    } else {
        Part::Record
    };
    change(
        state,
        user,
        id,
        (part, Action::Change),
        (Kind::Edit, expect),
        |m, now| {
            let revision = Revision {
                title: b.title.clone(),
                what: b.what.clone(),
                affected: b.affected.clone(),
                severity: b.severity,
                detected_at: b.detected_at.map(ms),
                started_at: b.started_at.map(ms),
                visibility: b.visibility,
            };
            if revision.is_empty() {
                return Ok(Vec::new());
            }
            Ok(m.revise(revision, now)?)
        },
    )
    .await
}
