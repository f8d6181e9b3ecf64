//! The conversation with a Rebound server: JSON in and out, and its errors
//! (`{"error": {"code", "message"}}`) turned into one-line messages with the
//! CLI's exit codes.

use crate::error::{CliError, Result};
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderMap};
use reqwest::{Method, Url};
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// How requests prove who is asking.
pub enum Auth {
    None,
    /// An API token (`Authorization: Bearer …`).
    Token(String),
    /// A session cookie, `name=value`, only while `rebound login` makes a token.
    Cookie(String),
}

pub struct Http {
    base: String,
    client: reqwest::Client,
    auth: Auth,
}

/// A successful answer: its status, headers and JSON body (`null` when empty).
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

/// Why a request failed, before it is worded for the command at hand.
pub enum Failure {
    /// 401: no credential, or a dead one. The server's message.
    Unauthorized(String),
    /// 404, with the server's message.
    NotFound(String),
    /// 412: someone else saved since the version sent in `If-Match`.
    Stale(String),
    /// Any other 4xx: the server's message, which says why.
    Refused(String),
    /// No answer, a 5xx, or an answer that is not Rebound's; names the server.
    Unreachable(String),
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    message: String,
}

/// Checks a server address and returns it without a trailing slash.
pub fn normalize(server: &str) -> Result<String> {
    let s = server.trim().trim_end_matches('/');
    let url = Url::parse(s).map_err(|_| {
        CliError::invalid(format!(
            "'{s}' is not a server address: give it as https://rebound.example.com"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(CliError::invalid(format!(
            "'{s}' is not a server address: give it as https://rebound.example.com"
        )));
    }
    Ok(s.to_string())
}

impl Http {
    /// `server` as `normalize` returns it.
    pub fn new(server: &str, auth: Auth) -> Result<Http> {
        let client = reqwest::Client::builder()
            .user_agent(concat!("rebound-cli/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| CliError::Io(format!("cannot start the HTTP client: {e}")))?;
        Ok(Http {
            base: server.to_string(),
            client,
            auth,
        })
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    pub async fn get(&self, path: &str) -> std::result::Result<Answer, Failure> {
        self.call(Method::GET, path, None).await
    }

    /// One request to `path` (under the server address), with a JSON body if given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> std::result::Result<Answer, Failure> {
        self.call_at(method, path, body, None).await
    }

    /// `call`, applied only to `version` of the record (`If-Match`): a
    /// stale one is refused (412) with the server's reason.
    pub async fn call_at(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        version: Option<i64>,
    ) -> std::result::Result<Answer, Failure> {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(v) = version {
            req = req.header(reqwest::header::IF_MATCH, format!("\"{v}\""));
        }
        req = match &self.auth {
            Auth::None => req,
            Auth::Token(t) => req.header(AUTHORIZATION, format!("Bearer {t}")),
            Auth::Cookie(c) => req.header(COOKIE, c),
        };
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| {
            Failure::Unreachable(format!(
                "cannot reach the server at {}: {}",
                self.base,
                reason(&e)
            ))
        })?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(|e| {
            Failure::Unreachable(format!(
                "the answer from the server at {} was cut off: {}",
                self.base,
                reason(&e)
            ))
        })?;
        let not_rebound = || {
            Failure::Unreachable(format!(
                "the server at {} answered {status} but not as a Rebound server: check the address",
                self.base
            ))
        };
        if status.is_success() {
            let body = if bytes.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&bytes).map_err(|_| not_rebound())?
            };
            return Ok(Answer {
                status: status.as_u16(),
                headers,
                body,
            });
        }
        Err(self.refusal(status, &bytes))
    }

    /// A refusal's words: the server's message by status, or "not Rebound".
    fn refusal(&self, status: reqwest::StatusCode, bytes: &[u8]) -> Failure {
        let not_rebound = || {
            Failure::Unreachable(format!(
                "the server at {} answered {status} but not as a Rebound server: check the address",
                self.base
            ))
        };
        let message = serde_json::from_slice::<ErrorBody>(bytes)
            .ok()
            .map(|b| b.error.message);
        match (status.as_u16(), message) {
            (401, Some(m)) => Failure::Unauthorized(m),
            (404, Some(m)) => Failure::NotFound(m),
            (412, Some(m)) => Failure::Stale(m),
            (400..=499, Some(m)) => Failure::Refused(m),
            (400..=499, None) => not_rebound(),
            (_, m) => Failure::Unreachable(format!(
                "the server at {} failed ({status}){}",
                self.base,
                m.map(|m| format!(": {m}")).unwrap_or_default()
            )),
        }
    }

    /// A GET whose successful answer is read by the caller as it arrives
    /// (a download); a refusal is read and worded as `call` does.
    pub async fn stream(&self, path: &str) -> std::result::Result<reqwest::Response, Failure> {
        let mut req = self.client.get(format!("{}{path}", self.base));
        req = match &self.auth {
            Auth::None => req,
            Auth::Token(t) => req.header(AUTHORIZATION, format!("Bearer {t}")),
            Auth::Cookie(c) => req.header(COOKIE, c),
        };
        // A download may take longer than a JSON answer.
        let req = req.timeout(Duration::from_secs(600));
        let resp = req.send().await.map_err(|e| {
            let why = format!("cannot reach the server at {}: {}", self.base, reason(&e));
            Failure::Unreachable(why)
        })?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status();
        let bytes = resp.bytes().await.unwrap_or_default();
        Err(self.refusal(status, &bytes))
    }

    /// The line for a 401 on anything but signing in.
    pub fn not_signed_in(&self) -> CliError {
        not_signed_in(&self.base)
    }

    /// A failure as a command error, where a 404 has no better name.
    pub fn fail(&self, f: Failure) -> CliError {
        match f {
            Failure::Unauthorized(_) => self.not_signed_in(),
            Failure::NotFound(m) if m == "no such endpoint" => CliError::invalid(format!(
                "the server at {} does not know this request: it may run an older version of Rebound",
                self.base
            )),
            Failure::NotFound(m) => CliError::Missing(m),
            Failure::Stale(m) => CliError::Stale(m),
            Failure::Refused(m) => CliError::Invalid(m),
            Failure::Unreachable(m) => CliError::Server(m),
        }
    }
}

pub fn not_signed_in(server: &str) -> CliError {
    CliError::invalid(format!(
        "not signed in or the token was revoked: run `rebound login --server {server}`"
    ))
}

/// The innermost cause, which says what happened ("connection refused"),
/// without the "(os error N)" tail.
fn reason(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "no answer in time".to_string();
    }
    let mut inner: &dyn std::error::Error = e;
    while let Some(source) = inner.source() {
        inner = source;
    }
    let s = inner.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s);
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => e.to_string(),
    }
}
