//! Classifying a text for the UI (no storage): the diagnosis (trap and
//! failure type, with the cues behind it) and the lesson check; and the
//! guide to the traps and failure types.

use super::{check_lesson, diagnose_text, suggestion, verdict};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use rebound_domain::{FailureType, LessonVerdict, Trap};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBody {
    pub text: String,
}

/// What the auto-diagnosis makes of a text.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiagnosisView {
    pub trap: Trap,
    pub failure_type: FailureType,
    /// 0 to 1: the weaker of the two.
    pub confidence: f32,
    pub trap_confidence: f32,
    pub failure_type_confidence: f32,
    /// The words and phrases that drove it.
    pub cues: Vec<String>,
    /// Too unsure to suggest: ask the person to choose.
    pub unsure: bool,
}

/// What the lesson check makes of a lesson.
#[derive(Debug, Serialize, ToSchema)]
pub struct LessonCheckView {
    pub verdict: LessonVerdict,
    pub confidence: f32,
    /// Why: the telltale phrases, or in general.
    pub reasons: Vec<String>,
    /// A cautious or vague lesson should be rewritten.
    pub needs_rewrite: bool,
    /// What to say beside the verdict.
    pub prompt: String,
}

pub(crate) const MAX_CLASSIFY: usize = 5000;

fn classify_text(text: &str) -> ApiResult<&str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ApiError::unprocessable("the text cannot be empty"));
    }
    if t.chars().count() > MAX_CLASSIFY {
        return Err(ApiError::unprocessable(format!(
            "the text is too long (at most {MAX_CLASSIFY} characters)"
        )));
    }
    Ok(t)
}

pub(crate) fn diagnosis_view(text: &str) -> ApiResult<DiagnosisView> {
    let d = diagnose_text(classify_text(text)?);
    let s = suggestion(&d).ok_or_else(ApiError::internal)?;
    Ok(DiagnosisView {
        trap: s.trap,
        failure_type: s.failure_type,
        confidence: d.confidence,
        trap_confidence: d.trap_confidence,
        failure_type_confidence: d.failure_type_confidence,
        cues: d.cues,
        unsure: d.unsure,
    })
}

pub(crate) fn lesson_view(text: &str) -> ApiResult<LessonCheckView> {
    let c = check_lesson(classify_text(text)?);
    let v = verdict(&c);
    Ok(LessonCheckView {
        verdict: v,
        confidence: c.confidence,
        reasons: c.reasons,
        needs_rewrite: v.needs_rewrite(),
        prompt: v.prompt().to_string(),
    })
}

#[utoipa::path(post, path = "/api/v1/diagnose", tag = "reflections",
    request_body = TextBody,
    responses((status = 200, description = "The suggested trap and failure type, how sure, and the words that drove it; nothing is stored", body = DiagnosisView),
        (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn diagnose(
    CurrentUser(_user): CurrentUser,
    Json(b): Json<TextBody>,
) -> ApiResult<Json<DiagnosisView>> {
    Ok(Json(diagnosis_view(&b.text)?))
}

#[utoipa::path(post, path = "/api/v1/lesson-check", tag = "reflections",
    request_body = TextBody,
    responses((status = 200, description = "Careful, cautious or vague, and why; nothing is stored", body = LessonCheckView),
        (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn lesson_check(
    CurrentUser(_user): CurrentUser,
    Json(b): Json<TextBody>,
) -> ApiResult<Json<LessonCheckView>> {
    Ok(Json(lesson_view(&b.text)?))
}

/// One trap or failure type, explained.
#[derive(Debug, Serialize, ToSchema)]
pub struct GuideEntry {
    /// The value to send: judgment, courage, …
    pub name: String,
    pub title: String,
    pub explanation: String,
    pub example: String,
    /// For failure types: the correction that fits.
    pub correction: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Guide {
    pub traps: Vec<GuideEntry>,
    pub failure_types: Vec<GuideEntry>,
}

pub(crate) fn guide_body() -> Guide {
    Guide {
        traps: Trap::ALL
            .iter()
            .map(|t| GuideEntry {
                name: t.as_str().into(),
                title: t.title().into(),
                explanation: t.explanation().into(),
                example: t.example().into(),
                correction: None,
            })
            .collect(),
        failure_types: FailureType::ALL
            .iter()
            .map(|f| GuideEntry {
                name: f.as_str().into(),
                title: f.title().into(),
                explanation: f.explanation().into(),
                example: f.example().into(),
                correction: Some(f.correction().into()),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/reflection-guide", tag = "reflections",
    responses((status = 200, description = "The four traps and four failure types, each explained with an example; failure types with their correction", body = Guide)))]
pub async fn guide(CurrentUser(_user): CurrentUser) -> Json<Guide> {
    Json(guide_body())
}
