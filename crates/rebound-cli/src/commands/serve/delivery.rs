//! The delivery settings (`smtp_url`, `mail_from`, `public_url`,
//! `webhook_allow_private`), checked into what the server uses. Each
//! refusal names its key; the caller adds where the value came from.

use super::config::ServeConfig;
use rebound_deliver::email::{MailFrom, SmtpSettings};
use rebound_deliver::webhook::AllowList;
use rebound_server::delivery::DeliverySettings;

/// The settings, or the key at fault and one sentence about it.
pub fn settings(c: &ServeConfig) -> Result<DeliverySettings, (&'static str, String)> {
    let smtp = c
        .smtp_url
        .as_deref()
        .map(SmtpSettings::parse)
        .transpose()
        .map_err(|e| ("smtp_url", e.to_string()))?;
    let from = c
        .mail_from
        .as_deref()
        .map(MailFrom::parse)
        .transpose()
        .map_err(|e| ("mail_from", e.to_string()))?;
    let mail = match (smtp, from) {
        (Some(smtp), Some(from)) => Some((smtp, from)),
        (None, None) => None,
        (Some(_), None) => {
            return Err(("mail_from", "mail_from is needed with smtp_url: who mail comes from, e.g. \"Rebound <rebound@example.com>\"".into()));
        }
        (None, Some(_)) => {
            return Err((
                "smtp_url",
                "smtp_url is needed with mail_from: the mail server to send through".into(),
            ));
        }
    };
    let public_url = c
        .public_url
        .as_deref()
        .map(public_url)
        .transpose()
        .map_err(|e| ("public_url", e))?;
    let webhook_allow = match c.webhook_allow_private.as_deref() {
        None => AllowList::none(),
        Some(list) => AllowList::parse(list.split(',').map(str::trim).filter(|s| !s.is_empty()))
            .map_err(|e| ("webhook_allow_private", e.to_string()))?,
    };
    Ok(DeliverySettings {
        public_url,
        mail,
        webhook_allow,
        lease: jiff::SignedDuration::from_secs(c.delivery_lease.min(86_400) as i64),
    })
}

/// An http(s) URL with a host and nothing after the path: links are built
/// on it.
fn public_url(s: &str) -> Result<url::Url, String> {
    let bad = || {
        "public_url must be the http:// or https:// address people reach this server at, such as https://rebound.example.com".to_owned()
    };
    let url = url::Url::parse(s.trim()).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad());
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err("public_url must not carry a user name, '?…' or '#…'".into());
    }
    Ok(url)
}

/// `smtp_url` with any password as `***`, for `--print-config`.
pub fn redacted(s: &str) -> String {
    SmtpSettings::parse(s).map_or_else(|_| "(not a valid smtp_url)".into(), |v| v.to_string())
}
