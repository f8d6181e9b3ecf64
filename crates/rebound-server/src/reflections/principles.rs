//! Principles ("I will not …") and the Operating Manual that lists them,
//! each with the mistake or memory it came from. Revising keeps every
//! earlier wording; retiring keeps the principle, with its reason.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::tz::TimeZone;
use rebound_domain::manual::{self, ManualEntry};
use rebound_domain::reflection::similar;
use rebound_domain::{Principle, PrincipleId, PrincipleRevision, PrincipleStatus, User};
use rebound_store::PrincipleFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Each principle with where it came from: the title of its mistake (one
/// of the person's own) or of the memory its reflection was about.
pub(crate) async fn entries(
    state: &AppState,
    user: &User,
    principles: Vec<Principle>,
) -> ApiResult<Vec<ManualEntry>> {
    let titles = state
        .guard
        .own_mistake_titles(
            user,
            principles
                .iter()
                .filter_map(|p| p.mistake.clone())
                .collect(),
        )
        .await?;
    let mut out = Vec::with_capacity(principles.len());
    for p in principles {
        let came_from = match (&p.mistake, &p.reflection) {
            (Some(m), _) => titles.get(m).cloned(),
            (None, Some(r)) => match state.guard.reflection(user, r.as_str()).await {
                Ok(r) => r.memory_title,
                Err(e) if e.status == StatusCode::NOT_FOUND => None,
                Err(e) => return Err(e),
            },
            (None, None) => None,
        };
        out.push(ManualEntry {
            check: Some(super::principle_check(&p.text)),
            principle: p,
            came_from,
        });
    }
    Ok(out)
}

async fn entry(state: &AppState, user: &User, p: Principle) -> ApiResult<ManualEntry> {
    let mut all = entries(state, user, vec![p]).await?;
    all.pop().ok_or_else(ApiError::internal)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrincipleQuery {
    /// Only principles whose wording contains this (any case).
    pub q: Option<String>,
    /// active or retired; both when left out.
    pub status: Option<String>,
}

impl PrincipleQuery {
    pub(crate) fn filter(&self) -> ApiResult<PrincipleFilter> {
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some(s) => Some(
                s.parse::<PrincipleStatus>()
                    .map_err(|e| ApiError::invalid(e.to_string()))?,
            ),
        };
        if let Some(q) = &self.q {
            rebound_domain::text::line("the search (q)", q)?;
        }
        Ok(PrincipleFilter {
            query: self.q.clone().filter(|q| !q.trim().is_empty()),
            status,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrincipleList {
    /// Oldest first.
    pub principles: Vec<ManualEntry>,
}

pub(crate) async fn list_for(
    state: &AppState,
    user: &User,
    q: &PrincipleQuery,
) -> ApiResult<Vec<ManualEntry>> {
    let ps = state.guard.principles(user, &q.filter()?).await?;
    entries(state, user, ps).await
}

#[utoipa::path(get, path = "/api/v1/principles", tag = "reflections", params(PrincipleQuery),
    responses((status = 200, description = "Your principles, oldest first, each with where it came from", body = PrincipleList),
        (status = 400, body = ErrorBody),
        (status = 422, description = "The search holds a character no text may hold", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<PrincipleQuery>,
) -> ApiResult<Json<PrincipleList>> {
    Ok(Json(PrincipleList {
        principles: list_for(&state, &user, &q).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPrincipleBody {
    /// "I will not …", followed by the specific behaviour.
    pub text: String,
    /// The reflection it comes from (one of yours); its mistake is kept too.
    pub reflection: Option<String>,
    /// Add it even though it is close to one of your active principles
    /// (the same wording is refused either way).
    #[serde(default)]
    pub add_anyway: bool,
}

pub(crate) async fn create_for(
    state: &AppState,
    user: &User,
    b: NewPrincipleBody,
) -> ApiResult<ManualEntry> {
    let from = match b
        .reflection
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => Some(state.guard.reflection(user, id).await?),
        None => None,
    };
    let p = Principle::new(
        PrincipleId::from_random(crate::random::bytes5()?),
        Some(user.id.clone()),
        &b.text,
        from.as_ref(),
        state.clock.now_for(user).timestamp(),
    )?;
    let active = PrincipleFilter {
        query: None,
        status: Some(PrincipleStatus::Active),
    };
    let mine = state.guard.principles(user, &active).await?;
    if let Some(refused) = similar(&p.text, &mine).and_then(|s| s.refusal(b.add_anyway)) {
        return Err(refused.into());
    }
    state.guard.create_principle(user, &p).await?;
    entry(state, user, p).await
}

#[utoipa::path(post, path = "/api/v1/principles", tag = "reflections",
    request_body = NewPrincipleBody,
    responses((status = 201, description = "Added to your Operating Manual, with the lesson check on its wording (a cautious or vague one is flagged with what to rewrite)", body = ManualEntry),
        (status = 400, body = ErrorBody), (status = 404, description = "No such reflection of yours", body = ErrorBody),
        (status = 409, description = "You already have this principle, or one close to it (send add_anyway to add a close one)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewPrincipleBody>,
) -> ApiResult<(StatusCode, Json<ManualEntry>)> {
    Ok((
        StatusCode::CREATED,
        Json(create_for(&state, &user, b).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/principles/{id}", tag = "reflections",
    params(("id" = String, Path, description = "Principle id")),
    responses((status = 200, body = ManualEntry), (status = 404, description = "No such principle of yours", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<ManualEntry>> {
    Ok(Json(principle_of(&state, &user, &id).await?))
}

/// One of `user`'s principles, as the manual shows it.
pub async fn principle_of(state: &AppState, user: &User, id: &str) -> ApiResult<ManualEntry> {
    let p = state.guard.principle(user, id).await?;
    entry(state, user, p).await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrincipleHistory {
    /// Every wording, oldest first.
    pub history: Vec<PrincipleRevision>,
    pub status: PrincipleStatus,
    pub retired_at: Option<jiff::Timestamp>,
    pub retired_reason: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/principles/{id}/history", tag = "reflections",
    params(("id" = String, Path, description = "Principle id")),
    responses((status = 200, body = PrincipleHistory), (status = 404, description = "No such principle of yours", body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<PrincipleHistory>> {
    Ok(Json(history_of(&state, &user, &id).await?))
}

/// Every wording principle `id` has had, and whether it is retired.
pub async fn history_of(state: &AppState, user: &User, id: &str) -> ApiResult<PrincipleHistory> {
    let p = state.guard.principle(user, id).await?;
    Ok(PrincipleHistory {
        history: p.history,
        status: p.status,
        retired_at: p.retired_at,
        retired_reason: p.retired_reason,
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseBody {
    /// The new wording, "I will not …".
    pub text: String,
    /// Why it changed.
    pub note: Option<String>,
}

pub(crate) async fn revise_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: ReviseBody,
) -> ApiResult<ManualEntry> {
    let mut p = state.guard.principle(user, id).await?;
    p.revise(
        &b.text,
        b.note.as_deref(),
        state.clock.now_for(user).timestamp(),
    )?;
    state.guard.save_principle(user, &p).await?;
    entry(state, user, p).await
}

#[utoipa::path(post, path = "/api/v1/principles/{id}/revise", tag = "reflections",
    params(("id" = String, Path, description = "Principle id")),
    request_body = ReviseBody,
    responses((status = 200, description = "Reworded; the old wording stays in the history", body = ManualEntry),
        (status = 400, body = ErrorBody), (status = 404, description = "No such principle of yours", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn revise(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<ReviseBody>,
) -> ApiResult<Json<ManualEntry>> {
    Ok(Json(revise_for(&state, &user, &id, b).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetireBody {
    pub reason: String,
}

pub(crate) async fn retire_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: RetireBody,
) -> ApiResult<ManualEntry> {
    let mut p = state.guard.principle(user, id).await?;
    p.retire(&b.reason, state.clock.now_for(user).timestamp())?;
    state.guard.save_principle(user, &p).await?;
    entry(state, user, p).await
}

#[utoipa::path(post, path = "/api/v1/principles/{id}/retire", tag = "reflections",
    params(("id" = String, Path, description = "Principle id")),
    request_body = RetireBody,
    responses((status = 200, description = "Retired with its reason; it stays in the manual's history", body = ManualEntry),
        (status = 400, body = ErrorBody), (status = 404, description = "No such principle of yours", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn retire(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<RetireBody>,
) -> ApiResult<Json<ManualEntry>> {
    Ok(Json(retire_for(&state, &user, &id, b).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ManualQuery {
    /// json (default) or markdown
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Manual {
    /// Every principle, active and retired, oldest first.
    pub principles: Vec<ManualEntry>,
}

/// The whole manual as Markdown, dates in the person's time zone.
pub(crate) async fn markdown_for(state: &AppState, user: &User) -> ApiResult<String> {
    let all = list_for(state, user, &PrincipleQuery::default()).await?;
    let tz = TimeZone::get(&user.time_zone).unwrap_or(TimeZone::UTC);
    Ok(manual::markdown(user.display_name.as_str(), &all, &tz))
}

/// The Markdown as a download.
pub(crate) fn markdown_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"operating-manual.md\"",
            ),
        ],
        body,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/me/manual", tag = "reflections", params(ManualQuery),
    responses((status = 200, description = "Your Operating Manual: every principle with where it came from, as JSON or a Markdown download", content((Manual = "application/json"), (String = "text/markdown"))),
        (status = 400, body = ErrorBody)))]
pub async fn manual(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<ManualQuery>,
) -> ApiResult<Response> {
    let format = q
        .format
        .unwrap_or_else(|| "json".into())
        .to_ascii_lowercase();
    match format.as_str() {
        "markdown" | "md" => Ok(markdown_response(markdown_for(&state, &user).await?)),
        "json" => Ok(Json(Manual {
            principles: list_for(&state, &user, &PrincipleQuery::default()).await?,
        })
        .into_response()),
        other => Err(ApiError::invalid(format!(
            "unknown manual format '{other}': use markdown or json"
        ))),
    }
}
