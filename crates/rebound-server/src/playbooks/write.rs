//! The organisation's own playbooks, written by its admins: add, edit
//! (each edit a new version; every version kept and listed), retire. A
//! member is refused with 403, as every admin-only API route answers
//! (the pages answer 404). Built-in playbooks are read-only (409 in
//! words), and no organisation's slug may take a built-in's. The Markdown
//! is stored as written and sanitised wherever it is shown as HTML
//! (`web::markdown`); a text over its limit is refused, never cut.
//! Retiring removes the playbook and its versions: it is gone from lists,
//! search and links, and its slug may be used again; the audit log keeps
//! who retired it and when. Every write is an audit event stored with it.

use super::{PlaybookView, get_for, library, no_such};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::precondition::{Expect, IfMatch, Tagged};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::access::Action;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::playbook::org::{self, Draft, OrgPlaybookError};
use rebound_domain::{Role, User};
use rebound_store::{NewPlaybook, PlaybookEdit, PlaybookEdited, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlaybookBody {
    pub title: String,
    /// One line; left out, the body's first line of prose.
    pub summary: Option<String>,
    /// Markdown. Raw HTML in it is shown as text, never as markup.
    pub body: String,
    /// Its address (`our-release-checklist`); left out, made from the title.
    pub slug: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookEditBody {
    /// Left out, kept as it is.
    pub title: Option<String>,
    /// Left out, kept as it is.
    pub summary: Option<String>,
    /// Markdown: the whole new text.
    pub body: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionView {
    /// 1 for the first; the highest is the current text.
    pub version: i64,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// Who wrote it; absent once their account is gone.
    pub author: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionList {
    pub slug: String,
    /// Newest (the current text) first.
    pub revisions: Vec<RevisionView>,
}

fn admin_only(user: &User) -> ApiResult<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only an admin can add, edit or retire the organisation's playbooks",
        ))
    }
}

impl From<OrgPlaybookError> for ApiError {
    fn from(e: OrgPlaybookError) -> Self {
        match e {
            OrgPlaybookError::Invalid(m) => ApiError::unprocessable(m),
            OrgPlaybookError::BuiltinSlug(_) => {
                ApiError::new(StatusCode::CONFLICT, "built_in", e.to_string())
            }
        }
    }
}

fn read_only(slug: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "built_in",
        format!(
            "{slug:?} is a built-in playbook: it comes with Rebound and cannot be edited or retired; add your own instead"
        ),
    )
}

fn event(state: &AppState, user: &User, slug: &str, action: Action) -> AuditEvent {
    let actor = AuditActor::User(user.id.as_str().to_owned());
    AuditEvent::playbook(state.clock.now(), actor, slug, action)
}

/// Markdown that would not show as written is refused, in words.
fn refuse_hostile(body: &str) -> ApiResult<()> {
    match crate::web::markdown::playbook_refusal(body) {
        Some(why) => Err(ApiError::unprocessable(why)),
        None => Ok(()),
    }
}

/// Adds a playbook; answers it as everyone will read it.
pub(crate) async fn create_for(
    state: &AppState,
    user: &User,
    b: NewPlaybookBody,
) -> ApiResult<PlaybookView> {
    admin_only(user)?;
    let summary = match b.summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => org::summary_from_body(&b.title, &b.body),
    };
    let draft = Draft::new(&b.title, &summary, &b.body)?;
    refuse_hostile(&draft.body)?;
    let slug = org::choose_slug(b.slug.as_deref(), &draft.title)?;
    let new = NewPlaybook {
        slug: slug.clone(),
        title: draft.title,
        summary: draft.summary,
        body: draft.body,
        author: user.id.clone(),
        at: state.clock.now(),
    };
    let sink = state.guard.audit_sink();
    let write = state.guard.playbooks().create_playbook(&new);
    match sink
        .carrying(vec![event(state, user, &slug, Action::Create)], write)
        .await
    {
        Ok(_) => get_for(state, user, &slug).await,
        Err(StoreError::AlreadyExists { .. }) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "taken",
            format!(
                "the organisation already has a playbook at {slug:?}: edit that one, or give another slug"
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

/// A new version of an organisation's playbook (over `expect`'s version).
pub(crate) async fn edit_for(
    state: &AppState,
    user: &User,
    slug: &str,
    expect: &Expect,
    b: PlaybookEditBody,
) -> ApiResult<PlaybookView> {
    admin_only(user)?;
    if rebound_domain::playbook::get(slug).is_some() {
        return Err(read_only(slug));
    }
    let playbooks = state.guard.playbooks();
    let Some(now) = playbooks.org_playbook(slug).await? else {
        return Err(no_such(&*library(state).await?, slug));
    };
    // What was sent is checked before the version: bad input is a 422
    // whatever the version says.
    let title = b.title.unwrap_or(now.title);
    let summary = b.summary.unwrap_or(now.summary);
    let draft = Draft::new(&title, &summary, &b.body)?;
    refuse_hostile(&draft.body)?;
    expect.check(now.version, "playbook")?;
    let edit = PlaybookEdit {
        title: draft.title,
        summary: draft.summary,
        body: draft.body,
        author: user.id.clone(),
        at: state.clock.now(),
        // Over the version just read: one saved meanwhile is 412 with
        // `If-Match`, and without it a 409 rather than a silent undo.
        expected: Some(now.version),
    };
    let sink = state.guard.audit_sink();
    let write = playbooks.edit_playbook(slug, &edit);
    match sink
        .carrying(vec![event(state, user, slug, Action::Change)], write)
        .await
    {
        Ok(PlaybookEdited::Saved(_)) => get_for(state, user, slug).await,
        Ok(PlaybookEdited::Stale(current)) if expect.is_set() => {
            Err(crate::precondition::stale(current, "playbook"))
        }
        Ok(PlaybookEdited::Stale(_)) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "someone else changed this playbook meanwhile; read it again and redo your change",
        )),
        Err(StoreError::RecordNotFound { .. }) => Err(no_such(&*library(state).await?, slug)),
        Err(e) => Err(e.into()),
    }
}

