//! The private journal: answers to the prompt a day ([`crate::prompt`]),
//! or free entries, each the person's alone like a reflection
//! (`access::allows_personal`). An answer keeps the prompt as it read that
//! day, so a later change to the year of prompts never rewrites it.
//! Searching is case-insensitive words, all of which must appear.

use crate::id::{JournalEntryId, UserId};
use crate::prompt::Prompt;
use crate::reflection::{ReflectionError, bounded_text, principle_text};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The longest entry, in characters.
pub const MAX_ENTRY_CHARS: usize = 10_000;
/// The longest search, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// What the entry's text is called in refusals.
pub const ENTRY: &str = "the journal entry";

/// The prompt an entry answers, as it read on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnsweredPrompt {
    /// The weekday it was for.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-11"))]
    pub date: Date,
    pub week: u8,
    pub theme: String,
    pub text: String,
}

impl From<Prompt> for AnsweredPrompt {
    fn from(p: Prompt) -> Self {
        AnsweredPrompt {
            date: p.date,
            week: p.week,
            theme: p.theme.to_string(),
            text: p.text.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JournalEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: JournalEntryId,
    /// `None` only in a personal CLI database.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    pub text: String,
    /// The prompt it answers; none for a free entry.
    pub prompt: Option<AnsweredPrompt>,
    pub created_at: Timestamp,
    /// When the text last changed (the creation time until then).
    pub updated_at: Timestamp,
}

/// An entry's text: trimmed, not blank, at most [`MAX_ENTRY_CHARS`],
/// several lines (`text::lines`).
pub fn entry_text(input: &str) -> Result<String, ReflectionError> {
    bounded_text(input, ENTRY, MAX_ENTRY_CHARS)
}

impl JournalEntry {
    pub fn new(
        id: JournalEntryId,
        owner: Option<UserId>,
        text: &str,
        prompt: Option<Prompt>,
        now: Timestamp,
    ) -> Result<JournalEntry, ReflectionError> {
        Ok(JournalEntry {
            id,
            owner,
            text: entry_text(text)?,
            prompt: prompt.map(AnsweredPrompt::from),
            created_at: now,
            updated_at: now,
        })
    }

    /// Rewrites the text; the prompt it answers stays.
    pub fn edit(&mut self, text: &str, now: Timestamp) -> Result<(), ReflectionError> {
        self.text = entry_text(text)?;
        self.updated_at = now;
        Ok(())
    }

    /// Whether every word of `query` is in the text or its prompt, in any
    /// case. A blank query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let hay = match &self.prompt {
            Some(p) => format!("{}\n{}\n{}", self.text, p.theme, p.text).to_lowercase(),
            None => self.text.to_lowercase(),
        };
        query
            .to_lowercase()
            .split_whitespace()
            .all(|w| hay.contains(w))
    }

    /// The principle this answer already states, if a line of it starts
    /// "I will not …" (or "I won't …"): the wording offered by default.
    pub fn principle_wording(&self) -> Option<String> {
        self.text.lines().find_map(|l| principle_text(l).ok())
    }
}

/// A search as people send it: one line, at most [`MAX_QUERY_CHARS`];
/// blank is no search at all (`None`).
pub fn search_query(q: Option<&str>) -> Result<Option<String>, ReflectionError> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    let len = q.chars().count();
    if len > MAX_QUERY_CHARS {
        return Err(ReflectionError::TooLong {
            what: "the search",
            len,
            max: MAX_QUERY_CHARS,
        });
    }
    crate::text::line("the search", q)?;
    Ok(Some(q.to_string()))
}

/// The entries matching `query`, in the order given.
pub fn search(entries: Vec<JournalEntry>, query: Option<&str>) -> Vec<JournalEntry> {
    match query {
        Some(q) => entries.into_iter().filter(|e| e.matches(q)).collect(),
        None => entries,
    }
}

/// Which prompt an answer may name: today's (`None` asks for today's), or
/// an earlier day's; never a day still to come. A weekend day names
/// Friday's prompt.
pub fn answerable(asked: Option<Date>, today: Date) -> Result<Prompt, JournalError> {
    let day = asked.unwrap_or(today);
    if day > today {
        return Err(JournalError::FutureDay { day, today });
    }
    if day < jiff::civil::date(1970, 1, 1) {
        return Err(JournalError::TooEarly { day });
    }
    crate::prompt::prompt_for(day).ok_or(JournalError::NoPrompts)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error(
        "prompt_date {day} is after today ({today}): answer today's prompt or an earlier day's"
    )]
    FutureDay { day: Date, today: Date },
    #[error("prompt_date {day} is before 1970-01-01, the earliest day Rebound accepts")]
    TooEarly { day: Date },
    #[error("the prompts are not available in this build")]
    NoPrompts,
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
