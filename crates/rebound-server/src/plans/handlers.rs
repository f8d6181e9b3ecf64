//! The handlers and the functions behind them.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::access::{Action, PlanRelation, RecoveryPart};
use rebound_domain::id::{CheckInId, RecoveryPlanId, RecoveryTaskId};
use rebound_domain::recovery::{
    DebriefNote, Driver, Escalation, Move, NewCheckIn, NewPlan, PracticeTask, PressurePoint,
    PrivateNote, RecoveryPlan, Schedule, SignScore, Suggestion, Trend, ics,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The host part of calendar UIDs.
const UID_DOMAIN: &str = "rebound";

fn now() -> Timestamp {
    crate::clock::ms(Timestamp::now())
}

/// A plan as one person sees it. The report never gets the escalation nor
/// the distress and safety flags behind it (they are left out, not false).
#[derive(Debug, Clone)]
pub struct PlanData {
    pub plan: RecoveryPlan,
    pub role: PlanRelation,
    pub report: User,
    pub trend: Trend,
    pub totals: Vec<u32>,
    pub suggestions: Vec<Suggestion>,
    pub next_check_in: Option<Timestamp>,
    pub escalation: Option<Escalation>,
}

impl PlanData {
    pub fn is_manager(&self) -> bool {
        self.role == PlanRelation::CurrentManager
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendView {
    pub trend: Trend,
    pub description: &'static str,
    /// Each check-in's total of the ten signs (0–30), oldest first.
    pub totals: Vec<u32>,
}

/// `GET /plans/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanView {
    /// The plan; for the report, check-ins carry no `distress` or
    /// `safety_impact`.
    #[schema(value_type = RecoveryPlan)]
    pub plan: serde_json::Value,
    /// `manager` or `report`.
    pub role: &'static str,
    pub report_name: String,
    pub trend: TrendView,
    pub suggestions: Vec<Suggestion>,
    #[schema(value_type = Option<String>)]
    pub next_check_in: Option<Timestamp>,
    /// Only for the manager, and only when a criterion holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
}

fn role_name(r: PlanRelation) -> &'static str {
    match r {
        PlanRelation::CurrentManager => "manager",
        _ => "report",
    }
}

impl From<PlanData> for PlanView {
    fn from(d: PlanData) -> Self {
        let mut plan = serde_json::to_value(&d.plan).expect("a plan serializes");
        if !d.is_manager()
            && let Some(cs) = plan.get_mut("check_ins").and_then(|c| c.as_array_mut())
        {
            for c in cs {
                if let Some(o) = c.as_object_mut() {
                    o.remove("distress");
                    o.remove("safety_impact");
                }
            }
        }
        PlanView {
            plan,
            role: role_name(d.role),
            report_name: d.report.display_name.to_string(),
            trend: TrendView {
                trend: d.trend,
                description: d.trend.describe(),
                totals: d.totals,
            },
            suggestions: d.suggestions,
            next_check_in: d.next_check_in,
            escalation: d.escalation,
        }
    }
}

async fn data(
    state: &AppState,
    user: &User,
    plan: RecoveryPlan,
    role: PlanRelation,
) -> ApiResult<PlanData> {
    let report = state.guard.person(&plan.report).await?;
    let manager = role == PlanRelation::CurrentManager;
    let mut plan = plan;
    let escalation = if manager { plan.escalation() } else { None };
    if !manager {
        for c in &mut plan.check_ins {
            c.distress = false;
            c.safety_impact = false;
        }
    }
    let _ = user;
    Ok(PlanData {
        trend: plan.trend(),
        totals: plan.check_ins.iter().map(|c| c.total()).collect(),
        suggestions: plan.suggestions(),
        next_check_in: plan.next_check_in(now()),
        escalation,
        report,
        role,
        plan,
    })
}

/// Plan `id` as `user` sees it (an audited read).
pub(crate) async fn plan_data(state: &AppState, user: &User, id: &str) -> ApiResult<PlanData> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Plan, Action::Read)
        .await?;
    let escalation_too = g.allows(RecoveryPart::Escalation, Action::Read);
    let role = g.relation();
    let d = data(state, user, g.plan().clone(), role).await?;
    if escalation_too {
        // The escalation is a part of its own: its read is audited apart.
        state
            .guard
            .open_plan(user, id, RecoveryPart::Escalation, Action::Read)
            .await?;
    }
    Ok(d)
}

async fn after_change(state: &AppState, user: &User, plan: RecoveryPlan) -> ApiResult<PlanData> {
    data(state, user, plan, PlanRelation::CurrentManager).await
}

/// One line of `GET /plans`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanSummary {
    #[schema(value_type = String)]
    pub id: RecoveryPlanId,
    #[schema(value_type = String)]
    pub report: rebound_domain::UserId,
    pub report_name: String,
    #[schema(value_type = String)]
    pub opened_at: Timestamp,
    pub check_ins: usize,
    pub trend: Trend,
    pub open_tasks: usize,
    /// For the manager's list only: whether the escalation suggestion shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanList {
    /// Plans about the people you manage now.
    pub managing: Vec<PlanSummary>,
    /// Plans about you.
    pub about_me: Vec<PlanSummary>,
}

