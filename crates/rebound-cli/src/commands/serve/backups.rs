//! Scheduled backups of the embedded database while the server runs
//! (`backup_dir`, `backup_every` hours, `backup_keep` files): the same
//! consistent copy as `rebound backup`, named by its UTC time so names sort
//! by age, the oldest beyond `backup_keep` removed after each new one. The
//! first is taken at start when the newest in the directory is older than
//! the interval (or there is none), so a server that restarts often still
//! keeps its backups fresh without taking one on every start.

use rebound_store_sqlite::backup;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const PREFIX: &str = "rebound-";
const SUFFIX: &str = ".db";

#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

/// Runs for as long as the server does.
pub fn start(database: PathBuf, schedule: Schedule) {
    tokio::spawn(async move {
        let since = newest_age(&schedule.dir).unwrap_or(Duration::MAX);
        let mut wait = schedule.every.saturating_sub(since);
        loop {
            tokio::time::sleep(wait).await;
            let (db, s) = (database.clone(), schedule.clone());
            match tokio::task::spawn_blocking(move || take(&db, &s)).await {
                Ok(Ok((file, bytes, removed))) => {
                    tracing::info!(target: "rebound::backup", file = %file.display(), bytes, removed, "backup made")
                }
                Ok(Err(e)) => {
                    tracing::error!(target: "rebound::backup", error = %e, "backup failed")
                }
                Err(e) => tracing::error!(target: "rebound::backup", error = %e, "backup stopped"),
            }
            wait = schedule.every;
        }
    });
}

/// One backup, then the oldest beyond `keep` removed.
fn take(database: &Path, s: &Schedule) -> Result<(PathBuf, u64, usize), backup::BackupError> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    let file = s.dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
    let copied = backup::backup(database, &file, &|_, _| {})?;
    let mut names = ours(&s.dir);
    names.sort();
    let excess = names.len().saturating_sub(s.keep);
    let mut removed = 0;
    for old in &names[..excess] {
        if std::fs::remove_file(s.dir.join(old)).is_ok() {
            removed += 1;
        }
    }
    Ok((file, copied.bytes, removed))
}

/// The backups this schedule made, by name; anything else in the
/// directory is left alone.
fn ours(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.strip_prefix(PREFIX)
                .and_then(|r| r.strip_suffix(SUFFIX))
                .is_some_and(|stamp| jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", stamp).is_ok())
        })
        .collect()
}

fn newest_age(dir: &Path) -> Option<Duration> {
    ours(dir)
        .iter()
        .filter_map(|n| std::fs::metadata(dir.join(n)).ok()?.modified().ok())
        .max()
        .map(|t| SystemTime::now().duration_since(t).unwrap_or_default())
}
