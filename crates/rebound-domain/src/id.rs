//! Ids: short, random, typable. Random rather than sequential so an id says
//! nothing about how many records exist; knowing one grants nothing.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford base32, lowercase: no i, l, o, u, so ids survive being read aloud.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
pub const ID_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a {kind} id (ids are 8 characters such as 7kq3x9mz)")]
pub struct InvalidId {
    pub kind: &'static str,
    pub input: String,
}

/// 40 random bits (supplied by the caller, keeping the domain free of IO) as 8 characters.
fn encode(bytes: [u8; 5]) -> String {
    let mut n = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let mut out = [0u8; ID_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    String::from_utf8(out.to_vec()).expect("alphabet is ASCII")
}

/// Reads user input, forgiving case and the letters people confuse with digits.
fn decode(input: &str, kind: &'static str) -> Result<String, InvalidId> {
    let trimmed = input.trim();
    // Stored ids, and ids copied from what Rebound printed, are already
    // canonical: one exact allocation, no rewriting.
    if is_canonical(trimmed) {
        return Ok(trimmed.to_owned());
    }
    let normalised: String = trimmed
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            other => other,
        })
        .collect();
    if is_canonical(&normalised) {
        Ok(normalised)
    } else {
        Err(InvalidId {
            kind,
            input: trimmed.to_string(),
        })
    }
}

fn is_canonical(id: &str) -> bool {
    id.len() == ID_LEN && id.bytes().all(in_alphabet)
}

/// `ALPHABET.contains(&b)`, without the scan.
fn in_alphabet(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'h' | b'j' | b'k' | b'm' | b'n' | b'p'..=b't' | b'v'..=b'z')
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(String);

        impl $name {
            pub fn from_random(bytes: [u8; 5]) -> Self {
                $name(encode(bytes))
            }

            pub fn parse(input: &str) -> Result<Self, InvalidId> {
                decode(input, $kind).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A mistake's id.
    MistakeId,
    "mistake"
);
id_type!(
    /// A person's account id.
    UserId,
    "user"
);
id_type!(
    /// A team's id.
    TeamId,
    "team"
);
id_type!(
    /// The public id of a signed-in session, shown in "my sessions" so one
    /// can be ended. Not a secret: the session itself is found by token hash.
    SessionId,
    "session"
);
id_type!(
    /// The public id of an API token, shown in "my tokens" so one can be
    /// revoked. Not a secret: the token itself is found by its hash.
    ApiTokenId,
    "token"
);

// Ids of the things on a mistake: the same shape, saying nothing about
// how many exist.
id_type!(
    /// A comment (or reply) on a mistake.
    CommentId,
    "comment"
);
id_type!(
    /// The public id of a share link, shown to the owner so it can be
    /// revoked. Not a secret: the link itself is found by its token's hash.
    ShareLinkId,
    "share link"
);
id_type!(
    /// A guest: someone who opened a share link under a display name. Drawn
    /// once per guest session, so a guest's votes count once.
    GuestId,
    "guest"
);
id_type!(
    /// An in-app notification.
    NotificationId,
    "notification"
);

// Ids of a person's own records from reflecting on mistakes.
id_type!(
    /// A guided reflection.
    ReflectionId,
    "reflection"
);
id_type!(
    /// A principle in a person's Operating Manual.
    PrincipleId,
    "principle"
);
id_type!(
    /// A win logged while keeping showing up.
    WinId,
    "win"
);
id_type!(
    /// An entry in a person's private journal.
    JournalEntryId,
    "journal entry"
);

// Ids of a recovery plan (a manager supporting a report) and its parts.
id_type!(
    /// A recovery plan.
    RecoveryPlanId,
    "plan"
);
id_type!(
    /// A one-on-one check-in on a recovery plan.
    CheckInId,
    "check-in"
);
id_type!(
    /// A task on a recovery plan: an adopted move with a due date.
    RecoveryTaskId,
    "task"
);
id_type!(
    /// A manager's private note on a recovery plan.
    PrivateNoteId,
    "private note"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_test_agrees_with_the_alphabet_for_every_byte() {
        for b in 0..=u8::MAX {
            assert_eq!(in_alphabet(b), ALPHABET.contains(&b), "byte {b}");
        }
    }

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
        assert_eq!(UserId::parse("oil3x9mz").unwrap().as_str(), "0113x9mz");
    }

    #[test]
    fn parse_rejects_wrong_length_and_symbols_naming_the_kind() {
        for bad in ["", "7kq3x9m", "7kq3x9mz1", "7kq3x9m!", "7kq3x9mu"] {
            assert!(MistakeId::parse(bad).is_err(), "{bad}");
        }
        let err = UserId::parse("42").unwrap_err().to_string();
        assert!(err.contains("'42' is not a user id"), "{err}");
    }
}
