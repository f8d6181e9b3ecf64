//! POST /api/v1/mistakes

use crate::auth::CurrentUser;
use crate::clock::ms;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::export::{MistakeView, view};
use rebound_domain::heads_up::{self, Missing};
use rebound_domain::{Mistake, MistakeId, NewMistake, Severity, User, Visibility};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMistakeBody {
    /// What went wrong, in a few words.
    pub title: String,
    pub what: Option<String>,
    pub affected: Option<String>,
    pub severity: Option<Severity>,
    /// Default: now. Not in the future.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub detected_at: Option<Timestamp>,
    /// Not in the future, nor after it was detected.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub started_at: Option<Timestamp>,
    /// What you are doing about it (the heads-up's second sentence).
    pub doing: Option<String>,
    /// Default: private.
    pub visibility: Option<Visibility>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    #[serde(flatten)]
    pub mistake: MistakeView,
    /// What the heads-up draft could not say, to ask the person for.
    pub heads_up_missing: Vec<Missing>,
}

#[utoipa::path(post, path = "/api/v1/mistakes", tag = "mistakes",
    request_body = NewMistakeBody,
    responses(
        (status = 201, description = "Recorded; the heads-up is drafted", body = Created),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewMistakeBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    Ok((StatusCode::CREATED, Json(record(&state, &user, b).await?)))
}

/// Records a new mistake owned by `user` and drafts its heads-up.
pub async fn record(state: &AppState, user: &User, b: NewMistakeBody) -> ApiResult<Created> {
    let now = state.clock.now_for(user);
    if let Some(at) = b.detected_at.or(b.started_at)
        && at > now.timestamp() + jiff::SignedDuration::from_secs(60)
    {
        return Err(crate::error::ApiError::unprocessable(
            "detected_at and started_at cannot be in the future",
        ));
    }
    let input = NewMistake {
        owner: Some(user.id.clone()),
        visibility: b.visibility,
        title: b.title,
        what: b.what,
        affected: b.affected,
        severity: b.severity,
        started_at: b.started_at.map(ms),
        detected_at: b.detected_at.map(ms),
        doing: b.doing,
    };
    let m = Mistake::new(
        input,
        MistakeId::from_random(crate::random::bytes5()?),
        &now,
    )?;
    state.guard.create(user, &m).await?;
    let missing = heads_up::draft(&m, &now).missing;
    Ok(Created {
        mistake: view(&m, &now),
        heads_up_missing: missing,
    })
}
