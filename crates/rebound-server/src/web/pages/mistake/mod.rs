//! The mistake page and the forms on it. `page` opens the record through
//! the read operation (`mistakes::read::open`) and lays out the sections;
//! each section file renders its part and handles its own form posts by
//! calling the operation the JSON API calls for it. After
//! a post the browser goes back to the page at that section (303); a
//! refused post shows the page again with the reason beside the section.

mod checks;
mod comments;
mod commits;
mod export;
pub(crate) mod fields;
mod heads_up;
mod keep_showing_up;
mod lifecycle;
mod links;
mod note;
mod older;
mod page;
mod people;
mod sending;
mod timeline;
mod times;
mod updates;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/m/{id}", get(page::show))
        .route("/m/{id}/heads-up", post(heads_up::edit))
        .route("/m/{id}/heads-up/sent", post(heads_up::sent))
        .route("/m/{id}/heads-up/send", post(sending::send))
        .route("/m/{id}/timeline", post(timeline::add))
        .route("/m/{id}/timeline/{entry}/star", post(timeline::star))
        .route("/m/{id}/timeline/{entry}/edit", post(timeline::edit))
        .route("/m/{id}/timeline/{entry}/remove", post(timeline::remove))
        .route("/m/{id}/times", post(times::correct))
        .route("/m/{id}/note", post(note::put))
        .route("/m/{id}/commits/{role}", post(commits::link))
        .route("/m/{id}/checks/{checkbox}", post(checks::set))
        .route("/m/{id}/move", post(lifecycle::transition))
        .route("/m/{id}/updates", get(older::show).post(updates::post))
        .route("/m/{id}/updates/schedule", post(updates::schedule))
        .route("/m/{id}/stakeholders", post(people::add))
        .route("/m/{id}/stakeholders/{user}/remove", post(people::remove))
        .route("/m/{id}/affected", post(people::affected))
        .route("/m/{id}/visibility", post(people::visibility))
        .route("/m/{id}/acknowledge", post(people::acknowledge))
        .route("/m/{id}/comments", post(comments::post))
        .route("/m/{id}/comments/{comment}/vote", post(comments::vote))
        .route("/m/{id}/export", get(export::download))
        .route("/m/{id}/share-links", post(links::create))
        .route("/m/{id}/share-links/{link}/revoke", post(links::revoke))
        .route("/m/{id}/wins", post(keep_showing_up::add_win))
}
