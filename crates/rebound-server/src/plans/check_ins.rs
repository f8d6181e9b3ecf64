//! Recording a check-in: the ten signs, topics covered and carried over,
//! the flags, and an optional private note.

use super::now;
use super::read::{PlanData, PlanView, after_change};

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::precondition::{Expect, IfMatch, Kind, Tagged, retrying};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::User;
use rebound_domain::access::{Action, RecoveryPart};
use rebound_domain::id::{CheckInId, RecoveryPlanId};
use rebound_domain::recovery::{NewCheckIn, PrivateNote, SignScore};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInBody {
    /// All ten signs, each 0–3 with an optional note.
    pub signs: Vec<SignScore>,
    /// Open topics talked about; the rest carry over.
    #[serde(default)]
    pub covered: Vec<String>,
    /// Topics for next time.
    #[serde(default)]
    pub new_topics: Vec<String>,
    /// Severe distress, hopelessness, persistent anxiety or being overwhelmed.
    #[serde(default)]
    pub distress: bool,
    /// An effect on safety-sensitive work or the team's outcomes.
    #[serde(default)]
    pub safety_impact: bool,
    /// Kept apart, for you alone.
    #[serde(default)]
    pub private_note: Option<String>,
    /// When the one-on-one was, if not now (RFC 3339): after the plan
    /// opened and the check-in before, and not in the future.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub at: Option<jiff::Timestamp>,
}

pub(crate) async fn record_check_in(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: CheckInBody,
) -> ApiResult<PlanData> {
    let check_in_id = CheckInId::from_random(crate::random::bytes5()?);
    let note = b.private_note.filter(|n| !n.trim().is_empty());
    if let Some(n) = &note {
        // Checked before anything is written.
        PrivateNote::new(
            rebound_domain::id::PrivateNoteId::from_random([0; 5]),
            RecoveryPlanId::from_random([0; 5]),
            user.id.clone(),
            now(state),
            n,
        )?;
    }
    let (plan, ()) = retrying(Kind::Addition, expect, || {
        state.guard.change_plan(user, id, RecoveryPart::Plan, |p| {
            p.record_check_in(
                NewCheckIn {
                    signs: b.signs.clone(),
                    covered: b.covered.clone(),
                    new_topics: b.new_topics.clone(),
                    distress: b.distress,
                    safety_impact: b.safety_impact,
                    at: b.at.map(crate::clock::ms),
                },
                check_in_id.clone(),
                user.id.clone(),
                now(state),
            )?;
            // After the input's own checks, so bad input is said first.
            expect.check(p.version, "plan")
        })
    })
    .await?;
    if let Some(n) = note {
        let g = state
            .guard
            .open_plan(user, id, RecoveryPart::PrivateNotes, Action::Create)
            .await?;
        state.guard.add_private_note(&g, &n).await?;
    }
    after_change(state, user, plan).await
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/check-ins", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = CheckInBody,
    responses((status = 201, body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn check_in(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<CheckInBody>,
) -> ApiResult<(StatusCode, Tagged<PlanView>)> {
    let d = record_check_in(&state, &user, &id, &expect, b).await?;
    Ok((StatusCode::CREATED, super::plan::tagged(d)))
}
