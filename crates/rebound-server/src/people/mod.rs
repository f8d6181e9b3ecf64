//! People and teams, run by admins: invitations by link, who manages whom,
//! disabling accounts, teams, and who changed what reaches a person or a team. Each operation is a plain fn the JSON handler
//! and the people page both call.

pub(crate) mod audit;
pub(crate) mod invitations;
pub(crate) mod teams;
pub(crate) mod users;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use rebound_domain::{Role, User};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invitations::invite))
        .routes(routes!(invitations::accept))
        .routes(routes!(users::list))
        .routes(routes!(users::set_manager))
        .routes(routes!(users::disable))
        .routes(routes!(users::enable))
        .routes(routes!(teams::create, teams::list))
        .routes(routes!(teams::add_member))
        .routes(routes!(teams::remove_member))
        .routes(routes!(audit::of_user))
        .routes(routes!(audit::of_team))
}

fn admin_only(user: &User) -> ApiResult<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden("only an admin can do this"))
    }
}
