//! GET /api/v1/me/attention: my open mistakes with something late — the
//! per-person "needs attention" view — and whether reminders may be pushed
//! right now (only inside my working hours). And what waits on someone as
//! a stakeholder or a manager (`needs_me`), which their home page shows
//! and GET /api/v1/me/waiting answers.

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::attention::{AttentionItem, may_remind, needs_attention};
use rebound_domain::id::RecoveryPlanId;
use rebound_domain::listing::{ListQuery, select};
use rebound_domain::recovery::plan::CheckInDue;
use rebound_domain::{Mistake, MistakeId, State as LifecycleState, User};
use rebound_store::ListFilter;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct AttentionEntry {
    #[schema(value_type = String)]
    pub mistake: MistakeId,
    pub title: String,
    pub state: LifecycleState,
    pub items: Vec<AttentionItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Attention {
    /// False outside your working hours: show this if asked, never push it.
    pub may_remind: bool,
    pub mistakes: Vec<AttentionEntry>,
}

#[utoipa::path(get, path = "/api/v1/me/attention", tag = "updates",
    responses((status = 200, body = Attention), (status = 401, body = ErrorBody)))]
pub async fn attention(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Attention>> {
    Ok(Json(attention_for(&state, &user).await?))
}

/// `user`'s open mistakes with something late, and whether reminders may be pushed now.
pub async fn attention_for(state: &AppState, user: &User) -> ApiResult<Attention> {
    let now = state.clock.now_for(user);
    let mut mistakes = Vec::new();
    for m in state.guard.list(user, ListFilter::Open).await? {
        if m.owner.as_ref() != Some(&user.id) {
            continue;
        }
        let items = needs_attention(&m, now.timestamp());
        if !items.is_empty() {
            mistakes.push(AttentionEntry {
                mistake: m.id.clone(),
                title: m.title.clone(),
                state: m.state,
                items,
            });
        }
    }
    Ok(Attention {
        may_remind: may_remind(user.working_hours.as_ref(), now.datetime()),
        mistakes,
    })
}

/// One thing waiting on a person as a stakeholder or a manager; `kind`
/// says which.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Need {
    /// A report's check-in passed with none recorded for it.
    CheckInOverdue {
        #[schema(value_type = String)]
        plan: RecoveryPlanId,
        /// The report's name.
        report: String,
        #[schema(value_type = String, format = DateTime)]
        since: Timestamp,
    },
    /// Moves adopted in a plan whose due date has passed.
    MovesOverdue {
        #[schema(value_type = String)]
        plan: RecoveryPlanId,
        report: String,
        count: usize,
    },
    /// A note they were named a stakeholder on and have not acknowledged.
    Acknowledge {
        #[schema(value_type = String)]
        mistake: MistakeId,
        title: String,
    },
    /// A report's next check-in, within two days.
    CheckInSoon {
        #[schema(value_type = String)]
        plan: RecoveryPlanId,
        report: String,
        #[schema(value_type = String, format = DateTime)]
        at: Timestamp,
    },
}

/// A report's open mistake, as a manager's home lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportMistake {
    #[schema(value_type = String)]
    pub mistake: MistakeId,
    pub title: String,
    pub state: LifecycleState,
    /// The report's name.
    pub owner: String,
}

/// `GET /api/v1/me/waiting`: what the home page's "Waiting on you" and
/// "Your reports' mistakes" show.
#[derive(Debug, Serialize, ToSchema)]
pub struct Waiting {
    /// Most urgent first: missed check-ins (the longest missed first),
    /// overdue moves, acknowledgements, then check-ins within two days.
    pub needs: Vec<Need>,
    /// Whether you manage anyone now.
    pub manages: bool,
    /// Your reports' open mistakes you may read, most urgent first.
    pub reports_mistakes: Vec<ReportMistake>,
}

#[utoipa::path(get, path = "/api/v1/me/waiting", tag = "updates",
    responses((status = 200, description = "What waits on you as a stakeholder or a manager", body = Waiting),
        (status = 401, body = ErrorBody)))]
