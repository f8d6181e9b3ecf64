//! Ending a plan: the report's current manager ends it, saying why if they
//! want to; in the same save the manager and the report are each sent a
//! cancellation of the one-on-ones (`guard::change_plan` → `invites`). An
//! ended plan takes no more changes (409 with the date it ended).

use super::now;
use super::plan::{change, tagged};
use super::read::{PlanData, PlanView};

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::User;
use rebound_domain::access::RecoveryPart;
use rebound_domain::recovery::EndReason;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndBody {
    /// Why it ends, if you want to say (seen by both of you).
    #[serde(default)]
    pub reason: Option<EndReason>,
}

/// Ends plan `id`. It does not depend on what was read, so a save that
/// lost a race is applied again to the plan as it is then.
pub(crate) async fn end_plan(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    reason: Option<EndReason>,
) -> ApiResult<PlanData> {
    let how = (Kind::Addition, expect);
    change(state, user, id, RecoveryPart::Plan, how, |p| {
        Ok(p.end(reason, user.id.clone(), now(state))?)
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/end", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = EndBody,
    responses((status = 200, description = "Ended: no next check-in; the manager and the report are sent a cancellation of the one-on-ones", body = PlanView),
        (status = 404, body = ErrorBody)))]
pub async fn end(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<EndBody>,
) -> ApiResult<Tagged<PlanView>> {
    Ok(tagged(
        end_plan(&state, &user, &id, &expect, b.reason).await?,
    ))
}