/// Retires (removes) an organisation's playbook with its versions.
pub(crate) async fn retire_for(state: &AppState, user: &User, slug: &str) -> ApiResult<()> {
    admin_only(user)?;
    if rebound_domain::playbook::get(slug).is_some() {
        return Err(read_only(slug));
    }
    let sink = state.guard.audit_sink();
    let write = state.guard.playbooks().delete_playbook(slug);
    if sink
        .carrying(vec![event(state, user, slug, Action::Delete)], write)
        .await?
    {
        Ok(())
    } else {
        Err(no_such(&*library(state).await?, slug))
    }
}

/// Every version of an organisation's playbook, newest first.
pub(crate) async fn revisions_for(
    state: &AppState,
    _user: &User,
    slug: &str,
) -> ApiResult<RevisionList> {
    if rebound_domain::playbook::get(slug).is_some() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "built-in playbooks keep no versions: they change only with Rebound",
        ));
    }
    let revs = state.guard.playbooks().playbook_revisions(slug).await?;
    if revs.is_empty() {
        return Err(no_such(&*library(state).await?, slug));
    }
    Ok(RevisionList {
        slug: slug.to_owned(),
        revisions: revs
            .into_iter()
            .map(|r| RevisionView {
                version: r.version,
                title: r.title,
                summary: r.summary,
                body_markdown: r.body,
                at: r.at,
                author: r.author.map(|a| a.name),
            })
            .collect(),
    })
}

fn tagged(view: PlaybookView) -> Tagged<PlaybookView> {
    Tagged(view.version.unwrap_or(1), view)
}

#[utoipa::path(post, path = "/api/v1/playbooks", tag = "playbooks", request_body = NewPlaybookBody,
    responses((status = 201, description = "Added, at version 1 (its ETag)", body = PlaybookView),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only an admin adds playbooks", body = ErrorBody),
        (status = 409, description = "The slug is a built-in's or already the organisation's", body = ErrorBody),
        (status = 422, description = "A text is blank, over its limit, or holds a character no text may hold; or the slug is malformed", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<NewPlaybookBody>,
) -> ApiResult<(StatusCode, Tagged<PlaybookView>)> {
    let view = create_for(&state, &user, b).await?;
    Ok((StatusCode::CREATED, tagged(view)))
}

#[utoipa::path(put, path = "/api/v1/playbooks/{slug}", tag = "playbooks", request_body = PlaybookEditBody,
    params(("slug" = String, Path, description = "The organisation's playbook's slug", max_length = 100),
        ("If-Match" = Option<String>, Header, description = "The version the edit was made from (\"3\"); without it the last edit wins")),
    responses((status = 200, description = "Saved as a new version; the one it replaced is kept among the revisions", body = PlaybookView),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only an admin edits playbooks", body = ErrorBody),
        (status = 404, description = "No playbook has that slug", body = ErrorBody),
        (status = 409, description = "A built-in playbook, which is read-only; or, without If-Match, someone saved meanwhile", body = ErrorBody),
        (status = 412, description = "If-Match names a version that is no longer current", body = ErrorBody),
        (status = 422, description = "A text is blank, over its limit, or holds a character no text may hold", body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<PlaybookEditBody>,
) -> ApiResult<Tagged<PlaybookView>> {
    Ok(tagged(edit_for(&state, &user, &slug, &expect, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/playbooks/{slug}", tag = "playbooks",
    params(("slug" = String, Path, description = "The organisation's playbook's slug", max_length = 100)),
    responses((status = 204, description = "Retired: removed with its versions"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only an admin retires playbooks", body = ErrorBody),
        (status = 404, description = "No playbook has that slug", body = ErrorBody),
        (status = 409, description = "A built-in playbook, which is read-only", body = ErrorBody)))]
pub async fn retire(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    retire_for(&state, &user, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/playbooks/{slug}/revisions", tag = "playbooks",
    params(("slug" = String, Path, description = "The organisation's playbook's slug", max_length = 100)),
    responses((status = 200, description = "Every version, newest (the current one) first, with who wrote it and when", body = RevisionList),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No organisation's playbook has that slug (built-ins keep no versions)", body = ErrorBody)))]
pub async fn revisions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(slug): Path<String>,
) -> ApiResult<Json<RevisionList>> {
    Ok(Json(revisions_for(&state, &user, &slug).await?))
}
