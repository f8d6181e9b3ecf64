//! A real HTTP server on loopback that plays a chat service's incoming
//! webhook: it records every POST and answers what the test asks for, so
//! tests see the bytes and headers that actually crossed a socket.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// One POST as it arrived.
#[derive(Debug, Clone)]
pub struct Hook {
    /// The path and query, e.g. "/hooks/x".
    pub path: String,
    /// Header names in lower case; a repeated header keeps its last value.
    pub headers: BTreeMap<String, String>,
    /// The body as JSON, or `Value::Null` when it is not JSON.
    pub body: Value,
    pub raw: String,
    /// The status it was answered with.
    pub answered: u16,
}

impl Hook {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone)]
enum Answer {
    Status(StatusCode),
    Redirect(String),
}

struct Shared {
    hooks: Mutex<(Vec<Hook>, VecDeque<Answer>, Answer)>,
    count: watch::Sender<usize>,
}

/// The receiver; it stops when dropped.
pub struct WebhookReceiver {
    port: u16,
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl WebhookReceiver {
    /// Listens on 127.0.0.1 on a free port; answers 200 "ok" until told otherwise.
    pub async fn start() -> WebhookReceiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the webhook receiver could not listen on 127.0.0.1");
        let port = listener
            .local_addr()
            .expect("a bound socket has an address")
            .port();
        let shared = Arc::new(Shared {
            hooks: Mutex::new((Vec::new(), VecDeque::new(), Answer::Status(StatusCode::OK))),
            count: watch::channel(0).0,
        });
        let app = Router::new().fallback(receive).with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        WebhookReceiver {
            port,
            shared,
            server,
        }
    }

    /// "http://127.0.0.1:PORT/hooks/x" for `url("/hooks/x")`.
    pub fn url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("http://127.0.0.1:{}{slash}{path}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Answer every later POST with `status` (after any queued by `answer_next`).
    pub fn answer_with(&self, status: StatusCode) {
        self.lock().2 = Answer::Status(status);
    }

    /// Answer the next `n` POSTs with `status`, then go back to the usual answer.
    pub fn answer_next(&self, n: usize, status: StatusCode) {
        self.lock()
            .1
            .extend(std::iter::repeat_n(Answer::Status(status), n));
    }

    /// Answer every later POST with 307 to `url`, to see that it is not followed.
    pub fn redirect_to(&self, url: &str) {
        self.lock().2 = Answer::Redirect(url.to_owned());
    }

    /// Every POST so far, in order of arrival.
    pub fn received(&self) -> Vec<Hook> {
        self.lock().0.clone()
    }

    /// Waits until at least `n` POSTs arrived; panics, saying how many did,
    /// if that takes longer than `timeout`.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Hook> {
        let mut count = self.shared.count.subscribe();
        if tokio::time::timeout(timeout, count.wait_for(|c| *c >= n))
            .await
            .is_err()
        {
            panic!(
                "the webhook receiver got {} of {n} POSTs within {timeout:?}",
                self.received().len()
            );
        }
        self.received()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Vec<Hook>, VecDeque<Answer>, Answer)> {
        self.shared
            .hooks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if method != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let raw = String::from_utf8_lossy(&body).into_owned();
    let answer = {
        let mut state = shared.hooks.lock().unwrap_or_else(PoisonError::into_inner);
        let answer = state.1.pop_front().unwrap_or_else(|| state.2.clone());
        let answered = match &answer {
            Answer::Status(s) => s.as_u16(),
            Answer::Redirect(_) => StatusCode::TEMPORARY_REDIRECT.as_u16(),
        };
        state.0.push(Hook {
            path: uri.path_and_query().map_or("/", |p| p.as_str()).to_owned(),
            headers: headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
            raw,
            answered,
        });
        shared.count.send_replace(state.0.len());
        answer
    };
    match answer {
        Answer::Status(StatusCode::OK) => (StatusCode::OK, "ok").into_response(),
        // Slack's way of saying why: one word.
        Answer::Status(s) => (
            s,
            s.canonical_reason()
                .unwrap_or("error")
                .to_ascii_lowercase()
                .replace(' ', "_"),
        )
            .into_response(),
        Answer::Redirect(to) => {
            (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)], "").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The receiver itself, spoken to with plain HTTP/1.1 over a TCP socket.
    async fn raw_post(port: u16, path: &str, body: &str) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nX-Test: 1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }

    #[tokio::test]
    async fn records_and_answers_as_programmed() {
        let r = WebhookReceiver::start().await;
        assert!(
            raw_post(r.port(), "/hooks/a", r#"{"text":"hi"}"#)
                .await
                .starts_with("HTTP/1.1 200")
        );
        r.answer_next(1, StatusCode::SERVICE_UNAVAILABLE);
        r.redirect_to("http://127.0.0.1:9/elsewhere");
        assert!(
            raw_post(r.port(), "/hooks/b", "not json")
                .await
                .starts_with("HTTP/1.1 503")
        );
        let third = raw_post(r.port(), "/hooks/c", "{}").await;
        assert!(third.starts_with("HTTP/1.1 307"), "{third}");
        assert!(
            third
                .to_ascii_lowercase()
                .contains("location: http://127.0.0.1:9/elsewhere"),
            "{third}"
        );
        let hooks = r.wait_for(3, Duration::from_secs(5)).await;
        assert_eq!(hooks[0].path, "/hooks/a");
        assert_eq!(hooks[0].body["text"], "hi");
        assert_eq!(hooks[0].header("X-TEST"), Some("1"));
        assert_eq!(
            (
                hooks[1].body.clone(),
                hooks[1].raw.as_str(),
                hooks[1].answered
            ),
            (Value::Null, "not json", 503)
        );
        assert_eq!(hooks[2].answered, 307);
        assert_eq!(
            r.url("hooks/x"),
            format!("http://127.0.0.1:{}/hooks/x", r.port())
        );
    }
}
