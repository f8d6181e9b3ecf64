//! One log line per request (target `rebound::request`): method, the
//! matched route (`/api/v1/mistakes/{id}`, never the path as sent, which
//! carries ids and query strings), status, latency and the request id. The
//! id is the caller's `X-Request-Id` when it is short and plain, else one
//! made here; it goes back in the response's `X-Request-Id`, and every event
//! logged while the request runs (a storage error, a panic) carries it in
//! the `request` span. Nothing else about the request is read: no headers,
//! no body, no cookies.
//!
//! Cheap on purpose: no box per request (the response future is pinned in
//! place), the route is an `Arc<str>` clone, and a made id is formatted on
//! the stack from a per-process prefix and a counter.

use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Method, Request, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Instant;
use tower::{Layer, Service};
use tracing::Instrument;
use tracing::instrument::Instrumented;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Longest caller-supplied id kept; a longer one is replaced.
const MAX_ID_LEN: usize = 64;

#[derive(Clone, Copy, Default)]
pub struct RequestLogLayer;

impl<S> Layer<S> for RequestLogLayer {
    type Service = RequestLog<S>;
    fn layer(&self, inner: S) -> RequestLog<S> {
        RequestLog { inner }
    }
}

#[derive(Clone)]
pub struct RequestLog<S> {
    inner: S,
}

impl<S, B, R> Service<Request<B>> for RequestLog<S>
where
    S: Service<Request<B>, Response = Response<R>>,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = LogFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let start = Instant::now();
        let id = req
            .headers()
            .get(&X_REQUEST_ID)
            .filter(|v| is_sane(v.as_bytes()))
            .cloned()
            .unwrap_or_else(make_id);
        let route = req.extensions().get::<MatchedPath>().cloned();
        let method = req.method().clone();
        let span = tracing::info_span!("request", id = %id_str(&id));
        LogFuture {
            inner: self.inner.call(req).instrument(span),
            start,
            method,
            route,
            id: Some(id),
        }
    }
}

pin_project_lite::pin_project! {
    pub struct LogFuture<F> {
        #[pin]
        inner: Instrumented<F>,
        start: Instant,
        method: Method,
        route: Option<MatchedPath>,
        id: Option<HeaderValue>,
    }
}

impl<F, R, E> Future for LogFuture<F>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let mut out = ready!(this.inner.poll(cx));
        if let (Ok(res), Some(id)) = (&mut out, this.id.take()) {
            // Outside the request span: the id is a field of the line itself.
            tracing::info!(
                target: "rebound::request",
                method = %this.method,
                route = %this.route.as_ref().map_or("(no route)", MatchedPath::as_str),
                status = res.status().as_u16(),
                latency_us = this.start.elapsed().as_micros() as u64,
                request_id = %id_str(&id),
                "request"
            );
            res.headers_mut().insert(X_REQUEST_ID, id);
        }
        Poll::Ready(out)
    }
}

/// Short, non-empty, and only characters that cannot break a log line or
/// pass for another field: letters, digits and `-_.:+/=@`.
fn is_sane(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:+/=@".contains(b))
}

fn id_str(id: &HeaderValue) -> &str {
    // Both a kept and a made id are ASCII, so this never falls back.
    id.to_str().unwrap_or("-")
}

/// A process prefix drawn once (so ids from several servers differ) and a
/// counter: `3f9c2a1b7e05-1a`.
fn make_id() -> HeaderValue {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    static PREFIX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let prefix = *PREFIX.get_or_init(|| {
        let mut b = [0u8; 8];
        // Without randomness the ids are still unique within this process.
        let _ = getrandom::fill(&mut b);
        u64::from_le_bytes(b) & 0xffff_ffff_ffff
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut buf = [0u8; 12 + 1 + 16];
    let len = hex(prefix, 12, &mut buf[..12]);
    debug_assert_eq!(len, 12);
    buf[12] = b'-';
    let digits = if n == 0 {
        1
    } else {
        (64 - n.leading_zeros()).div_ceil(4) as usize
    };
    hex(n, digits, &mut buf[13..13 + digits]);
    HeaderValue::from_bytes(&buf[..13 + digits]).expect("hex digits are a valid header value")
}

/// Writes the low `digits` hex digits of `n` into `out`; returns `digits`.
fn hex(mut n: u64, digits: usize, out: &mut [u8]) -> usize {
    for slot in out[..digits].iter_mut().rev() {
        *slot = b"0123456789abcdef"[(n & 0xf) as usize];
        n >>= 4;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_short_id_is_kept_and_anything_else_is_not() {
        assert!(is_sane(b"abc-123_x.y:z"));
        assert!(is_sane(b"0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!is_sane(b""));
        assert!(!is_sane(&[b'a'; 65]));
        assert!(!is_sane(b"has space"));
        assert!(!is_sane(b"quote\"d"));
        assert!(!is_sane(b"new\nline"));
        assert!(!is_sane("caf\u{e9}".as_bytes()));
    }

    /// A writer into a shared buffer, for a subscriber under test.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn what_a_handler_logs_carries_the_request_id_and_the_line_the_route() {
        use axum::body::Body;
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || sink.clone())
            .with_ansi(false)
            .finish();
        let mut app = axum::Router::new()
            .route(
                "/things/{id}",
                axum::routing::get(|| async {
                    tracing::error!(cause = "the disk is full", "storage error");
                    axum::http::StatusCode::SERVICE_UNAVAILABLE
                }),
            )
            .layer(RequestLogLayer);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let res = tracing::subscriber::with_default(subscriber, || {
            let req = Request::get("/things/SECRET-ID?token=abc")
                .header("x-request-id", "req-7")
                .body(Body::empty())
                .unwrap();
            rt.block_on(Service::call(&mut app, req)).unwrap()
        });
        assert_eq!(res.headers()["x-request-id"], "req-7");
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{log}");
        assert!(
            lines[0].contains("request{id=req-7}") && lines[0].contains("the disk is full"),
            "{log}"
        );
        for part in [
            "method=GET",
            "route=/things/{id}",
            "status=503",
            "request_id=req-7",
        ] {
            assert!(lines[1].contains(part), "{part}: {log}");
        }
        assert!(
            !log.contains("SECRET-ID") && !log.contains("token=abc"),
            "{log}"
        );
    }

    #[test]
    fn made_ids_are_sane_and_differ() {
        let a = make_id();
        let b = make_id();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert!(is_sane(id.as_bytes()), "{id:?}");
            let (prefix, n) = id.to_str().unwrap().split_once('-').unwrap();
            assert_eq!(prefix.len(), 12);
            assert!(u64::from_str_radix(n, 16).is_ok(), "{id:?}");
        }
    }
}
