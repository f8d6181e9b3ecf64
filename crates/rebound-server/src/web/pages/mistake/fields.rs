//! Reading form fields for the mistake page's forms: times typed in the
//! person's own time zone (`datetime-local`), ticked boxes, and turning a
//! field that cannot be read into the same kind of refusal the API gives.

use crate::error::ApiError;
use jiff::civil::DateTime;
use jiff::{Timestamp, Zoned};

/// A `datetime-local` value ("2026-11-22T14:05"), read in the reader's time
/// zone. Blank means not given.
pub fn local_time(
    value: Option<&str>,
    now: &Zoned,
    what: &str,
) -> Result<Option<Timestamp>, ApiError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let civil: DateTime = v.parse().map_err(|_| {
        ApiError::unprocessable(format!(
            "{what} is not a date and time we can read: use the date picker, or write it like 2026-11-22T14:05"
        ))
    })?;
    let zoned = civil
        .to_zoned(now.time_zone().clone())
        .map_err(|_| ApiError::unprocessable(format!("{what} does not exist in your time zone")))?;
    Ok(Some(zoned.timestamp()))
}

/// The value a `datetime-local` input shows for `at`, in the reader's zone.
pub fn local_value(at: Option<Timestamp>, now: &Zoned) -> String {
    at.map(|t| {
        t.to_zoned(now.time_zone().clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// A checkbox is sent only when ticked.
pub fn ticked(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false" && v != "no")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_readers_zone() {
        let now: Zoned = "2026-11-22T15:00:00[Europe/Paris]".parse().unwrap();
        let t = local_time(Some("2026-11-22T14:05"), &now, "when")
            .unwrap()
            .unwrap();
        assert_eq!(t.to_string(), "2026-11-22T13:05:00Z");
        assert_eq!(local_value(Some(t), &now), "2026-11-22T14:05");
        assert_eq!(local_time(Some("  "), &now, "when").unwrap(), None);
        assert!(local_time(Some("yesterday"), &now, "when").is_err());
        assert!(ticked(Some("on")));
        assert!(!ticked(None));
    }
}
