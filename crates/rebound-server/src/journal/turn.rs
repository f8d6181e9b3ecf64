//! An answer made into a reflection or a principle in one step, through
//! the same operations as writing either from scratch, so every rule and
//! message is theirs (a reflection's subject, "I will not …", a principle
//! close to one already held). The entry stays in the journal.

use super::entries;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::reflections::principles::{self, NewPrincipleBody};
use crate::reflections::reflect::{self, NewReflectionBody, ReflectionView};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::User;
use rebound_domain::manual::ManualEntry;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToReflectionBody {
    /// The mistake of yours the answer is about.
    pub mistake_id: Option<String>,
    /// Or, for an older memory with no mistake in Rebound, its short title.
    pub title: Option<String>,
}

fn given(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(crate) async fn reflection_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: ToReflectionBody,
) -> ApiResult<ReflectionView> {
    let entry = state.guard.journal_entry(user, id).await?;
    let (mistake, memory_title) = (given(&b.mistake_id), given(&b.title));
    if mistake.is_none() && memory_title.is_none() {
        return Err(ApiError::unprocessable(
            "a reflection is about one of your mistakes: give its id as `mistake_id` (or, for an older memory, a short `title`)",
        ));
    }
    let body = NewReflectionBody {
        mistake,
        memory_title,
        account: entry.text,
        ..NewReflectionBody::default()
    };
    reflect::create_for(state, user, body).await
}

#[utoipa::path(post, path = "/api/v1/me/journal/{id}/reflection", tag = "journal",
    params(("id" = String, Path, description = "Journal entry id")),
    request_body = ToReflectionBody,
    responses((status = 201, description = "A reflection started from the answer (what happened, in your words); the diagnosis runs on it. The entry stays", body = ReflectionView),
        (status = 200, description = "You had already reflected on that mistake: that reflection is continued with the answer", body = ReflectionView),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No such entry or mistake of yours", body = ErrorBody),
        (status = 422, description = "No mistake_id (or title) given, or the answer is over a reflection's 5,000 characters", body = ErrorBody)))]
pub async fn reflection(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<ToReflectionBody>,
) -> ApiResult<(StatusCode, Json<ReflectionView>)> {
    let v = reflection_for(&state, &user, &id, b).await?;
    let status = if v.continued {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(v)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToPrincipleBody {
    /// "I will not …", followed by the specific behaviour. Left out, the
    /// answer's own line in that shape is taken.
    pub text: Option<String>,
    /// Add it even though it is close to one of your active principles.
    #[serde(default)]
    pub add_anyway: bool,
}

pub(crate) async fn principle_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: ToPrincipleBody,
) -> ApiResult<ManualEntry> {
    let entry = entries::get_for(state, user, id).await?;
    let text = match (given(&b.text), entry.principle_wording) {
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => {
            return Err(ApiError::unprocessable(
                "write the principle in `text`: \"I will not\", followed by the specific behaviour (this answer has no line in that shape to take)",
            ));
        }
    };
    let body = NewPrincipleBody {
        text,
        reflection: None,
        add_anyway: b.add_anyway,
    };
    principles::create_for(state, user, body).await
}

#[utoipa::path(post, path = "/api/v1/me/journal/{id}/principle", tag = "journal",
    params(("id" = String, Path, description = "Journal entry id")),
    request_body = ToPrincipleBody,
    responses((status = 201, description = "Added to your Operating Manual, with the lesson check on its wording. The entry stays", body = ManualEntry),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No such entry of yours", body = ErrorBody),
        (status = 409, description = "You already have this principle, or one close to it (send add_anyway to add a close one)", body = ErrorBody),
        (status = 422, description = "No wording given and none in the answer, or a wording that is not \"I will not …\"", body = ErrorBody)))]
pub async fn principle(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<ToPrincipleBody>,
) -> ApiResult<(StatusCode, Json<ManualEntry>)> {
    Ok((
        StatusCode::CREATED,
        Json(principle_for(&state, &user, &id, b).await?),
    ))
}
