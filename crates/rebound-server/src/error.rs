//! The one place that turns an error into an HTTP status and a JSON body:
//! `{"error": {"code": "...", "message": "..."}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rebound_domain::DomainError;
use rebound_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Seconds for a `Retry-After` header (a refusal that passes with time).
    pub retry_after: Option<u32>,
    /// The current version of what a stale change aimed at (a 412's `ETag`).
    pub version: Option<i64>,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: e.g. `not_found`, `invalid`, `conflict`.
    pub code: String,
    /// One sentence for people.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            version: None,
        }
    }

    /// Says when to try again, in seconds (`Retry-After`).
    pub fn retry_after(mut self, secs: u32) -> Self {
        self.retry_after = Some(secs);
        self
    }

    pub fn with_version(mut self, version: i64) -> Self {
        self.version = Some(version);
        self
    }

    /// Also the answer when access is denied: existence must not leak.
    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such resource")
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid", message)
    }

    pub fn unprocessable(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "refused", message)
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in first (session cookie or Bearer token)",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// A 500 whose cause is logged (inside the request span, so with the
    /// request id); the caller hears only that it failed.
    pub fn internal_because(cause: impl std::fmt::Display) -> Self {
        tracing::error!(cause = %cause, "internal error");
        ApiError::internal()
    }

    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "something went wrong on our side; nothing was changed",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        if let Some(v) = self.version {
            let etag = crate::precondition::etag(v);
            response
                .headers_mut()
                .insert(axum::http::header::ETAG, etag);
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_)
            | StoreError::UserNotFound(_)
            | StoreError::TeamNotFound(_)
            | StoreError::SessionNotFound(_)
            | StoreError::ApiTokenNotFound(_)
            | StoreError::CommentNotFound(_)
            | StoreError::ShareLinkNotFound(_)
            | StoreError::NotificationNotFound(_)
            | StoreError::RecordNotFound { .. } => ApiError::not_found(),
            StoreError::EmailTaken(_) | StoreError::TeamNameTaken(_) => {
                ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string())
            }
            StoreError::AccountRule(_) => ApiError::unprocessable(e.to_string()),
            StoreError::AlreadyExists { .. } => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "a freshly drawn id collided; try again",
            ),
            StoreError::LastAdmin => {
                ApiError::new(StatusCode::CONFLICT, "last_admin", e.to_string())
            }
            StoreError::PlanAlreadyOpen(_) => {
                ApiError::new(StatusCode::CONFLICT, "plan_open", e.to_string())
            }
            StoreError::Conflict(_) => {
                ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string())
            }
            StoreError::IdTaken(_) => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "that id is taken; try again",
            ),
            other => {
                // Storage trouble is ours, not the caller's: log it, say
                // little. The request span adds the request id.
                tracing::error!(cause = %other, "storage error");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the database is unavailable; try again shortly",
                )
            }
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NoSuchEntry(_) => ApiError::not_found(),
            DomainError::Lifecycle(_)
            | DomainError::CheckboxNotReady { .. }
            | DomainError::AlreadySent(_)
            | DomainError::EntryRemoved { .. } => {
                ApiError::new(StatusCode::CONFLICT, "refused", e.to_string())
            }
            other => ApiError::unprocessable(other.to_string()),
        }
    }
}

impl From<rebound_domain::when::WhenError> for ApiError {
    fn from(e: rebound_domain::when::WhenError) -> Self {
        ApiError::unprocessable(e.to_string())
    }
}

impl From<rebound_domain::text::TextError> for ApiError {
    fn from(e: rebound_domain::text::TextError) -> Self {
        ApiError::unprocessable(e.to_string())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
