//! Opening a plan for one of my reports and changing its frame: context
//! (pressure points, drivers), schedule and topics; `change` is the shape
//! of every plan write.

use super::now;
use super::read::{PlanData, PlanView, after_change};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::precondition::{Expect, IfMatch, Kind, Tagged, retrying};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::User;
use rebound_domain::access::RecoveryPart;
use rebound_domain::id::RecoveryPlanId;
use rebound_domain::recovery::{Driver, NewPlan, PressurePoint, RecoveryPlan, Schedule};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    /// One of your own reports.
    pub report: String,
    /// One of their mistakes you can see, if the plan follows one.
    #[serde(default)]
    pub mistake: Option<String>,
    #[serde(default)]
    pub pressure_points: Vec<PressurePoint>,
    /// The drivers believed to dominate.
    #[serde(default)]
    pub drivers: Vec<Driver>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Defaults to weekly, 30 minutes, 8 times, starting in a week.
    #[serde(default)]
    pub schedule: Option<Schedule>,
}

pub(crate) async fn create_plan(
    state: &AppState,
    user: &User,
    b: CreatePlan,
) -> ApiResult<PlanData> {
    let report = state.guard.my_report(user, &b.report).await?;
    let mistake = match b.mistake.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(state.guard.report_mistake(user, &report, id).await?.id),
    };
    let plan = RecoveryPlan::open(
        NewPlan {
            report: report.id.clone(),
            opened_by: user.id.clone(),
            mistake,
            pressure_points: b.pressure_points,
            drivers: b.drivers,
            schedule: b.schedule.map(|mut s| {
                s.first_at = crate::clock::ms(s.first_at);
                s
            }),
            topics: b.topics,
        },
        RecoveryPlanId::from_random(crate::random::bytes5()?),
        now(state),
    )?;
    state.guard.create_plan(user, &plan).await?;
    after_change(state, user, plan).await
}

#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = CreatePlan,
    responses((status = 201, body = PlanView),
        (status = 404, description = "Not one of your reports", body = ErrorBody),
        (status = 409, description = "A plan about this report is already open (`plan_open`, naming it): carry on with it, or end it first", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<CreatePlan>,
) -> ApiResult<(StatusCode, Tagged<PlanView>)> {
    let d = create_plan(&state, &user, b).await?;
    Ok((StatusCode::CREATED, tagged(d)))
}

/// Changes the plan through `f` and answers the manager's view of it. The
/// save applies only to a version `expect` accepts (else 412); an addition
/// that lost a race is read and applied again, so `f` may run more than once.
pub(crate) async fn change(
    state: &AppState,
    user: &User,
    id: &str,
    part: RecoveryPart,
    (kind, expect): (Kind, &Expect),
    f: impl Fn(&mut RecoveryPlan) -> Result<(), ApiError>,
) -> ApiResult<PlanData> {
    let f = &f;
    let (plan, ()) = retrying(kind, expect, move || {
        state.guard.change_plan(user, id, part, move |p| {
            // Bad input is said first, whatever the version (then 412).
            f(p)?;
            expect.check(p.version, "plan")
        })
    })
    .await?;
    after_change(state, user, plan).await
}

/// The answer to a change of a plan: its view, tagged with its version.
pub(crate) fn tagged(d: PlanData) -> Tagged<PlanView> {
    Tagged(d.plan.version, d.into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextBody {
    pub pressure_points: Vec<PressurePoint>,
    pub drivers: Vec<Driver>,
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/context", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = ContextBody,
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_context(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<ContextBody>,
) -> ApiResult<Tagged<PlanView>> {
    let how = (Kind::Edit, &expect);
    let d = change(&state, &user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.set_context(b.pressure_points.clone(), b.drivers.clone())?)
    })
    .await?;
    Ok(tagged(d))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/schedule", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = Schedule,
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_schedule(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(mut b): Json<Schedule>,
) -> ApiResult<Tagged<PlanView>> {
    b.first_at = crate::clock::ms(b.first_at);
    let how = (Kind::Edit, &expect);
    let d = change(&state, &user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.set_schedule(b, now(&state))?)
    })
    .await?;
    Ok(tagged(d))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicsBody {
    pub topics: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/topics", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = TopicsBody,
    responses((status = 200, description = "Added to the next check-in's topics", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_topics(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<TopicsBody>,
) -> ApiResult<Tagged<PlanView>> {
    let how = (Kind::Addition, &expect);
    let d = change(&state, &user, &id, RecoveryPart::Plan, how, |p| {
        Ok(p.add_topics(&b.topics)?)
    })
    .await?;
    Ok(tagged(d))
}

/// The people `user` manages now: whom they may open a plan about.
pub(crate) async fn reports_for(state: &AppState, user: &User) -> ApiResult<Vec<User>> {
    Ok(state.guard.accounts().reports_of(&user.id).await?)
}
