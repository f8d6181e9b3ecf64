//! A prompt a day and the private journal (issue 19): today's prompt in
//! the person's own calendar, and their answers — or free entries —
//! listed, searched, edited, deleted, and turned into a reflection or a
//! principle in one step. The journal is its owner's alone, through the
//! personal-records door (`guard/journal.rs`): anyone else, manager and
//! admin included, gets a 404.
//!
//! Each action is a plain function over `(&AppState, &User, …)`, called by
//! the JSON handlers here and by the web pages alike.

pub(crate) mod entries;
pub(crate) mod turn;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use jiff::civil::Date;
use rebound_domain::User;
use rebound_domain::journal::JournalError;
use rebound_domain::prompt::Prompt;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(prompt))
        .routes(routes!(entries::list, entries::create))
        .routes(routes!(entries::get, entries::change, entries::delete))
        .routes(routes!(turn::reflection))
        .routes(routes!(turn::principle))
}

impl From<JournalError> for ApiError {
    fn from(e: JournalError) -> Self {
        match e {
            JournalError::NoPrompts => ApiError::internal(),
            _ => ApiError::unprocessable(e.to_string()),
        }
    }
}

/// Today's prompt, as everyone gets it that day.
#[derive(Debug, Serialize, ToSchema)]
pub struct PromptView {
    #[serde(flatten)]
    pub prompt: Prompt,
    /// Your date now, in your time zone. On a Saturday or Sunday it is
    /// after `date`: Friday's prompt stays through the weekend.
    #[schema(value_type = String, example = "2026-12-12")]
    pub today: Date,
}

/// The person's date now, in their own time zone.
pub(crate) fn today_of(state: &AppState, user: &User) -> Date {
    state.clock.now_for(user).date()
}

pub(crate) fn prompt_for(state: &AppState, user: &User) -> ApiResult<PromptView> {
    let today = today_of(state, user);
    let prompt = rebound_domain::prompt::prompt_for(today).ok_or(JournalError::NoPrompts)?;
    Ok(PromptView { prompt, today })
}

#[utoipa::path(get, path = "/api/v1/me/prompt", tag = "journal",
    responses((status = 200, description = "Today's prompt in your time zone (a weekend keeps Friday's): its text, the week's theme, the week (1 to 52) and the day it is for. The same for everyone that day; answering is never required", body = PromptView)))]
pub async fn prompt(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<PromptView>> {
    Ok(Json(prompt_for(&state, &user)?))
}
