//! End-to-end tests of the `rebound` binary: one test binary, one module per flow.

mod backup;
mod bad_input;
mod classify;
mod commits;
mod contain;
mod crash;
mod crash_delivery;
mod digest;
mod docs;
mod erasure;
mod erasure_logs;
mod export_data;
mod harness;
mod hostile_text;
mod journal;
mod listing;
mod mailing;
mod notifications;
mod notify_test;
mod plans;
mod plans_terminal;
mod playbooks;
mod postgres;
mod preferences;
mod proxy;
mod reflect;
#[cfg(unix)]
mod reflect_tty;
mod remote;
mod sending;
mod serve;
mod serve_config;
#[cfg(unix)]
mod serve_limits;
mod serve_logs;
mod served;
mod sharing;
mod text_input;
mod timeline_edit;
mod times;
mod two_servers;
mod two_servers_delivery;
mod updates;
mod visibility;
