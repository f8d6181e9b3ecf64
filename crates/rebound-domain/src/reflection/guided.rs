//! The guided reflection, step by step, and the feedback on the
//! auto-diagnosis.

use super::{
    FailureType, LessonVerdict, MAX_ACCOUNT, MAX_LESSON, MAX_SPECIFIC_ERROR, MAX_TITLE,
    ReflectionError, Trap, optional, text,
};
use crate::id::{MistakeId, ReflectionId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What the auto-diagnosis suggested for the account of what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Named apart from a recovery plan's `Suggestion` in the OpenAPI document.
#[cfg_attr(feature = "openapi", schema(as = DiagnosisSuggestion))]
pub struct Suggestion {
    pub trap: Trap,
    pub failure_type: FailureType,
    /// 0 to 1: the weaker of the two labels' probabilities.
    pub confidence: f32,
    /// The words and phrases that drove it.
    pub cues: Vec<String>,
    /// Too unsure to offer: the person is asked to choose.
    pub unsure: bool,
}

/// What a person starts a reflection with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewReflection {
    pub owner: Option<UserId>,
    pub mistake: Option<MistakeId>,
    /// For a standalone reflection on an older memory.
    pub memory_title: Option<String>,
    /// What happened, in the person's words.
    pub account: String,
}

