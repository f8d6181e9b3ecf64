//! Reflections themselves (classifying a text and the guide are in
//! `diagnose.rs`). A reflection starts from what happened (the diagnosis runs on it and its
//! suggestion is kept); choosing a trap and failure type keeps the
//! person's label beside the suggestion; writing the lesson runs the lesson
//! check and keeps its verdict and reasons.

use super::{check_lesson, diagnose_text, suggestion, verdict};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::{
    FailureType, NewReflection, Reflection, ReflectionError, ReflectionId, Suggestion, Trap, User,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A reflection with what the person is shown beside it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReflectionView {
    #[serde(flatten)]
    pub reflection: Reflection,
    /// The mistake's title, or the memory's.
    pub subject: String,
    /// The correction for the chosen failure type.
    pub correction: Option<String>,
    /// What to say beside the lesson's verdict.
    pub lesson_prompt: Option<String>,
    /// Trap, failure type, specific error and lesson all written.
    pub complete: bool,
    /// Starting a reflection on a mistake you had already reflected on
    /// continued that reflection (true only in that answer).
    pub continued: bool,
}

pub(crate) async fn view(
    state: &AppState,
    user: &User,
    r: Reflection,
) -> ApiResult<ReflectionView> {
    let title = match &r.mistake {
        Some(id) => state
            .guard
            .own_mistake_titles(user, vec![id.clone()])
            .await?
            .remove(id),
        None => None,
    };
    Ok(ReflectionView {
        subject: r.subject(title.as_deref()).to_string(),
        correction: r.correction().map(str::to_string),
        lesson_prompt: r.lesson_verdict.map(|v| v.prompt().to_string()),
        complete: r.is_complete(),
        continued: false,
        reflection: r,
    })
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReflectionBody {
    /// One of your mistakes; or leave it out and give `memory_title`.
    pub mistake: Option<String>,
    /// For a reflection on an older memory.
    pub memory_title: Option<String>,
    /// What happened, in your words: the diagnosis reads this.
    pub account: String,
    /// The later steps may come at once, or later with PUT.
    pub trap: Option<Trap>,
    pub failure_type: Option<FailureType>,
    pub specific_error: Option<String>,
    pub lesson: Option<String>,
}

/// The later steps of a reflection; what is left out stays as it is.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReflectionChange {
    /// Rewriting what happened runs the diagnosis again.
    pub account: Option<String>,
    /// Choosing keeps your label beside the suggestion (for retraining).
    pub trap: Option<Trap>,
    pub failure_type: Option<FailureType>,
    /// One sentence.
    pub specific_error: Option<String>,
    /// The lesson check runs on it.
    pub lesson: Option<String>,
}

fn suggest(account: &str) -> Option<Suggestion> {
    suggestion(&diagnose_text(account))
}

/// Applies the steps in `c` to `r`; returns the label to keep, if a
/// choice was made.
fn apply(
    r: &mut Reflection,
    c: ReflectionChange,
    now: jiff::Timestamp,
) -> ApiResult<Option<rebound_domain::DiagnosisFeedback>> {
    if let Some(account) = &c.account {
        let s = suggest(account);
        r.set_account(account, s, now)?;
    }
    let mut feedback = None;
    if c.trap.is_some() || c.failure_type.is_some() {
        let (Some(trap), Some(failure)) = (c.trap.or(r.trap), c.failure_type.or(r.failure_type))
        else {
            return Err(ApiError::unprocessable(
                "choose both a trap and a failure type",
            ));
        };
        feedback = r.choose(trap, failure, now);
    }
    if let Some(e) = &c.specific_error {
        r.set_specific_error(e, now)?;
    }
    if let Some(lesson) = &c.lesson {
        let text = Reflection::lesson_text(lesson)?;
        let check = check_lesson(&text);
        r.set_lesson(&text, verdict(&check), check.reasons, now)?;
    }
    Ok(feedback)
}

pub(crate) async fn create_for(
    state: &AppState,
    user: &User,
    b: NewReflectionBody,
) -> ApiResult<ReflectionView> {
    let now = state.clock.now_for(user).timestamp();
    let mistake = match b
        .mistake
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => Some(state.guard.own_mistake(user, id).await?.id),
        None => None,
    };
    if let Some(id) = &mistake {
        // One reflection per mistake: reflecting again continues it.
        if let Some(mut r) = state.guard.reflection_on(user, id).await? {
            if b.memory_title
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty())
            {
                return Err(ReflectionError::MistakeAndTitle.into());
            }
            let change = ReflectionChange {
                account: Some(b.account),
                trap: b.trap,
                failure_type: b.failure_type,
                specific_error: b.specific_error,
                lesson: b.lesson,
            };
            let feedback = apply(&mut r, change, now)?;
            state
                .guard
                .update_reflection(user, &r, feedback.as_ref())
                .await?;
            let mut v = view(state, user, r).await?;
            v.continued = true;
            return Ok(v);
        }
    }
    let input = NewReflection {
        owner: Some(user.id.clone()),
        mistake,
        memory_title: b.memory_title,
        account: b.account,
    };
    let suggested = suggest(&input.account);
    let mut r = Reflection::new(
        ReflectionId::from_random(crate::random::bytes5()?),
        input,
        suggested,
        now,
    )?;
    let feedback = apply(
        &mut r,
        ReflectionChange {
            account: None,
            trap: b.trap,
            failure_type: b.failure_type,
            specific_error: b.specific_error,
            lesson: b.lesson,
        },
        now,
    )?;
    state
        .guard
        .create_reflection(user, &r, feedback.as_ref())
        .await?;
    view(state, user, r).await
}

