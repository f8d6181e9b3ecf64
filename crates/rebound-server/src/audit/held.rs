//! The layer that holds each response until its request's audit events are
//! committed. The handler runs with [`PENDING`] set, so what the guard
//! records lands in the request; once the handler has answered, the events
//! go to the writer and the response waits for the commit. These are the
//! reads' events: a write's went into its own transaction. A request that
//! recorded nothing (a refusal, a write that read nothing, a health check,
//! an asset) passes straight through. No box per request: the future is
//! pinned in place.

use super::{AuditSink, PENDING};
use crate::error::ApiError;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use rebound_domain::audit::AuditEvent;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::sync::oneshot;
use tokio::task::futures::TaskLocalFuture;
use tower::{Layer, Service};

#[derive(Clone)]
pub struct HoldUntilDurable {
    sink: AuditSink,
}

impl HoldUntilDurable {
    pub fn new(sink: AuditSink) -> Self {
        HoldUntilDurable { sink }
    }
}

impl<S> Layer<S> for HoldUntilDurable {
    type Service = Held<S>;
    fn layer(&self, inner: S) -> Held<S> {
        Held {
            inner,
            sink: self.sink.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Held<S> {
    inner: S,
    sink: AuditSink,
}

impl<S, B> Service<Request<B>> for Held<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = HeldFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        HeldFuture {
            inner: PENDING.scope(RefCell::new(Vec::new()), self.inner.call(req)),
            sink: self.sink.clone(),
            held: None,
        }
    }
}

pin_project_lite::pin_project! {
    pub struct HeldFuture<F> {
        #[pin]
        inner: TaskLocalFuture<RefCell<Vec<AuditEvent>>, F>,
        sink: AuditSink,
        // The handler's response, and the commit it waits for.
        held: Option<(Response, oneshot::Receiver<bool>)>,
    }
}

impl<F, E> Future for HeldFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        if this.held.is_none() {
            let res = match ready!(this.inner.as_mut().poll(cx)) {
                Ok(res) => res,
                Err(e) => return Poll::Ready(Err(e)),
            };
            let events = this
                .inner
                .as_mut()
                .take_value()
                .map(RefCell::into_inner)
                .unwrap_or_default();
            if events.is_empty() {
                return Poll::Ready(Ok(res));
            }
            *this.held = Some((res, this.sink.commit(events)));
        }
        let (_, committed) = this.held.as_mut().expect("held above");
        let committed = ready!(Pin::new(committed).poll(cx)).unwrap_or(false);
        let (res, _) = this.held.take().expect("held above");
        Poll::Ready(Ok(if committed {
            res
        } else {
            tracing::error!(
                status = res.status().as_u16(),
                "answer withheld: its audit events were not written"
            );
            withheld()
        }))
    }
}

/// The answer instead of one whose audit events could not be written.
fn withheld() -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the audit log could not be written, so the answer is withheld; \
         a change you asked for may have been saved: reload before trying again",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use rebound_domain::audit::AuditActor;
    use rebound_store::AuditStore;
    use std::sync::Arc;

    async fn status_of(app: &Router, path: &str) -> StatusCode {
        let mut svc = app.clone();
        std::future::poll_fn(|cx| Service::<Request<Body>>::poll_ready(&mut svc, cx))
            .await
            .unwrap();
        let req = Request::get(path).body(Body::empty()).unwrap();
        svc.call(req).await.unwrap().status()
    }

    /// On a real SQLite file: an answer leaves only once its event is
    /// committed, and when the event cannot be written the answer is a
    /// 500 rather than an answer without its event.
    #[tokio::test]
    async fn an_answer_waits_for_its_events_and_is_withheld_if_they_are_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(
            rebound_store_sqlite::open(&dir.path().join("a.db"))
                .await
                .unwrap(),
        );
        let (sink, writer) = AuditSink::start(store.clone(), Clock::System);
        let recorder = sink.clone();
        let app = Router::new()
            .route(
                "/read",
                get(move || async move {
                    let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
                    recorder.event(AuditEvent::mistake(
                        at,
                        AuditActor::User("ana0sam1".into()),
                        "7kq3x9mz",
                        rebound_domain::access::Part::Record,
                        rebound_domain::access::Action::Read,
                    ));
                    "read"
                }),
            )
            .route("/quiet", get(|| async { "nothing to audit" }))
            .layer(HoldUntilDurable::new(sink));
        let logged = || async { store.audit_of("mistake", "7kq3x9mz", 10).await.unwrap() };

        assert_eq!(status_of(&app, "/read").await, StatusCode::OK);
        assert_eq!(logged().await.len(), 1, "written before the answer");

        // Every audit write now fails, as a full or broken disk would.
        sqlx::query(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END",
        )
        .execute(store.pool())
        .await
        .unwrap();
        assert_eq!(
            status_of(&app, "/read").await,
            StatusCode::INTERNAL_SERVER_ERROR,
            "no answer without its event"
        );
        assert_eq!(status_of(&app, "/quiet").await, StatusCode::OK);
        assert_eq!(logged().await.len(), 1);
        drop(app);
        writer.await.unwrap();
    }
}
