//! `rebound backup PATH` and `rebound restore PATH`: the embedded database
//! on this machine (the one `serve` uses with the same `--data-dir` or
//! `--database-url`), copied while a server may be writing to it, or put
//! back after checks. PostgreSQL is backed up with its own tools; these
//! commands say how rather than half-doing it.

use crate::context::database;
use crate::database_url::{DatabaseUrl, redacted};
use crate::error::{CliError, Result};
use crate::progress::Progress;
use rebound_store_sqlite::backup::{self, BackupError};
use std::path::PathBuf;
use std::sync::Arc;

pub async fn backup(data_dir: Option<PathBuf>, url: Option<String>, dest: PathBuf) -> Result<()> {
    let source = sqlite_path(data_dir, url, "backup")?;
    let bar = Arc::new(Progress::bytes());
    let copied = {
        let bar = bar.clone();
        blocking(move || {
            backup::backup(&source, &dest, &|done, all| {
                bar.show(done as usize, all as usize)
            })
        })
        .await?
    };
    bar.clear();
    let i = &copied.inspected;
    println!(
        "Backed up {} ({}) to {}.",
        i.holdings,
        size(copied.bytes),
        i.path.display()
    );
    Ok(())
}

pub async fn restore(
    data_dir: Option<PathBuf>,
    url: Option<String>,
    from: PathBuf,
    force: bool,
) -> Result<()> {
    let target = sqlite_path(data_dir, url, "restore")?;
    let bar = Arc::new(Progress::bytes());
    let restored = {
        let (bar, target) = (bar.clone(), target.clone());
        blocking(move || {
            backup::restore(&from, &target, force, &|d, a| {
                bar.show(d as usize, a as usize)
            })
        })
        .await?
    };
    bar.clear();
    // Opening brings an older backup's schema up to this build's.
    let store = rebound_store_sqlite::open(&target).await?;
    store.close().await;
    let from = &restored.from;
    println!(
        "Restored {} from {} (schema {}) into {}.",
        from.holdings,
        from.path.display(),
        from.schema,
        target.display()
    );
    if let Some(kept) = restored.replaced {
        println!("The database it replaced is kept as {}.", kept.display());
    }
    Ok(())
}

/// The embedded database file these commands work on, or why not.
fn sqlite_path(data_dir: Option<PathBuf>, url: Option<String>, verb: &str) -> Result<PathBuf> {
    match database(data_dir, url)? {
        DatabaseUrl::SqliteFile(path) => Ok(path),
        DatabaseUrl::SqliteUrl(url) => backup::path_of_url(&url).map_err(CliError::from),
        DatabaseUrl::Postgres(url) => Err(CliError::invalid(match verb {
            "backup" => format!(
                "a PostgreSQL database is backed up with its own tools, while it runs: pg_dump --format=custom --file=PATH '{}' (README: \"Backup and restore\")",
                redacted(&url)
            ),
            _ => format!(
                "a PostgreSQL database is restored with its own tools: pg_restore --clean --if-exists --no-owner --dbname='{}' PATH (README: \"Backup and restore\")",
                redacted(&url)
            ),
        })),
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, BackupError> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CliError::Io(format!("the copy stopped: {e}")))?
        .map_err(CliError::from)
}

impl From<BackupError> for CliError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::NoDatabase(_) => CliError::Missing(e.to_string()),
            BackupError::InUse(_) => CliError::Server(e.to_string()),
            _ => CliError::Invalid(e.to_string()),
        }
    }
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{} kB", b >> 10),
        b => format!("{b} bytes"),
    }
}
