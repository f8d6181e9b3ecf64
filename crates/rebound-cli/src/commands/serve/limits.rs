//! The process's open-file limit: every connection is a file descriptor, and
//! the usual soft limit (often 1,024) is far below the hard one. At start
//! the soft limit is raised to the hard one where the system allows, and
//! the connection cap is kept below it, so accepting never fails for want
//! of descriptors (which used to stall every client, `/healthz` included).

/// Descriptors kept for everything but connections: the database (a
/// PostgreSQL pool, or SQLite's files and per-thread readers), the log,
/// the runtime's own.
const RESERVED: u64 = 128;

/// Raises the soft limit and says what it became; returns the connection
/// cap to use: `wanted`, or less if the limit leaves less room.
pub fn fit_connections(wanted: usize) -> usize {
    let Some(open_files) = raise_open_files() else {
        return wanted;
    };
    let room = usize::try_from(open_files.saturating_sub(RESERVED).max(1)).unwrap_or(usize::MAX);
    if wanted > room {
        tracing::warn!(
            max_connections = room,
            asked = wanted,
            open_files,
            "max_connections lowered to fit the open-file limit"
        );
        room
    } else {
        wanted
    }
}

#[cfg(unix)]
fn raise_open_files() -> Option<u64> {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let (soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limits) => limits,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the open-file limit");
            return None;
        }
    };
    // An unlimited hard limit cannot be the soft one on every system.
    let target = hard.min(1 << 20);
    let now = if target > soft && setrlimit(Resource::RLIMIT_NOFILE, target, hard).is_ok() {
        target
    } else {
        soft
    };
    tracing::info!(open_files = now, was = soft, "open-file limit");
    Some(now)
}

#[cfg(not(unix))]
fn raise_open_files() -> Option<u64> {
    None
}
