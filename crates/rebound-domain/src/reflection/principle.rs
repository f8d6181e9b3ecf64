//! Principles: what a reflection becomes, revised and retired over time.

use super::{
    LessonVerdict, MAX_NOTE, MAX_PRINCIPLE, PRINCIPLE_PREFIX, PrincipleStatus, Reflection,
    ReflectionError, optional, text,
};
use crate::id::{MistakeId, PrincipleId, ReflectionId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

const OPENINGS: [&str; 4] = ["i will not ", "i won't ", "i won’t ", "i wont "];

/// What follows the opening, if `text` starts with one.
fn after_opening(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    OPENINGS
        .iter()
        .find(|p| lower.starts_with(**p))
        .and_then(|p| text.get(p.len()..))
        .map(str::trim)
}

/// Normalises a principle: one line, single spaces, "I will not" at the
/// front (accepting "I won't" and any case) once, something specific after it.
pub fn principle_text(input: &str) -> Result<String, ReflectionError> {
    let joined = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        return Err(ReflectionError::Empty {
            what: "the principle",
        });
    }
    let rest = after_opening(&joined).ok_or(ReflectionError::NotAPrinciple)?;
    // "I will not I will not …": a pasted prefix before a typed one.
    let bare = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    if after_opening(&format!("{bare} ")).is_some() {
        return Err(ReflectionError::RepeatedOpening);
    }
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Err(ReflectionError::NotAPrinciple);
    }
    text(
        &format!("{PRINCIPLE_PREFIX} {rest}"),
        "the principle",
        MAX_PRINCIPLE,
    )
}

/// The lesson check's answer on a principle, with what to say beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrincipleCheck {
    pub verdict: LessonVerdict,
    /// Why: the telltale phrases, or in general.
    pub reasons: Vec<String>,
    /// A cautious or vague principle should be rewritten.
    pub needs_rewrite: bool,
    pub prompt: String,
}

impl PrincipleCheck {
    pub fn new(verdict: LessonVerdict, reasons: Vec<String>) -> PrincipleCheck {
        PrincipleCheck {
            verdict,
            reasons,
            needs_rewrite: verdict.needs_rewrite(),
            prompt: verdict.principle_prompt().to_string(),
        }
    }
}

/// An active principle a new wording repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Similar<'a> {
    /// The same words.
    Same(&'a Principle),
    /// Nearly all the same words that matter.
    Near(&'a Principle),
}

impl Similar<'_> {
    /// The refusal: the same principle always; a near one unless the
    /// person chose to add it anyway.
    pub fn refusal(self, anyway: bool) -> Option<ReflectionError> {
        match self {
            Similar::Same(p) => Some(ReflectionError::SamePrinciple(p.id.clone())),
            Similar::Near(_) if anyway => None,
            Similar::Near(p) => Some(ReflectionError::NearPrinciple {
                id: p.id.clone(),
                text: p.text.clone(),
            }),
        }
    }
}

/// Words that carry no behaviour of their own.
const FILLER: &[&str] = &[
    "a", "an", "the", "i", "my", "our", "me", "it", "its", "this", "that", "to", "of", "on", "in",
    "at", "for", "with", "and", "or", "any", "anyone", "anything", "ever", "again", "is", "are",
    "be", "has", "have", "had",
];

/// The words of a principle after its opening, lower-cased and lightly
/// stemmed, filler left out.
fn gist(text: &str) -> Vec<String> {
    let rest = after_opening(text).unwrap_or(text).to_lowercase();
    let mut words: Vec<String> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(|w| {
            let w = w.trim_end_matches("'s");
            ["ing", "ed", "es", "s"]
                .iter()
                .find_map(|s| w.strip_suffix(s).filter(|r| r.len() >= 4))
                .unwrap_or(w)
                .to_string()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The active principle among `existing` that `text` (already normalised
/// by [`principle_text`]) repeats: the same words, or at least four in
/// five of the words that matter in common.
pub fn similar<'a>(text: &str, existing: &'a [Principle]) -> Option<Similar<'a>> {
    let active = existing
        .iter()
        .filter(|p| p.status == PrincipleStatus::Active);
    let lower = text.to_lowercase();
    if let Some(p) = active.clone().find(|p| p.text.to_lowercase() == lower) {
        return Some(Similar::Same(p));
    }
    let new = gist(text);
    active
        .map(|p| {
            let old = gist(&p.text);
            let common = new.iter().filter(|w| old.contains(w)).count();
            let all = new.len() + old.len() - common;
            (p, common as f32 / all.max(1) as f32)
        })
        .filter(|(_, overlap)| *overlap >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| Similar::Near(p))
}

/// One wording of a principle, from `at` until the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrincipleRevision {
    pub text: String,
    pub at: Timestamp,
    /// Why it changed (none for the first wording).
    pub note: Option<String>,
}

/// A personal operating principle, "I will not …", in the Operating Manual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Principle {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: PrincipleId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    /// The current wording (the last of `history`).
    pub text: String,
    /// The reflection it came from.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub reflection: Option<ReflectionId>,
    /// The mistake it came from, if the reflection was on one.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    pub status: PrincipleStatus,
    pub retired_at: Option<Timestamp>,
    pub retired_reason: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Every wording, oldest first; never shortened.
    pub history: Vec<PrincipleRevision>,
    /// Each answer given when it came back (`returns.rs`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<super::LessonReview>,
}

impl Principle {
    /// A principle from a reflection (or written directly, with no source).
    pub fn new(
        id: PrincipleId,
        owner: Option<UserId>,
        text: &str,
        from: Option<&Reflection>,
        now: Timestamp,
    ) -> Result<Principle, ReflectionError> {
        let text = principle_text(text)?;
        Ok(Principle {
            id,
            owner,
            history: vec![PrincipleRevision {
                text: text.clone(),
                at: now,
                note: None,
            }],
            text,
            reflection: from.map(|r| r.id.clone()),
            mistake: from.and_then(|r| r.mistake.clone()),
            status: PrincipleStatus::Active,
            retired_at: None,
            retired_reason: None,
            created_at: now,
            updated_at: now,
            reviews: Vec::new(),
        })
    }

    /// Rewords an active principle; the old wording stays in the history.
    pub fn revise(
        &mut self,
        text: &str,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ReflectionError> {
        if self.status == PrincipleStatus::Retired {
            return Err(ReflectionError::Retired);
        }
        let text = principle_text(text)?;
        let note = optional(note, "the note", MAX_NOTE)?;
        if text == self.text {
            return Err(ReflectionError::Unchanged);
        }
        self.history.push(PrincipleRevision {
            text: text.clone(),
            at: now,
            note,
        });
        self.text = text;
        self.updated_at = now;
        Ok(())
    }

    /// Retires it with a reason; it stays in the manual's history.
    pub fn retire(&mut self, reason: &str, now: Timestamp) -> Result<(), ReflectionError> {
        if self.status == PrincipleStatus::Retired {
            return Err(ReflectionError::AlreadyRetired);
        }
        self.retired_reason = Some(text(reason, "the reason", MAX_NOTE)?);
        self.status = PrincipleStatus::Retired;
        self.retired_at = Some(now);
        self.updated_at = now;
        Ok(())
    }

    /// Whether `query` appears in the current wording, ignoring case (what
    /// the stores' search does).
    pub fn matches(&self, query: &str) -> bool {
        self.text
            .to_lowercase()
            .contains(&query.trim().to_lowercase())
    }
}
