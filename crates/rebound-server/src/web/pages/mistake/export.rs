//! Export: the follow-up note as Markdown or as the text of an email, as
//! plain-text downloads in the API export's words.

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
    let (format, file) = match q.format.as_deref().unwrap_or("markdown") {
        "markdown" => ("markdown", format!("rebound-{id}.md")),
        "email" => ("email", format!("rebound-{id}-email.txt")),
        _ => {
            return Err(WebError::new(
                StatusCode::BAD_REQUEST,
                "Choose Markdown or email text.",
            ));
        }
    };
    let mut out = crate::mistakes::read::export_for(&state, &me.user, &id, Some(format)).await?;
    let headers = out.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    // The id was just found through the guard, so it is a plain id.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(out)
}
