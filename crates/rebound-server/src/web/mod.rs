//! The web UI: server-rendered pages from the same binary, for people who
//! are not at a terminal. Pages are a thin layer over the operations: each
//! page reads and each form post calls the same plain function
//! (`op(&AppState, &User, input)`) the JSON handler calls, so the access
//! guard, the rules and the error messages are the API's own. No page
//! builds an axum extractor by hand or reaches the guard itself (a test
//! below reads the page sources to keep it so).
//! Every form carries an anti-forgery token (`csrf`, checked in `form`);
//! nothing changes state on GET; HTML is escaped by maud and Markdown is
//! sanitised (`markdown`). The core flow needs no JavaScript; `app.js`
//! only adds copy buttons and live clocks.

mod assets;
mod charts;
mod csrf;
mod error;
mod form;
mod layout;
pub(crate) mod markdown;
mod me;
mod pages;
mod respond;
mod widgets;

pub use error::WebError;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assets/{file}", get(assets::serve))
        .route("/", get(pages::home::page))
        .route("/setup", get(pages::setup::form).post(pages::setup::submit))
        .route(
            "/signin",
            get(pages::signin::form).post(pages::signin::submit),
        )
        .route("/signout", post(pages::signin::signout))
        .route(
            "/new",
            get(pages::new_mistake::form).post(pages::new_mistake::submit),
        )
        .merge(pages::mistake::router())
        .merge(pages::invite::router())
        .merge(pages::people::router())
        .merge(pages::settings::router())
        .merge(pages::guest::router())
        .merge(pages::reflect::router())
        .merge(pages::reflections::router())
        .merge(pages::patterns::router())
        .merge(pages::insights::router())
        .merge(pages::journal::router())
        .merge(pages::manual::router())
        .merge(pages::lessons_back::router())
        .merge(pages::showing_up::router())
        .merge(pages::plans::router())
        .merge(pages::playbooks::router())
        .merge(pages::notifications::router())
        .merge(pages::unsubscribe::router())
        .merge(pages::erasure::router())
}

/// Whether a request prefers a page to JSON (for the shared 404 fallback).
pub fn wants_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Only our own script and styles; no plugins, no framing, no `<base>`, and
/// forms post only back to us. Sent on every response (harmless on JSON).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Pages call operations; they never build the API handlers' extractors
    /// by hand nor go around an operation to the guard.
    #[test]
    fn no_page_builds_an_extractor_or_reaches_the_guard() {
        let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/pages");
        let forbidden = [
            "state.guard",
            "json::Path(",
            "json::Query(",
            "Json(",
            "CurrentUser(",
            "State(state.clone())",
            "State(state),",
        ];
        let mut found = Vec::new();
        let mut dirs = vec![pages];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("pages are readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a page source");
                for (n, line) in text.lines().enumerate() {
                    for f in forbidden {
                        if line.contains(f) {
                            found.push(format!("{}:{}: {f}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
