//! `serve`'s retention settings (`keep_closed_mistakes`,
//! `keep_ended_share_links`, `keep_audit_events`): how long what has ended
//! is kept before housekeeping deletes it, in whole days or `forever`.
//! Read like every other setting (file, `REBOUND_*`, flags); a value that
//! is not one of those is refused by `config.rs` in one line naming where
//! it came from.

use super::config::ServeConfig;
use jiff::SignedDuration;
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A hundred years: beyond that, say `forever`.
pub const MAX_DAYS: u64 = 36_500;

/// How long to keep something once it has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Until someone deletes it.
    Forever,
    /// This many whole days (1 to [`MAX_DAYS`]).
    Days(u64),
}

impl Keep {
    fn duration(self) -> Option<SignedDuration> {
        match self {
            Keep::Forever => None,
            // At most MAX_DAYS, so far inside i64 hours.
            Keep::Days(d) => Some(SignedDuration::from_hours(24 * d as i64)),
        }
    }

    fn days<E: de::Error>(n: u64) -> Result<Keep, E> {
        match n {
            0 => Err(E::custom(
                "it must be at least 1 day (or \"forever\" to keep it)",
            )),
            n if n > MAX_DAYS => Err(E::custom(format!(
                "at most {MAX_DAYS} days (100 years); say \"forever\" to keep it"
            ))),
            n => Ok(Keep::Days(n)),
        }
    }
}

/// What the server's housekeeping is given.
pub fn settings(c: &ServeConfig) -> rebound_server::Retention {
    rebound_server::Retention {
        closed_mistakes: c.keep_closed_mistakes.duration(),
        ended_share_links: c.keep_ended_share_links.duration(),
        audit_events: c.keep_audit_events.duration(),
    }
}

impl Serialize for Keep {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Keep::Forever => s.serialize_str("forever"),
            Keep::Days(d) => s.serialize_u64(*d),
        }
    }
}

impl<'de> Deserialize<'de> for Keep {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keep, D::Error> {
        d.deserialize_any(KeepVisitor)
    }
}

struct KeepVisitor;

impl Visitor<'_> for KeepVisitor {
    type Value = Keep;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number of days (1 to {MAX_DAYS}) or \"forever\"")
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Keep, E> {
        Keep::days(n)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Keep, E> {
        Keep::days(u64::try_from(n).unwrap_or(0))
    }

    // A flag's value, or a quoted one in the file or the environment.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Keep, E> {
        let v = v.trim();
        if v.eq_ignore_ascii_case("forever") {
            return Ok(Keep::Forever);
        }
        match v.parse::<u64>() {
            Ok(n) => Keep::days(n),
            Err(_) if v.starts_with('-') && v[1..].bytes().all(|b| b.is_ascii_digit()) => {
                Keep::days(0)
            }
            Err(_) => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(toml_value: &str) -> Result<Keep, String> {
        #[derive(Deserialize)]
        struct T {
            k: Keep,
        }
        toml::from_str::<T>(&format!("k = {toml_value}"))
            .map(|t| t.k)
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn days_or_forever_and_nothing_else() {
        assert_eq!(read("365"), Ok(Keep::Days(365)));
        assert_eq!(read("\"30\""), Ok(Keep::Days(30)));
        assert_eq!(read("\"forever\""), Ok(Keep::Forever));
        assert_eq!(read("\" Forever \""), Ok(Keep::Forever));
        for (bad, says) in [
            ("0", "at least 1 day"),
            ("-5", "at least 1 day"),
            ("\"-5\"", "at least 1 day"),
            ("36501", "at most 36500 days"),
            ("\"a year\"", "a whole number of days"),
            ("1.5", "a whole number of days"),
            ("true", "a whole number of days"),
        ] {
            let e = read(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn printed_as_read() {
        assert_eq!(
            toml::Value::try_from(Keep::Days(7)).unwrap(),
            toml::Value::Integer(7)
        );
        assert_eq!(
            toml::Value::try_from(Keep::Forever).unwrap(),
            toml::Value::String("forever".into())
        );
    }
}