/// A guided reflection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reflection {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: ReflectionId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    /// The mistake it is about; `None` for an older memory.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    /// The memory's title, for a standalone reflection.
    pub memory_title: Option<String>,
    /// What happened, in the person's words (what the diagnosis reads).
    pub account: String,
    pub trap: Option<Trap>,
    pub failure_type: Option<FailureType>,
    /// The specific error, in one sentence.
    pub specific_error: Option<String>,
    pub lesson: Option<String>,
    pub lesson_verdict: Option<LessonVerdict>,
    /// Why the lesson check said so.
    pub lesson_reasons: Vec<String>,
    pub suggested: Option<Suggestion>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Each answer given when the lesson came back (`returns.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<super::LessonReview>,
}

/// A person's label for one account: kept for retraining the diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiagnosisFeedback {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub reflection: ReflectionId,
    /// The text that was classified.
    pub text: String,
    pub suggested_trap: Trap,
    pub suggested_failure_type: FailureType,
    pub chosen_trap: Trap,
    pub chosen_failure_type: FailureType,
    pub at: Timestamp,
}

impl DiagnosisFeedback {
    /// Whether the person chose differently from the suggestion.
    pub fn corrected(&self) -> bool {
        self.suggested_trap != self.chosen_trap
            || self.suggested_failure_type != self.chosen_failure_type
    }
}

/// The reflection already started on `mistake`, if any: reflecting on the
/// same mistake again continues it (the most recently changed, should an
/// older database hold two).
pub fn latest_on<'a>(all: &'a [Reflection], mistake: &MistakeId) -> Option<&'a Reflection> {
    all.iter()
        .filter(|r| r.mistake.as_ref() == Some(mistake))
        .max_by_key(|r| r.updated_at)
}

/// Checks one sentence: no line breaks, and no sentence end followed by
/// another sentence ("… wrong. Then I …"). Abbreviations in lower case
/// ("e.g. the") pass.
pub fn one_sentence(input: &str) -> Result<String, ReflectionError> {
    let t = text(input, "the specific error", MAX_SPECIFIC_ERROR)?;
    if t.contains('\n') || t.contains('\r') {
        return Err(ReflectionError::NotOneSentence);
    }
    let chars: Vec<char> = t.chars().collect();
    for i in 0..chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let mut j = i + 1;
            let mut spaced = false;
            while j < chars.len() && chars[j].is_whitespace() {
                spaced = true;
                j += 1;
            }
            if spaced && j < chars.len() && (chars[j].is_uppercase() || chars[j].is_numeric()) {
                return Err(ReflectionError::NotOneSentence);
            }
        }
    }
    Ok(t)
}

impl Reflection {
    /// Starts a reflection: on a mistake, or on a memory with a title.
    pub fn new(
        id: ReflectionId,
        input: NewReflection,
        suggested: Option<Suggestion>,
        now: Timestamp,
    ) -> Result<Reflection, ReflectionError> {
        let title = optional(input.memory_title.as_deref(), "the title", MAX_TITLE)?;
        if let Some(t) = &title {
            crate::text::line("the title", t)?;
        }
        match (&input.mistake, &title) {
            (Some(_), Some(_)) => return Err(ReflectionError::MistakeAndTitle),
            (None, None) => return Err(ReflectionError::NoSubject),
            _ => {}
        }
        Ok(Reflection {
            id,
            owner: input.owner,
            mistake: input.mistake,
            memory_title: title,
            account: text(&input.account, "what happened", MAX_ACCOUNT)?,
            trap: None,
            failure_type: None,
            specific_error: None,
            lesson: None,
            lesson_verdict: None,
            lesson_reasons: Vec::new(),
            suggested,
            created_at: now,
            updated_at: now,
            reviews: Vec::new(),
        })
    }

    /// Rewrites what happened; the caller passes the new suggestion for it.
    pub fn set_account(
        &mut self,
        account: &str,
        suggested: Option<Suggestion>,
        now: Timestamp,
    ) -> Result<(), ReflectionError> {
        self.account = text(account, "what happened", MAX_ACCOUNT)?;
        self.suggested = suggested;
        self.updated_at = now;
        Ok(())
    }

    /// The person's choice of trap and failure type. Returns the label to
    /// keep for retraining when there was a suggestion to compare with.
    pub fn choose(
        &mut self,
        trap: Trap,
        failure_type: FailureType,
        now: Timestamp,
    ) -> Option<DiagnosisFeedback> {
        self.trap = Some(trap);
        self.failure_type = Some(failure_type);
        self.updated_at = now;
        self.suggested.as_ref().map(|s| DiagnosisFeedback {
            reflection: self.id.clone(),
            text: self.account.clone(),
            suggested_trap: s.trap,
            suggested_failure_type: s.failure_type,
            chosen_trap: trap,
            chosen_failure_type: failure_type,
            at: now,
        })
    }

    pub fn set_specific_error(
        &mut self,
        error: &str,
        now: Timestamp,
    ) -> Result<(), ReflectionError> {
        self.specific_error = Some(one_sentence(error)?);
        self.updated_at = now;
        Ok(())
    }

    /// Checks the lesson's length; the caller then runs the lesson check
    /// on the returned text and passes the verdict to [`Self::set_lesson`].
    pub fn lesson_text(input: &str) -> Result<String, ReflectionError> {
        text(input, "the lesson", MAX_LESSON)
    }

    pub fn set_lesson(
        &mut self,
        lesson: &str,
        verdict: LessonVerdict,
        reasons: Vec<String>,
        now: Timestamp,
    ) -> Result<(), ReflectionError> {
        self.lesson = Some(Self::lesson_text(lesson)?);
        self.lesson_verdict = Some(verdict);
        self.lesson_reasons = reasons;
        self.updated_at = now;
        Ok(())
    }

    /// What it is about, for lists: the memory's title, or the caller's
    /// title of the mistake.
    pub fn subject<'a>(&'a self, mistake_title: Option<&'a str>) -> &'a str {
        self.memory_title
            .as_deref()
            .or(mistake_title)
            .unwrap_or("a mistake")
    }

    /// The correction for the chosen failure type, once chosen.
    pub fn correction(&self) -> Option<&'static str> {
        self.failure_type.map(FailureType::correction)
    }

    /// Every step taken: trap, failure type, specific error and lesson.
    pub fn is_complete(&self) -> bool {
        self.trap.is_some()
            && self.failure_type.is_some()
            && self.specific_error.is_some()
            && self.lesson.is_some()
    }
}
