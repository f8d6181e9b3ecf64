//! Reading plans: a plan as one person sees it (the report never gets the
//! escalation nor the distress and safety flags, and reads the suggested
//! moves and the trend in their own words), the list of plans, the page's
//! whole read through one grant, suggested moves, trend and escalation.

use super::now;
use crate::guard::PlanGrant;

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::access::{Action, PlanRelation, RecoveryPart};
use rebound_domain::id::RecoveryPlanId;
use rebound_domain::recovery::{Escalation, PrivateNote, Reader, RecoveryPlan, Suggestion, Trend};
use serde::Serialize;
use utoipa::ToSchema;

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

    /// Whose words the plan's texts are in.
    pub fn reader(&self) -> Reader {
        reader(self.role)
    }
}

/// The manager reads the manager's words; the report reads their own.
fn reader(r: PlanRelation) -> Reader {
    match r {
        PlanRelation::CurrentManager => Reader::Manager,
        _ => Reader::Report,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendView {
    pub trend: Trend,
    /// In the reader's words: the report's is addressed to them.
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
    /// For the report, ranked only from what they may see, in their words.
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
                description: d.trend.describe_for(d.reader()),
                totals: d.totals,
            },
            suggestions: d.suggestions,
            next_check_in: d.next_check_in,
            escalation: d.escalation,
        }
    }
}

pub(super) async fn data(
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
        suggestions: plan.suggestions_for(reader(role)),
        next_check_in: plan.next_check_in(now(state)),
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
    seen_by(state, user, &g).await
}

/// The plan page's whole read, through one grant: the plan as `user` sees
/// it, and for the manager their private notes.
pub(crate) async fn page_for(
    state: &AppState,
    user: &User,
    id: &str,
) -> ApiResult<(PlanData, Vec<PrivateNote>)> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Plan, Action::Read)
        .await?;
    let d = seen_by(state, user, &g).await?;
    let notes = if d.is_manager() {
        state.guard.private_notes(&g).await?
    } else {
        Vec::new()
    };
    Ok((d, notes))
}

/// The plan a grant opened, as its holder sees it.
async fn seen_by(state: &AppState, user: &User, g: &PlanGrant) -> ApiResult<PlanData> {
    let escalation_too = g.allows(RecoveryPart::Escalation, Action::Read);
    let d = data(state, user, g.plan().clone(), g.relation()).await?;
    if escalation_too {
        // The escalation is a part of its own: its read is audited apart.
        state
            .guard
            .plan_part(g, RecoveryPart::Escalation, Action::Read)?;
    }
    Ok(d)
}

pub(super) async fn after_change(
    state: &AppState,
    user: &User,
    plan: RecoveryPlan,
) -> ApiResult<PlanData> {
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
    /// When the plan ended, if it has.
    #[schema(value_type = Option<String>)]
    pub ended_at: Option<Timestamp>,
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
        ended_at: p.ended.as_ref().map(|e| e.at),
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

#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<crate::precondition::Tagged<PlanView>> {
    Ok(super::plan::tagged(plan_data(&state, &user, &id).await?))
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
    Ok(Json(moves_for(&state, &user, &id).await?))
}

/// The moves suggested for plan `id`, strongest first, with their reasons.
pub async fn moves_for(state: &AppState, user: &User, id: &str) -> ApiResult<MovesView> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Plan, Action::Read)
        .await?;
    Ok(MovesView {
        suggestions: g.plan().suggestions_for(reader(g.relation())),
    })
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/trend", tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses((status = 200, body = TrendView), (status = 404, body = ErrorBody)))]
pub async fn trend(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<TrendView>> {
    Ok(Json(trend_of(&state, &user, &id).await?))
}

/// Plan `id`'s trend and each check-in's total.
pub async fn trend_of(state: &AppState, user: &User, id: &str) -> ApiResult<TrendView> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Plan, Action::Read)
        .await?;
    let t = g.plan().trend();
    Ok(TrendView {
        trend: t,
        description: t.describe_for(reader(g.relation())),
        totals: g.plan().check_ins.iter().map(|c| c.total()).collect(),
    })
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
    Ok(Json(escalation_of(&state, &user, &id).await?))
}

/// Plan `id`'s escalation suggestion (its manager's alone), if a criterion holds.
pub async fn escalation_of(state: &AppState, user: &User, id: &str) -> ApiResult<EscalationView> {
    let g = state
        .guard
        .open_plan(user, id, RecoveryPart::Escalation, Action::Read)
        .await?;
    Ok(EscalationView {
        escalation: g.plan().escalation(),
    })
}
