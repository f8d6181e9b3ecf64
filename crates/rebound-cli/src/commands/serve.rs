//! `rebound serve`: the server, on the same database the CLI uses.

use crate::args::ServeArgs;
use crate::context::open_backend;
use crate::error::{CliError, Result};
use std::path::PathBuf;

pub async fn run(
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    a: ServeArgs,
) -> Result<()> {
    let backend = open_backend(data_dir, database_url).await?;
    let listener = tokio::net::TcpListener::bind(a.addr).await.map_err(|e| {
        CliError::Io(format!(
            "cannot listen on {}: {}",
            a.addr,
            crate::context::plain(&e)
        ))
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| CliError::Io(e.to_string()))?;
    // The address goes to stdout so scripts (and tests) can find a port-0 server.
    println!("Rebound is listening on http://{addr}");
    let settings = rebound_server::Settings {
        secure_cookies: !a.insecure_cookies,
        trusted_proxy: a.trusted_proxy,
        ..rebound_server::Settings::default()
    };
    rebound_server::serve(listener, backend, settings)
        .await
        .map_err(|e| CliError::Io(format!("the server stopped: {e}")))
}
