//! `serve`'s settings, in layers, each overriding the one before:
//! built-in defaults → a TOML file (`--config PATH` / `REBOUND_CONFIG`) →
//! `REBOUND_*` environment → flags typed on the command line. Keys are the
//! flags' names (`addr`, `database_url`, `data_dir`, `insecure_cookies`,
//! `trusted_proxy`, `log_format`, `log`, `header_read_timeout`,
//! `request_timeout`, `max_connections`, `reuse_port`, `smtp_url`, `mail_from`,
//! `public_url`, `webhook_allow_private`, `delivery_lease`, `backup_dir`,
//! `backup_every`, `backup_keep`, `keep_closed_mistakes`,
//! `keep_ended_share_links`, `keep_audit_events`); an unknown key in the file is an
//! error, and so is a missing or unreadable file. Every mistake is one line
//! naming where the bad value came from (file, variable or flag) and its key.

use super::refusals::{check_file, describe, origin};
use super::retention::Keep;
use crate::args::{MailArgs, ServeArgs, Typed};
use crate::database_url::DatabaseUrl;
use crate::error::{CliError, Result};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

/// Every server setting, typed. Passed in explicitly; never a global.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    pub insecure_cookies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_proxy: Option<IpAddr>,
    pub log_format: LogFormat,
    /// An env-filter directive: `info`, `warn,rebound::request=info`, …
    pub log: String,
    /// Seconds to send a request's headers (and to stay idle).
    pub header_read_timeout: u64,
    /// Seconds a request may take.
    pub request_timeout: u64,
    /// Connections served at once.
    pub max_connections: usize,
    /// Share `addr` with other servers that set it too (SO_REUSEPORT).
    pub reuse_port: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_allow_private: Option<String>,
    /// Seconds a delivery worker holds what it claimed.
    pub delivery_lease: u64,
    /// Where scheduled backups go (embedded database only); none: no schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_dir: Option<PathBuf>,
    /// Hours between scheduled backups.
    pub backup_every: u64,
    /// How many scheduled backups to keep.
    pub backup_keep: u64,
    /// Days a closed mistake is kept after its latest close, or forever.
    pub keep_closed_mistakes: Keep,
    /// Days an expired or revoked share link stays listed, or forever.
    pub keep_ended_share_links: Keep,
    /// Days an audit event is kept, or forever.
    pub keep_audit_events: Keep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 7878)),
            database_url: None,
            data_dir: None,
            insecure_cookies: false,
            trusted_proxy: None,
            log_format: LogFormat::Text,
            log: "info".into(),
            header_read_timeout: 10,
            request_timeout: 30,
            max_connections: 4096,
            reuse_port: false,
            smtp_url: None,
            mail_from: None,
            public_url: None,
            webhook_allow_private: None,
            delivery_lease: rebound_domain::delivery::LEASE.as_secs() as u64,
            backup_dir: None,
            backup_every: 24,
            backup_keep: 7,
            // Why these: ARCHITECTURE.md, "Retention".
            keep_closed_mistakes: Keep::Forever,
            keep_ended_share_links: Keep::Days(
                rebound_domain::sharing::ENDED_LINK_KEPT_FOR.as_hours() as u64 / 24,
            ),
            keep_audit_events: Keep::Forever,
        }
    }
}

/// The keys the environment may set, as `REBOUND_<KEY>`; other `REBOUND_*`
/// variables belong to other commands.
pub(super) const ENV_KEYS: [&str; 22] = [
    "addr",
    "database_url",
    "data_dir",
    "insecure_cookies",
    "trusted_proxy",
    "log_format",
    "log",
    "header_read_timeout",
    "request_timeout",
    "max_connections",
    "reuse_port",
    "smtp_url",
    "mail_from",
    "public_url",
    "webhook_allow_private",
    "delivery_lease",
    "backup_dir",
    "backup_every",
    "backup_keep",
    "keep_closed_mistakes",
    "keep_ended_share_links",
    "keep_audit_events",
];

/// The flags typed on the command line; an absent one leaves the layers
/// below it alone.
#[derive(Default, Serialize)]
struct Flags {
    #[serde(skip_serializing_if = "Option::is_none")]
    addr: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    insecure_cookies: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trusted_proxy: Option<IpAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    log_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header_read_timeout: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_timeout: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_connections: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reuse_port: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smtp_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mail_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_allow_private: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery_lease: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_every: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_keep: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keep_closed_mistakes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keep_ended_share_links: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keep_audit_events: Option<String>,
}

/// Reads the layers. `data_dir` and `database_url` are the global flags'
/// values, used only when `typed` says they were on the command line (clap
/// also fills them from the environment, which is a layer of its own here).
pub fn load(
    a: &ServeArgs,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    typed: Typed,
) -> Result<ServeConfig> {
    let flags = Flags {
        addr: a.addr,
        database_url: database_url.filter(|_| typed.database_url),
        data_dir: data_dir.filter(|_| typed.data_dir),
        insecure_cookies: a.insecure_cookies.then_some(true),
        trusted_proxy: a.trusted_proxy,
        log_format: a.log_format.clone(),
        log: a.log.clone(),
        header_read_timeout: a.header_read_timeout,
        request_timeout: a.request_timeout,
        max_connections: a.max_connections,
        reuse_port: a.reuse_port.then_some(true),
        backup_dir: a.backup_dir.clone(),
        backup_every: a.backup_every,
        backup_keep: a.backup_keep,
        keep_closed_mistakes: a.keep.closed_mistakes.clone(),
        keep_ended_share_links: a.keep.ended_share_links.clone(),
        keep_audit_events: a.keep.audit_events.clone(),
        ..Flags::mail(&a.mail)
    };
    layered(a.config.as_deref(), flags)
}

