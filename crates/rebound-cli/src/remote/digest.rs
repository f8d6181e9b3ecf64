//! The Monday note on a server: `GET /api/v1/me/digest` (the signed-in
//! person's, as it would read now) and `POST /api/v1/digests/run` (admins:
//! one page of people's digests queued now).

use super::http::Http;
use crate::error::{CliError, Result};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// One line of a section, with the page it points to if any.
#[derive(Debug, Clone, Deserialize)]
pub struct DigestLine {
    pub text: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DigestSection {
    pub heading: String,
    pub lines: Vec<DigestLine>,
}

/// The server's `DigestPreview`.
#[derive(Debug, Clone, Deserialize)]
pub struct DigestPreview {
    pub subject: String,
    pub opening: String,
    pub sections: Vec<DigestSection>,
    pub closing: String,
    /// False when nothing is waiting: no note would be sent.
    pub would_send: bool,
}

/// One page of `digests/run`.
#[derive(Debug, Clone, Deserialize)]
pub struct RunPage {
    pub considered: usize,
    pub queued: usize,
    /// Everyone on the server.
    pub total: usize,
    /// Where the next page starts; `None` after the last.
    pub next: Option<String>,
}

fn unreadable(http: &Http, what: &str) -> CliError {
    CliError::Server(format!(
        "the server at {} sent {what} this version cannot read: it may run another version of Rebound",
        http.server()
    ))
}

/// The signed-in person's digest, and the answer as `--json` prints it.
pub async fn preview(http: &Http) -> Result<(DigestPreview, Value)> {
    let body = http
        .get("/api/v1/me/digest")
        .await
        .map_err(|f| http.fail(f))?
        .body;
    let preview = serde_json::from_value::<DigestPreview>(body.clone())
        .map_err(|_| unreadable(http, "a digest"))?;
    Ok((preview, body))
}

/// Queues the digests of up to `limit` people after `after`. A refusal
/// (not an admin: 403; no email set up: 422) is the server's sentence.
pub async fn run_page(http: &Http, after: Option<&str>, limit: u32) -> Result<RunPage> {
    let body = json!({ "after": after, "limit": limit });
    let answer = http
        .call(Method::POST, "/api/v1/digests/run", Some(&body))
        .await
        .map_err(|f| http.fail(f))?;
    serde_json::from_value::<RunPage>(answer.body).map_err(|_| unreadable(http, "an answer"))
}
