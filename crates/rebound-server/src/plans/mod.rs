//! Recovery plans over HTTP (issue 6): a manager's plan for one of their
//! reports, its check-ins, suggested moves, tasks, trend, escalation and
//! calendar invites. Every handler goes through the guard's plan door
//! (`guard/recovery.rs`): the report's current manager reads and writes,
//! the report reads (never the private notes nor the escalation), anyone
//! else gets a 404.
//!
//! Each endpoint's work is a plain function over `(&AppState, &User, …)`
//! that the web pages call too; the axum handlers are thin wrappers.

mod handlers;

pub(crate) use handlers::*;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(handlers::list, handlers::create))
        .routes(routes!(handlers::get))
        .routes(routes!(handlers::set_context))
        .routes(routes!(handlers::set_schedule))
        .routes(routes!(handlers::add_topics))
        .routes(routes!(handlers::check_in))
        .routes(routes!(handlers::moves))
        .routes(routes!(handlers::adopt))
        .routes(routes!(handlers::complete))
        .routes(routes!(handlers::debrief))
        .routes(routes!(handlers::development))
        .routes(routes!(handlers::trend))
        .routes(routes!(handlers::escalation))
        .routes(routes!(handlers::notes, handlers::add_note))
        .routes(routes!(handlers::debrief_ics))
        .routes(routes!(handlers::check_ins_ics))
}
