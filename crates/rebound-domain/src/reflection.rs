//! Diagnose and learn: the guided reflection on a mistake (or on an older
//! memory), the principles it becomes, the wins logged while showing up
//! again, the self-care reset plan, and the labels a person gives the
//! auto-diagnosis. All of it is the person's alone (`access::allows_personal`).
//!
//! A reflection fills in step by step — what happened, the trap and the
//! failure type, the specific error in one sentence, the lesson — so every
//! later step is optional until it is taken. The classifiers live in
//! `rebound-learn`; their answers come in here as plain values.

use crate::id::{MistakeId, PrincipleId, ReflectionId, UserId, WinId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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
    #[error("a reflection is about one of your mistakes or a memory with a title, not both")]
    MistakeAndTitle,
    #[error("give the memory a short title, or reflect on one of your mistakes")]
    NoSubject,
    #[error("this principle is retired; it can no longer be revised")]
    Retired,
    #[error("this principle is already retired")]
    AlreadyRetired,
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

/// Trims, refuses empty and over-long text: the rule (and the words) for
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

macro_rules! labels {
    ($(#[$doc:meta])* $name:ident, $what:literal, $choices:literal, [$($variant:ident = $s:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ReflectionError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| ReflectionError::Unknown {
                        what: $what,
                        input: s.trim().to_string(),
                        choices: $choices,
                    })
            }
        }
    };
}

labels!(
    /// Why a capable person got it wrong.
    Trap,
    "trap",
    "judgment, expertise, ego or confidence",
    [Judgment = "judgment", Expertise = "expertise", Ego = "ego", Confidence = "confidence"]
);

labels!(
    /// What kind of error it was; each has its own correction.
    FailureType,
    "failure type",
    "information, courage, skill or attention",
    [Information = "information", Courage = "courage", Skill = "skill", Attention = "attention"]
);

labels!(
    /// What the lesson check said about a lesson.
    LessonVerdict,
    "lesson verdict",
    "careful, cautious or vague",
    [Careful = "careful", Cautious = "cautious", Vague = "vague"]
);

labels!(
    /// Whether a principle is still one the person lives by.
    PrincipleStatus,
    "principle status",
    "active or retired",
    [Active = "active", Retired = "retired"]
);

impl Trap {
    /// A short name for headings.
    pub fn title(self) -> &'static str {
        match self {
            Trap::Judgment => "Judgment",
            Trap::Expertise => "Expertise",
            Trap::Ego => "Ego",
            Trap::Confidence => "Confidence",
        }
    }

    /// What the trap is, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Trap::Judgment => {
                "You read the situation wrongly: context was missing, or a familiar pattern or a strong feeling made the call."
            }
            Trap::Expertise => {
                "You acted with confidence outside your depth, without the people who know that area in the room."
            }
            Trap::Ego => {
                "Your own standing came before the outcome: feedback brushed aside, another team's work taken over, or being right assumed because you were right before."
            }
            Trap::Confidence => {
                "You held back: you stayed quiet, kept a useful idea to yourself, or doubted an instinct that was sound."
            }
        }
    }

    /// What it can look like, in one sentence.
    pub fn example(self) -> &'static str {
        match self {
            Trap::Judgment => {
                "Sharing your frustration about a reorganisation with someone who reports to you, as if they were a peer."
            }
            Trap::Expertise => {
                "Promising a customer a ship date before engineering had looked at the work."
            }
            Trap::Ego => {
                "Overruling a reviewer's concern because your last three launches went fine."
            }
            Trap::Confidence => {
                "Seeing that the numbers in the review looked wrong and not saying so."
            }
        }
    }
}

