//! A received message, as Python's email package reads the Maildir file.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One leaf part of the message, decoded.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Part {
    /// `text/plain`, `text/html`, `text/calendar`, …
    pub mime: String,
    /// The whole `Content-Type` value, with its parameters.
    pub content_type: String,
    pub body: String,
}

/// One message as it arrived, plus what the server saw of the envelope.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    raw: String,
    headers: Vec<(String, String)>,
    parts: Vec<Part>,
}

impl Received {
    /// The first header of that name (any case), unfolded and decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers(name).into_iter().next()
    }

    pub fn headers(&self, name: &str) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every header name, in order (to check nothing extra slipped in).
    pub fn header_names(&self) -> Vec<String> {
        self.headers.iter().map(|(n, _)| n.clone()).collect()
    }

    /// `RCPT TO` as the server took it (aiosmtpd's `X-RcptTo`).
    pub fn envelope_to(&self) -> Vec<String> {
        self.header("X-RcptTo")
            .map(|v| v.split(", ").map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// `MAIL FROM` as the server took it (aiosmtpd's `X-MailFrom`).
    pub fn envelope_from(&self) -> Option<String> {
        self.header("X-MailFrom")
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    fn part(&self, mime: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.mime == mime)
    }

    pub fn text(&self) -> Option<String> {
        self.part("text/plain").map(|p| p.body.clone())
    }

    pub fn html(&self) -> Option<String> {
        self.part("text/html").map(|p| p.body.clone())
    }

    pub fn calendar(&self) -> Option<String> {
        self.part("text/calendar").map(|p| p.body.clone())
    }

    /// The file as stored (aiosmtpd re-serialises what it received).
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

pub(super) fn parse<'a>(python: &PathBuf, files: impl Iterator<Item = &'a Path>) -> Vec<Received> {
    let output = Command::new(python)
        .arg("-c")
        .arg(include_str!("parse.py"))
        .args(files)
        .output()
        .expect("run the venv's python to read the Maildir");
    assert!(
        output.status.success(),
        "reading the Maildir failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the Maildir reader prints JSON")
}
