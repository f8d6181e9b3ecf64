//! One writer at a time per SQLite file, in arrival order, inside this
//! process. SQLite has one write lock per database; writers that race for
//! it (the pool's connections, the SQLite writer thread) meet SQLite's busy
//! handler, which sleeps — 1 ms, growing to 100 ms a try — and tries again,
//! so under load a write waited for sleeps rather than for the writes
//! ahead of it (issue 20: p99 in the hundreds of milliseconds with eight
//! connections). Every writer of this process takes the file's gate first
//! (a fair mutex), so the lock is free when `BEGIN IMMEDIATE` asks; the
//! busy handler is left for other processes on the same file.
//! PostgreSQL has row locks and needs none.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

/// A database file's gate: hold its guard from `BEGIN` to the end.
pub type Gate = Arc<tokio::sync::Mutex<()>>;

/// The gate of the database at `path` (every caller naming the same path
/// in this process gets the same one while any holds it).
pub fn for_file(path: &Path) -> Gate {
    static GATES: Mutex<Vec<(PathBuf, Weak<tokio::sync::Mutex<()>>)>> = Mutex::new(Vec::new());
    let mut gates = GATES.lock().unwrap_or_else(|p| p.into_inner());
    gates.retain(|(_, g)| g.strong_count() > 0);
    if let Some(g) = gates
        .iter()
        .find(|(p, _)| p == path)
        .and_then(|(_, g)| g.upgrade())
    {
        return g;
    }
    let g: Gate = Arc::default();
    gates.push((path.to_path_buf(), Arc::downgrade(&g)));
    g
}
