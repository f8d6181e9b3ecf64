//! Validates user-supplied SHAs before anything reaches git. Only plain hex is
//! accepted, so revision syntax (`HEAD~1`) and options (`--upload-pack=…`, `-x`)
//! can never be smuggled into git's argument list.

use std::fmt;

/// git's own minimum abbreviation length.
pub const MIN_SHA_LEN: usize = 4;
/// A full SHA-256 object name.
pub const MAX_SHA_LEN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShaProblem {
    NotHex,
    TooShort,
    TooLong,
}

impl fmt::Display for ShaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShaProblem::NotHex => f.write_str("only hex digits 0-9 and a-f are allowed"),
            ShaProblem::TooShort => write!(f, "give at least {MIN_SHA_LEN} hex digits"),
            ShaProblem::TooLong => write!(f, "a SHA has at most {MAX_SHA_LEN} hex digits"),
        }
    }
}

/// Returns the SHA lowercased (git prints lowercase; comparisons stay simple).
pub(crate) fn parse_sha(input: &str) -> Result<String, ShaProblem> {
    let sha = input.trim();
    if !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ShaProblem::NotHex);
    }
    if sha.len() < MIN_SHA_LEN {
        return Err(ShaProblem::TooShort);
    }
    if sha.len() > MAX_SHA_LEN {
        return Err(ShaProblem::TooLong);
    }
    Ok(sha.to_ascii_lowercase())
}

/// A full object name as git prints it: 40 or 64 lowercase hex digits.
pub(crate) fn is_full_sha(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_hex_and_lowercases() {
        assert_eq!(parse_sha(" AbCd12 "), Ok("abcd12".to_string()));
    }

    #[test]
    fn refuses_revision_syntax_and_options() {
        for input in [
            "HEAD",
            "HEAD~1",
            "--help",
            "-x",
            "abc;rm",
            "abcd^{tree}",
            "ab cd",
            "é123",
        ] {
            assert_eq!(parse_sha(input), Err(ShaProblem::NotHex), "{input}");
        }
    }

    #[test]
    fn refuses_bad_lengths() {
        assert_eq!(parse_sha(""), Err(ShaProblem::TooShort));
        assert_eq!(parse_sha("abc"), Err(ShaProblem::TooShort));
        assert_eq!(parse_sha(&"a".repeat(65)), Err(ShaProblem::TooLong));
        assert!(parse_sha(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn full_sha_is_40_or_64_lowercase_hex() {
        assert!(is_full_sha(&"a".repeat(40)));
        assert!(is_full_sha(&"0".repeat(64)));
        assert!(!is_full_sha(&"A".repeat(40)));
        assert!(!is_full_sha(&"a".repeat(41)));
    }
}
