//! "My reports": the people I may open a recovery plan for, and where their
//! plan stands. Only what a manager may see of their own reports (name,
//! email, id, their open plan and its next check-in); anyone else — someone
//! who manages nobody, an admin included — gets an empty list.

use super::now;

use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::id::RecoveryPlanId;
use serde::Serialize;
use utoipa::ToSchema;

/// One of my reports.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportLine {
    #[schema(value_type = String)]
    pub id: rebound_domain::UserId,
    pub name: String,
    pub email: String,
    /// Their plan that has not ended, if any (one at a time).
    #[schema(value_type = Option<String>)]
    pub open_plan: Option<RecoveryPlanId>,
    /// The open plan's next scheduled check-in, if one is left.
    #[schema(value_type = Option<String>)]
    pub next_check_in: Option<Timestamp>,
    /// When the open plan's last check-in was, if there was one.
    #[schema(value_type = Option<String>)]
    pub last_check_in: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportList {
    /// The people who report to you now, by name.
    pub reports: Vec<ReportLine>,
}

/// The people `user` manages now (disabled accounts left out: no plan can
/// be opened for them), each with their open plan, by name.
pub(crate) async fn my_reports(state: &AppState, user: &User) -> ApiResult<Vec<ReportLine>> {
    let (managing, _) = state.guard.plans_for(user).await?;
    let now = now(state);
    let mut lines: Vec<ReportLine> = super::reports_for(state, user)
        .await?
        .into_iter()
        .filter(|r| r.disabled_at.is_none())
        .map(|r| {
            let open = managing
                .iter()
                .map(|(_, p)| p)
                .find(|p| p.report == r.id && p.ended.is_none());
            ReportLine {
                id: r.id.clone(),
                name: r.display_name.to_string(),
                email: r.email.to_string(),
                open_plan: open.map(|p| p.id.clone()),
                next_check_in: open.and_then(|p| p.next_check_in(now)),
                last_check_in: open.and_then(|p| p.check_ins.last()).map(|c| c.at),
            }
        })
        .collect();
    lines.sort_by(|a, b| (a.name.to_lowercase(), &a.email).cmp(&(b.name.to_lowercase(), &b.email)));
    Ok(lines)
}

#[utoipa::path(get, path = "/api/v1/me/reports", tag = "plans",
    responses((status = 200, description = "The people who report to you, with their open plan (empty if you manage nobody)", body = ReportList)))]
pub async fn reports(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<ReportList>> {
    Ok(Json(ReportList {
        reports: my_reports(&state, &user).await?,
    }))
}
