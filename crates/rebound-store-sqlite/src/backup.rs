//! Online backup and restore of the embedded database.
//!
//! A backup is `VACUUM INTO` a new file: one read transaction, so it is a
//! consistent snapshot while a server keeps writing (WAL readers never block
//! writers, nor the reverse), every write committed before it began is in it,
//! and — unlike page-by-page copying — it rebuilds the file, so pages freed
//! by deletions are not carried into it. It is written beside the
//! destination under a temporary name, synced, and only then linked to its
//! name, which must not exist: a crash or a refusal never leaves a partial
//! backup under the name asked for, and nothing is ever overwritten.
//!
//! Restoring checks the file first (an SQLite file, `integrity_check` clean,
//! a Rebound schema no newer than this build's), refuses a target that is in
//! use or holds data unless told to replace it (then the old file is kept
//! beside it, renamed), and copies the backup in the same way.

use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

mod check;
pub use check::{Holdings, Inspected, inspect};

/// What went wrong, in words a person acts on. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("{0} already exists; give a new file name (a backup never overwrites)")]
    Exists(PathBuf),
    #[error("cannot write to {dir}: {reason}")]
    CannotWrite { dir: PathBuf, reason: String },
    #[error("{0} is not a Rebound backup: it is not an SQLite database")]
    NotSqlite(PathBuf),
    #[error("{0} is not a Rebound backup: it holds no Rebound schema")]
    NotRebound(PathBuf),
    #[error("{path} is damaged: the integrity check found {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} was made by a newer Rebound (schema {found}; this build knows up to {known}); restore it with that version or newer"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{path} already holds {holdings}; add --force to replace it (the current file is kept beside it, renamed)"
    )]
    HasData { path: PathBuf, holdings: Holdings },
    #[error(
        "the database at {0} is in use (is `rebound serve` running on it?); stop it and try again"
    )]
    InUse(PathBuf),
    #[error("an in-memory database ({0}) has nothing on disk to back up or restore")]
    InMemory(String),
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
}

/// A finished copy.
#[derive(Debug, Clone)]
pub struct Copied {
    pub bytes: u64,
    pub inspected: Inspected,
}

/// A finished restore; `replaced` is where the previous file was kept.
#[derive(Debug, Clone)]
pub struct Restored {
    pub from: Inspected,
    pub replaced: Option<PathBuf>,
}

/// Called with (bytes written, bytes expected) while a copy runs.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Copies the live database at `source` to a new file `dest`.
pub fn backup(source: &Path, dest: &Path, progress: Progress) -> Result<Copied, BackupError> {
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source.to_path_buf()));
    }
    let conn = open_source(source)?;
    let bytes = copy_into(&conn, source, dest, progress)?;
    drop(conn);
    Ok(Copied {
        bytes,
        inspected: inspect(dest)?,
    })
}

/// Replaces the database at `target` with the backup at `from`.
pub fn restore(
    from: &Path,
    target: &Path,
    force: bool,
    progress: Progress,
) -> Result<Restored, BackupError> {
    let inspected = inspect(from)?;
    let exists = target.is_file();
    if exists {
        let lock = lock_unused(target)?;
        let holdings = check::holdings(&lock).unwrap_or_default();
        if !holdings.is_empty() && !force {
            return Err(BackupError::HasData {
                path: target.to_path_buf(),
                holdings,
            });
        }
    }
    let staged = sibling(target, "restoring");
    let _ = fs::remove_file(&staged);
    let source = open_source(from)?;
    copy_into(&source, from, &staged, progress)?;
    drop(source);
    let replaced = match exists {
        true => {
            // Again, right before the swap: a server may have started.
            drop(lock_unused(target).inspect_err(|_| {
                let _ = fs::remove_file(&staged);
            })?);
            let kept = with_suffix(target, &format!(".replaced-{}", stamp()));
            fs::rename(target, &kept).map_err(|e| cannot_write(target, e))?;
            Some(kept)
        }
        false => None,
    };
    // The old file's log belongs to it alone; a fresh one is made on open.
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(with_suffix(target, suffix));
    }
    fs::rename(&staged, target).map_err(|e| cannot_write(target, e))?;
    sync_dir(target);
    Ok(Restored {
        from: inspected,
        replaced,
    })
}

