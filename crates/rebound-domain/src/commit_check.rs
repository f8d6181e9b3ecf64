//! Is a commit message precise enough for someone to read in six months?
//!
//! Three checks, each with a warning that says what to add:
//! - a placeholder ("fix", "wip", "oops") says nothing at all;
//! - a subject of a few words with no body cannot say what and why;
//! - a message that shares no meaningful word with the mistake (title,
//!   description, who is affected, what was wrong) and gives no cause
//!   ("because", "instead of", …) cannot be traced back to it.

use crate::mistake::Mistake;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// Fewer words than this in the subject, with no body, is too short.
pub const MIN_SUBJECT_WORDS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CommitWarning {
    /// The whole message is a stock word such as "fix" or "wip".
    Placeholder { message: String },
    /// A subject of so few words, and no body.
    TooShort { words: usize },
    /// Nothing ties the message to what broke, and no reason is given.
    NoContext { suggestions: Vec<String> },
}

impl fmt::Display for CommitWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitWarning::Placeholder { message } if message.is_empty() => f.write_str(
                "the message is empty: say what the commit changes and why, e.g. \"Roll back the export to v41 because v42 sums refunds twice\"",
            ),
            CommitWarning::Placeholder { message } => write!(
                f,
                "\"{message}\" is a placeholder: say what the commit changes and why, e.g. \"Roll back the export to v41 because v42 sums refunds twice\""
            ),
            CommitWarning::TooShort { words } => write!(
                f,
                "the subject has only {words} word{} and there is no body: say what changed and why in at least {MIN_SUBJECT_WORDS} words, or add a body",
                if *words == 1 { "" } else { "s" }
            ),
            CommitWarning::NoContext { suggestions } if !suggestions.is_empty() => write!(
                f,
                "the message does not say what broke: name it (e.g. {}) or give the reason with \"because …\"",
                suggestions.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
            ),
            CommitWarning::NoContext { .. } => f.write_str(
                "the message does not say what broke: name it, or give the reason with \"because …\"",
            ),
        }
    }
}

const PLACEHOLDERS: &[&str] = &[
    "asdf",
    "change",
    "changes",
    "cleanup",
    "fix",
    "fix it",
    "fix stuff",
    "fixed",
    "fixed it",
    "fixes",
    "hotfix",
    "minor",
    "minor changes",
    "minor fix",
    "misc",
    "oops",
    "quick fix",
    "small fix",
    "stuff",
    "temp",
    "test",
    "tmp",
    "update",
    "updates",
    "wip",
    "work in progress",
];

/// Words that carry no meaning about this mistake.
const STOP_WORDS: &str = "a about add added adds after again all also an and any are as at be been bug but by can \
    change changed changes code correct corrected could did do does done error fix fixed \
    fixes fixing for from get got had has have hotfix i if in into is issue it its made make \
    me minor mistake more my new no not now of off on one or our out patch problem properly \
    quick sent set should so some stuff that the their them then there these this those to \
    too up update updated updates use used was we were what when which will with work wrong \
    you";

/// Wording that gives a cause or an effect.
const REASONS: &[&str] = &[
    "because",
    "so that",
    "caused",
    "causes",
    "causing",
    "cause",
    "when",
    "whenever",
    "instead of",
    "rather than",
    "due to",
    "led to",
    "resulted in",
    "otherwise",
    "to prevent",
    "to stop",
    "prevents",
    "which broke",
    "was wrong",
    "were wrong",
];

