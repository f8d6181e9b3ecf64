//! What a file holds before anything is restored from it: that it is an
//! SQLite database at all, that SQLite finds it intact, that its schema is
//! Rebound's and not newer than this build's, and how much is in it.

use super::{BackupError, unreadable};
use crate::open::known_version;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How much a database holds, in the words a person checks a restore by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holdings {
    pub people: i64,
    pub mistakes: i64,
    pub reflections: i64,
    pub plans: i64,
}

impl Holdings {
    pub fn is_empty(&self) -> bool {
        *self == Holdings::default()
    }
}

impl fmt::Display for Holdings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |n: i64, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        write!(
            f,
            "{}, {}, {} and {}",
            part(self.mistakes, "mistake", "mistakes"),
            part(self.people, "person", "people"),
            part(self.reflections, "reflection", "reflections"),
            part(self.plans, "recovery plan", "recovery plans"),
        )
    }
}

/// A checked database file.
#[derive(Debug, Clone)]
pub struct Inspected {
    pub path: PathBuf,
    pub schema: i64,
    pub holdings: Holdings,
}

/// Checks the file at `path` without changing it.
pub fn inspect(path: &Path) -> Result<Inspected, BackupError> {
    if !path.is_file() {
        return Err(BackupError::NoDatabase(path.to_path_buf()));
    }
    refuse_non_sqlite(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| unreadable(path, e))?;
    let damaged = |detail: String| BackupError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if verdict != "ok" {
        return Err(damaged(verdict));
    }
    let schema: Option<i64> = conn
        .query_row(
            "SELECT max(version) FROM _sqlx_migrations WHERE success",
            [],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten()
        .flatten();
    let Some(schema) = schema else {
        return Err(BackupError::NotRebound(path.to_path_buf()));
    };
    if schema > known_version() {
        return Err(BackupError::Newer {
            path: path.to_path_buf(),
            found: schema,
            known: known_version(),
        });
    }
    let holdings = holdings(&conn).map_err(|_| BackupError::NotRebound(path.to_path_buf()))?;
    Ok(Inspected {
        path: path.to_path_buf(),
        schema,
        holdings,
    })
}

pub(crate) fn holdings(conn: &Connection) -> rusqlite::Result<Holdings> {
    let count = |table: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    Ok(Holdings {
        people: count("users")?,
        mistakes: count("mistakes")?,
        reflections: count("reflections")?,
        plans: count("recovery_plans")?,
    })
}

/// SQLite would open anything and fail later with "file is not a database";
/// the header says it at once.
pub(crate) fn refuse_non_sqlite(path: &Path) -> Result<(), BackupError> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let read = file.read(&mut header).map_err(|e| unreadable(path, e))?;
    // An empty file is a database with nothing in it yet.
    if read == 0 || (read == 16 && &header == b"SQLite format 3\0") {
        Ok(())
    } else {
        Err(BackupError::NotSqlite(path.to_path_buf()))
    }
}
