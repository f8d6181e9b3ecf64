//! The router: every route, the OpenAPI document built from the same code,
//! the body limit, and the fallbacks that answer in JSON.

use crate::auth::SecuritySchemes;
use crate::error::ApiError;
use crate::json::MAX_BODY_BYTES;
use crate::openapi_errors::CommonErrors;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Rebound API", description = "Own a mistake at work, fix it, keep trust. Every error is `{\"error\": {\"code\", \"message\"}}`; a record you may not see answers 404."),
    components(schemas(crate::error::ErrorBody, rebound_domain::Checkbox)),
    modifiers(&SecuritySchemes),
    security(("session" = []), ("token" = [])),
)]
struct ApiDoc;

/// The whole API and its OpenAPI description, from one place.
pub fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let api = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(crate::health::healthz))
        .routes(routes!(crate::attention::attention))
        .routes(routes!(crate::attention::waiting))
        .merge(crate::auth::router())
        .merge(crate::people::router())
        .merge(crate::mistakes::router())
        .merge(crate::sharing::router())
        .merge(crate::plans::router())
        .merge(crate::reflections::router())
        .merge(crate::journal::router())
        .merge(crate::preferences::router())
        .merge(crate::digests::router())
        .merge(crate::webhooks::router())
        .merge(crate::export_data::router())
        .merge(crate::erasure::router())
        .merge(crate::playbooks::router())
        .merge(crate::patterns::router())
        .merge(crate::insights::router());
    let (router, mut doc) = api.split_for_parts();
    // After the merge, so it sees every operation.
    CommonErrors.modify(&mut doc);
    crate::openapi_versions::document(&mut doc);
    crate::openapi_limits::document(&mut doc);
    (router, doc)
}

pub fn router(state: AppState) -> Router {
    let (routes, doc) = parts();
    let doc = serde_json::to_value(&doc).expect("the OpenAPI document serializes");
    let routes = routes
        .merge(crate::web::router())
        .route(
            "/api/v1/openapi.json",
            get(move || async move { axum::Json(doc.clone()) }),
        )
        .fallback(|headers: axum::http::HeaderMap| async move {
            if crate::web::wants_html(&headers) {
                return axum::response::IntoResponse::into_response(
                    crate::web::WebError::not_found(),
                );
            }
            axum::response::IntoResponse::into_response(ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "no such endpoint",
            ))
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this endpoint does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(
            crate::auth::origin::refuse_foreign_writes,
        ))
        .layer(axum::middleware::map_response(crate::json::plain_rejection))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::web::CONTENT_SECURITY_POLICY),
        ))
        // Under `no-referrer` browsers send `Origin: null` with our own form
        // posts; `web::form` treats that as "origin unknown" and relies on
        // the anti-forgery token, which is the real protection.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ));
    // Secure cookies mean we are served over HTTPS: browsers keep to it.
    let routes = if state.settings.secure_cookies {
        routes.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        routes
    };
    let request_timeout = state.settings.limits.request_timeout;
    routes
        // Each response waits until its request's audit events are written.
        .layer(crate::audit::HoldUntilDurable::new(
            state.guard.audit_sink(),
        ))
        .layer(axum::middleware::from_fn(move |req, next| {
            crate::listen::time_limit(request_timeout, req, next)
        }))
        .layer(CatchPanicLayer::custom(
            |panic: Box<dyn std::any::Any + Send>| {
                // The panic's own message (code's words, not the request's);
                // inside the request span, so it carries the request id.
                let cause = panic
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("(no message)");
                tracing::error!(cause, "a handler panicked");
                axum::response::IntoResponse::into_response(ApiError::internal())
            },
        ))
        // Outermost: it sees the final status, a caught panic's 500 included.
        .layer(crate::request_log::RequestLogLayer)
        .with_state(state)
}
