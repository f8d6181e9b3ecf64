//! Reads the commit fields out of `git show -s --format=SHOW_FORMAT`.
//!
//! Fields are NUL-separated and the message comes last, so a multi-line
//! message (or one containing anything at all) cannot shift the other fields.

use crate::CommitInfo;
use crate::sha::is_full_sha;

/// Full SHA, raw author (no mailmap), committer unix time, raw message.
pub(crate) const SHOW_FORMAT: &str = "--format=%H%x00%an <%ae>%x00%ct%x00%B";

/// `None` when the output does not have the expected shape.
pub(crate) fn parse_show_output(raw: &[u8]) -> Option<CommitInfo> {
    let mut fields = raw.splitn(4, |&b| b == 0);
    let sha = std::str::from_utf8(fields.next()?).ok()?.trim();
    let author = String::from_utf8_lossy(fields.next()?);
    let seconds: i64 = std::str::from_utf8(fields.next()?)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let message = String::from_utf8_lossy(fields.next()?);
    if !is_full_sha(sha) {
        return None;
    }
    Some(CommitInfo {
        sha: sha.to_string(),
        message: message.trim().to_string(),
        author: author.trim().to_string(),
        committed_at: jiff::Timestamp::from_second(seconds).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn parses_fields_and_keeps_multi_line_message() {
        let raw = format!("{SHA}\0Ada <ada@example.com>\x001709645400\0Fix it\n\nBody line\n\n");
        let info = parse_show_output(raw.as_bytes()).unwrap();
        assert_eq!(info.sha, SHA);
        assert_eq!(info.author, "Ada <ada@example.com>");
        assert_eq!(info.message, "Fix it\n\nBody line");
        assert_eq!(info.committed_at.as_second(), 1_709_645_400);
    }

    #[test]
    fn nul_inside_message_stays_in_message() {
        let raw = format!("{SHA}\0A <a@b>\x000\0one\0two\n");
        assert_eq!(
            parse_show_output(raw.as_bytes()).unwrap().message,
            "one\0two"
        );
    }

    #[test]
    fn odd_output_is_rejected_not_panicked_on() {
        let huge_time = format!("{SHA}\0A <a@b>\x0099999999999999999\0m");
        for raw in [
            &b""[..],
            b"\0\0\0",
            b"not a sha\0A <a@b>\x000\0m",
            format!("{SHA}\0A <a@b>\0").as_bytes(),
            format!("{SHA}\0A <a@b>\0soon\0m").as_bytes(),
            huge_time.as_bytes(),
            b"\xff\xfe\0\xff\0\xff\0\xff",
        ] {
            assert_eq!(parse_show_output(raw), None, "{raw:?}");
        }
    }
}