fn summary(p: &RecoveryPlan, report_name: String, manager: bool) -> PlanSummary {
    PlanSummary {
        id: p.id.clone(),
        report: p.report.clone(),
        report_name,
        opened_at: p.opened_at,
        check_ins: p.check_ins.len(),
        trend: p.trend(),
        open_tasks: p.tasks.iter().filter(|t| !t.is_done()).count(),
        escalation: manager.then(|| p.escalation().is_some()),
    }
}

pub(crate) async fn list_for(state: &AppState, user: &User) -> ApiResult<PlanList> {
    let (managing, about_me) = state.guard.plans_for(user).await?;
    Ok(PlanList {
        managing: managing
            .iter()
            .map(|(r, p)| summary(p, r.display_name.to_string(), true))
            .collect(),
        about_me: about_me
            .iter()
            .map(|p| summary(p, user.display_name.to_string(), false))
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "plans",
    responses((status = 200, description = "Plans you manage and plans about you", body = PlanList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<PlanList>> {
    Ok(Json(list_for(&state, &user).await?))
}

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
        now(),
    )?;
    state.guard.create_plan(user, &plan).await?;
    after_change(state, user, plan).await
}

#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = CreatePlan,
    responses((status = 201, body = PlanView),
        (status = 404, description = "Not one of your reports", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<CreatePlan>,
) -> ApiResult<(StatusCode, Json<PlanView>)> {
    let d = create_plan(&state, &user, b).await?;
    Ok((StatusCode::CREATED, Json(d.into())))
}

#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<PlanView>> {
    Ok(Json(plan_data(&state, &user, &id).await?.into()))
}

/// Changes the plan through `f` and answers the manager's view of it.
pub(crate) async fn change(
    state: &AppState,
    user: &User,
    id: &str,
    part: RecoveryPart,
    f: impl FnOnce(&mut RecoveryPlan) -> Result<(), ApiError>,
) -> ApiResult<PlanData> {
    let (plan, ()) = state.guard.change_plan(user, id, part, f).await?;
    after_change(state, user, plan).await
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
    Json(b): Json<ContextBody>,
) -> ApiResult<Json<PlanView>> {
    let d = change(&state, &user, &id, RecoveryPart::Plan, |p| {
        Ok(p.set_context(b.pressure_points, b.drivers)?)
    })
    .await?;
    Ok(Json(d.into()))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/schedule", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = Schedule,
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_schedule(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(mut b): Json<Schedule>,
) -> ApiResult<Json<PlanView>> {
    b.first_at = crate::clock::ms(b.first_at);
    let d = change(&state, &user, &id, RecoveryPart::Plan, |p| {
        Ok(p.set_schedule(b)?)
    })
    .await?;
    Ok(Json(d.into()))
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
    Json(b): Json<TopicsBody>,
) -> ApiResult<Json<PlanView>> {
    let d = change(&state, &user, &id, RecoveryPart::Plan, |p| {
        Ok(p.add_topics(&b.topics)?)
    })
    .await?;
    Ok(Json(d.into()))
}

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
}

pub(crate) async fn record_check_in(
    state: &AppState,
    user: &User,
    id: &str,
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
            now(),
            n,
        )?;
    }
    let by = user.id.clone();
    let (plan, ()) = state
        .guard
        .change_plan(user, id, RecoveryPart::Plan, |p| {
            p.record_check_in(
                NewCheckIn {
                    signs: b.signs,
                    covered: b.covered,
                    new_topics: b.new_topics,
                    distress: b.distress,
                    safety_impact: b.safety_impact,
                },
                check_in_id,
                by,
                now(),
            )?;
            Ok(())
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
    Json(b): Json<CheckInBody>,
) -> ApiResult<(StatusCode, Json<PlanView>)> {
    let d = record_check_in(&state, &user, &id, b).await?;
    Ok((StatusCode::CREATED, Json(d.into())))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MovesView {
    /// Ranked, with the reasons for each, strongest first.
    pub suggestions: Vec<Suggestion>,
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/moves", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, body = MovesView), (status = 404, body = ErrorBody)))]
pub async fn moves(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<MovesView>> {
    let g = state
        .guard
        .open_plan(&user, &id, RecoveryPart::Plan, Action::Read)
        .await?;
    Ok(Json(MovesView {
        suggestions: g.plan().suggestions(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptBody {
    #[serde(rename = "move")]
    pub to: Move,
    /// Defaults to the move's usual number of days from now.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub due: Option<Timestamp>,
}

pub(crate) async fn adopt_move(
    state: &AppState,
    user: &User,
    id: &str,
    to: Move,
    due: Option<Timestamp>,
) -> ApiResult<PlanData> {
    let task = RecoveryTaskId::from_random(crate::random::bytes5()?);
    change(state, user, id, RecoveryPart::Plan, |p| {
        p.adopt(to, due.map(crate::clock::ms), task, now())?;
        Ok(())
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/tasks", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = AdoptBody,
    responses((status = 201, description = "Adopted: a task with a due date", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn adopt(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<AdoptBody>,
) -> ApiResult<(StatusCode, Json<PlanView>)> {
    let d = adopt_move(&state, &user, &id, b.to, b.due).await?;
    Ok((StatusCode::CREATED, Json(d.into())))
}

pub(crate) async fn complete_task(
    state: &AppState,
    user: &User,
    id: &str,
    task: &str,
) -> ApiResult<PlanData> {
    let task = RecoveryTaskId::parse(task).map_err(|_| ApiError::not_found())?;
    change(state, user, id, RecoveryPart::Plan, |p| {
        if !p.tasks.iter().any(|t| t.id == task) {
            return Err(ApiError::not_found());
        }
        Ok(p.complete_task(&task, now())?)
    })
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
) -> ApiResult<Json<PlanView>> {
    Ok(Json(complete_task(&state, &user, &id, &task).await?.into()))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/debrief", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = DebriefNote,
    responses((status = 200, description = "Written; the debrief task completes", body = PlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn debrief(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<DebriefNote>,
) -> ApiResult<Json<PlanView>> {
    let d = change(&state, &user, &id, RecoveryPart::Plan, |p| {
        Ok(p.write_debrief(b, now())?)
    })
    .await?;
    Ok(Json(d.into()))
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
    Json(b): Json<DevelopmentBody>,
) -> ApiResult<Json<PlanView>> {
    let d = change(&state, &user, &id, RecoveryPart::Plan, |p| {
        Ok(p.set_development(b.tasks, now())?)
    })
    .await?;
    Ok(Json(d.into()))
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/trend", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, body = TrendView), (status = 404, body = ErrorBody)))]
pub async fn trend(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<TrendView>> {
    let g = state
        .guard
        .open_plan(&user, &id, RecoveryPart::Plan, Action::Read)
        .await?;
    let t = g.plan().trend();
    Ok(Json(TrendView {
        trend: t,
        description: t.describe(),
        totals: g.plan().check_ins.iter().map(|c| c.total()).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EscalationView {
    /// Present when at least one criterion holds.
    pub escalation: Option<Escalation>,
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/escalation", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "The manager's only", body = EscalationView), (status = 404, body = ErrorBody)))]
pub async fn escalation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<EscalationView>> {
    let g = state
        .guard
        .open_plan(&user, &id, RecoveryPart::Escalation, Action::Read)
        .await?;
    Ok(Json(EscalationView {
        escalation: g.plan().escalation(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteList {
    /// Your own, oldest first.
    pub notes: Vec<PrivateNote>,
}

pub(crate) async fn notes_for(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Vec<PrivateNote>> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::PrivateNotes, Action::Read)
        .await?;
    state.guard.private_notes(&g).await
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/notes", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "Your private notes: nobody else reads them", body = NoteList), (status = 404, body = ErrorBody)))]
pub async fn notes(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<NoteList>> {
    Ok(Json(NoteList {
        notes: notes_for(&state, &user, &id).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    pub body: String,
}

#[utoipa::path(post, path = "/api/v1/plans/{id}/notes", tag = "plans",
    params(("id" = String, Path, description = "Plan id")), request_body = NoteBody,
    responses((status = 201, body = PrivateNote), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_note(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<NoteBody>,
) -> ApiResult<(StatusCode, Json<PrivateNote>)> {
    let n = add_note_for(&state, &user, &id, &b.body).await?;
    Ok((StatusCode::CREATED, Json(n)))
}

/// Adds a private note to plan `id`, readable by its author alone.
pub(crate) async fn add_note_for(
    state: &AppState,
    user: &User,
    id: &str,
    body: &str,
) -> ApiResult<PrivateNote> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::PrivateNotes, Action::Create)
        .await?;
    state.guard.add_private_note(&g, body).await
}

/// The people `user` manages now: whom they may open a plan about.
pub(crate) async fn reports_for(state: &AppState, user: &User) -> ApiResult<Vec<User>> {
    Ok(state.guard.accounts().reports_of(&user.id).await?)
}

fn calendar_response(body: String, name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn debrief_calendar(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Response> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Calendar, Action::Read)
        .await?;
    let Some(task) = g.plan().debrief_task() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no debrief yet: adopt the calm debrief first, and its due date becomes the invite",
        ));
    };
    Ok(calendar_response(
        ics::debrief(g.plan(), task.due, now(), UID_DOMAIN),
        "debrief.ics",
    ))
}

pub(crate) async fn check_ins_calendar(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<Response> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Calendar, Action::Read)
        .await?;
    Ok(calendar_response(
        ics::check_ins(g.plan(), now(), UID_DOMAIN),
        "one-on-ones.ics",
    ))
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/debrief.ics", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "The debrief as an iCalendar event, at the debrief task's due time", content_type = "text/calendar", body = String),
        (status = 404, body = ErrorBody)))]
pub async fn debrief_ics(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    debrief_calendar(&state, &user, &id).await
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/check-ins.ics", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, description = "The recurring one-on-ones as an iCalendar event", content_type = "text/calendar", body = String),
        (status = 404, body = ErrorBody)))]
pub async fn check_ins_ics(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_ins_calendar(&state, &user, &id).await
}
