//! Errors as pages. A refused read looks exactly like a missing one (404),
//! as in the API; an expired sign-in goes back to the sign-in page.

use super::layout::{self, Nav};
use crate::error::ApiError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

#[derive(Debug)]
pub struct WebError {
    pub status: StatusCode,
    pub message: String,
}

pub type WebResult<T> = Result<T, WebError>;

impl WebError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        WebError {
            status,
            message: message.into(),
        }
    }

    pub fn not_found() -> Self {
        WebError::new(
            StatusCode::NOT_FOUND,
            "There is nothing here, or it has not been shared with you.",
        )
    }
}

impl From<ApiError> for WebError {
    fn from(e: ApiError) -> Self {
        if e.status == StatusCode::NOT_FOUND {
            return WebError::not_found();
        }
        WebError::new(e.status, sentence(&e.message))
    }
}

/// A form refused because the record changed since the page was rendered
/// (412 `stale`): the page is shown again from what is saved now, with the
/// typed fields kept when the form had any.
pub fn stale(kept_typing: bool) -> String {
    if kept_typing {
        "Someone else changed this while you were editing, so nothing was saved. What is saved now is shown; what you typed is kept in the form — check it and save again to replace theirs.".to_string()
    } else {
        "Someone else changed this while you were looking, so nothing was changed. What is saved now is shown — check it and try again if it still applies.".to_string()
    }
}

/// API messages are lower-case clauses; pages show sentences.
pub fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out: String = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if self.status == StatusCode::UNAUTHORIZED {
            return Redirect::to("/signin").into_response();
        }
        let title = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::FORBIDDEN => "Not allowed",
            s if s.is_server_error() => "Something went wrong",
            _ => "That did not work",
        };
        let body = html! {
            section.card.narrow {
                h1 { (title) }
                p role="alert" { (self.message) }
                p { a href="/" { "Back to Rebound" } }
            }
        };
        (self.status, layout::page(title, &Nav::Plain, body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_messages_become_sentences() {
        assert_eq!(sentence("the title is empty"), "The title is empty.");
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn a_refused_read_reads_as_missing() {
        let e: WebError = ApiError::not_found().into();
        assert_eq!(e.status, StatusCode::NOT_FOUND);
        assert!(e.message.contains("not been shared"));
    }
}
