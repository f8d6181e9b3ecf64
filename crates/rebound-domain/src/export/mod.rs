//! Exports: the note a person would really send, as Markdown, as a
//! plain-text email, as a standalone HTML document (`html.rs`: the caller
//! supplies the Markdown sanitiser) or as a short Slack message (`chat.rs`),
//! and the whole record as JSON.
//!
//! Nothing here invents facts: a section with nothing in it is left out, or
//! says plainly that it is not yet known.

pub mod archive;
mod archive_md;
mod chat;
mod email;
mod html;
mod markdown;

pub use chat::chat;
pub use email::{Email, email, wrap};
pub use html::{MarkdownToHtml, STYLE as HTML_STYLE, html, plain_html};
pub use markdown::markdown;

use crate::clocks::Clocks;
use crate::mistake::Mistake;
use crate::note::NoteSection;
use jiff::{Timestamp, Zoned};
use serde::Serialize;

/// Plain-text lines are wrapped at this width.
pub const EMAIL_WIDTH: usize = 72;

const NOT_YET_KNOWN: &str = "not yet known";

/// The whole record with what is derived from it at `now`: what `show
/// --json` prints and what the API returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MistakeView {
    #[serde(flatten)]
    pub mistake: Mistake,
    pub clocks: Clocks,
    /// How many progress updates the mistake has: those in `updates` and
    /// the `older_updates` not carried (read them from
    /// `GET /api/v1/mistakes/{id}/updates`).
    pub updates_total: u64,
    pub next_update_due: Option<Timestamp>,
    /// Note sections still empty.
    pub note_missing: Vec<NoteSection>,
}

pub fn view(m: &Mistake, now: &Zoned) -> MistakeView {
    into_view(m.clone(), now)
}

/// [`view`] of a mistake the caller no longer needs, without copying it.
pub fn into_view(m: Mistake, now: &Zoned) -> MistakeView {
    MistakeView {
        clocks: m.clocks(now.timestamp()),
        updates_total: m.updates.len() as u64 + m.older_updates,
        next_update_due: m.next_update_due(),
        note_missing: m.note.missing(),
        mistake: m,
    }
}

/// The whole record as structured data, as `show --json` prints it.
pub fn json(m: &Mistake, now: &Zoned) -> serde_json::Value {
    serde_json::to_value(view(m, now)).expect("a mistake is plain data and always serializes")
}

// ---------------------------------------------------------------- helpers

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An owner written as "me", "I" or "myself".
fn is_me(owner: &str) -> bool {
    ["me", "i", "myself"].contains(&owner.trim().to_lowercase().as_str())
}

fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty())
}

fn short_sha(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// Ends the text with a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod archive_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_formats;
