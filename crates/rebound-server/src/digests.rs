//! The Monday note over HTTP: a person previews theirs
//! (`GET /api/v1/me/digest`); an admin sends every digest that has content
//! now (`POST /api/v1/digests/run`, in pages of people so a terminal can
//! show progress), which counts as that week's note for each of them.

use crate::auth::CurrentUser;
use crate::delivery::digest::{preview, queue_for, this_week};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::{Role, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(run))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DigestLine {
    pub text: String,
    /// The full link when the server has a `public_url`, else the path.
    pub link: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DigestSection {
    pub heading: String,
    pub lines: Vec<DigestLine>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DigestPreview {
    pub subject: String,
    pub opening: String,
    pub sections: Vec<DigestSection>,
    pub closing: String,
    /// False when nothing is waiting: no digest is sent then.
    pub would_send: bool,
}

#[utoipa::path(get, path = "/api/v1/me/digest", tag = "accounts",
    responses((status = 200, description = "Your Monday note as it would read now", body = DigestPreview),
        (status = 401, body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<DigestPreview>> {
    Ok(Json(digest_preview(&state, &user).await?))
}

/// `user`'s digest as it would read now.
pub async fn digest_preview(state: &AppState, user: &User) -> ApiResult<DigestPreview> {
    let (text, would_send) = preview(state, user).await?;
    let settings = &state.settings.delivery;
    Ok(DigestPreview {
        subject: text.subject,
        opening: text.opening,
        sections: text
            .sections
            .into_iter()
            .map(|s| DigestSection {
                heading: s.heading.to_owned(),
                lines: s
                    .lines
                    .into_iter()
                    .map(|l| DigestLine {
                        link: l.link_path.map(|p| settings.link(&p).unwrap_or(p)),
                        text: l.text,
                    })
                    .collect(),
            })
            .collect(),
        closing: text.closing,
        would_send,
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunBody {
    /// Start after this person's id (the `next` of the previous page).
    pub after: Option<String>,
    /// People per page (1 to 1000; default 200).
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunPage {
    /// People looked at in this page.
    pub considered: usize,
    /// Digests queued (those with something waiting, not sent this week yet).
    pub queued: usize,
    /// Everyone on the server, for a progress bar.
    pub total: usize,
    /// Where the next page starts; null after the last.
    pub next: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/digests/run", tag = "accounts", request_body = RunBody,
    responses((status = 200, description = "One page of people's digests queued now", body = RunPage),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn run(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<RunBody>,
) -> ApiResult<Json<RunPage>> {
    Ok(Json(run_page(&state, &user, b).await?))
}

/// Queues the digests of one page of people now (admins only).
pub async fn run_page(state: &AppState, user: &User, b: RunBody) -> ApiResult<RunPage> {
    if user.role != Role::Admin {
        return Err(ApiError::forbidden(
            "only an admin can send everyone's digest",
        ));
    }
    if state.settings.delivery.mail.is_none() {
        return Err(ApiError::unprocessable(
            "email is not set up on this server: its operator sets smtp_url and mail_from",
        ));
    }
    let limit = b.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::unprocessable(
            "limit: from 1 to 1000 people per page",
        ));
    }
    let mut everyone = state.guard.accounts().list_users().await?;
    everyone.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let total = everyone.len();
    let start = match &b.after {
        Some(after) => everyone.partition_point(|u| u.id.as_str() <= after.as_str()),
        None => 0,
    };
    let page: Vec<User> = everyone
        .into_iter()
        .skip(start)
        .take(limit as usize)
        .collect();
    let queued = queue_for(state, &page, this_week).await?;
    if queued > 0 {
        state.guard.delivery_due().notify_one();
    }
    let next = (start + page.len() < total)
        .then(|| page.last().map(|u| u.id.to_string()))
        .flatten();
    Ok(RunPage {
        considered: page.len(),
        queued,
        total,
        next,
    })
}