/// The same layers for `rebound notify test`, which checks the settings
/// `serve` would use: only the delivery flags (and the global database
/// flags) can be typed; everything is checked as `serve` checks it.
pub fn load_mail(
    config: Option<&Path>,
    mail: &MailArgs,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    typed: Typed,
) -> Result<ServeConfig> {
    let flags = Flags {
        database_url: database_url.filter(|_| typed.database_url),
        data_dir: data_dir.filter(|_| typed.data_dir),
        ..Flags::mail(mail)
    };
    layered(config, flags)
}

impl Flags {
    /// Only the delivery flags, as typed.
    fn mail(m: &MailArgs) -> Flags {
        Flags {
            smtp_url: m.smtp_url.clone(),
            mail_from: m.mail_from.clone(),
            public_url: m.public_url.clone(),
            webhook_allow_private: m.webhook_allow_private.clone(),
            delivery_lease: m.delivery_lease,
            ..Flags::default()
        }
    }
}

/// Defaults → the file → the environment → `flags`, then every check.
fn layered(config: Option<&Path>, flags: Flags) -> Result<ServeConfig> {
    let mut figment = Figment::from(Serialized::defaults(ServeConfig::default()));
    if let Some(path) = config {
        check_file(path)?;
        figment = figment.merge(Toml::file_exact(path));
    }
    let figment = figment
        .merge(Env::prefixed("REBOUND_").only(&ENV_KEYS))
        .merge(Serialized::defaults(flags));
    let mut config: ServeConfig = figment
        .extract()
        .map_err(|e| CliError::Config(describe(&e)))?;
    // An empty URL (`REBOUND_DATABASE_URL=`) means "none", as for every command.
    config.database_url = config.database_url.filter(|u| !u.trim().is_empty());
    if let Some(Err(e)) = config.database_url.as_deref().map(DatabaseUrl::parse) {
        let key = ["database_url".to_owned()];
        let origin = origin(figment.find_metadata("database_url"), &key);
        return Err(CliError::Config(format!(
            "{origin}: bad value for 'database_url': {e}"
        )));
    }
    if let Err(e) = super::logging::filter(&config.log) {
        let origin = origin(figment.find_metadata("log"), &["log".to_owned()]);
        return Err(CliError::Config(format!(
            "{origin}: bad value for 'log' ('{}'): {e}",
            config.log
        )));
    }
    for (key, value) in [
        ("header_read_timeout", config.header_read_timeout),
        ("request_timeout", config.request_timeout),
        ("max_connections", config.max_connections as u64),
        ("delivery_lease", config.delivery_lease),
        ("backup_every", config.backup_every),
        ("backup_keep", config.backup_keep),
    ] {
        if value == 0 {
            let origin = origin(figment.find_metadata(key), &[key.to_owned()]);
            return Err(CliError::Config(format!(
                "{origin}: bad value for '{key}': it must be at least 1"
            )));
        }
    }
    // Empty means unset, as for the database URL.
    for v in [
        &mut config.smtp_url,
        &mut config.mail_from,
        &mut config.public_url,
        &mut config.webhook_allow_private,
    ] {
        *v = v.take().filter(|s| !s.trim().is_empty());
    }
    if config.backup_dir.is_some()
        && config
            .database_url
            .as_deref()
            .is_some_and(|u| DatabaseUrl::parse(u).is_ok_and(|u| u.is_postgres()))
    {
        let origin = origin(
            figment.find_metadata("backup_dir"),
            &["backup_dir".to_owned()],
        );
        return Err(CliError::Config(format!(
            "{origin}: scheduled backups are for the embedded database; back up PostgreSQL with pg_dump (README: \"Backup and restore\")"
        )));
    }
    if let Err((key, e)) = super::delivery::settings(&config) {
        let origin = origin(figment.find_metadata(key), &[key.to_owned()]);
        return Err(CliError::Config(format!("{origin}: {e}")));
    }
    Ok(config)
}

impl ServeConfig {
    /// The settings as TOML, for `--print-config`: the data directory as it
    /// will be used, and any password in the database URL as `***`.
    pub fn printable(&self) -> String {
        let mut shown = self.clone();
        shown.database_url = self
            .database_url
            .as_deref()
            .map(crate::database_url::redacted);
        shown.smtp_url = self.smtp_url.as_deref().map(super::delivery::redacted);
        if shown.database_url.is_none() && shown.data_dir.is_none() {
            shown.data_dir = crate::context::default_data_dir().ok();
        }
        toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot show the settings: {e}\n"))
    }
}
