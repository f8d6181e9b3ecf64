//! How domain values sit in PostgreSQL columns: timestamps as BIGINT epoch
//! milliseconds, flags as BOOLEAN, enums as their lowercase names, cadence
//! as two columns.
//! Reading back is strict: a value this build does not recognise is a
//! `Backend` error naming the column, never a panic or a silent default.

use jiff::Timestamp;
use rebound_domain::{Cadence, CommitRole, PreventionKind, Severity, State, Visibility};
use rebound_store::StoreError;
use sqlx::Row;
use sqlx::postgres::PgRow;

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

/// Typed column access for one row, so every read names its column once.
pub(crate) struct Cols<'r>(pub(crate) &'r PgRow);

impl Cols<'_> {
    pub(crate) fn get<'a, T>(&'a self, column: &'static str) -> Result<T, StoreError>
    where
        T: sqlx::Decode<'a, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
    {
        self.0.try_get(column).map_err(backend)
    }

    pub(crate) fn text(&self, column: &'static str) -> Result<String, StoreError> {
        self.get(column)
    }

    pub(crate) fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        self.get(column)
    }

    pub(crate) fn flag(&self, column: &'static str) -> Result<bool, StoreError> {
        self.get(column)
    }

    pub(crate) fn at(&self, column: &'static str) -> Result<Timestamp, StoreError> {
        let v: i64 = self.get(column)?;
        Timestamp::from_millisecond(v).map_err(|_| corrupt(column, v))
    }

    pub(crate) fn opt_at(&self, column: &'static str) -> Result<Option<Timestamp>, StoreError> {
        match self.get::<Option<i64>>(column)? {
            Some(v) => Timestamp::from_millisecond(v)
                .map(Some)
                .map_err(|_| corrupt(column, v)),
            None => Ok(None),
        }
    }

    pub(crate) fn severity(&self, column: &'static str) -> Result<Severity, StoreError> {
        let v = self.text(column)?;
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    pub(crate) fn visibility(&self, column: &'static str) -> Result<Visibility, StoreError> {
        let v = self.text(column)?;
        Visibility::ALL
            .into_iter()
            .find(|s| s.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    pub(crate) fn state(&self, column: &'static str) -> Result<State, StoreError> {
        let v = self.text(column)?;
        State::ALL
            .into_iter()
            .find(|s| s.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    pub(crate) fn prevention_kind(
        &self,
        column: &'static str,
    ) -> Result<PreventionKind, StoreError> {
        let v = self.text(column)?;
        PreventionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    pub(crate) fn role(&self, column: &'static str) -> Result<CommitRole, StoreError> {
        let v = self.text(column)?;
        [CommitRole::Hotfix, CommitRole::Guardrail]
            .into_iter()
            .find(|r| r.as_str() == v)
            .ok_or_else(|| corrupt(column, v))
    }

    pub(crate) fn cadence(
        &self,
        kind: &'static str,
        minutes: &'static str,
    ) -> Result<Cadence, StoreError> {
        let k = self.text(kind)?;
        let m: Option<i64> = self.get(minutes)?;
        match (k.as_str(), m) {
            ("default", None) => Ok(Cadence::Default),
            ("none", None) => Ok(Cadence::None),
            ("every", Some(m)) => u32::try_from(m)
                .map(Cadence::Every)
                .map_err(|_| corrupt(minutes, m)),
            _ => Err(corrupt(kind, format!("{k} / {m:?}"))),
        }
    }
}
