//! The labels people gave the diagnosis, exported as JSON lines for
//! retraining. Private to their owner.

use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rebound_domain::User;
use serde_json::json;

/// One JSON object per line, in the corpus's shape (`text`, `trap`,
/// `failure_type` — the person's choice), plus what was suggested.
pub(crate) async fn feedback_lines(state: &AppState, user: &User) -> ApiResult<String> {
    let mut out = String::new();
    for f in state.guard.diagnosis_feedback(user).await? {
        let line = json!({
            "id": format!("fb-{}", f.reflection),
            "trap": f.chosen_trap,
            "failure_type": f.chosen_failure_type,
            "text": f.text,
            "suggested_trap": f.suggested_trap,
            "suggested_failure_type": f.suggested_failure_type,
            "corrected": f.corrected(),
            "at": f.at,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Ok(out)
}

#[utoipa::path(get, path = "/api/v1/me/diagnosis-feedback", tag = "reflections",
    responses((status = 200, description = "Your labels for the diagnosis as JSON lines, one per reflection: text, chosen trap and failure_type, the suggestion, whether you corrected it", content_type = "application/x-ndjson", body = String)))]
pub async fn feedback(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Response> {
    let body = feedback_lines(&state, &user).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"diagnosis-feedback.jsonl\"",
            ),
        ],
        body,
    )
        .into_response())
}
