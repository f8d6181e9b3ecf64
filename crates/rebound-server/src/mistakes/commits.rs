//! PUT /api/v1/mistakes/{id}/commits/{role}: link the hotfix or the guardrail.
//! The server cannot see the client's repository: the CLI resolves the SHA
//! locally and sends what it found.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::ms;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::commit_check::{CommitWarning, check_message, parse_sha, parse_url};
use rebound_domain::export::MistakeView;
use rebound_domain::note::clean;
use rebound_domain::{CommitRole, LinkedCommit, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitBody {
    pub sha: Option<String>,
    pub url: Option<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub committed_at: Option<Timestamp>,
    pub repo: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Linked {
    #[serde(flatten)]
    pub mistake: MistakeView,
    /// Why the message may be too thin to read in six months.
    #[schema(value_type = Vec<Object>)]
    pub warnings: Vec<CommitWarning>,
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/commits/{role}", tag = "commits",
    params(("id" = String, Path, description = "Mistake id"), ("role" = CommitRole, Path, description = "hotfix or guardrail")),
    request_body = CommitBody,
    responses((status = 200, body = Linked), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, role)): Path<(String, CommitRole)>,
    IfMatch(expect): IfMatch,
    Json(b): Json<CommitBody>,
) -> ApiResult<Tagged<Linked>> {
    let linked = link_commit(&state, &user, &id, &expect, role, b).await?;
    Ok(Tagged(linked.mistake.mistake.version, linked))
}

/// Links the hotfix or the guardrail, with warnings about a vague message.
pub async fn link_commit(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    role: CommitRole,
    b: CommitBody,
) -> ApiResult<Linked> {
    let sha = b
        .sha
        .as_deref()
        .and_then(clean)
        .map(|v| parse_sha(&v).map_err(ApiError::unprocessable))
        .transpose()?;
    let url = b
        .url
        .as_deref()
        .and_then(clean)
        .map(|v| parse_url(&v).map_err(ApiError::unprocessable))
        .transpose()?;
    if sha.is_none() && url.is_none() {
        return Err(ApiError::unprocessable("give the commit's sha or url"));
    }
    let message = b.message.as_deref().and_then(clean);
    check_commit_text(&message, b.author.as_deref(), b.repo.as_deref())?;
    let how = (Part::Record, Action::Change);
    let view = change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        // Another machine's clock may run ahead: only absurd dates are refused.
        if let Some(t) = b.committed_at {
            rebound_domain::when::check_ahead("the commit's time", t, now)?;
        }
        m.link_commit(LinkedCommit {
            role,
            sha: sha.clone(),
            url: url.clone(),
            message: message.clone(),
            author: b.author.as_deref().and_then(clean),
            committed_at: b.committed_at.map(ms),
            repo: b.repo.as_deref().and_then(clean),
            linked_at: now.timestamp(),
        });
        Ok(Vec::new())
    })
    .await?;
    // Linking changes no fact the message is checked against.
    let warnings = match &message {
        Some(msg) => check_message(msg, &view.mistake),
        None => Vec::new(),
    };
    Ok(Linked {
        mistake: view,
        warnings,
    })
}

/// The commit's own words are stored as given: only characters no text
/// may hold are refused (a message has lines; an author and a repo one),
/// and text longer than a description or a title.
fn check_commit_text(
    message: &Option<String>,
    author: Option<&str>,
    repo: Option<&str>,
) -> ApiResult<()> {
    use rebound_domain::mistake::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};
    use rebound_domain::text::{Shape, check};
    let fields = [
        (
            "the commit message",
            Shape::Lines,
            MAX_TEXT_CHARS,
            message.as_deref(),
        ),
        (
            "the commit author",
            Shape::Line,
            MAX_TITLE_CHARS,
            author.map(str::trim),
        ),
        (
            "the repository",
            Shape::Line,
            MAX_TITLE_CHARS,
            repo.map(str::trim),
        ),
    ];
    for (what, shape, max, value) in fields {
        let Some(v) = value else { continue };
        let len = v.chars().count();
        if len > max {
            return Err(ApiError::unprocessable(format!(
                "{what} is {len} characters; the limit is {max}"
            )));
        }
        check(what, shape, v)?;
    }
    Ok(())
}
