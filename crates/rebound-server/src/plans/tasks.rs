//! The plan's work: adopting a suggested move as a task, completing a
//! task, the debrief and the development plan.

use super::now;
use super::plan::{change, tagged};
use super::read::{PlanData, PlanView};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::access::RecoveryPart;
use rebound_domain::id::RecoveryTaskId;
use rebound_domain::recovery::{DebriefNote, Move, PracticeTask};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptBody {
    #[serde(rename = "move")]
    pub to: Move,
    /// Defaults to the move's usual number of days from now.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    #[schema(value_type = Option<String>)]
    pub due: Option<Timestamp>,
}

pub(crate) async fn adopt_move(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    (to, due): (Move, Option<Timestamp>),
) -> ApiResult<PlanData> {
    let task = RecoveryTaskId::from_random(crate::random::bytes5()?);
    change(
        state,
        user,
        id,
        RecoveryPart::Plan,
        (Kind::Addition, expect),
        |p| {
            p.adopt(to, due.map(crate::clock::ms), task.clone(), now(state))?;
            Ok(())
        },
    )
    .await
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/tasks", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = AdoptBody,
    responses((status = 201, description = "Adopted: a task with a due date", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn adopt(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<AdoptBody>,
) -> ApiResult<(StatusCode, Tagged<PlanView>)> {
    let d = adopt_move(&state, &user, &id, &expect, (b.to, b.due)).await?;
    Ok((StatusCode::CREATED, tagged(d)))
}

pub(crate) async fn complete_task(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    task: &str,
) -> ApiResult<PlanData> {
    let task = RecoveryTaskId::parse(task).map_err(|_| ApiError::not_found())?;
    change(
        state,
        user,
        id,
        RecoveryPart::Plan,
        (Kind::Edit, expect),
        |p| {
            if !p.tasks.iter().any(|t| t.id == task) {
                return Err(ApiError::not_found());
            }
            Ok(p.complete_task(&task, now(state))?)
        },
    )
    .await
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/tasks/{task}/complete", tag = "plans",
    params(("id" = String, Path, description = "Plan id"), ("task" = String, Path, description = "Task id")),
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody),
        (status = 422, description = "Already done, or a task that completes by itself", body = ErrorBody)))]
pub async fn complete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, task)): Path<(String, String)>,
    IfMatch(expect): IfMatch,
) -> ApiResult<Tagged<PlanView>> {
    Ok(tagged(
        complete_task(&state, &user, &id, &expect, &task).await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/debrief", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = DebriefNote,
    responses((status = 200, description = "Written; the debrief task completes", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn debrief(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<DebriefNote>,
) -> ApiResult<Tagged<PlanView>> {
    let how = (Kind::Edit, &expect);
    let d = change(&state, &user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.write_debrief(b.clone(), now(&state))?)
    })
    .await?;
    Ok(tagged(d))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentBody {
    pub tasks: Vec<PracticeTask>,
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/development", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = DevelopmentBody,
    responses((status = 200, description = "Written; the development-plan task completes", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn development(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<DevelopmentBody>,
) -> ApiResult<Tagged<PlanView>> {
    let how = (Kind::Edit, &expect);
    let d = change(&state, &user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.set_development(b.tasks.clone(), now(&state))?)
    })
    .await?;
    Ok(tagged(d))
}
