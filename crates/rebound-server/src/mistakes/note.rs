//! PUT /api/v1/mistakes/{id}/note: the whole follow-up note.

use super::change;
use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use rebound_domain::{FollowUpNote, User};

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/note", tag = "note",
    params(("id" = String, Path, description = "Mistake id")), request_body = FollowUpNote,
    responses((status = 200, description = "Saved; the 30-minute clock stops the first time every section is filled", body = MistakeView),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(note): Json<FollowUpNote>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = save_note(&state, &user, &id, &expect, note).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Saves the whole follow-up note.
pub async fn save_note(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    mut note: FollowUpNote,
) -> ApiResult<MistakeView> {
    // Blank text counts as empty, as it does from the CLI.
    use rebound_domain::note::clean;
    let tidy = |v: &mut Option<String>| *v = v.as_deref().and_then(clean);
    tidy(&mut note.impact.who);
    tidy(&mut note.impact.how_many);
    tidy(&mut note.impact.what_wrong);
    tidy(&mut note.containment);
    tidy(&mut note.fix);
    tidy(&mut note.owner);
    note.impact.since = note.impact.since.map(crate::clock::ms);
    note.fix_due = note.fix_due.map(crate::clock::ms);
    let how = (Part::Note, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        m.set_note(note.clone(), now)?;
        Ok(Vec::new())
    })
    .await
}
