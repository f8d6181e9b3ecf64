//! Playbooks: the built-in ones (the domain's, compiled in) and the
//! organisation's own (stored; `write.rs`: admins add, edit and retire
//! them, every version kept). Anyone signed in reads them all: the list
//! (and a search over it) and one playbook with its related ones, both
//! from one index over built-ins and the organisation's together, built
//! for the request from what is stored (`library`). They are the same for
//! everyone, so reading asks no guard relation and records no audit event.

pub(crate) mod write;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::precondition::etag;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::ETAG;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use rebound_domain::User;
use rebound_domain::playbook::{Kind, Library, MAX_QUERY_CHARS, Playbook, org::Draft};
use rebound_store::OrgPlaybook;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, write::create))
        .routes(routes!(get, write::edit, write::retire))
        .routes(routes!(write::revisions))
}

// The document states the limit as a literal; keep it the enforced one.
const _: () = assert!(MAX_QUERY_CHARS == 200, "update PlaybookQuery's max_length");

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaybookQuery {
    /// Words to search for; the best matches first. Leave out for all.
    #[param(min_length = 1, max_length = 200)]
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookSummary {
    pub slug: String,
    pub title: String,
    /// `organisation` for the organisation's own; the others are built in.
    pub kind: Kind,
    pub summary: String,
    /// Only in a search: a line of the playbook holding one of the words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

impl PlaybookSummary {
    fn of(p: &Playbook, snippet: Option<String>) -> Self {
        PlaybookSummary {
            slug: p.slug.clone(),
            title: p.title.clone(),
            kind: p.kind,
            summary: p.summary.clone(),
            snippet,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookList {
    /// By slug, or best match first for a search; empty when nothing matches.
    pub playbooks: Vec<PlaybookSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Related {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookView {
    pub slug: String,
    pub title: String,
    pub kind: Kind,
    pub summary: String,
    /// The plan's keys it speaks to (`sign:…`, `driver:…`, `move:…`, …).
    pub about: Vec<String>,
    /// The text, as Markdown (the organisation's as its admins wrote it:
    /// sanitise it before showing it as HTML).
    pub body_markdown: String,
    /// The playbooks nearest this one by content, most similar first.
    pub related: Vec<Related>,
    /// The organisation's own only: its version (also the `ETag`), when
    /// it was last changed and by whom (absent once their account is gone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub updated_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
}

/// As a playbook among the others (its text as stored, checked when written).
pub(crate) fn as_playbook(p: &OrgPlaybook) -> Playbook {
    Draft {
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
    }
    .playbook(&p.slug)
}

/// The built-ins with the organisation's, indexed together. Rebuilt per
/// request: tens of stored playbooks index in well under a millisecond
/// (the read costs more), and a cache would have to follow writes made by
/// every server on the database. With none stored it is the static index.
pub(crate) enum Books {
    Builtin(&'static Library),
    Combined(Library, Vec<OrgPlaybook>),
}

impl std::ops::Deref for Books {
    type Target = Library;
    fn deref(&self) -> &Library {
        match self {
            Books::Builtin(l) => l,
            Books::Combined(l, _) => l,
        }
    }
}

impl Books {
    /// The stored row behind an organisation's playbook.
    pub(crate) fn stored(&self, slug: &str) -> Option<&OrgPlaybook> {
        match self {
            Books::Builtin(_) => None,
            Books::Combined(_, org) => org.iter().find(|p| p.slug == slug),
        }
    }
}

pub(crate) async fn library(state: &AppState) -> ApiResult<Books> {
    let org = state.guard.playbooks().org_playbooks().await?;
    if org.is_empty() {
        return Ok(Books::Builtin(Library::builtin()));
    }
    let lib = Library::with_org(org.iter().map(as_playbook).collect());
    Ok(Books::Combined(lib, org))
}

/// The playbooks, or those matching `q`. A blank or overlong `q` is refused.
pub(crate) async fn list_for(
    state: &AppState,
    _user: &User,
    q: &PlaybookQuery,
) -> ApiResult<PlaybookList> {
    let words = q.q.as_deref().map(search_words).transpose()?;
    let books = library(state).await?;
    let playbooks = match words {
        None => books
            .all()
            .iter()
            .map(|p| PlaybookSummary::of(p, None))
            .collect(),
        Some(words) => books
            .search(words)
            .into_iter()
            .map(|h| PlaybookSummary::of(h.playbook, Some(h.snippet)))
            .collect(),
    };
    Ok(PlaybookList { playbooks })
}

fn search_words(words: &str) -> ApiResult<&str> {
    rebound_domain::text::line("the search (q)", words)?;
    if words.trim().is_empty() {
        return Err(ApiError::unprocessable(
            "the search (q) is blank: give a word to look for, or leave q out for every playbook",
        ));
    }
    if words.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::unprocessable(format!(
            "the search (q) is longer than {MAX_QUERY_CHARS} characters: a few words will do"
        )));
    }
    if rebound_domain::playbook::nothing_to_match(words) {
        return Err(ApiError::unprocessable(format!(
            "the search (q) {}",
            rebound_domain::playbook::NOTHING_TO_MATCH
        )));
    }
    Ok(words)
}

/// 404 in words, naming close slugs.
pub(crate) fn no_such(books: &Library, slug: &str) -> ApiError {
    let close = books.close_slugs(slug);
    let hint = if close.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", close.join(", "))
    };
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no playbook is called that{hint}"),
    )
}

/// One playbook with its related ones; an unknown slug is a 404 in words.
pub(crate) async fn get_for(state: &AppState, _user: &User, slug: &str) -> ApiResult<PlaybookView> {
    let books = library(state).await?;
    let p = books.get(slug).ok_or_else(|| no_such(&books, slug))?;
    let stored = books.stored(slug);
    Ok(PlaybookView {
        slug: p.slug.clone(),
        title: p.title.clone(),
        kind: p.kind,
        summary: p.summary.clone(),
        about: p.about.clone(),
        body_markdown: p.body_markdown.clone(),
        related: books
            .related(&p.slug)
            .into_iter()
            .map(|r| Related {
                slug: r.slug.clone(),
                title: r.title.clone(),
                summary: r.summary.clone(),
            })
            .collect(),
        version: stored.map(|s| s.version),
        updated_at: stored.map(|s| s.updated_at),
        updated_by: stored.and_then(|s| s.updated_by.as_ref().map(|a| a.name.clone())),
    })
}

#[utoipa::path(get, path = "/api/v1/playbooks", tag = "playbooks", params(PlaybookQuery),
    responses((status = 200, description = "The built-in playbooks and the organisation's, or those matching q (empty when none does)", body = PlaybookList),
        (status = 401, body = ErrorBody),
        (status = 422, description = "The search is blank, too long, has nothing to match (only punctuation or words as common as \"the\"), or holds a character no text may hold", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<PlaybookQuery>,
) -> ApiResult<Json<PlaybookList>> {
    Ok(Json(list_for(&state, &user, &q).await?))
}

#[utoipa::path(get, path = "/api/v1/playbooks/{slug}", tag = "playbooks",
    params(("slug" = String, Path, description = "The playbook's slug, e.g. credibility-dip", max_length = 100)),
    responses((status = 200, description = "The playbook, its text as Markdown, and the nearest ones; an organisation's carries its version as the ETag", body = PlaybookView),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No playbook has that slug", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let view = get_for(&state, &user, &slug).await?;
    let version = view.version;
    let mut response = Json(view).into_response();
    if let Some(v) = version {
        response.headers_mut().insert(ETAG, etag(v));
    }
    Ok(response)
}
