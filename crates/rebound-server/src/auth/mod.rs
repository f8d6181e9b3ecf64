//! Accounts: first-run setup, signing in and out, sessions, API tokens, and
//! the extractor that says who is asking; guests' sessions through share links.

pub(crate) mod client_ip;
pub(crate) mod cookie;
pub(crate) mod current;
pub mod guest;
pub(crate) mod hashing;
pub(crate) mod origin;
pub(crate) mod profile;
pub(crate) mod session;
pub mod setup;
pub(crate) mod tokens;

pub use current::CurrentUser;
pub use session::{SignedIn, start_session};

use crate::state::AppState;
use utoipa::Modify;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(setup::setup))
        .routes(routes!(session::login, session::logout))
        .routes(routes!(session::me, crate::erasure::delete_me))
        .routes(routes!(profile::put))
        .routes(routes!(session::list_sessions))
        .routes(routes!(session::end_session))
        .routes(routes!(tokens::create, tokens::list))
        .routes(routes!(tokens::revoke))
        .routes(routes!(guest::start, guest::leave))
}

/// Declares the ways in: the session cookie, a Bearer token, and for guests
/// the guest cookie a share link gives.
pub struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                cookie::SESSION.secure_name,
            ))),
        );
        components.add_security_scheme(
            "guest",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(cookie::GUEST.secure_name))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
