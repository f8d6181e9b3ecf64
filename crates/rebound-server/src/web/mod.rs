//! The web UI: server-rendered pages from the same binary, for people who
//! are not at a terminal. Pages are a thin layer over the API handlers:
//! each form post calls the same handler function the JSON API uses, so
//! the access guard, the rules and the error messages are the API's own.
//! Every form carries an anti-forgery token (`csrf`, checked in `form`);
//! nothing changes state on GET; HTML is escaped by maud and Markdown is
//! sanitised (`markdown`). The core flow needs no JavaScript; `app.js`
//! only adds copy buttons and live clocks.

mod assets;
mod csrf;
mod error;
mod form;
mod layout;
mod markdown;
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
        .merge(pages::manual::router())
        .merge(pages::recovery::router())
        .merge(pages::plans::router())
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
