//! Chat incoming webhooks (Slack, Mattermost), behind a guard against
//! server-side request forgery: a webhook URL is whatever a person typed,
//! so without it Rebound could be made to post to its own network (cloud
//! metadata, an admin port on loopback, the office intranet).
//!
//! The guard, in order: the URL's shape (`target.rs`: https, no
//! credentials, an IP literal judged at once, since reqwest never resolves
//! one); the client's DNS resolver (`resolve.rs`), which refuses a name if
//! any of its addresses is not public and hands reqwest only the addresses
//! it judged; no redirects, no proxy, short timeouts and a capped answer.

mod addr;
mod payload;
mod resolve;
mod target;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};

pub use addr::{AllowList, AllowListError, is_public};
pub use target::{UrlError, WebhookUrl};

use crate::SendError;
use resolve::{GuardedResolver, refused_in};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
/// Chat services answer "ok" or a short error code; read no more than this.
const BODY_CAP: usize = 64 * 1024;

/// The JSON a chat service expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `{"text": fallback, "blocks": [...]}`, mrkdwn.
    Slack,
    /// `{"text": markdown}`.
    Mattermost,
}

/// A message for a chat channel. Title, text and link label are people's
/// words and are escaped for the format; the link is a URL Rebound made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub title: String,
    pub text: String,
    /// (label, url)
    pub link: Option<(String, String)>,
}

/// The webhook client could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not set up the HTTP client for webhooks (the system's TLS library did not start)")]
pub struct SetupError;

/// Posts to chat webhooks. Build one per process and share it: it holds
/// the connection pools.
#[derive(Debug, Clone)]
pub struct Webhooks {
    /// Made on the first post, not at start: building them starts the
    /// system's TLS library and loads its certificate store, megabytes a
    /// server that never posts to chat should not hold (BENCHMARKS.md,
    /// "Idle memory").
    clients: Arc<OnceLock<Clients>>,
    allow: AllowList,
}

#[derive(Debug)]
struct Clients {
    https: Client,
    /// Plain http, whose resolver admits only listed addresses, so plain
    /// text never leaves the operator's own network.
    http: Client,
}

impl Webhooks {
    pub fn new(allow: AllowList) -> Webhooks {
        Webhooks {
            clients: Arc::new(OnceLock::new()),
            allow,
        }
    }

    /// The clients, built on first use. A failure is not kept: the next
    /// post tries again, as a transient error should.
    fn clients(&self) -> Result<&Clients, SetupError> {
        if let Some(made) = self.clients.get() {
            return Ok(made);
        }
        let client = |http: bool| {
            Client::builder()
                .dns_resolver(GuardedResolver {
                    allow: self.allow.clone(),
                    http,
                })
                .redirect(Policy::none())
                .no_proxy()
                .https_only(!http)
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(TOTAL_TIMEOUT)
                .user_agent(concat!("Rebound/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|_| SetupError)
        };
        let made = Clients {
            https: client(false)?,
            http: client(true)?,
        };
        // Two first posts at once may both build; one set of clients stays.
        Ok(self.clients.get_or_init(|| made))
    }

    /// Posts `message` once. `idempotency_key` goes out as `Idempotency-Key`
    /// and `X-Rebound-Message-Id`; Slack and Mattermost ignore both, so a
    /// retry after a lost answer may show the message twice.
    pub async fn post(
        &self,
        url: &WebhookUrl,
        format: Format,
        message: &ChatMessage,
        idempotency_key: &str,
    ) -> Result<(), SendError> {
        let shown = url.redacted();
        // This client's allow list rules, whatever list the URL was checked with.
        url.judge_literal(&self.allow)
            .map_err(|e| SendError::permanent(format!("not sent to {shown}: {e}")))?;
        let body = payload::body(format, message).ok_or_else(|| {
            SendError::permanent("the message's link is not an http or https URL")
        })?;
        let key = HeaderValue::from_str(idempotency_key)
            .map_err(|_| SendError::permanent("the message id cannot be sent as an HTTP header"))?;
        let clients = self
            .clients()
            .map_err(|e| SendError::transient(e.to_string()))?;
        let client = if url.is_http() {
            &clients.http
        } else {
            &clients.https
        };
        let mut response = client
            .post(url.url().clone())
            .header("Idempotency-Key", key.clone())
            .header("X-Rebound-Message-Id", key)
            .json(&body)
            .send()
            .await
            .map_err(|e| send_failed(&e, &shown))?;
        let status = response.status();
        // A 2xx is delivered even if its body is lost; the body only
        // explains a refusal.
        let answer = read_capped(&mut response).await;
        judge_status(status, &answer, &shown)
    }
}

/// At most `BODY_CAP` bytes of the answer; whatever arrived if reading fails.
async fn read_capped(response: &mut reqwest::Response) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = BODY_CAP - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() == BODY_CAP {
            break;
        }
    }
    body
}

