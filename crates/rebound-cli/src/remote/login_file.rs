//! The login file: which server `rebound login` signed in to and the API
//! token it made there (never the password), readable by its owner only
//! (mode 0600), in the config directory (`REBOUND_CONFIG_DIR` overrides it).

use crate::context::plain;
use crate::error::{CliError, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Login {
    /// The server address, as `http::normalize` returns it.
    pub server: String,
    /// Who signed in, for messages.
    pub email: String,
    /// The token's public id, to revoke it at `rebound logout`.
    pub token_id: String,
    /// The secret: sent as `Authorization: Bearer …`.
    pub token: String,
}

fn config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("REBOUND_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "rebound")
        .map(|d| d.config_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::invalid(
                "cannot find your config directory (no HOME?): set REBOUND_CONFIG_DIR",
            )
        })
}

pub fn path() -> Result<PathBuf> {
    Ok(config_dir()?.join("login.json"))
}

/// The stored login, if there is one.
pub fn read() -> Result<Option<Login>> {
    let path = path()?;
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::Io(format!(
                "cannot read the login file {}: {}",
                path.display(),
                plain(&e)
            )));
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|_| {
        CliError::invalid(format!(
            "the login file {} is damaged: delete it and run `rebound login --server URL`",
            path.display()
        ))
    })
}

/// Writes the login so that only its owner can read it: a private
/// temporary file beside it, renamed over it.
pub fn write(login: &Login) -> Result<PathBuf> {
    let path = path()?;
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    let fail = |what: &str, e: std::io::Error| {
        CliError::Io(format!(
            "cannot {what} the login file {}: {}",
            path.display(),
            plain(&e)
        ))
    };
    create_private_dir(&dir).map_err(|e| fail("create the folder of", e))?;
    let text = serde_json::to_string_pretty(login).map_err(|e| CliError::Io(e.to_string()))?;
    // tempfile creates the file with mode 0600 on Unix.
    let mut file = tempfile::Builder::new()
        .prefix(".login-")
        .tempfile_in(&dir)
        .map_err(|e| fail("write", e))?;
    file.write_all(format!("{text}\n").as_bytes())
        .and_then(|_| file.as_file().sync_all())
        .map_err(|e| fail("write", e))?;
    restrict(file.path()).map_err(|e| fail("protect", e))?;
    file.persist(&path).map_err(|e| fail("write", e.error))?;
    Ok(path)
}

/// Deletes the login file; true if there was one.
pub fn remove() -> Result<bool> {
    let path = path()?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(CliError::Io(format!(
            "cannot delete the login file {}: {}",
            path.display(),
            plain(&e)
        ))),
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn restrict(file: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_: &std::path::Path) -> std::io::Result<()> {
    Ok(())
}
