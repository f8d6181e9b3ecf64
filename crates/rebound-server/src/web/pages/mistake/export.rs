//! Export: the follow-up note as Markdown, as the text of an email, as a
//! short chat message (plain-text downloads) or as a standalone HTML
//! document, in the API export's words.

use super::page::View;
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::me::Me;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

pub fn section(v: &View) -> Markup {
    html! {
        section.card #export aria-labelledby="export-title" {
            h2 #export-title { "Export" }
            p.muted { "The note, the timeline's starred entries and the updates, ready to paste elsewhere." }
            ul.plain.downloads {
                li {
                    a.button.secondary href=(v.action("export?format=markdown")) download { "Download as Markdown" }
                    span.hint { "For a wiki, a ticket or a document." }
                }
                li {
                    a.button.secondary href=(v.action("export?format=email")) download { "Download as email text" }
                    span.hint { "A subject line and a body to paste into your mail." }
                }
                li {
                    a.button.secondary href=(v.action("export?format=html")) download { "Download as a web page" }
                    span.hint { "One file that opens in any browser, to attach or print." }
                }
                li {
                    a.button.secondary href=(v.action("export?format=chat")) download { "Download for chat" }
                    span.hint { "A short message in Slack's formatting, to paste into a channel." }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct Format {
    format: Option<String>,
}

/// GET: reads only. The export operation applies the guard and chooses the text;
/// this names the file and serves it as plain text.
pub async fn download(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Query(q): Query<Format>,
) -> WebResult<Response> {
    let (format, file, content_type) = match q.format.as_deref().unwrap_or("markdown") {
        "markdown" => (
            "markdown",
            format!("rebound-{id}.md"),
            "text/plain; charset=utf-8",
        ),
        "email" => (
            "email",
            format!("rebound-{id}-email.txt"),
            "text/plain; charset=utf-8",
        ),
        "html" => (
            "html",
            format!("rebound-{id}.html"),
            "text/html; charset=utf-8",
        ),
        "chat" => (
            "chat",
            format!("rebound-{id}-chat.txt"),
            "text/plain; charset=utf-8",
        ),
        _ => {
            return Err(WebError::new(
                StatusCode::BAD_REQUEST,
                "Choose Markdown, email text, a web page or chat.",
            ));
        }
    };
    let mut out = crate::mistakes::read::export_for(&state, &me.user, &id, Some(format)).await?;
    let headers = out.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The id was just found through the guard, so it is a plain id.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(out)
}