/// The file a `sqlite:` URL names, as the store would open it.
pub fn path_of_url(url: &str) -> Result<PathBuf, BackupError> {
    use std::str::FromStr;
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(BackupError::InMemory(url.to_owned()));
    }
    sqlx::sqlite::SqliteConnectOptions::from_str(url)
        .map(|o| o.get_filename().to_path_buf())
        .map_err(|e| unreadable(Path::new(url), e))
}

fn open_source(path: &Path) -> Result<Connection, BackupError> {
    check::refuse_non_sqlite(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| unreadable(path, e))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| unreadable(path, e))?;
    Ok(conn)
}

/// `VACUUM INTO` a temporary sibling of `dest`, then links it to `dest`,
/// which fails if `dest` appeared meanwhile: nothing is overwritten.
fn copy_into(
    conn: &Connection,
    source: &Path,
    dest: &Path,
    progress: Progress,
) -> Result<u64, BackupError> {
    if dest.exists() {
        return Err(BackupError::Exists(dest.to_path_buf()));
    }
    let dir = parent(dest);
    if !dir.is_dir() {
        return Err(BackupError::CannotWrite {
            dir,
            reason: "no such directory".into(),
        });
    }
    let expected: u64 = conn
        .query_row(
            "SELECT (page_count - freelist_count) * page_size \
             FROM pragma_page_count, pragma_freelist_count, pragma_page_size",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| unreadable(source, e))?
        .max(0) as u64;
    let partial = sibling(dest, &format!("partial-{}", std::process::id()));
    let _ = fs::remove_file(&partial);
    fs::File::create(&partial)
        .and_then(|_| fs::remove_file(&partial))
        .map_err(|e| cannot_write(&dir, e))?;
    let done = AtomicBool::new(false);
    let result = std::thread::scope(|s| {
        s.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                let written = fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
                progress(written.min(expected), expected);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let r = conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()]);
        done.store(true, Ordering::Relaxed);
        r
    });
    let finish = || -> io::Result<u64> {
        let file = fs::File::open(&partial)?;
        file.sync_all()?;
        let bytes = file.metadata()?.len();
        fs::hard_link(&partial, dest)?;
        fs::remove_file(&partial)?;
        sync_dir(dest);
        Ok(bytes)
    };
    let outcome = match result {
        Err(e) => Err(unreadable(source, e)),
        Ok(_) => finish().map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => BackupError::Exists(dest.to_path_buf()),
            _ => cannot_write(&dir, e),
        }),
    };
    let _ = fs::remove_file(&partial);
    if let Ok(bytes) = outcome {
        progress(bytes, bytes);
    }
    outcome
}

/// An exclusive lock on `path`, which fails while any other connection —
/// a running server's included — has the database open.
fn lock_unused(path: &Path) -> Result<Connection, BackupError> {
    check::refuse_non_sqlite(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| unreadable(path, e))?;
    // A write in flight ends within this; an open connection does not.
    conn.busy_timeout(Duration::from_secs(1))
        .map_err(|e| unreadable(path, e))?;
    let locked = conn
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .is_ok();
    if !locked {
        return Err(BackupError::InUse(path.to_path_buf()));
    }
    Ok(conn)
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `dir/.name.tag`: hidden beside `path`, on the same file system.
fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    parent(path).join(format!(".{name}.{tag}"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn stamp() -> String {
    jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

fn sync_dir(path: &Path) {
    if let Ok(dir) = fs::File::open(parent(path)) {
        let _ = dir.sync_all();
    }
}

fn cannot_write(path: &Path, e: io::Error) -> BackupError {
    BackupError::CannotWrite {
        dir: path.to_path_buf(),
        reason: match e.kind() {
            io::ErrorKind::PermissionDenied => "permission denied".into(),
            _ => e.to_string(),
        },
    }
}

pub(crate) fn unreadable(path: &Path, e: impl std::fmt::Display) -> BackupError {
    BackupError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
