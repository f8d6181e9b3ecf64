//! Mistake ids: short, random, typable. Random rather than sequential so an id
//! says nothing about how many records exist; knowing one grants nothing.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford base32, lowercase: no i, l, o, u, so ids survive being read aloud.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
pub const ID_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MistakeId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a mistake id (ids are 8 characters such as 7kq3x9mz; `rebound list` shows them)"
)]
pub struct InvalidId(pub String);

impl MistakeId {
    /// Builds an id from 5 random bytes (40 bits), supplied by the caller so
    /// the domain stays free of IO.
    pub fn from_random(bytes: [u8; 5]) -> Self {
        let mut n = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let mut out = [0u8; ID_LEN];
        for slot in out.iter_mut().rev() {
            *slot = ALPHABET[(n & 31) as usize];
            n >>= 5;
        }
        MistakeId(String::from_utf8(out.to_vec()).expect("alphabet is ASCII"))
    }

    /// Parses user input, forgiving case and the letters people confuse with digits.
    pub fn parse(input: &str) -> Result<Self, InvalidId> {
        let trimmed = input.trim();
        let normalised: String = trimmed
            .chars()
            .map(|c| match c.to_ascii_lowercase() {
                'o' => '0',
                'i' | 'l' => '1',
                other => other,
            })
            .collect();
        let valid = normalised.len() == ID_LEN && normalised.bytes().all(|b| ALPHABET.contains(&b));
        if valid {
            Ok(MistakeId(normalised))
        } else {
            Err(InvalidId(trimmed.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MistakeId {
    type Error = InvalidId;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        MistakeId::parse(&value)
    }
}

impl From<MistakeId> for String {
    fn from(id: MistakeId) -> String {
        id.0
    }
}

impl fmt::Display for MistakeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_round_trip_through_parse() {
        for seed in [[0u8; 5], [255; 5], [1, 2, 3, 4, 5], [0x80, 0, 0, 0, 1]] {
            let id = MistakeId::from_random(seed);
            assert_eq!(id.as_str().len(), ID_LEN);
            assert_eq!(MistakeId::parse(id.as_str()).unwrap(), id);
        }
    }

    #[test]
    fn parse_forgives_case_and_lookalikes() {
        assert_eq!(MistakeId::parse(" 7KQ3X9MZ ").unwrap().as_str(), "7kq3x9mz");
        assert_eq!(MistakeId::parse("oil3x9mz").unwrap().as_str(), "0113x9mz");
    }

    #[test]
    fn parse_rejects_wrong_length_and_symbols() {
        assert!(MistakeId::parse("").is_err());
        assert!(MistakeId::parse("7kq3x9m").is_err());
        assert!(MistakeId::parse("7kq3x9mz1").is_err());
        assert!(MistakeId::parse("7kq3x9m!").is_err());
        assert!(MistakeId::parse("7kq3x9mu").is_err());
    }
}
