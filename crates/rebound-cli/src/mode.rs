//! Local or remote: which backend a mistake command runs against.
//!
//! In order: `--local` or a typed `--data-dir`/`--database-url` means this
//! machine's database; `--server URL` (or `REBOUND_SERVER`) means that
//! server, with the token in `REBOUND_TOKEN` or from the login file when it
//! is for the same server; otherwise the login file's server, if signed in;
//! otherwise this machine's database.

use crate::args::Typed;
use crate::error::{CliError, Result};
use crate::remote::http::{normalize, not_signed_in};
use crate::remote::login_file;

pub enum Mode {
    Local,
    Remote { server: String, token: String },
}

pub struct Choice<'a> {
    pub server: Option<&'a str>,
    pub local: bool,
    pub typed: Typed,
}

pub fn choose(c: Choice<'_>) -> Result<Mode> {
    if c.typed.store && c.typed.server {
        return Err(CliError::invalid(
            "--server and --data-dir/--database-url cannot be used together: a command runs either against a server or on a database",
        ));
    }
    if c.local || c.typed.store {
        return Ok(Mode::Local);
    }
    let env_token = std::env::var("REBOUND_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    if let Some(server) = c.server.filter(|s| !s.trim().is_empty()) {
        let server = normalize(server)?;
        let token = match env_token {
            Some(t) => t,
            None => login_file::read()?
                .filter(|l| l.server == server)
                .map(|l| l.token)
                .ok_or_else(|| not_signed_in(&server))?,
        };
        return Ok(Mode::Remote { server, token });
    }
    match (login_file::read()?, env_token) {
        (Some(login), token) => Ok(Mode::Remote {
            token: token.unwrap_or(login.token),
            server: login.server,
        }),
        (None, Some(_)) => Err(CliError::invalid(
            "REBOUND_TOKEN is set but no server is given: pass --server URL (or unset it to use this machine's database)",
        )),
        (None, None) => Ok(Mode::Local),
    }
}
