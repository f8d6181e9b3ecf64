//! Keep showing up: wins logged after a mistake, and taking care of
//! yourself (the self-care reset plan). The person's own records, private
//! to them — not the manager's recovery plans (`crate::plans`).

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::reflection::SELF_CARE_IDEAS;
use rebound_domain::{MistakeId, SelfCarePlan, User, Win, WinId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A win, with the title of the mistake it follows.
#[derive(Debug, Serialize, ToSchema)]
pub struct WinView {
    #[serde(flatten)]
    pub win: Win,
    pub mistake_title: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WinList {
    /// Newest first.
    pub wins: Vec<WinView>,
}

pub(crate) async fn wins_for(state: &AppState, user: &User) -> ApiResult<Vec<WinView>> {
    let wins = state.guard.wins(user).await?;
    let titles = state
        .guard
        .own_mistake_titles(
            user,
            wins.iter().filter_map(|w| w.mistake.clone()).collect(),
        )
        .await?;
    Ok(wins
        .into_iter()
        .map(|w| WinView {
            mistake_title: w.mistake.as_ref().and_then(|m| titles.get(m).cloned()),
            win: w,
        })
        .collect())
}

#[utoipa::path(get, path = "/api/v1/wins", tag = "reflections",
    responses((status = 200, description = "Your wins, newest first", body = WinList)))]
pub async fn wins(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<WinList>> {
    Ok(Json(WinList {
        wins: wins_for(&state, &user).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWinBody {
    /// A visible piece of good work.
    pub text: String,
    /// The mistake it follows (one of yours).
    pub mistake: Option<String>,
}

async fn own_mistake(
    state: &AppState,
    user: &User,
    id: Option<&str>,
) -> ApiResult<Option<MistakeId>> {
    match id.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => Ok(Some(state.guard.own_mistake(user, id).await?.id)),
        None => Ok(None),
    }
}

pub(crate) async fn add_win_for(state: &AppState, user: &User, b: NewWinBody) -> ApiResult<Win> {
    let mistake = own_mistake(state, user, b.mistake.as_deref()).await?;
    let w = Win::new(
        WinId::from_random(crate::random::bytes5()?),
        Some(user.id.clone()),
        mistake,
        &b.text,
        state.clock.now_for(user).timestamp(),
    )?;
    state.guard.add_win(user, &w).await?;
    Ok(w)
}

#[utoipa::path(post, path = "/api/v1/wins", tag = "reflections",
    request_body = NewWinBody,
    responses((status = 201, description = "Logged", body = Win), (status = 400, body = ErrorBody),
        (status = 404, description = "No such mistake of yours", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_win(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewWinBody>,
) -> ApiResult<(StatusCode, Json<Win>)> {
    Ok((
        StatusCode::CREATED,
        Json(add_win_for(&state, &user, b).await?),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SelfCareView {
    /// Null until you make one.
    pub plan: Option<SelfCarePlan>,
    /// Ideas to start from.
    pub ideas: Vec<String>,
}

pub(crate) async fn self_care_for(state: &AppState, user: &User) -> ApiResult<SelfCareView> {
    Ok(SelfCareView {
        plan: state.guard.self_care_plan(user).await?,
        ideas: SELF_CARE_IDEAS.iter().map(|s| s.to_string()).collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/me/self-care", tag = "reflections",
    responses((status = 200, description = "Your self-care reset plan (private), and ideas", body = SelfCareView)))]
pub async fn self_care(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<SelfCareView>> {
    Ok(Json(self_care_for(&state, &user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfCareBody {
    /// A walk, time off the phone, … or your own words. Blank ones are dropped.
    pub items: Vec<String>,
    /// The mistake it follows (one of yours).
    pub mistake: Option<String>,
}

pub(crate) async fn set_self_care_for(
    state: &AppState,
    user: &User,
    b: SelfCareBody,
) -> ApiResult<SelfCarePlan> {
    let mistake = own_mistake(state, user, b.mistake.as_deref()).await?;
    let plan = SelfCarePlan::new(
        Some(user.id.clone()),
        mistake,
        &b.items,
        state.clock.now_for(user).timestamp(),
    )?;
    state.guard.set_self_care_plan(user, &plan).await?;
    Ok(plan)
}

#[utoipa::path(put, path = "/api/v1/me/self-care", tag = "reflections",
    request_body = SelfCareBody,
    responses((status = 200, description = "Replaced", body = SelfCarePlan), (status = 400, body = ErrorBody),
        (status = 404, description = "No such mistake of yours", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_self_care(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<SelfCareBody>,
) -> ApiResult<Json<SelfCarePlan>> {
    Ok(Json(set_self_care_for(&state, &user, b).await?))
}
