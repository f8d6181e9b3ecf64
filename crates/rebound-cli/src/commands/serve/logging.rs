//! The server's log: one subscriber, installed by `serve` (the only command
//! that logs), writing to stderr as readable text or one JSON object per
//! line. Which events are written follows `log` (`REBOUND_LOG`, env-filter
//! syntax). What is logged is chosen where it is logged: the request line
//! (`rebound_server::request_log`) and error causes; no event carries
//! content, passwords, tokens, cookies or query strings.

use super::config::LogFormat;
use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// Checks a filter directive; the message is tracing-subscriber's.
pub fn filter(directive: &str) -> Result<EnvFilter, String> {
    EnvFilter::builder()
        .parse(directive)
        .map_err(|e| e.to_string())
}

/// Installs the subscriber for the rest of the process. A second call (there
/// is none outside tests) keeps the first.
pub fn install(format: LogFormat, filter: EnvFilter) {
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}
