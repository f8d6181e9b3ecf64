//! "Download my data": a person's whole archive as one zip
//! (`rebound_domain::export::archive`: `export.json`, schema
//! `rebound-export/1`, and Markdown for people), gathered through the
//! guard's archive door. `GET /api/v1/me/export` is the person's own;
//! `POST /api/v1/users/{id}/export` is an administrator's, on a formal
//! request (a reason is required), with the managers' private notes too —
//! audited on the person's account and told to the person.

mod zip;

pub use zip::zip;

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rebound_domain::export::archive::{self as archived, Archive, FormalRequest};
use rebound_domain::{Role, User, UserId};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The longest reason an administrator may give, in characters.
pub const MAX_REASON: usize = 2000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(for_person))
}

/// A finished archive: the zip and its file name.
pub struct Download {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let mut r = self.bytes.into_response();
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/zip"),
        );
        // The name is our own ASCII (a date), so it is always a valid header.
        if let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"{}\"", self.file_name))
        {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        r
    }
}

/// The archive's file name on the day it was made, in the person's zone.
pub fn file_name(a: &Archive, now: &jiff::Zoned) -> String {
    let day = a.generated_at.to_zoned(now.time_zone().clone()).date();
    format!("rebound-export-{day}.zip")
}

fn download(a: &Archive, now: &jiff::Zoned) -> ApiResult<Download> {
    let bytes = zip(&archived::archive(a, now)).map_err(|e| {
        tracing::error!(error = %e, "could not zip an archive");
        ApiError::internal()
    })?;
    Ok(Download {
        file_name: file_name(a, now),
        bytes,
    })
}

/// `user`'s own archive (every read audited, and the archive itself an
/// event on their account).
pub async fn archive(state: &AppState, user: &User) -> ApiResult<Download> {
    let a = state.guard.archive(user, user, None).await?;
    state.guard.archive_made(user, user, Vec::new()).await?;
    download(&a, &state.clock.now_for(user))
}

/// An administrator's formal request: the reason in words.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormalRequestBody {
    /// Why the archive is made (a subject access request, a legal hold):
    /// kept in the archive's README; the audit log records only that one
    /// was given.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// Person `id`'s archive for the administrator `admin`, with the managers'
/// private notes about them; audited on their account and told to them.
pub async fn for_person_op(
    state: &AppState,
    admin: &User,
    id: &str,
    body: FormalRequestBody,
) -> ApiResult<Download> {
    if admin.role != Role::Admin {
        return Err(ApiError::forbidden("only an admin can do this"));
    }
    let subject = UserId::parse(id).map_err(|_| ApiError::not_found())?;
    let subject = state.guard.accounts().user(&subject).await?;
    let reason = body.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::unprocessable(
            "reason: say why the archive is made (the formal request it answers)",
        ));
    }
    if let Err(e) = rebound_domain::text::lines("reason", reason) {
        return Err(ApiError::unprocessable(format!("reason: {}", e.problem())));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(ApiError::unprocessable(format!(
            "reason: at most {MAX_REASON} characters"
        )));
    }
    let formal = FormalRequest {
        by: admin.id.to_string(),
        by_name: admin.display_name.to_string(),
        reason: reason.to_string(),
    };
    let a = state.guard.archive(admin, &subject, Some(formal)).await?;
    let told = (state.settings.delivery).data_exported(admin, &subject, state.clock.now());
    state.guard.archive_made(admin, &subject, told).await?;
    download(&a, &state.clock.now_for(&subject))
}

#[utoipa::path(get, path = "/api/v1/me/export", tag = "account",
    responses((status = 200, description = "Everything of yours as one zip: `export.json` (schema `rebound-export/1`, described in the archive's README.md) and Markdown files", content_type = "application/zip", body = Vec<u8>),
        (status = 401, body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Download> {
    archive(&state, &user).await
}

#[utoipa::path(post, path = "/api/v1/users/{id}/export", tag = "people",
    params(("id" = String, Path, description = "User id")),
    request_body = FormalRequestBody,
    responses((status = 200, description = "The person's archive with the managers' private notes about them; the person is told", content_type = "application/zip", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn for_person(
    State(state): State<AppState>,
    CurrentUser(admin): CurrentUser,
    Path(id): Path<String>,
    Json(body): Json<FormalRequestBody>,
) -> ApiResult<Download> {
    for_person_op(&state, &admin, &id, body).await
}

/// An archive an administrator made of someone's data.
#[derive(Debug, Clone)]
pub struct FormalExport {
    pub by_name: String,
    pub at: jiff::Timestamp,
}

/// The archives administrators made of `user`'s data, newest first: what
/// their settings page tells them (from the audit log, which keeps them).
pub async fn formal_exports(state: &AppState, user: &User) -> ApiResult<Vec<FormalExport>> {
    let mut out = Vec::new();
    for e in state.guard.formal_exports_of(user).await? {
        let rebound_domain::audit::AuditActor::User(id) = &e.actor else {
            continue;
        };
        let name = match UserId::parse(id) {
            Ok(id) => match state.guard.accounts().user(&id).await {
                Ok(u) => u.display_name.to_string(),
                Err(_) => "A former administrator".into(),
            },
            Err(_) => "An administrator".into(),
        };
        out.push(FormalExport {
            by_name: name,
            at: e.at,
        });
    }
    Ok(out)
}
