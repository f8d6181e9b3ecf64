//! How domain values sit in SQLite columns: timestamps as epoch
//! milliseconds, enums as their lowercase names, cadence as two columns.
//! Reading back is strict: a value this build does not recognise is a
//! `Backend` error naming the column, never a panic or a silent default.

use jiff::Timestamp;
use rebound_domain::{Cadence, CommitRole, PreventionKind, Severity, State, Visibility};
use rebound_store::StoreError;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// A stored value that does not decode into the domain.
#[derive(Debug, thiserror::Error)]
#[error("unreadable value in column {column}: {value}")]
pub(crate) struct Corrupt {
    column: &'static str,
    value: String,
}

pub(crate) fn corrupt(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::Backend(Box::new(Corrupt {
        column,
        value: value.to_string(),
    }))
}

/// Millisecond precision: finer parts are truncated, so callers pass
/// millisecond-precision times if they want them back unchanged.
pub(crate) fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

pub(crate) fn opt_ms(t: Option<Timestamp>) -> Option<i64> {
    t.map(ms)
}

pub(crate) fn cadence_columns(c: Cadence) -> (&'static str, Option<i64>) {
    match c {
        Cadence::Default => ("default", None),
        Cadence::Every(m) => ("every", Some(i64::from(m))),
        Cadence::None => ("none", None),
    }
}

/// Domain enums stored by their lowercase names.
pub(crate) trait Named: Copy + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

macro_rules! named_enum {
    ($($t:ty),*) => {$(
        impl Named for $t {
            const ALL: &'static [Self] = &<$t>::ALL;
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    )*};
}
named_enum!(Severity, State, Visibility, PreventionKind);

impl Named for CommitRole {
    const ALL: &'static [Self] = &[CommitRole::Hotfix, CommitRole::Guardrail];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

/// Reads an enum by name, strictly.
pub(crate) fn named<T: Named>(value: &str, column: &'static str) -> Result<T, StoreError> {
    T::ALL
        .iter()
        .copied()
        .find(|v| v.name() == value)
        .ok_or_else(|| corrupt(column, value))
}

/// The two kinds of value a column holds here (SQLite's INTEGER and TEXT),
/// read by name from a row of either driver: sqlx's, or rusqlite's for the
/// inline reads (`readers.rs`). A value of another type is an error.
pub(crate) trait Columns {
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError>;
    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError>;
}

impl Columns for SqliteRow {
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        self.try_get(column).map_err(backend)
    }

    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.try_get(column).map_err(backend)
    }
}

impl Columns for crate::readers::ByName<'_> {
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        self.row
            .get(self.index(column)?)
            .map_err(crate::readers::fail)
    }

    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.row
            .get(self.index(column)?)
            .map_err(crate::readers::fail)
    }
}

/// Typed column access for one row, so every read names its column once.
pub(crate) struct Cols<'r>(pub(crate) &'r dyn Columns);

impl Cols<'_> {
    pub(crate) fn int(&self, column: &'static str) -> Result<i64, StoreError> {
        self.0
            .opt_int(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    pub(crate) fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        self.0.opt_int(column)
    }

    pub(crate) fn text(&self, column: &'static str) -> Result<String, StoreError> {
        self.0
            .opt_str(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    pub(crate) fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.0.opt_str(column)
    }

    pub(crate) fn flag(&self, column: &'static str) -> Result<bool, StoreError> {
        match self.int(column)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(corrupt(column, other)),
        }
    }

    pub(crate) fn at(&self, column: &'static str) -> Result<Timestamp, StoreError> {
        let v = self.int(column)?;
        Timestamp::from_millisecond(v).map_err(|_| corrupt(column, v))
    }

    pub(crate) fn opt_at(&self, column: &'static str) -> Result<Option<Timestamp>, StoreError> {
        match self.opt_int(column)? {
            Some(v) => Timestamp::from_millisecond(v)
                .map(Some)
                .map_err(|_| corrupt(column, v)),
            None => Ok(None),
        }
    }
}

/// Cadence from its two columns, strictly.
pub(crate) fn cadence(
    kind: &str,
    minutes: Option<i64>,
    column: &'static str,
) -> Result<Cadence, StoreError> {
    match (kind, minutes) {
        ("default", None) => Ok(Cadence::Default),
        ("none", None) => Ok(Cadence::None),
        ("every", Some(m)) => u32::try_from(m)
            .map(Cadence::Every)
            .map_err(|_| corrupt(column, m)),
        _ => Err(corrupt(column, format!("{kind} / {minutes:?}"))),
    }
}
