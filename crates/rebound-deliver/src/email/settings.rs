//! `smtp_url`: Rebound's own reading, not lettre's `from_url`, because
//! there `smtp://` means no TLS at all; here it means STARTTLS required.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// `smtp://`: plain connect, then STARTTLS, which must succeed.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Wrapper,
    /// `?tls=none`: plain text, only ever to a loopback host.
    None,
}

/// A checked `smtp_url`. `Display` and `Debug` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// Without brackets for IPv6, as the resolver and TLS want it.
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub user: Option<String>,
    password: Option<String>,
}

/// Why `smtp_url` was refused: one sentence naming the setting, never
/// quoting the URL (it may carry a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("smtp_url is not a URL such as smtp://user:password@mail.example.com:587")]
    NotAUrl,
    #[error("smtp_url must start with smtp:// (STARTTLS) or smtps:// (TLS from the start)")]
    Scheme,
    #[error("smtp_url names no host")]
    NoHost,
    #[error("smtp_url has a port that is not a number from 1 to 65535")]
    Port,
    #[error("smtp_url must not have a path after the host and port")]
    Path,
    #[error("smtp_url may only carry tls=none after '?'")]
    Query,
    #[error(
        "smtp_url may use tls=none only with smtp:// and a loopback host (127.0.0.1, ::1 or localhost), not {0}"
    )]
    TlsNoneRemote(String),
    #[error("smtp_url has a password but no user name")]
    PasswordWithoutUser,
    #[error("smtp_url has a user name or password that is not percent-encoded UTF-8")]
    Credentials,
}

impl SmtpSettings {
    pub fn parse(input: &str) -> Result<SmtpSettings, SettingsError> {
        let url = url::Url::parse(input.trim()).map_err(|e| match e {
            url::ParseError::InvalidPort => SettingsError::Port,
            url::ParseError::EmptyHost => SettingsError::NoHost,
            _ => SettingsError::NotAUrl,
        })?;
        let (mut tls, default_port) = match url.scheme() {
            "smtp" => (Tls::StartTls, 587),
            "smtps" => (Tls::Wrapper, 465),
            _ => return Err(SettingsError::Scheme),
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_string(),
            _ => return Err(SettingsError::NoHost),
        };
        // smtp is not a "special" scheme to the url crate: it keeps an
        // opaque host, so a percent sign or odd byte is not a mail server.
        if host.contains('%') {
            return Err(SettingsError::NoHost);
        }
        let port = match url.port() {
            Some(0) => return Err(SettingsError::Port),
            Some(p) => p,
            None => default_port,
        };
        if !(url.path().is_empty() || url.path() == "/") || url.fragment().is_some() {
            return Err(SettingsError::Path);
        }
        if let Some(query) = url.query() {
            if query != "tls=none" {
                return Err(SettingsError::Query);
            }
            if tls != Tls::StartTls || !is_loopback(&host) {
                return Err(SettingsError::TlsNoneRemote(host));
            }
            tls = Tls::None;
        }
        let user = decode(url.username())?;
        let password = url.password().map(decode).transpose()?;
        if user.is_empty() && password.is_some() {
            return Err(SettingsError::PasswordWithoutUser);
        }
        Ok(SmtpSettings {
            host,
            port,
            tls,
            user: (!user.is_empty()).then_some(user),
            password,
        })
    }

    /// The password, for the transport only.
    pub(crate) fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// `host:port`, with brackets around an IPv6 host, for messages.
    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

fn decode(s: &str) -> Result<String, SettingsError> {
    percent_decode(s).ok_or(SettingsError::Credentials)
}

/// Percent-decoding by hand (RFC 3986 §2.1): `+` stays a plus here.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
        || host.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
}

impl fmt::Display for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls == Tls::Wrapper {
            "smtps"
        } else {
            "smtp"
        };
        write!(f, "{scheme}://")?;
        if let Some(user) = &self.user {
            write!(f, "{user}@")?;
        }
        write!(f, "{}", self.server())?;
        if self.tls == Tls::None {
            f.write_str("?tls=none")?;
        }
        Ok(())
    }
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpSettings({self})")
    }
}

#[cfg(test)]
mod tests;
