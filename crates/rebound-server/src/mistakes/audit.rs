//! GET /api/v1/mistakes/{id}/audit: who read or changed my mistake, and
//! when — never what. The owner's alone.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::User;
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::AuditEvent;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// How many of the newest events (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

impl AuditQuery {
    /// The limit asked for, or the default; out of range is a 400.
    pub fn checked_limit(&self) -> ApiResult<u32> {
        let limit = self.limit.unwrap_or(100);
        if (1..=1000).contains(&limit) {
            Ok(limit)
        } else {
            Err(ApiError::invalid("limit must be between 1 and 1000"))
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLog {
    /// Newest first.
    pub events: Vec<AuditEvent>,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/audit", tag = "mistakes",
    params(("id" = String, Path, description = "Mistake id"), AuditQuery),
    responses((status = 200, body = AuditLog), (status = 404, description = "No such mistake of yours", body = ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<AuditLog>> {
    Ok(Json(audit_log(&state, &user, &id, q).await?))
}

/// Who read or changed mistake `id` (its owner's alone), newest first.
pub async fn audit_log(
    state: &AppState,
    user: &User,
    id: &str,
    q: AuditQuery,
) -> ApiResult<AuditLog> {
    let limit = q.checked_limit()?;
    let granted = state
        .guard
        .open(user, id, Part::Audit, Action::Read)
        .await?;
    Ok(AuditLog {
        events: state.guard.audit_of(&granted, limit).await?,
    })
}
