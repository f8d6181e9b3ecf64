//! GET a mistake, the list of mistakes I can see, and exports.

use crate::auth::CurrentUser;
use crate::auth::current::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::guard::Granted;
use crate::json::Json;
use crate::json::{Path, Query};
use crate::precondition::Tagged;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::{self, MistakeView, into_view, view};
use rebound_domain::{Mistake, User};
use rebound_store::ListFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Include closed mistakes.
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MistakeList {
    pub mistakes: Vec<MistakeView>,
    /// The name of each owner of a listed mistake but you, so a list can
    /// say whose a row is.
    pub owners: Vec<OwnerName>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OwnerName {
    #[schema(value_type = String)]
    pub id: rebound_domain::UserId,
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/mistakes", tag = "mistakes", params(ListQuery),
    responses((status = 200, description = "Mistakes you may read, most recently detected first", body = MistakeList),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<MistakeList>> {
    let filter = if q.all {
        ListFilter::All
    } else {
        ListFilter::Open
    };
    let now = state.clock.now_for(&user);
    let listed = visible(&state, &user, filter).await?;
    // Only people whose mistake the asker may read: the policy chose the list.
    let mut owners: Vec<OwnerName> = Vec::new();
    for id in listed.iter().filter_map(|m| m.owner.as_ref()) {
        if *id != user.id && !owners.iter().any(|o| o.id == *id) {
            let person = state.guard.person(id).await?;
            owners.push(OwnerName {
                id: id.clone(),
                name: person.display_name.to_string(),
            });
        }
    }
    let mistakes = listed.iter().map(|m| view(m, &now)).collect();
    Ok(Json(MistakeList { mistakes, owners }))
}

/// The mistakes `user` may read, most recently detected first.
pub async fn visible(state: &AppState, user: &User, filter: ListFilter) -> ApiResult<Vec<Mistake>> {
    state.guard.list(user, filter).await
}

/// Opens mistake `id` for `user` to read: the grant a page reads every
/// section through (each part asks the policy again).
pub async fn open(state: &AppState, user: &User, id: &str) -> ApiResult<Granted> {
    state.guard.open(user, id, Part::Record, Action::Read).await
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}", tag = "mistakes",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, body = MistakeView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Tagged<MistakeView>> {
    let (user, granted) = caller.open(&state, &id, Part::Record, Action::Read).await?;
    let m = granted.into_mistake();
    Ok(Tagged(m.version, into_view(m, &state.clock.now_for(&user))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// markdown (default), email, html (one standalone, sanitised document),
    /// chat (a short Slack `mrkdwn` message) or json
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/export", tag = "mistakes",
    params(("id" = String, Path, description = "Mistake id"), ExportQuery),
    responses((status = 200, description = "The follow-up note: Markdown, plain-text email or a Slack message (text/plain), a standalone HTML document, or the JSON record", content((String = "text/markdown"), (String = "text/plain"), (String = "text/html"), (MistakeView = "application/json"))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    let (user, granted) = caller.open(&state, &id, Part::Record, Action::Read).await?;
    exported(
        &*granted.whole().await?,
        &state.clock.now_for(&user),
        q.format.as_deref(),
    )
}

/// Mistake `id`, if `user` may read it, as the export `format` asks.
pub async fn export_for(
    state: &AppState,
    user: &User,
    id: &str,
    format: Option<&str>,
) -> ApiResult<Response> {
    let granted = open(state, user, id).await?;
    exported(&*granted.whole().await?, &state.clock.now_for(user), format)
}

/// `m` (read whole: an export holds every update), as the export `format` asks (Markdown when none is named), at
/// `now` in its reader's time zone.
pub fn exported(m: &Mistake, now: &Zoned, format: Option<&str>) -> ApiResult<Response> {
    let format = format.unwrap_or("markdown").to_ascii_lowercase();
    let text =
        |ct: &'static str, body: String| ([(header::CONTENT_TYPE, ct)], body).into_response();
    match format.as_str() {
        "markdown" | "md" => Ok(text(
            "text/markdown; charset=utf-8",
            export::markdown(m, now),
        )),
        "email" | "text" => Ok(text(
            "text/plain; charset=utf-8",
            export::email(m, now).to_string(),
        )),
        "html" => Ok((
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_SECURITY_POLICY, html_export_csp()),
            ],
            html_export(m, now),
        )
            .into_response()),
        "chat" | "slack" => Ok(text("text/plain; charset=utf-8", export::chat(m, now))),
        "json" => Ok(Json(view(m, now)).into_response()),
        other => Err(ApiError::invalid(format!(
            "there is no export format '{other}': choose markdown, email, html, chat or json"
        ))),
    }
}

/// The policy an HTML export is served under: the pages' policy forbids
/// inline style, which left the document unstyled when opened from its
/// address; this one allows exactly its own style block, by hash, and
/// nothing else (no script, no fetch, no form).
pub fn html_export_csp() -> &'static str {
    static CSP: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        use base64::Engine;
        use sha2::Digest;
        let hash = sha2::Sha256::digest(export::HTML_STYLE.as_bytes());
        let hash = base64::engine::general_purpose::STANDARD.encode(hash);
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; \
             form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
        )
    });
    &CSP
}

/// The note as a standalone HTML document, people's Markdown through the
/// web pages' sanitiser (the CLI's `export --format html` uses it too).
pub fn html_export(m: &Mistake, now: &Zoned) -> String {
    export::html(m, now, &|source| {
        crate::web::markdown::render(source).into_string()
    })
}