/// Warnings for `message` as the description of a commit about `m`.
pub fn check_message(message: &str, m: &Mistake) -> Vec<CommitWarning> {
    let normal = normalise(message);
    if normal.is_empty() || PLACEHOLDERS.contains(&normal.as_str()) {
        return vec![CommitWarning::Placeholder {
            message: message.trim().to_string(),
        }];
    }
    let mut warnings = Vec::new();
    let mut lines = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_trailer(l));
    let subject = lines.next().unwrap_or("");
    let has_body = lines.next().is_some();
    let words = subject
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words < MIN_SUBJECT_WORDS && !has_body {
        warnings.push(CommitWarning::TooShort { words });
    }
    let vocabulary = mistake_words(m);
    let shares_a_word = content_words(message)
        .iter()
        .any(|w| vocabulary.contains(&stem(w)));
    let padded = format!(" {normal} ");
    let gives_reason = REASONS.iter().any(|r| padded.contains(&format!(" {r} ")));
    if !shares_a_word && !gives_reason {
        warnings.push(CommitWarning::NoContext {
            suggestions: suggestions(m),
        });
    }
    warnings
}

/// "Signed-off-by: …", "Co-authored-by: …" and the like are not a body.
fn is_trailer(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(key, _)| {
        let key = key.to_ascii_lowercase();
        !key.contains(' ') && (key.ends_with("-by") || key == "change-id" || key == "refs")
    })
}

/// Lowercase words joined by single spaces, punctuation removed.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn content_words(text: &str) -> Vec<String> {
    normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !listed(STOP_WORDS, w))
        .map(str::to_string)
        .collect()
}

fn mistake_words(m: &Mistake) -> HashSet<String> {
    let texts = [
        Some(&m.title),
        m.what.as_ref(),
        m.affected.as_ref(),
        m.note.impact.what_wrong.as_ref(),
    ];
    texts
        .into_iter()
        .flatten()
        .flat_map(|t| content_words(t))
        .map(|w| stem(&w))
        .collect()
}

/// A few words from the title to suggest naming.
fn suggestions(m: &Mistake) -> Vec<String> {
    let mut seen = HashSet::new();
    content_words(&m.title)
        .into_iter()
        .filter(|w| w.len() > 2 && seen.insert(w.clone()))
        .take(3)
        .collect()
}

/// A rough stem so "refunds" meets "refund" and "summed" meets "sum".
fn stem(word: &str) -> String {
    let mut w = word.trim_end_matches("'s").to_string();
    for (suffix, replacement) in [("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
        if w.len() > suffix.len() + 2
            && w.ends_with(suffix)
            && !(suffix == "s" && w.ends_with("ss"))
        {
            w.truncate(w.len() - suffix.len());
            w.push_str(replacement);
            break;
        }
    }
    let w = w.trim_end_matches('e').to_string();
    // "summ" → "sum", "roll" → "rol": the same on both sides.
    let chars: Vec<char> = w.chars().collect();
    match chars.as_slice() {
        [.., a, b] if a == b && !"aeiou".contains(*a) => chars[..chars.len() - 1].iter().collect(),
        _ => w,
    }
}

#[cfg(test)]
#[path = "commit_check_tests.rs"]
mod tests;

/// The longest SHA taken (SHA-256 object names), in hex digits.
pub const MAX_SHA_CHARS: usize = 64;
/// The longest commit address taken, in bytes.
pub const MAX_URL_BYTES: usize = 2048;

/// A commit SHA as given by a person: 4 to 64 hex characters, kept lowercase.
pub fn parse_sha(input: &str) -> Result<String, String> {
    let s = input.trim().to_ascii_lowercase();
    if (4..=MAX_SHA_CHARS).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(s)
    } else {
        Err(format!(
            "'{}' is not a commit SHA (4 to 64 hex characters)",
            input.trim()
        ))
    }
}

/// A link to a commit or pull request: an http(s) address of sane length
/// (never `javascript:` or the like, which a web page would make clickable).
pub fn parse_url(input: &str) -> Result<String, String> {
    let url = input.trim();
    if (url.starts_with("https://") || url.starts_with("http://")) && url.len() <= MAX_URL_BYTES {
        Ok(url.to_string())
    } else {
        Err(format!(
            "'{}' is not a web address (https://…)",
            url.chars().take(80).collect::<String>()
        ))
    }
}

#[cfg(test)]
#[path = "commit_check_link_tests.rs"]
mod link_tests;
