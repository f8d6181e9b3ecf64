//! `rebound serve`: the server, on the same database the CLI uses, with its
//! settings in layers (`config.rs`) and its log on stderr (`logging.rs`).

// Also read by `notify test`, which checks the same settings.
mod backups;
pub(crate) mod config;
pub(crate) mod delivery;
mod limits;
mod listen;
mod logging;
mod refusals;
mod retention;

use crate::args::{ServeArgs, Typed};
use crate::context::{database, open_store};
use crate::database_url::DatabaseUrl;
use crate::error::{CliError, Result};
use std::path::PathBuf;
use std::time::Duration;

pub async fn run(
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    typed: Typed,
    a: ServeArgs,
) -> Result<()> {
    let config = config::load(&a, data_dir, database_url, typed)?;
    if a.print_config {
        print!("{}", config.printable());
        return Ok(());
    }
    // Checked by `config::load`, which names where the value came from.
    let filter = logging::filter(&config.log).map_err(CliError::Config)?;
    logging::install(config.log_format, filter);
    let url = database(config.data_dir.clone(), config.database_url.clone())?;
    let backend = open_store(&url).await?.backend();
    if let Some(dir) = &config.backup_dir {
        backups::start(backup_source(&url)?, schedule(dir, &config)?);
    }
    let listener = listen::bind(config.addr, config.reuse_port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| CliError::Io(e.to_string()))?;
    // The address goes to stdout so scripts (and tests) can find a port-0 server.
    println!("Rebound is listening on http://{addr}");
    tracing::info!(%addr, database = if url.is_postgres() { "postgres" } else { "sqlite" }, "listening");
    let settings = rebound_server::Settings {
        secure_cookies: !config.insecure_cookies,
        trusted_proxy: config.trusted_proxy,
        limits: rebound_server::Limits {
            header_read_timeout: Duration::from_secs(config.header_read_timeout),
            request_timeout: Duration::from_secs(config.request_timeout),
            max_connections: limits::fit_connections(config.max_connections),
        },
        // Checked by `config::load`, which names where a bad value came from.
        delivery: delivery::settings(&config).map_err(|(_, e)| CliError::Config(e))?,
        retention: retention::settings(&config),
        ..rebound_server::Settings::default()
    };
    rebound_server::serve(listener, backend, settings)
        .await
        .map_err(|e| CliError::Io(format!("the server stopped: {e}")))
}

/// The embedded file to back up; `config::load` refused PostgreSQL.
fn backup_source(url: &DatabaseUrl) -> Result<PathBuf> {
    match url {
        DatabaseUrl::SqliteFile(path) => Ok(path.clone()),
        DatabaseUrl::SqliteUrl(u) => rebound_store_sqlite::backup::path_of_url(u)
            .map_err(|e| CliError::Config(format!("bad value for 'backup_dir': {e}"))),
        DatabaseUrl::Postgres(_) => Err(CliError::Config(
            "scheduled backups are for the embedded database".into(),
        )),
    }
}

fn schedule(dir: &std::path::Path, config: &config::ServeConfig) -> Result<backups::Schedule> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::Config(format!(
            "bad value for 'backup_dir': cannot create {}: {}",
            dir.display(),
            crate::context::plain(&e)
        ))
    })?;
    Ok(backups::Schedule {
        dir: dir.to_path_buf(),
        every: Duration::from_secs(config.backup_every.saturating_mul(3600)),
        keep: config.backup_keep as usize,
    })
}