pub(crate) async fn change_for(
    state: &AppState,
    user: &User,
    id: &str,
    c: ReflectionChange,
) -> ApiResult<ReflectionView> {
    let mut r = state.guard.reflection(user, id).await?;
    let feedback = apply(&mut r, c, state.clock.now_for(user).timestamp())?;
    state
        .guard
        .update_reflection(user, &r, feedback.as_ref())
        .await?;
    view(state, user, r).await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReflectionList {
    /// Most recently changed first.
    pub reflections: Vec<ReflectionView>,
}

pub(crate) async fn list_for(state: &AppState, user: &User) -> ApiResult<Vec<ReflectionView>> {
    let mut out = Vec::new();
    for r in state.guard.reflections(user).await? {
        out.push(view(state, user, r).await?);
    }
    Ok(out)
}

#[utoipa::path(get, path = "/api/v1/reflections", tag = "reflections",
    responses((status = 200, description = "Your reflections (nobody else's, ever)", body = ReflectionList)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<ReflectionList>> {
    Ok(Json(ReflectionList {
        reflections: list_for(&state, &user).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/reflections", tag = "reflections",
    request_body = NewReflectionBody,
    responses((status = 201, description = "Started; the diagnosis's suggestion is kept, and any steps given are taken", body = ReflectionView),
        (status = 200, description = "You had already reflected on this mistake: that reflection is continued with what was given (`continued` is true)", body = ReflectionView),
        (status = 400, body = ErrorBody), (status = 404, description = "No such mistake of yours", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewReflectionBody>,
) -> ApiResult<(StatusCode, Json<ReflectionView>)> {
    let v = create_for(&state, &user, b).await?;
    let status = if v.continued {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(v)))
}

#[utoipa::path(get, path = "/api/v1/reflections/{id}", tag = "reflections",
    params(("id" = String, Path, description = "Reflection id")),
    responses((status = 200, body = ReflectionView), (status = 404, description = "No such reflection of yours", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<ReflectionView>> {
    Ok(Json(get_for(&state, &user, &id).await?))
}

/// The id of `user`'s reflection on their mistake `mistake`, if started:
/// where reflecting on it again goes.
pub(crate) async fn started_on(
    state: &AppState,
    user: &User,
    mistake: &rebound_domain::MistakeId,
) -> ApiResult<Option<ReflectionId>> {
    Ok(state
        .guard
        .reflection_on(user, mistake)
        .await?
        .map(|r| r.id))
}

/// One of `user`'s reflections, as it reads with its prompts.
pub(crate) async fn get_for(state: &AppState, user: &User, id: &str) -> ApiResult<ReflectionView> {
    let r = state.guard.reflection(user, id).await?;
    view(state, user, r).await
}

#[utoipa::path(put, path = "/api/v1/reflections/{id}", tag = "reflections",
    params(("id" = String, Path, description = "Reflection id")),
    request_body = ReflectionChange,
    responses((status = 200, body = ReflectionView), (status = 400, body = ErrorBody),
        (status = 404, description = "No such reflection of yours", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(c): Json<ReflectionChange>,
) -> ApiResult<Json<ReflectionView>> {
    Ok(Json(change_for(&state, &user, &id, c).await?))
}

#[utoipa::path(delete, path = "/api/v1/reflections/{id}", tag = "reflections",
    params(("id" = String, Path, description = "Reflection id")),
    responses((status = 204, description = "Deleted, with your label for its diagnosis; principles drawn from it stay"),
        (status = 404, description = "No such reflection of yours", body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.guard.delete_reflection(&user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