pub async fn waiting(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Waiting>> {
    let n = needs_me(&state, &user).await?;
    Ok(Json(Waiting {
        needs: n.needs,
        manages: n.manages,
        reports_mistakes: (n.reports_mistakes.into_iter())
            .map(|(owner, m)| ReportMistake {
                mistake: m.id,
                title: m.title,
                state: m.state,
                owner,
            })
            .collect(),
    }))
}

/// What a home page shows: the person's open mistakes and what waits on them.
#[derive(Debug)]
pub struct NeedsMe {
    /// Most urgent first: missed check-ins (the longest missed first),
    /// overdue moves, acknowledgements, then check-ins coming up.
    pub needs: Vec<Need>,
    /// Their own open mistakes, most urgent first.
    pub mine: Vec<Mistake>,
    /// Whether they manage anyone now (a manager's panels show only then).
    pub manages: bool,
    /// Their reports' open mistakes the policy lets them read, most urgent
    /// first, with each owner's name.
    pub reports_mistakes: Vec<(String, Mistake)>,
    /// Everyone else's open mistakes they may read, most urgent first.
    pub shared: Vec<Mistake>,
}

/// What waits on `user`: the mistakes come through the guard's list (the
/// access policy decides), the plans through the guard's plan list.
pub async fn needs_me(state: &AppState, user: &User) -> ApiResult<NeedsMe> {
    let now = state.clock.now_for(user).timestamp();
    let reports = crate::plans::reports_for(state, user).await?;
    let visible = crate::mistakes::read::visible(state, user, ListFilter::Open).await?;
    let (mine, others): (Vec<Mistake>, Vec<Mistake>) =
        select(&visible, &ListQuery::default(), Some(&user.id), now)
            .into_iter()
            .cloned()
            .partition(|m| m.owner.as_ref() == Some(&user.id));
    let awaiting = crate::sharing::acknowledgements::awaiting(state, user, others.clone()).await?;
    let name_of = |m: &Mistake| {
        reports
            .iter()
            .find(|r| Some(&r.id) == m.owner.as_ref())
            .map(|r| r.display_name.to_string())
    };
    let (reports_mistakes, shared): (Vec<_>, Vec<_>) =
        others.into_iter().partition(|m| name_of(m).is_some());
    let reports_mistakes = reports_mistakes
        .into_iter()
        .map(|m| (name_of(&m).unwrap_or_default(), m))
        .collect();

    let mut overdue = Vec::new();
    let mut moves = Vec::new();
    let mut soon = Vec::new();
    let (managing, _) = state.guard.plans_for(user).await?;
    for (report, plan) in managing {
        let report = report.display_name.to_string();
        match plan.check_in_due(now) {
            Some(CheckInDue::Overdue { since }) => overdue.push(Need::CheckInOverdue {
                plan: plan.id.clone(),
                report: report.clone(),
                since,
            }),
            Some(CheckInDue::Soon { at }) => soon.push(Need::CheckInSoon {
                plan: plan.id.clone(),
                report: report.clone(),
                at,
            }),
            None => {}
        }
        let count = plan.tasks.iter().filter(|t| t.overdue(now)).count();
        if count > 0 && !plan.is_ended() {
            moves.push(Need::MovesOverdue {
                plan: plan.id.clone(),
                report,
                count,
            });
        }
    }
    overdue.sort_by_key(|n| match n {
        Need::CheckInOverdue { since, .. } => *since,
        _ => Timestamp::MAX,
    });
    soon.sort_by_key(|n| match n {
        Need::CheckInSoon { at, .. } => *at,
        _ => Timestamp::MAX,
    });
    let acks = awaiting.into_iter().map(|m| Need::Acknowledge {
        mistake: m.id,
        title: m.title,
    });
    let needs = overdue
        .into_iter()
        .chain(moves)
        .chain(acks)
        .chain(soon)
        .collect();
    Ok(NeedsMe {
        needs,
        mine,
        manages: !reports.is_empty(),
        reports_mistakes,
        shared,
    })
}