impl FailureType {
    pub fn title(self) -> &'static str {
        match self {
            FailureType::Information => "Information",
            FailureType::Courage => "Courage",
            FailureType::Skill => "Skill",
            FailureType::Attention => "Attention",
        }
    }

    /// What happened, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            FailureType::Information => {
                "You did not know something you needed to know before you acted."
            }
            FailureType::Courage => {
                "You knew the right thing to do or say, and did not do or say it."
            }
            FailureType::Skill => {
                "You set out to do the right thing, and the doing of it fell short."
            }
            FailureType::Attention => "The signals were there, and they were missed.",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            FailureType::Information => {
                "Changing a shared setting without knowing that another service read it."
            }
            FailureType::Courage => {
                "Thinking the rollout was too risky, and not asking for it to wait."
            }
            FailureType::Skill => {
                "Running the data migration yourself, and getting the order of the steps wrong."
            }
            FailureType::Attention => {
                "An alert had been firing for a day before anyone looked at it."
            }
        }
    }

    /// The correction that fits this kind of error.
    pub fn correction(self) -> &'static str {
        match self {
            FailureType::Information => {
                "Build a way of gathering context before you decide: a short checklist, a question to the people who own the area, a look at who depends on it."
            }
            FailureType::Courage => {
                "Make a habit of acting on what you know while it is still uncomfortable: say it early and plainly, in small ways, before it gets costly."
            }
            FailureType::Skill => {
                "Practise and develop the skill: rehearse it, pair with someone experienced, and get feedback before the next time it matters."
            }
            FailureType::Attention => {
                "Set a regular rhythm of check-ins so signals reach you: a daily look at what matters, a weekly review of what is open."
            }
        }
    }
}

impl LessonVerdict {
    /// Whether the person should be asked to rewrite the lesson.
    pub fn needs_rewrite(self) -> bool {
        self != LessonVerdict::Careful
    }

    /// What to say beside the verdict.
    pub fn prompt(self) -> &'static str {
        match self {
            LessonVerdict::Careful => {
                "A careful lesson: a specific error and how you will prevent it, while still taking the risk."
            }
            LessonVerdict::Cautious => {
                "This reads as a cautious lesson: it avoids the risk instead of handling it better. Keep taking the risk, and name the one step that would have prevented this error."
            }
            LessonVerdict::Vague => {
                "This reads as a general judgement rather than a lesson. Name the specific error, and what you will do differently next time."
            }
        }
    }
}

/// What the auto-diagnosis suggested for the account of what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// A visible piece of good work after a mistake: keep showing up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Win {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: WinId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    pub text: String,
    pub at: Timestamp,
}

impl Win {
    pub fn new(
        id: WinId,
        owner: Option<UserId>,
        mistake: Option<MistakeId>,
        input: &str,
        now: Timestamp,
    ) -> Result<Win, ReflectionError> {
        Ok(Win {
            id,
            owner,
            mistake,
            text: text(input, "the win", MAX_WIN)?,
            at: now,
        })
    }
}

/// Ideas offered for the self-care plan; people add their own.
pub const SELF_CARE_IDEAS: [&str; 6] = [
    "A walk outside",
    "Exercise",
    "An evening off the phone",
    "A full night's sleep",
    "Time with people outside work",
    "Something you enjoy that has nothing to do with work",
];

/// A deliberate reset: recovery is part of performance, not a reward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfCarePlan {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    /// The mistake it follows, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    pub items: Vec<String>,
    pub updated_at: Timestamp,
}

impl SelfCarePlan {
    /// Blank items are dropped, duplicates kept once, in the given order.
    pub fn new(
        owner: Option<UserId>,
        mistake: Option<MistakeId>,
        items: &[String],
        now: Timestamp,
    ) -> Result<SelfCarePlan, ReflectionError> {
        let mut kept: Vec<String> = Vec::new();
        for item in items.iter().filter(|i| !i.trim().is_empty()) {
            let t = text(item, "a self-care item", MAX_SELF_CARE_ITEM)?;
            if !kept.iter().any(|k| k.eq_ignore_ascii_case(&t)) {
                kept.push(t);
            }
        }
        if kept.len() > MAX_SELF_CARE_ITEMS {
            return Err(ReflectionError::TooManyItems {
                max: MAX_SELF_CARE_ITEMS,
            });
        }
        Ok(SelfCarePlan {
            owner,
            mistake,
            items: kept,
            updated_at: now,
        })
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
}

impl PersonalRecord {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalRecord::Reflection => "reflection",
            PersonalRecord::Principle => "principle",
            PersonalRecord::Win => "win",
            PersonalRecord::SelfCare => "self_care",
            PersonalRecord::DiagnosisFeedback => "diagnosis_feedback",
        }
    }
}

#[cfg(test)]
#[path = "reflection_tests.rs"]
mod tests;
