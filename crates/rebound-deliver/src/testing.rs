//! Real receivers on loopback for tests (never a transport that only
//! records calls): an SMTP server (aiosmtpd, installed by
//! `scripts/setup-smtp`) and an HTTP server for incoming webhooks.

pub mod smtp;
pub mod webhook;
