//! Diagnose and learn: the guided reflection on a mistake (or on an older
//! memory), the principles it becomes, the wins logged while showing up
//! again, the self-care reset plan, and the labels a person gives the
//! auto-diagnosis. All of it is the person's alone (`access::allows_personal`).
//!
//! A reflection fills in step by step — what happened, the trap and the
//! failure type, the specific error in one sentence, the lesson — so every
//! later step is optional until it is taken. The classifiers live in
//! `rebound-learn`; their answers come in here as plain values.

mod guided;
mod labels;
mod principle;
mod returns;
mod wins;

pub use guided::{
    DiagnosisFeedback, NewReflection, Reflection, Suggestion, latest_on, one_sentence,
};
pub use labels::{FailureType, LessonVerdict, PrincipleStatus, Trap};
pub use principle::{
    Principle, PrincipleCheck, PrincipleRevision, Similar, principle_text, similar,
};
pub use returns::{LessonReview, Moment, Outcome, Returning, Review, due, returning};
pub use wins::{SELF_CARE_IDEAS, SelfCarePlan, Win};

pub const MAX_ACCOUNT: usize = 5000;
pub const MAX_TITLE: usize = 200;
pub const MAX_SPECIFIC_ERROR: usize = 300;
pub const MAX_LESSON: usize = 2000;
pub const MAX_PRINCIPLE: usize = 300;
pub const MAX_NOTE: usize = 500;
pub const MAX_WIN: usize = 500;
pub const MAX_SELF_CARE_ITEM: usize = 200;
pub const MAX_SELF_CARE_ITEMS: usize = 20;

/// The principle's required opening.
pub const PRINCIPLE_PREFIX: &str = "I will not";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReflectionError {
    #[error("{what} cannot be empty")]
    Empty { what: &'static str },
    #[error("{0}")]
    Text(#[from] crate::text::TextError),
    #[error("{what} is too long ({len} characters; at most {max})")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error(
        "write the specific error as one sentence: what exactly went wrong, not the whole story"
    )]
    NotOneSentence,
    #[error(
        "a principle starts with \"I will not\", followed by the specific behaviour (for example: \"I will not promise a date before engineering has estimated the work\")"
    )]
    NotAPrinciple,
    #[error(
        "the principle says \"I will not\" twice: write it once, followed by the specific behaviour"
    )]
    RepeatedOpening,
    #[error("you already have this principle ({0}): revise that one instead")]
    SamePrinciple(crate::id::PrincipleId),
    #[error(
        "this is close to your principle {id}, \"{text}\": revise that one, or add this anyway"
    )]
    NearPrinciple {
        id: crate::id::PrincipleId,
        text: String,
    },
    #[error("a reflection is about one of your mistakes or a memory with a title, not both")]
    MistakeAndTitle,
    #[error("give the memory a short title, or reflect on one of your mistakes")]
    NoSubject,
    #[error("this principle is retired; it can no longer be revised")]
    Retired,
    #[error("this principle is already retired")]
    AlreadyRetired,
    #[error(
        "this lesson is not back yet: a lesson comes back a month and a year after it was written"
    )]
    NotBack,
    #[error("the new wording is the same as the current one")]
    Unchanged,
    #[error("at most {max} self-care items")]
    TooManyItems { max: usize },
    #[error("unknown {what} '{input}': use {choices}")]
    Unknown {
        what: &'static str,
        input: String,
        choices: &'static str,
    },
}

fn text(input: &str, what: &'static str, max: usize) -> Result<String, ReflectionError> {
    bounded_text(input, what, max)
}

/// Trims, refuses empty and over-long text and control characters: the rule (and the words) for
/// every text a person writes here, for callers that check one before the
/// whole record exists (the CLI's questions).
pub fn bounded_text(
    input: &str,
    what: &'static str,
    max: usize,
) -> Result<String, ReflectionError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(ReflectionError::Empty { what });
    }
    let len = t.chars().count();
    if len > max {
        return Err(ReflectionError::TooLong { what, len, max });
    }
    crate::text::lines(what, t)?;
    Ok(t.to_string())
}

/// Optional text: blank is `None`.
fn optional(
    input: Option<&str>,
    what: &'static str,
    max: usize,
) -> Result<Option<String>, ReflectionError> {
    match input.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => text(t, what, max).map(Some),
        None => Ok(None),
    }
}

/// The kinds of personal record, as the audit log names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalRecord {
    Reflection,
    Principle,
    Win,
    SelfCare,
    DiagnosisFeedback,
    JournalEntry,
}

impl PersonalRecord {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalRecord::Reflection => "reflection",
            PersonalRecord::Principle => "principle",
            PersonalRecord::Win => "win",
            PersonalRecord::SelfCare => "self_care",
            PersonalRecord::DiagnosisFeedback => "diagnosis_feedback",
            PersonalRecord::JournalEntry => "journal_entry",
        }
    }
}

#[cfg(test)]
mod returns_tests;
#[cfg(test)]
mod tests;
