//! Diagnose and learn: the guided reflection, the classifiers behind it
//! (auto-diagnosis and the lesson check, from `rebound-learn`), principles
//! and the Operating Manual, wins and the self-care plan, and the labels
//! people give the diagnosis. All of it is private to its owner: every
//! handler goes through the guard's personal-record door
//! (`guard/reflections.rs`), which answers anyone else with a 404.
//!
//! Each endpoint's work is a plain function over `(&AppState, &User, …)`
//! that the web pages call too; the axum handlers are thin wrappers.

pub(crate) mod diagnose;
pub(crate) mod feedback;
pub(crate) mod principles;
pub(crate) mod reflect;
pub(crate) mod returns;
pub(crate) mod showing_up;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::http::StatusCode;
use rebound_domain::{
    FailureType, LessonVerdict, Mistake, PrincipleCheck, ReflectionError, Suggestion, Trap, User,
};
use rebound_learn::{Diagnoser, Diagnosis, LessonCheck, LessonChecker};
use std::sync::OnceLock;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(diagnose::diagnose))
        .routes(routes!(diagnose::lesson_check))
        .routes(routes!(diagnose::guide))
        .routes(routes!(reflect::list, reflect::create))
        .routes(routes!(reflect::get, reflect::change, reflect::delete))
        .routes(routes!(principles::list, principles::create))
        .routes(routes!(principles::get))
        .routes(routes!(principles::history))
        .routes(routes!(principles::revise))
        .routes(routes!(principles::retire))
        .routes(routes!(principles::manual))
        .routes(routes!(returns::due))
        .routes(routes!(returns::review_principle))
        .routes(routes!(returns::review_lesson))
        .routes(routes!(showing_up::wins, showing_up::add_win))
        .routes(routes!(showing_up::self_care, showing_up::set_self_care))
        .routes(routes!(feedback::feedback))
}

/// The code of a refusal because a near principle exists: the pages offer
/// "add it anyway" on it.
pub(crate) const NEAR_PRINCIPLE: &str = "near_principle";

impl From<ReflectionError> for ApiError {
    fn from(e: ReflectionError) -> Self {
        match e {
            ReflectionError::SamePrinciple(_) => {
                ApiError::new(StatusCode::CONFLICT, "same_principle", e.to_string())
            }
            ReflectionError::NearPrinciple { .. } => {
                ApiError::new(StatusCode::CONFLICT, NEAR_PRINCIPLE, e.to_string())
            }
            _ => ApiError::unprocessable(e.to_string()),
        }
    }
}

/// One of `user`'s own mistakes, to reflect on or tie a win or the
/// self-care plan to; anyone else's, or none, is a 404.
pub(crate) async fn own_mistake(state: &AppState, user: &User, id: &str) -> ApiResult<Mistake> {
    state.guard.own_mistake(user, id).await
}

/// The embedded models, loaded once per process.
fn diagnoser() -> &'static Diagnoser {
    static D: OnceLock<Diagnoser> = OnceLock::new();
    D.get_or_init(Diagnoser::embedded)
}

fn lesson_checker() -> &'static LessonChecker {
    static L: OnceLock<LessonChecker> = OnceLock::new();
    L.get_or_init(LessonChecker::embedded)
}

pub(crate) fn diagnose_text(text: &str) -> Diagnosis {
    diagnoser().diagnose(text)
}

pub(crate) fn check_lesson(text: &str) -> LessonCheck {
    lesson_checker().check(text)
}

/// The diagnosis as the domain keeps it.
pub(crate) fn suggestion(d: &Diagnosis) -> Option<Suggestion> {
    Some(Suggestion {
        trap: d.trap.parse::<Trap>().ok()?,
        failure_type: d.failure_type.parse::<FailureType>().ok()?,
        confidence: d.confidence,
        cues: d.cues.clone(),
        unsure: d.unsure,
    })
}

pub(crate) fn verdict(c: &LessonCheck) -> LessonVerdict {
    c.verdict.parse().unwrap_or(LessonVerdict::Vague)
}

/// The lesson check on a principle's wording: careful when it rules out one
/// behaviour, flagged when it rules out the work itself or says nothing
/// checkable.
pub(crate) fn principle_check(text: &str) -> PrincipleCheck {
    let c = check_lesson(text);
    PrincipleCheck::new(verdict(&c), c.reasons)
}
