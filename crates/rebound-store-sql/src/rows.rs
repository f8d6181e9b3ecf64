//! How domain values sit in columns, on both databases: timestamps as epoch
//! milliseconds, enums as their lowercase names, cadence as two columns,
//! flags as SQLite's 0/1 or PostgreSQL's BOOLEAN, documents as JSON.
//! Reading back is strict: a value this build does not recognise is a
//! `Backend` error naming the column, never a panic or a silent default.

use crate::dialect::{Dialect, backend};
use jiff::Timestamp;
use rebound_domain::{Cadence, CommitRole, PreventionKind, Severity, State, TimeField, Visibility};
use rebound_store::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use sqlx::types::Json;

/// A stored value that does not decode into the domain.
#[derive(Debug, thiserror::Error)]
#[error("unreadable value in column {column}: {value}")]
pub struct Corrupt {
    column: &'static str,
    value: String,
}

pub fn corrupt(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::Backend(Box::new(Corrupt {
        column,
        value: value.to_string(),
    }))
}

/// Millisecond precision: finer parts are truncated, so callers pass
/// millisecond-precision times if they want them back unchanged.
pub fn ms(t: Timestamp) -> i64 {
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

/// A document to bind: JSON text on SQLite, JSONB on PostgreSQL.
pub(crate) fn doc<T: Serialize>(value: &T) -> Result<Json<Box<RawValue>>, StoreError> {
    serde_json::value::to_raw_value(value)
        .map(Json)
        .map_err(|e| StoreError::Backend(Box::new(e)))
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

impl Named for TimeField {
    const ALL: &'static [Self] = &[TimeField::Started, TimeField::Detected];
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

/// The kinds of value a column holds, read by name from a row of any
/// driver: sqlx's for either database, or (on SQLite) rusqlite's for the
/// inline reads. A value of another type is an error.
pub trait Columns {
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError>;
    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError>;
    /// A flag: SQLite's INTEGER 0 or 1 (anything else is corrupt).
    fn opt_flag(&self, column: &'static str) -> Result<Option<bool>, StoreError> {
        match self.opt_int(column)? {
            None => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(other) => Err(corrupt(column, other)),
        }
    }
    /// A JSON document: SQLite's TEXT.
    fn opt_doc(&self, column: &'static str) -> Result<Option<Box<RawValue>>, StoreError> {
        self.opt_str(column)?
            .map(|text| RawValue::from_string(text).map_err(|e| corrupt(column, e)))
            .transpose()
    }
}

impl<R: sqlx::Row> Columns for R
where
    R::Database: Dialect,
{
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        <R::Database as crate::dialect::Get<Option<i64>>>::get_from(self, column).map_err(backend)
    }

    fn opt_str(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        <R::Database as crate::dialect::Get<Option<String>>>::get_from(self, column)
            .map_err(backend)
    }

    fn opt_flag(&self, column: &'static str) -> Result<Option<bool>, StoreError> {
        <R::Database as crate::dialect::Get<Option<bool>>>::get_from(self, column).map_err(backend)
    }

    fn opt_doc(&self, column: &'static str) -> Result<Option<Box<RawValue>>, StoreError> {
        <R::Database as crate::dialect::Get<Option<Json<Box<RawValue>>>>>::get_from(self, column)
            .map(|v| v.map(|Json(raw)| raw))
            .map_err(backend)
    }
}

/// Typed column access for one row, so every read names its column once.
pub struct Cols<'r>(pub &'r dyn Columns);

impl Cols<'_> {
    pub fn int(&self, column: &'static str) -> Result<i64, StoreError> {
        self.0
            .opt_int(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    pub fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
        self.0.opt_int(column)
    }

    pub fn text(&self, column: &'static str) -> Result<String, StoreError> {
        self.0
            .opt_str(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    pub fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.0.opt_str(column)
    }

    pub fn flag(&self, column: &'static str) -> Result<bool, StoreError> {
        self.0
            .opt_flag(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    pub fn at(&self, column: &'static str) -> Result<Timestamp, StoreError> {
        let v = self.int(column)?;
        Timestamp::from_millisecond(v).map_err(|_| corrupt(column, v))
    }

    pub fn opt_at(&self, column: &'static str) -> Result<Option<Timestamp>, StoreError> {
        match self.opt_int(column)? {
            Some(v) => Timestamp::from_millisecond(v)
                .map(Some)
                .map_err(|_| corrupt(column, v)),
            None => Ok(None),
        }
    }

    /// A JSON document column, decoded into `T`.
    pub fn doc<T: DeserializeOwned>(&self, column: &'static str) -> Result<T, StoreError> {
        let raw = self
            .0
            .opt_doc(column)?
            .ok_or_else(|| corrupt(column, "NULL"))?;
        serde_json::from_str(raw.get()).map_err(|e| corrupt(column, e))
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
