//! Principles: what a reflection becomes, revised and retired over time.

use super::{
    MAX_NOTE, MAX_PRINCIPLE, PRINCIPLE_PREFIX, PrincipleStatus, Reflection, ReflectionError,
    optional, text,
};
use crate::id::{MistakeId, PrincipleId, ReflectionId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Normalises a principle: one line, single spaces, "I will not" at the
/// front (accepting "I won't" and any case), something specific after it.
pub fn principle_text(input: &str) -> Result<String, ReflectionError> {
    let joined = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        return Err(ReflectionError::Empty {
            what: "the principle",
        });
    }
    let lower = joined.to_lowercase();
    let rest = ["i will not ", "i won't ", "i won’t ", "i wont "]
        .iter()
        .find(|p| lower.starts_with(**p))
        .and_then(|p| joined.get(p.len()..))
        .map(str::trim)
        .ok_or(ReflectionError::NotAPrinciple)?;
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Err(ReflectionError::NotAPrinciple);
    }
    text(
        &format!("{PRINCIPLE_PREFIX} {rest}"),
        "the principle",
        MAX_PRINCIPLE,
    )
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
