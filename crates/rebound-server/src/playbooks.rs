//! The built-in playbooks, read only: the list (and a search over it) and
//! one playbook with its related ones. They are the same for everyone
//! signed in, so there is no guard relation to ask and nothing personal to
//! audit; the domain holds them (`rebound_domain::playbook`).

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_domain::User;
use rebound_domain::playbook::{self, Kind, MAX_QUERY_CHARS, Playbook};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
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
    /// The text, as Markdown.
    pub body_markdown: String,
    /// The playbooks nearest this one by content, most similar first.
    pub related: Vec<Related>,
}

/// The playbooks, or those matching `q`. A blank or overlong `q` is refused.
pub(crate) async fn list_for(
    _state: &AppState,
    _user: &User,
    q: &PlaybookQuery,
) -> ApiResult<PlaybookList> {
    let playbooks = match &q.q {
        None => playbook::all()
            .iter()
            .map(|p| PlaybookSummary::of(p, None))
            .collect(),
        Some(words) => playbook::search(search_words(words)?)
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
    Ok(words)
}

/// One playbook with its related ones; an unknown slug is a 404 in words.
pub(crate) async fn get_for(
    _state: &AppState,
    _user: &User,
    slug: &str,
) -> ApiResult<PlaybookView> {
    let Some(p) = playbook::get(slug) else {
        let close = playbook::close_slugs(slug);
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", close.join(", "))
        };
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no playbook is called that{hint}"),
        ));
    };
    Ok(PlaybookView {
        slug: p.slug.clone(),
        title: p.title.clone(),
        kind: p.kind,
        summary: p.summary.clone(),
        about: p.about.clone(),
        body_markdown: p.body_markdown.clone(),
        related: playbook::related(&p.slug)
            .into_iter()
            .map(|r| Related {
                slug: r.slug.clone(),
                title: r.title.clone(),
                summary: r.summary.clone(),
            })
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/playbooks", tag = "playbooks", params(PlaybookQuery),
    responses((status = 200, description = "The built-in playbooks, or those matching q (empty when none does)", body = PlaybookList),
        (status = 401, body = ErrorBody),
        (status = 422, description = "The search is blank, too long, or holds a character no text may hold", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<PlaybookQuery>,
) -> ApiResult<Json<PlaybookList>> {
    Ok(Json(list_for(&state, &user, &q).await?))
}

#[utoipa::path(get, path = "/api/v1/playbooks/{slug}", tag = "playbooks",
    params(("slug" = String, Path, description = "The playbook's slug, e.g. credibility-dip", max_length = 100)),
    responses((status = 200, description = "The playbook, its text as Markdown, and the nearest ones", body = PlaybookView),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No playbook has that slug", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> ApiResult<Json<PlaybookView>> {
    Ok(Json(get_for(&state, &user, &slug).await?))
}