/// Never reqwest's own message: it carries the whole URL, secret included.
fn send_failed(e: &reqwest::Error, shown: &str) -> SendError {
    if let Some(ip) = refused_in(e) {
        SendError::permanent(format!(
            "not sent: {shown} resolves to an address that is not allowed ({ip}); only public addresses, or those listed in webhook_allow_private, can receive webhooks"
        ))
    } else if e.is_timeout() {
        SendError::transient(format!(
            "{shown} did not answer within {} seconds",
            TOTAL_TIMEOUT.as_secs()
        ))
    } else if e.is_connect() {
        SendError::transient(format!("could not connect to {shown}"))
    } else {
        SendError::transient(format!(
            "the request to {shown} failed before an answer came"
        ))
    }
}

fn judge_status(status: StatusCode, answer: &[u8], shown: &str) -> Result<(), SendError> {
    let code = status.as_u16();
    // Slack explains a refusal in a word ("channel_not_found"); show only
    // such a word, never free text from the other side.
    let why = std::str::from_utf8(answer)
        .ok()
        .map(str::trim)
        .filter(|w| {
            (1..=64).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .map(|w| format!(" ({w})"))
        .unwrap_or_default();
    if status.is_success() {
        Ok(())
    } else if status.is_redirection() {
        Err(SendError::permanent(format!(
            "{shown} answered with a redirect ({code}), which Rebound does not follow; use the URL the chat service gives"
        )))
    } else if code == 408 || code == 429 || status.is_server_error() {
        Err(SendError::transient(format!(
            "{shown} answered {code}{why}; it will be tried again"
        )))
    } else {
        Err(SendError::permanent(format!(
            "{shown} refused the message with {code}{why}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes() {
        let s = "https://hooks.slack.com/…";
        assert_eq!(judge_status(StatusCode::OK, b"ok", s), Ok(()));
        assert_eq!(judge_status(StatusCode::NO_CONTENT, b"", s), Ok(()));
        for (code, permanent) in [
            (404, true),
            (400, true),
            (403, true),
            (410, true),
            (302, true),
            (308, true),
            (408, false),
            (429, false),
            (500, false),
            (502, false),
            (503, false),
        ] {
            let err = judge_status(StatusCode::from_u16(code).unwrap(), b"", s).unwrap_err();
            assert_eq!(err.permanent, permanent, "{code}: {}", err.detail);
            assert!(err.detail.contains(&code.to_string()), "{}", err.detail);
        }
    }

    #[test]
    fn only_a_word_from_the_answer_is_shown() {
        let s = "https://hooks.slack.com/…";
        let e = judge_status(StatusCode::NOT_FOUND, b"channel_not_found\n", s).unwrap_err();
        assert_eq!(
            e.detail,
            "https://hooks.slack.com/… refused the message with 404 (channel_not_found)"
        );
        let e = judge_status(
            StatusCode::BAD_REQUEST,
            b"<html>your token T0/B0/secret</html>",
            s,
        )
        .unwrap_err();
        assert_eq!(
            e.detail,
            "https://hooks.slack.com/… refused the message with 400"
        );
    }
}
