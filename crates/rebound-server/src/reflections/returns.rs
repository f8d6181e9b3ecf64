//! Lessons that come back (`rebound_domain::reflection::returns`): the
//! person's principles and lessons that are back a month and a year after
//! they were written, with the mistake each came from, and the one-step
//! answer — keep, reword or retire. Home shows them, the Monday note counts
//! them (never their words); like every personal record, only the owner
//! reaches them.

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::reflection::{Moment, Returning, Review, returning};
use rebound_domain::{Principle, User};
use rebound_store::PrincipleFilter;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which kind of record a returning lesson is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LessonKind {
    /// A principle of the Operating Manual: answer at `/api/v1/principles/{id}/review`.
    Principle,
    /// A reflection's lesson: answer at `/api/v1/reflections/{id}/review`.
    Lesson,
}

/// One lesson that is back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LessonBack {
    pub kind: LessonKind,
    /// The principle's or the reflection's id.
    pub id: String,
    /// Back a month, or a year, after it was written.
    pub moment: Moment,
    /// The current wording.
    pub text: String,
    pub written_at: Timestamp,
    /// The mistake it came from, when it is still there.
    pub mistake: Option<String>,
    /// That mistake's title, or the memory the reflection was about.
    pub came_from: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonsBack {
    /// Oldest first.
    pub lessons: Vec<LessonBack>,
}

/// Every lesson of `user`'s that is back now, oldest first.
pub(crate) async fn due_for(state: &AppState, user: &User) -> ApiResult<Vec<LessonBack>> {
    let now = state.clock.now_for(user);
    let reflections = state.guard.reflections(user).await?;
    let principles = state
        .guard
        .principles(user, &PrincipleFilter::default())
        .await?;
    let back = returning(&reflections, &principles, &now);
    let titles = state
        .guard
        .own_mistake_titles(
            user,
            back.iter().filter_map(|b| b.mistake().cloned()).collect(),
        )
        .await?;
    let memory = |id| reflections.iter().find(|r| Some(&r.id) == id);
    Ok(back
        .iter()
        .map(|b| {
            let mistake = b.mistake().filter(|m| titles.contains_key(*m));
            let (kind, id, text, written_at, memory_title) = match b {
                Returning::Principle(p, _) => (
                    LessonKind::Principle,
                    p.id.to_string(),
                    p.text.clone(),
                    p.created_at,
                    memory(p.reflection.as_ref()).and_then(|r| r.memory_title.clone()),
                ),
                Returning::Lesson(r, _) => (
                    LessonKind::Lesson,
                    r.id.to_string(),
                    r.lesson.clone().unwrap_or_default(),
                    r.created_at,
                    r.memory_title.clone(),
                ),
            };
            LessonBack {
                kind,
                id,
                moment: b.moment(),
                text,
                written_at,
                came_from: mistake
                    .and_then(|m| titles.get(m).cloned())
                    .or(memory_title),
                mistake: mistake.map(ToString::to_string),
            }
        })
        .collect())
}

#[utoipa::path(get, path = "/api/v1/me/lessons", tag = "reflections",
    responses((status = 200, description = "Your principles and lessons that are back, a month and a year after you wrote them, oldest first", body = LessonsBack)))]
pub async fn due(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<LessonsBack>> {
    Ok(Json(LessonsBack {
        lessons: due_for(&state, &user).await?,
    }))
}

/// Whether it still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    Keep,
    Revise,
    Retire,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonReviewBody {
    pub action: ReviewAction,
    /// The new wording, for `revise` (a principle still starts "I will not").
    pub text: Option<String>,
    /// Why it changed, for `revise`.
    pub note: Option<String>,
    /// Why it no longer holds, for `retire`.
    pub reason: Option<String>,
}

impl LessonReviewBody {
    /// The answer in the domain's terms; a missing text says which.
    fn review(&self) -> ApiResult<Review<'_>> {
        Ok(match self.action {
            ReviewAction::Keep => Review::Keep,
            ReviewAction::Revise => Review::Revise {
                text: given(&self.text, "give the new wording (text) to reword it")?,
                note: self.note.as_deref(),
            },
            ReviewAction::Retire => Review::Retire {
                reason: given(&self.reason, "give a reason to retire it")?,
            },
        })
    }
}

/// A text the answer needs, not blank; `missing` says what to send.
fn given<'a>(v: &'a Option<String>, missing: &str) -> ApiResult<&'a str> {
    v.as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| crate::error::ApiError::unprocessable(missing.to_string()))
}

/// The answer to a returning principle.
pub(crate) async fn review_principle_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: &LessonReviewBody,
) -> ApiResult<Principle> {
    let mut p = state.guard.principle(user, id).await?;
    p.review(b.review()?, &state.clock.now_for(user))?;
    state.guard.save_principle(user, &p).await?;
    Ok(p)
}

/// The answer to a returning reflection's lesson.
pub(crate) async fn review_lesson_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: &LessonReviewBody,
) -> ApiResult<rebound_domain::Reflection> {
    let mut r = state.guard.reflection(user, id).await?;
    let check = |t: &str| {
        let c = super::check_lesson(t);
        (super::verdict(&c), c.reasons)
    };
    r.review(b.review()?, check, &state.clock.now_for(user))?;
    state.guard.update_reflection(user, &r, None).await?;
    Ok(r)
}

#[utoipa::path(post, path = "/api/v1/principles/{id}/review", tag = "reflections",
    params(("id" = String, Path, description = "Principle id")),
    request_body = LessonReviewBody,
    responses((status = 200, description = "Kept, reworded or retired; it comes back again a year after it was written, unless retired", body = Principle),
        (status = 400, body = ErrorBody), (status = 404, description = "No such principle of yours", body = ErrorBody),
        (status = 422, description = "Not back yet, a missing wording or reason, or a wording the principle rules refuse", body = ErrorBody)))]
pub async fn review_principle(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<LessonReviewBody>,
) -> ApiResult<Json<Principle>> {
    Ok(Json(review_principle_for(&state, &user, &id, &b).await?))
}

#[utoipa::path(post, path = "/api/v1/reflections/{id}/review", tag = "reflections",
    params(("id" = String, Path, description = "Reflection id")),
    request_body = LessonReviewBody,
    responses((status = 200, description = "The lesson kept, reworded (checked again) or retired", body = rebound_domain::Reflection),
        (status = 400, body = ErrorBody), (status = 404, description = "No such reflection of yours", body = ErrorBody),
        (status = 422, description = "Not back yet, or a missing wording or reason", body = ErrorBody)))]
pub async fn review_lesson(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<LessonReviewBody>,
) -> ApiResult<Json<rebound_domain::Reflection>> {
    Ok(Json(review_lesson_for(&state, &user, &id, &b).await?))
}
