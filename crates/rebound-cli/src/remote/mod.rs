//! The remote mode: the same commands against a Rebound server's JSON API,
//! with an API token made by `rebound login` and kept in the login file.

pub mod account;
mod commit_warning;
pub mod digest;
pub mod erasure;
mod export;
pub mod http;
mod journal;
mod learn;
pub mod login_file;
mod mistakes;
pub mod notifications;
mod pages;
pub mod sending;
mod sharing;

use crate::context::now;
use crate::error::Result;
use http::{Auth, Http};
use jiff::Zoned;

/// A server to run mistake commands against.
pub struct Remote {
    pub http: Http,
    /// Now, in the person's time zone: times they type are read against it
    /// here, and sent as RFC 3339 timestamps.
    pub now: Zoned,
}

impl Remote {
    /// `server` as `http::normalize` returns it.
    pub fn new(server: &str, token: String) -> Result<Remote> {
        Ok(Remote {
            http: Http::new(server, Auth::Token(token))?,
            now: now(),
        })
    }
}
