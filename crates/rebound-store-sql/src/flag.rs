//! Flags inside the JSON of a child list.

use serde::{Deserialize, Deserializer};

/// A flag inside a child list: SQLite's JSON has 0 or 1, PostgreSQL's
/// true or false.
pub(crate) struct Flag(pub(crate) bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Flag, De::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Flag;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false, 0 or 1")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Flag, E> {
                match v {
                    0 => Ok(Flag(false)),
                    1 => Ok(Flag(true)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Flag, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
        }
        d.deserialize_any(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::Flag;

    #[test]
    fn a_flag_reads_either_databases_json_and_nothing_else() {
        let read = |json: &str| serde_json::from_str::<Flag>(json).map(|f| f.0).ok();
        assert_eq!(read("true"), Some(true));
        assert_eq!(read("false"), Some(false));
        assert_eq!(read("1"), Some(true));
        assert_eq!(read("0"), Some(false));
        assert_eq!(read("2"), None);
        assert_eq!(read("-1"), None);
        assert_eq!(read("\"1\""), None);
    }
}
