//! Recovery plans over HTTP (issue 6): a manager's plan for one of their
//! reports, its check-ins, suggested moves, tasks, trend, escalation,
//! calendar invites, and its end. Every handler goes through the guard's plan door
//! (`guard/recovery.rs`): the report's current manager reads and writes,
//! the report reads (never the private notes nor the escalation), anyone
//! else gets a 404.
//!
//! Each endpoint's work is a plain function over `(&AppState, &User, …)`
//! that the web pages call too; the axum handlers are thin wrappers.

mod calendar;
mod check_ins;
mod end;
mod notes;
mod plan;
mod read;
mod reports;
mod tasks;

pub(crate) use calendar::*;
pub(crate) use check_ins::*;
pub(crate) use end::*;
pub(crate) use notes::*;
pub(crate) use plan::*;
pub(crate) use read::*;
pub(crate) use tasks::*;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read::list, plan::create))
        .routes(routes!(read::get))
        .routes(routes!(plan::set_context))
        .routes(routes!(plan::set_schedule))
        .routes(routes!(plan::add_topics))
        .routes(routes!(check_ins::check_in))
        .routes(routes!(read::moves))
        .routes(routes!(tasks::adopt))
        .routes(routes!(tasks::complete))
        .routes(routes!(tasks::debrief))
        .routes(routes!(tasks::development))
        .routes(routes!(read::trend))
        .routes(routes!(read::escalation))
        .routes(routes!(notes::notes, notes::add_note))
        .routes(routes!(calendar::debrief_ics))
        .routes(routes!(calendar::check_ins_ics))
        .routes(routes!(end::end))
        .routes(routes!(reports::reports))
}

/// Now, from the state's clock (at the millisecond precision plans are
/// stored with).
fn now(state: &AppState) -> jiff::Timestamp {
    state.clock.now()
}
