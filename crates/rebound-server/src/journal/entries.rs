//! The journal's entries: list (and search), write, read, edit, delete.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use rebound_domain::User;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::{self, JournalEntry};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

// The document states the limit as a literal; keep it the enforced one.
const _: () = assert!(
    journal::MAX_QUERY_CHARS == 200,
    "update JournalQuery's max_length"
);

/// An entry with what is offered beside it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryView {
    #[serde(flatten)]
    pub entry: JournalEntry,
    /// The principle this answer already states ("I will not …" on a line
    /// of its own), offered as the wording when it becomes one.
    pub principle_wording: Option<String>,
}

impl From<JournalEntry> for EntryView {
    fn from(entry: JournalEntry) -> Self {
        EntryView {
            principle_wording: entry.principle_wording(),
            entry,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryList {
    /// Newest first.
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// Words that must all appear (any case) in the entry or the prompt it
    /// answers. Blank or left out lists everything.
    #[param(max_length = 200)]
    pub q: Option<String>,
}

pub(crate) async fn list_for(
    state: &AppState,
    user: &User,
    q: Option<&str>,
) -> ApiResult<Vec<EntryView>> {
    let q = journal::search_query(q)?;
    let found = state.guard.journal_entries(user, q.as_deref()).await?;
    Ok(found.into_iter().map(EntryView::from).collect())
}

#[utoipa::path(get, path = "/api/v1/me/journal", tag = "journal", params(JournalQuery),
    responses((status = 200, description = "Your journal (nobody else's, ever), newest first; with q, the entries holding every word, which may be none", body = EntryList),
        (status = 400, body = ErrorBody),
        (status = 422, description = "The search is over 200 characters or holds a character no one-line text may hold", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<JournalQuery>,
) -> ApiResult<Json<EntryList>> {
    Ok(Json(EntryList {
        entries: list_for(&state, &user, q.q.as_deref()).await?,
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEntryBody {
    /// Your answer, or anything you want to keep. Several lines are fine.
    pub text: String,
    /// The prompt it answers: `today` (in your time zone), or an earlier
    /// day as `2026-12-11` (a weekend day is Friday's prompt). Leave it
    /// out for a free entry.
    #[schema(example = "today")]
    pub prompt_date: Option<String>,
}

/// What `prompt_date` names, in `today`'s terms: `None` for a free entry.
fn prompt_day(asked: Option<&str>, today: Date) -> ApiResult<Option<Date>> {
    match asked.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("today") => Ok(Some(today)),
        Some(t) => match t.parse::<Date>() {
            Ok(d) if t.len() == 10 => Ok(Some(d)),
            _ => Err(ApiError::unprocessable(
                "`prompt_date` must be \"today\" or a date such as 2026-12-11",
            )),
        },
    }
}

pub(crate) async fn create_for(
    state: &AppState,
    user: &User,
    b: NewEntryBody,
) -> ApiResult<EntryView> {
    let now = state.clock.now_for(user);
    let prompt = match prompt_day(b.prompt_date.as_deref(), now.date())? {
        Some(day) => Some(journal::answerable(Some(day), now.date())?),
        None => None,
    };
    let e = JournalEntry::new(
        JournalEntryId::from_random(crate::random::bytes5()?),
        Some(user.id.clone()),
        &b.text,
        prompt,
        now.timestamp(),
    )?;
    state.guard.create_journal_entry(user, &e).await?;
    Ok(e.into())
}

#[utoipa::path(post, path = "/api/v1/me/journal", tag = "journal",
    request_body = NewEntryBody,
    responses((status = 201, description = "Kept in your journal, private to you", body = EntryView),
        (status = 400, body = ErrorBody),
        (status = 422, description = "Blank, over 10,000 characters, a control character, or a prompt_date that is not today or earlier", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewEntryBody>,
) -> ApiResult<(StatusCode, Json<EntryView>)> {
    Ok((
        StatusCode::CREATED,
        Json(create_for(&state, &user, b).await?),
    ))
}

pub(crate) async fn get_for(state: &AppState, user: &User, id: &str) -> ApiResult<EntryView> {
    Ok(state.guard.journal_entry(user, id).await?.into())
}

#[utoipa::path(get, path = "/api/v1/me/journal/{id}", tag = "journal",
    params(("id" = String, Path, description = "Journal entry id")),
    responses((status = 200, body = EntryView), (status = 404, description = "No such entry of yours", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<EntryView>> {
    Ok(Json(get_for(&state, &user, &id).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryChange {
    /// The new text; the prompt it answers stays.
    pub text: String,
}

pub(crate) async fn change_for(
    state: &AppState,
    user: &User,
    id: &str,
    b: EntryChange,
) -> ApiResult<EntryView> {
    let mut e = state.guard.journal_entry(user, id).await?;
    e.edit(&b.text, state.clock.now_for(user).timestamp())?;
    state.guard.update_journal_entry(user, &e).await?;
    Ok(e.into())
}

#[utoipa::path(put, path = "/api/v1/me/journal/{id}", tag = "journal",
    params(("id" = String, Path, description = "Journal entry id")),
    request_body = EntryChange,
    responses((status = 200, body = EntryView), (status = 400, body = ErrorBody),
        (status = 404, description = "No such entry of yours", body = ErrorBody),
        (status = 422, description = "Blank, over 10,000 characters or a control character; nothing changed", body = ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Json(b): Json<EntryChange>,
) -> ApiResult<Json<EntryView>> {
    Ok(Json(change_for(&state, &user, &id, b).await?))
}

pub(crate) async fn delete_for(state: &AppState, user: &User, id: &str) -> ApiResult<()> {
    state.guard.delete_journal_entry(user, id).await
}

#[utoipa::path(delete, path = "/api/v1/me/journal/{id}", tag = "journal",
    params(("id" = String, Path, description = "Journal entry id")),
    responses((status = 204, description = "Deleted; a reflection or principle made from it stays"),
        (status = 404, description = "No such entry of yours", body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    delete_for(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
