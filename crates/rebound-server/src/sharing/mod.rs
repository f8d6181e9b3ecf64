//! Communicate: stakeholders and the affected list, acknowledgements,
//! comments with replies and upvotes, share links, what guests see and do,
//! and in-app notifications. Each operation is a plain fn the JSON handler
//! and the pages both call; every one goes through the guard
//! (`Guard::open` for accounts, `Guard::open_as_guest` for guests), whose
//! `Granted` asks the access policy again for each operation.

pub(crate) mod acknowledgements;
pub(crate) mod comments;
pub(crate) mod guest;
pub(crate) mod links;
pub(crate) mod notifications;
pub(crate) mod shared;
pub(crate) mod stakeholders;
pub(crate) mod views;

use crate::error::ApiError;
use crate::state::AppState;
use rebound_domain::{CommentId, SharingError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(shared::get))
        .routes(routes!(stakeholders::list))
        .routes(routes!(stakeholders::add, stakeholders::remove))
        .routes(routes!(stakeholders::set_affected))
        .routes(routes!(acknowledgements::post, acknowledgements::list))
        .routes(routes!(comments::list, comments::post))
        .routes(routes!(comments::edit))
        .routes(routes!(comments::vote, comments::unvote))
        .routes(routes!(links::list, links::create))
        .routes(routes!(links::revoke))
        .routes(routes!(guest::view))
        .routes(routes!(guest::updates))
        .routes(routes!(guest::comment))
        .routes(routes!(guest::vote, guest::unvote))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(notifications::mark_all_read))
}

impl From<SharingError> for ApiError {
    fn from(e: SharingError) -> Self {
        ApiError::unprocessable(e.to_string())
    }
}

/// A comment id from a path or body: one that cannot even be parsed names
/// nothing, so 404.
fn comment_id(id: &str) -> Result<CommentId, ApiError> {
    CommentId::parse(id).map_err(|_| ApiError::not_found())
}
