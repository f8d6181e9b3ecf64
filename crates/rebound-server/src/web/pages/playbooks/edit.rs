//! Writing the organisation's playbooks from the web: `/playbooks/new`,
//! `/playbooks/{slug}/edit` (with "Retire"), for admins only (anyone else
//! gets the 404 page, as the people pages answer), and
//! `/playbooks/{slug}/history`, every version, for everyone signed in.
//! Each calls the API's operation (`playbooks::write`); a refusal shows
//! the form again with what was typed and why.

use crate::playbooks::write::{self as api, NewPlaybookBody, PlaybookEditBody};
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::{self, WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, alert, csrf_field, version_field};
use crate::web::markdown;
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use rebound_domain::playbook::Kind;
use rebound_domain::playbook::org::{
    MAX_BODY_CHARS, MAX_SLUG_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS,
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/playbooks/new", get(new_form).post(create))
        .route("/playbooks/{slug}/edit", get(edit_form).post(save))
        .route("/playbooks/{slug}/retire", post(retire))
        .route("/playbooks/{slug}/history", get(history))
}

#[derive(Deserialize, Default, Clone)]
pub struct PlaybookForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    slug: Option<String>,
    version: Option<String>,
}

/// The form, for a new playbook (`slug` None) or an edit.
fn form(
    me: &Me,
    action: &str,
    f: &PlaybookForm,
    editing: Option<i64>,
    problem: Option<&str>,
) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf_field(&me.csrf))
            @if let Some(v) = editing { (version_field("playbook-version", v)) }
            (alert(problem))
            label for="pb-title" { "Title" }
            input #pb-title name="title" required maxlength=(MAX_TITLE_CHARS) value=(f.title);
            @if editing.is_none() {
                label for="pb-slug" { "Address (optional)" }
                p.hint { "Lowercase words joined by hyphens; left empty, it is made from the title." }
                input #pb-slug name="slug" maxlength=(MAX_SLUG_CHARS) value=(f.slug.as_deref().unwrap_or(""));
            }
            label for="pb-summary" { "Summary (one line)" }
            input #pb-summary name="summary" maxlength=(MAX_SUMMARY_CHARS) value=(f.summary);
            label for="pb-body" { "Text (Markdown)" }
            p.hint { "Headings, lists, links and emphasis are shown; HTML is shown as text." }
            textarea #pb-body name="body" rows="18" required maxlength=(MAX_BODY_CHARS) { (f.body) }
            button type="submit" { @if editing.is_some() { "Save a new version" } @else { "Add playbook" } }
        }
    }
}

fn form_page(me: &Me, status: StatusCode, title: &str, body: Markup) -> Response {
    let main = html! {
        p { a href="/playbooks" { "All playbooks" } }
        section.card { h1 { (title) } (body) }
    };
    (status, layout::page(title, &me.nav(), main)).into_response()
}

pub async fn new_form(me: Me) -> WebResult<Response> {
    me.admin_only()?;
    let f = PlaybookForm::default();
    Ok(form_page(
        &me,
        StatusCode::OK,
        "New playbook",
        form(&me, "/playbooks/new", &f, None, None),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<PlaybookForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let body = NewPlaybookBody {
        title: f.title.clone(),
        summary: given(Some(f.summary.clone())),
        body: f.body.clone(),
        slug: given(f.slug.clone()),
    };
    match api::create_for(&state, &me.user, body).await {
        Ok(p) => Ok(Redirect::to(&format!("/playbooks/{}", p.slug)).into_response()),
        Err(e) => {
            let e = WebError::from(e);
            let body = form(&me, "/playbooks/new", &f, None, Some(&e.message));
            Ok(form_page(&me, e.status, "New playbook", body))
        }
    }
}

/// An organisation's playbook as its form shows it; a built-in or an
/// unknown slug is the 404 page.
async fn current(state: &AppState, me: &Me, slug: &str) -> WebResult<(PlaybookForm, i64)> {
    let p = crate::playbooks::get_for(state, &me.user, slug).await?;
    match (p.kind, p.version) {
        (Kind::Organisation, Some(v)) => Ok((
            PlaybookForm {
                title: p.title,
                summary: p.summary,
                body: p.body_markdown,
                slug: None,
                version: None,
            },
            v,
        )),
        _ => Err(WebError::not_found()),
    }
}

fn edit_body(me: &Me, slug: &str, f: &PlaybookForm, version: i64, problem: Option<&str>) -> Markup {
    html! {
        (form(me, &format!("/playbooks/{slug}/edit"), f, Some(version), problem))
        h2 { "Retire it" }
        p { "Retiring removes it, with every earlier version, from the playbooks, search and links. Nobody can bring it back." }
        form method="post" action={ "/playbooks/" (slug) "/retire" } {
            (csrf_field(&me.csrf))
            button.secondary type="submit" { "Retire this playbook" }
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    me: Me,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    me.admin_only()?;
    let (f, version) = current(&state, &me, &slug).await?;
    let body = edit_body(&me, &slug, &f, version, None);
    Ok(form_page(
        &me,
        StatusCode::OK,
        &format!("Edit: {}", f.title),
        body,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    me: Me,
    Path(slug): Path<String>,
    Form(f): Form<PlaybookForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let expect = Expect::from_form(f.version.as_deref());
    let change = PlaybookEditBody {
        title: Some(f.title.clone()),
        summary: Some(f.summary.clone()),
        body: f.body.clone(),
    };
    match api::edit_for(&state, &me.user, &slug, &expect, change).await {
        Ok(p) => Ok(Redirect::to(&format!("/playbooks/{}", p.slug)).into_response()),
        Err(e) => {
            let (_, version) = current(&state, &me, &slug).await?;
            let (status, message) = if e.status == StatusCode::PRECONDITION_FAILED {
                (StatusCode::UNPROCESSABLE_ENTITY, error::stale(true))
            } else {
                let e = WebError::from(e);
                (e.status, e.message)
            };
            let body = edit_body(&me, &slug, &f, version, Some(&message));
            Ok(form_page(&me, status, &format!("Edit: {}", f.title), body))
        }
    }
}

pub async fn retire(
    State(state): State<AppState>,
    me: Me,
    Path(slug): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    me.admin_only()?;
    api::retire_for(&state, &me.user, &slug).await?;
    Ok(Redirect::to("/playbooks").into_response())
}

pub async fn history(
    State(state): State<AppState>,
    me: Me,
    Path(slug): Path<String>,
) -> WebResult<Markup> {
    let list = api::revisions_for(&state, &me.user, &slug).await?;
    let now = state.clock.now_for(&me.user);
    let title = list
        .revisions
        .first()
        .map_or(slug.clone(), |r| r.title.clone());
    let body = html! {
        p { a href={ "/playbooks/" (slug) } { "Back to the playbook" } }
        section.card {
            h1 { "History: " (title) }
            p.lead { "Every version, the current one first." }
            ol.plain.items {
                @for r in &list.revisions {
                    li {
                        details {
                            summary {
                                strong { "Version " (r.version) } " · " (date(r.at, &now)) " · "
                                (r.author.as_deref().unwrap_or("a removed account"))
                            }
                            h3 { (r.title) }
                            p.hint { (r.summary) }
                            div.prose { (markdown::render(&r.body_markdown)) }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(&format!("History: {title}"), &me.nav(), body))
}
