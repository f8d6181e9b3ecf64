//! The mistake page and the forms on it. `page` loads the record through
//! the guard and lays out the sections; each section file renders its part
//! and handles its own form posts by calling the API handler for it. After
//! a post the browser goes back to the page at that section (303); a
//! refused post shows the page again with the reason beside the section.

mod heads_up;
mod page;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/m/{id}", get(page::show))
        .route("/m/{id}/heads-up", post(heads_up::edit))
        .route("/m/{id}/heads-up/sent", post(heads_up::sent))
}
