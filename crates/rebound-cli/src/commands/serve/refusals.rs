//! How a bad setting is said: one line naming where the value came from
//! (the file, the variable or the flag), its key and what was wrong.

use super::config::ENV_KEYS;
use crate::error::{CliError, Result};
use figment::Metadata;
use figment::error::Kind;
use std::path::Path;

/// A missing file is an error, never a silent default; a syntax error is
/// reported with its line, in one line.
pub(super) fn check_file(path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Config(format!(
            "cannot read the config file {}: {}",
            path.display(),
            crate::context::plain(&e)
        ))
    })?;
    if let Err(e) = toml::from_str::<toml::Table>(&text) {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        let at = line.map(|l| format!(", line {l}")).unwrap_or_default();
        return Err(CliError::Config(format!(
            "the config file {}{at} is not valid TOML: {}",
            path.display(),
            e.message().trim()
        )));
    }
    Ok(())
}

/// figment's error, as one line a person can act on: where the value came
/// from, which key, what was wrong.
pub(super) fn describe(e: &figment::Error) -> String {
    let key = e.path.join(".");
    let origin = origin(e.metadata.as_ref(), &e.path);
    let problem = match &e.kind {
        Kind::UnknownField(field, _) => {
            return format!(
                "{origin}: unknown key '{field}' (known keys: {})",
                ENV_KEYS.join(", ")
            );
        }
        Kind::InvalidType(actual, expected) => format!("expected {expected}, found {actual}"),
        Kind::InvalidValue(actual, expected) => format!("expected {expected}, found {actual}"),
        Kind::UnknownVariant(actual, expected) => {
            format!("'{actual}' is not one of {}", expected.join(", "))
        }
        Kind::Message(m) => m.lines().next().unwrap_or_default().to_owned(),
        other => other.to_string(),
    };
    format!(
        "{origin}: bad value for '{key}': {problem}{}",
        example(&key)
    )
}

/// What a good value looks like, for the keys whose type says little.
fn example(key: &str) -> &'static str {
    match key {
        "addr" => " (e.g. \"127.0.0.1:7878\")",
        "trusted_proxy" => " (an IP address, e.g. \"10.0.0.1\")",
        "insecure_cookies" | "reuse_port" => " (true or false)",
        "header_read_timeout" | "request_timeout" => " (whole seconds, e.g. 10)",
        "max_connections" => " (a whole number, e.g. 4096)",
        "delivery_lease" => " (whole seconds, e.g. 120)",
        "backup_every" => " (whole hours, e.g. 24)",
        "backup_keep" => " (a whole number of backups, e.g. 7)",
        _ => "",
    }
}

/// Where a value came from: the file, the variable or the flag.
pub(super) fn origin(m: Option<&Metadata>, path: &[String]) -> String {
    let Some(m) = m else {
        return "in the settings".to_owned();
    };
    match m.source.as_ref().and_then(|s| s.file_path()) {
        Some(file) => format!("in the config file {}", file.display()),
        None if m.name.contains("environment") => format!(
            "in the environment variable REBOUND_{}",
            path.join("_").to_uppercase()
        ),
        None => format!("in --{}", path.join(".").replace('_', "-")),
    }
}
