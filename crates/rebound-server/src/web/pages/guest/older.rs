//! A guest's older progress updates, a page at a time, newest first (no
//! script: each page links to the next), through the operation `GET
//! /api/v1/guest/mistake/updates` runs, with the guest's own cookie.

use super::shared::{browser_zone, date};
use super::{gone, session};
use crate::error::ApiError;
use crate::json::Query;
use crate::mistakes::older::PageQuery;
use crate::sharing::guest as shared_with_guest;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav};
use crate::web::widgets::update_page;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::tz::TimeZone;
use maud::html;

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, ApiError>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    let Some((hash, s)) = session(&state, &headers).await? else {
        return Ok(gone(secure));
    };
    let q = q.map(|Query(q)| q);
    let (page, owners) =
        match shared_with_guest::update_page_in_owners_zone(&state, Some(&hash), q).await {
            Ok(found) => found,
            Err(e) if e.status == StatusCode::NOT_FOUND => return Ok(gone(secure)),
            Err(e) => return Err(e.into()),
        };
    // As on the page that links here: the browser's zone once its script
    // has said it, the owner's until then (UTC if theirs is unknown);
    // always named.
    let owners = owners.and_then(|z| TimeZone::get(&z).ok());
    let zone = browser_zone(&headers).or(owners).unwrap_or(TimeZone::UTC);
    let now = state.clock.now().to_zoned(zone);
    let name = s.name.to_string();
    let body = html! {
        header.card {
            h1 { "Older updates" }
            p { a href="/s#updates" { "Back to what is shared" } }
        }
        (update_page(&page, |at| date(at, &now), "/s/updates"))
    };
    Ok(layout::page("Older updates", &Nav::Guest { name: &name }, body).into_response())
}
