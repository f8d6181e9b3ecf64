//! Rebound's server: the JSON API under `/api/v1`. Handlers are thin: they
//! authenticate (`auth`), go through the one access guard (`guard`), call
//! the domain, and answer in JSON (`json`, `error`).

mod app;
mod attention;
mod audit;
mod auth;
mod clock;
pub mod delivery;
mod digests;
mod erasure;
mod error;
pub mod export_data;
mod guard;
mod health;
mod housekeeping;
mod insights;
mod journal;
mod json;
mod listen;
mod mistakes;
mod openapi_errors;
mod openapi_limits;
mod openapi_versions;
mod patterns;
mod people;
mod plans;
mod playbooks;
mod precondition;
pub mod preferences;
mod random;
mod reflections;
mod request_log;
mod sharing;
mod state;
mod web;
mod webhooks;

pub use app::{parts, router};
pub use clock::Clock;
pub use guard::Backend;
pub use housekeeping::Retention;
pub use listen::Limits;
pub use mistakes::older::UpdatePageView;
pub use mistakes::read::html_export;
pub use state::{AppState, Settings};

use std::sync::Arc;

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    backend: Arc<dyn Backend>,
    settings: Settings,
) -> std::io::Result<()> {
    let limits = settings.limits;
    let keep = settings.retention;
    let (state, audit_writer) = AppState::start(backend.clone(), settings);
    let housekeeping = tokio::spawn(housekeeping::run(
        backend,
        state.guard.clone(),
        state.clock.clone(),
        keep,
    ));
    let delivery = tokio::spawn(delivery::Worker::new(&state).run());
    let served = listen::accept_loop(listener, router(state), limits, shutdown()).await;
    // A round cut off part way is done again whole by the next start.
    housekeeping.abort();
    // A send in flight is cut off; its lease runs out and it goes again.
    delivery.abort();
    // Both hold the audit writer's sink: gone before it is awaited.
    let _ = housekeeping.await;
    let _ = delivery.await;
    // The router and its state are gone: let the audit writer drain.
    let _ = audit_writer.await;
    served
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
