//! GET /api/v1/me/attention: my open mistakes with something late — the
//! per-person "needs attention" view — and whether reminders may be pushed
//! right now (only inside my working hours).

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::attention::{AttentionItem, may_remind, needs_attention};
use rebound_domain::{MistakeId, State as LifecycleState, User};
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
