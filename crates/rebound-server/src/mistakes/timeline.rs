//! Timeline entries: add, edit (text, time, star) and remove. An edit
//! keeps the earlier wording and a removal keeps the entry, marked.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::{ms, past_or_now};
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use rebound_domain::{EntryEdit, User};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    pub text: String,
    /// When it happened; default now. Not in the future.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub at: Option<Timestamp>,
    #[serde(default)]
    pub starred: bool,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/timeline", tag = "timeline",
    params(("id" = String, Path, description = "Mistake id")), request_body = EntryBody,
    responses((status = 201, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<EntryBody>,
) -> ApiResult<(StatusCode, Tagged<MistakeView>)> {
    let view = add_entry(&state, &user, &id, &expect, b).await?;
    Ok((StatusCode::CREATED, Tagged(view.mistake.version, view)))
}

/// Adds an entry to the timeline (now, unless it says when).
pub async fn add_entry(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: EntryBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Addition, expect), |m, now| {
        let at = past_or_now(b.at, now, "a timeline entry")?;
        Ok(vec![m.add_timeline_entry(at, &b.text, b.starred, now)?])
    })
    .await
}

/// What to change on one entry; what is left out stays as it is. A new
/// text or time keeps the earlier one on the record (`earlier`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryPatch {
    pub text: Option<String>,
    /// When it happened. Not in the future.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub at: Option<Timestamp>,
    pub starred: Option<bool>,
}

#[utoipa::path(patch, path = "/api/v1/mistakes/{id}/timeline/{entry}", tag = "timeline",
    params(("id" = String, Path, description = "Mistake id"), ("entry" = i64, Path, description = "Entry id")),
    request_body = EntryPatch,
    responses((status = 200, body = MistakeView),
        (status = 404, description = "No such mistake, or no such entry on it", body = ErrorBody),
        (status = 409, description = "The entry was removed: it takes no more changes", body = ErrorBody),
        (status = 422, description = "Nothing to change, an empty text or a time in the future", body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, entry)): Path<(String, i64)>,
    IfMatch(expect): IfMatch,
    Json(b): Json<EntryPatch>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = edit_entry(&state, &user, &id, entry, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Corrects an entry's text or time (the earlier ones are kept) and stars
/// or unstars it.
pub async fn edit_entry(
    state: &AppState,
    user: &User,
    id: &str,
    entry: i64,
    expect: &Expect,
    b: EntryPatch,
) -> ApiResult<MistakeView> {
    // It changes one entry from what the fresh read holds, so a lost race
    // is applied again (an entry removed meanwhile is then refused); the
    // same star again is no error and records nothing.
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Addition, expect), |m, now| {
        let edit = EntryEdit {
            text: b.text.clone(),
            at: b.at.map(ms),
            starred: b.starred,
        };
        Ok(m.edit_entry(entry, edit, now)?)
    })
    .await
}

#[utoipa::path(delete, path = "/api/v1/mistakes/{id}/timeline/{entry}", tag = "timeline",
    params(("id" = String, Path, description = "Mistake id"), ("entry" = i64, Path, description = "Entry id")),
    responses((status = 200, description = "Marked removed: it stays on the record, struck, and leaves the write-up", body = MistakeView),
        (status = 404, description = "No such mistake, or no such entry on it", body = ErrorBody),
        (status = 409, description = "The entry was already removed", body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, entry)): Path<(String, i64)>,
    IfMatch(expect): IfMatch,
) -> ApiResult<Tagged<MistakeView>> {
    let view = remove_entry(&state, &user, &id, entry, &expect).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Takes an entry off the timeline; it stays on the record, marked removed.
pub async fn remove_entry(
    state: &AppState,
    user: &User,
    id: &str,
    entry: i64,
    expect: &Expect,
) -> ApiResult<MistakeView> {
    let how = (Part::Record, Action::Change);
    change(state, user, id, how, (Kind::Addition, expect), |m, now| {
        Ok(vec![m.remove_entry(entry, now)?])
    })
    .await
}
