//! A mistake's progress updates, a page at a time: a read of the mistake
//! carries only its newest `RECENT_UPDATES` (and how many are older); this
//! reaches the rest. Opened for reading the updates, as before pages (so a
//! stakeholder who may read them reads them; a stranger gets 404). Each
//! page is oldest first, as this answer always was: without `before` the
//! newest `limit`, with it the `limit` posted just before that update.

use crate::auth::current::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Granted;
use crate::json::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::access::{Action, Part};
use rebound_domain::{ProgressUpdate, RECENT_UPDATES};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The most a page holds.
pub const MAX_PAGE: u32 = 100;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// The id of an update of this mistake: the page holds those posted
    /// just before it. Leave it out for the newest.
    pub before: Option<i64>,
    /// How many, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UpdatePageView {
    /// Oldest first.
    pub updates: Vec<ProgressUpdate>,
    /// Whether older updates remain.
    pub older: bool,
    /// The `before` for the page of older ones, while any remain (the
    /// first update here).
    pub next_before: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/updates", tag = "updates",
    params(("id" = String, Path, description = "Mistake id"), PageQuery),
    responses((status = 200, description = "Progress updates, oldest first: the newest `limit`, or those just before `before`", body = UpdatePageView),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "A `limit` outside 1–100, or a `before` that is not one of this mistake's updates", body = ErrorBody)))]
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    q: Result<Query<PageQuery>, ApiError>,
) -> ApiResult<Json<UpdatePageView>> {
    let (_, granted) = caller
        .open(&state, &id, Part::Updates, Action::Read)
        .await?;
    // The words are the query reader's; a value the page cannot take is 422.
    let Query(q) = q.map_err(|e| ApiError::unprocessable(e.message))?;
    Ok(Json(page_of(&granted, &q).await?))
}

/// The page `q` asks for of an opened mistake: the one operation behind
/// the JSON handler and the web page.
pub async fn page_of(granted: &Granted, q: &PageQuery) -> ApiResult<UpdatePageView> {
    let limit = q.limit.unwrap_or(RECENT_UPDATES as u32);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::unprocessable(format!(
            "`limit` must be between 1 and {MAX_PAGE}; {limit} is not"
        )));
    }
    let page = granted.update_page(q.before, limit).await?.ok_or_else(|| {
        ApiError::unprocessable(format!(
            "`before` must be the id of one of this mistake's updates; {} is not",
            q.before.unwrap_or_default()
        ))
    })?;
    let mut updates = page.updates;
    updates.reverse();
    let next_before = match page.older {
        true => updates.first().map(|u| u.id),
        false => None,
    };
    Ok(UpdatePageView {
        updates,
        older: page.older,
        next_before,
    })
}
