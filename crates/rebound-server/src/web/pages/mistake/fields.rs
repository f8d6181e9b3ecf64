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

/// A time typed in words or figures, as the CLI reads it (`9:40`, `9am`,
/// `yesterday at 17:45`, `an hour ago`, `2026-11-22 14:05`, a picker's
/// `2026-11-22T14:05`), in the reader's time zone, for something that
/// already happened; the domain's refusals (in the future, more than a
/// year ago — did you mean …) come back in words, naming `what`.
/// Blank means not given.
pub fn written_time(
    value: Option<&str>,
    now: &Zoned,
    what: &str,
) -> Result<Option<Timestamp>, ApiError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    // A date picker's "2026-11-22T14:05" is the written "2026-11-22 14:05".
    let typed = match v.parse::<DateTime>() {
        Ok(_) => v.replacen('T', " ", 1),
        Err(_) => v.to_string(),
    };
    rebound_domain::when::parse_past(&typed, now)
        .map(|at| Some(crate::clock::ms(at)))
        .map_err(|e| ApiError::unprocessable(format!("{what}: {e}")))
}

/// How a time reads back in a field that takes [`written_time`].
pub fn written_value(at: Option<Timestamp>, now: &Zoned) -> String {
    at.map(|t| {
        t.to_zoned(now.time_zone().clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_default()
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
    }

    #[test]
    fn written_times_read_as_the_cli_reads_them() {
        let now: Zoned = "2026-11-22T15:00:00[Europe/Paris]".parse().unwrap();
        let at = |v| written_time(Some(v), &now, "When you noticed");
        assert_eq!(
            at("14:05").unwrap().unwrap().to_string(),
            "2026-11-22T13:05:00Z"
        );
        assert_eq!(at("2026-11-22T14:05").unwrap(), at("14:05").unwrap());
        assert_eq!(
            at("yesterday at 17:45").unwrap().unwrap().to_string(),
            "2026-11-21T16:45:00Z"
        );
        assert_eq!(
            at("an hour ago").unwrap().unwrap().to_string(),
            "2026-11-22T13:00:00Z"
        );
        assert_eq!(at(" ").unwrap(), None);
        let future = at("16:30").unwrap_err().message;
        assert!(future.starts_with("When you noticed: '16:30'"), "{future}");
        assert!(future.contains("cannot be in the future"), "{future}");
        let typo = at("2025-01-10 09:00").unwrap_err().message;
        assert!(typo.contains("did you mean"), "{typo}");
        assert!(
            at("soonish")
                .unwrap_err()
                .message
                .contains("cannot read 'soonish'")
        );
        let t = at("2026-11-22 14:05").unwrap();
        assert_eq!(written_value(t, &now), "2026-11-22 14:05");
        assert!(!ticked(None));
    }
}
