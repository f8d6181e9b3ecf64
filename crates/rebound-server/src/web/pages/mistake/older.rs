//! The mistake's older progress updates, a page at a time, newest first
//! (no script: each page links to the next), through the operation `GET
//! /api/v1/mistakes/{id}/updates` runs.

use crate::error::ApiError;
use crate::json::Query;
use crate::mistakes::older::{PageQuery, page_of};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::widgets::{date, update_page};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    q: Result<Query<PageQuery>, ApiError>,
) -> WebResult<Response> {
    // Who may not read the mistake learns nothing from a bad address: 404 first.
    let q = match q {
        Ok(Query(q)) => Ok(q),
        Err(e) => Err(WebError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::web::error::sentence(&e.message),
        )),
    };
    let g = crate::mistakes::read::open(&state, &me.user, &id).await?;
    let page = page_of(&g, &q?).await?;
    let m = g.mistake();
    let now = state.clock.now_for(&me.user);
    let body = html! {
        header.card {
            h1 { "Updates: " (m.title) }
            p { a href={ "/m/" (m.id) "#updates" } { "Back to the mistake" } }
        }
        (update_page(&page, |at| date(at, &now), &format!("/m/{}/updates", m.id)))
    };
    let nav = Nav::Member {
        user: &me.user,
        csrf: &me.csrf,
        unread: me.unread,
    };
    Ok(layout::page(&format!("Updates: {}", m.title), &nav, body).into_response())
}
