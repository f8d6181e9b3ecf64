//! Lessons that come back: a month after a lesson was written, and again a
//! year after, Rebound shows it once more with the mistake it came from and
//! asks whether it still holds — keep it, reword it, or retire it. Each
//! answer is kept on the record (`reviews`), so the next return is the next
//! moment, never the same one twice.
//!
//! What comes back: each active principle, and each reflection's lesson
//! that did not become a principle (the principle speaks for it then). A
//! retired principle or a retired lesson does not come back.

use super::{
    LessonVerdict, MAX_NOTE, Principle, PrincipleStatus, Reflection, ReflectionError, optional,
    text,
};
use crate::id::{MistakeId, ReflectionId};
use jiff::{Timestamp, ToSpan, Zoned};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// When a lesson comes back, counted on the person's calendar from the day
/// it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// One calendar month after.
    Month,
    /// One calendar year after.
    Year,
}

impl Moment {
    /// "a month ago" / "a year ago", for the words around a lesson.
    pub fn ago(self) -> &'static str {
        match self {
            Moment::Month => "a month ago",
            Moment::Year => "a year ago",
        }
    }
}

/// What the person decided when it came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Kept,
    Revised,
    Retired,
}

/// One answer to a returning lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonReview {
    pub moment: Moment,
    pub outcome: Outcome,
    pub at: Timestamp,
    /// Why it was reworded or retired, when the person said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The answer a person gives, before it is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review<'a> {
    Keep,
    /// A new wording (a principle still starts "I will not").
    Revise {
        text: &'a str,
        note: Option<&'a str>,
    },
    Retire {
        reason: &'a str,
    },
}

/// The moment a lesson written at `written` is back for at `now`, given
/// the answers already recorded: the year once a year has passed and it
/// has no answer for the year; before that, the month once a month has
/// passed and it has no answer yet. A year's answer also covers the month
/// (a lesson first seen again after a year does not come back twice).
pub fn due(written: Timestamp, reviews: &[LessonReview], now: &Zoned) -> Option<Moment> {
    let start = written.to_zoned(now.time_zone().clone());
    let after = |span: jiff::Span| {
        start
            .checked_add(span)
            .is_ok_and(|at| now.timestamp() >= at.timestamp())
    };
    let answered = |m: Moment| reviews.iter().any(|r| r.moment >= m);
    if after(1.year()) {
        return (!answered(Moment::Year)).then_some(Moment::Year);
    }
    if after(1.month()) {
        return (!answered(Moment::Month)).then_some(Moment::Month);
    }
    None
}

const NOT_BACK: ReflectionError = ReflectionError::NotBack;

impl Principle {
    /// Whether this principle is back now, and for which moment.
    pub fn due_back(&self, now: &Zoned) -> Option<Moment> {
        if self.status == PrincipleStatus::Retired {
            return None;
        }
        due(self.created_at, &self.reviews, now)
    }

    /// Applies the person's answer while it is back: rewording and
    /// retiring are the principle's own (its history keeps the old words).
    pub fn review(&mut self, review: Review, now: &Zoned) -> Result<Moment, ReflectionError> {
        let moment = self.due_back(now).ok_or(NOT_BACK)?;
        let at = now.timestamp();
        let (outcome, note) = match review {
            Review::Keep => (Outcome::Kept, None),
            Review::Revise { text, note } => {
                self.revise(text, note, at)?;
                let note = self.history.last().and_then(|h| h.note.clone());
                (Outcome::Revised, note)
            }
            Review::Retire { reason } => {
                self.retire(reason, at)?;
                (Outcome::Retired, self.retired_reason.clone())
            }
        };
        self.reviews.push(LessonReview {
            moment,
            outcome,
            at,
            note,
        });
        self.updated_at = at;
        Ok(moment)
    }
}

impl Reflection {
    /// Whether the lesson was retired when it came back.
    pub fn lesson_retired(&self) -> bool {
        self.reviews
            .last()
            .is_some_and(|r| r.outcome == Outcome::Retired)
    }

    /// Whether this reflection's lesson is back now. It is counted from
    /// when the reflection was started: the lesson is its last step.
    pub fn due_back(&self, now: &Zoned) -> Option<Moment> {
        if self.lesson.is_none() || self.lesson_retired() {
            return None;
        }
        due(self.created_at, &self.reviews, now)
    }

    /// Applies the answer while the lesson is back; a new wording goes
    /// through `check` (the lesson check) as any lesson does.
    pub fn review(
        &mut self,
        review: Review,
        check: impl FnOnce(&str) -> (LessonVerdict, Vec<String>),
        now: &Zoned,
    ) -> Result<Moment, ReflectionError> {
        let moment = self.due_back(now).ok_or(NOT_BACK)?;
        let at = now.timestamp();
        let (outcome, note) = match review {
            Review::Keep => (Outcome::Kept, None),
            Review::Revise { text, note } => {
                let note = optional(note, "the note", MAX_NOTE)?;
                let lesson = Reflection::lesson_text(text)?;
                if self.lesson.as_deref() == Some(lesson.as_str()) {
                    return Err(ReflectionError::Unchanged);
                }
                let (verdict, reasons) = check(&lesson);
                self.set_lesson(&lesson, verdict, reasons, at)?;
                (Outcome::Revised, note)
            }
            Review::Retire { reason } => (
                Outcome::Retired,
                Some(text(reason, "the reason", MAX_NOTE)?),
            ),
        };
        self.reviews.push(LessonReview {
            moment,
            outcome,
            at,
            note,
        });
        self.updated_at = at;
        Ok(moment)
    }
}

/// Which record a returning lesson is.
#[derive(Debug, Clone, PartialEq)]
pub enum Returning<'a> {
    Principle(&'a Principle, Moment),
    Lesson(&'a Reflection, Moment),
}

impl Returning<'_> {
    pub fn moment(&self) -> Moment {
        match self {
            Returning::Principle(_, m) | Returning::Lesson(_, m) => *m,
        }
    }

    /// The mistake it came from, if any.
    pub fn mistake(&self) -> Option<&MistakeId> {
        match self {
            Returning::Principle(p, _) => p.mistake.as_ref(),
            Returning::Lesson(r, _) => r.mistake.as_ref(),
        }
    }

    fn written(&self) -> Timestamp {
        match self {
            Returning::Principle(p, _) => p.created_at,
            Returning::Lesson(r, _) => r.created_at,
        }
    }
}

/// Every lesson of a person's that is back at `now`, oldest first: active
/// principles, and the lessons of reflections no principle came from.
pub fn returning<'a>(
    reflections: &'a [Reflection],
    principles: &'a [Principle],
    now: &Zoned,
) -> Vec<Returning<'a>> {
    let became: HashSet<&ReflectionId> = principles
        .iter()
        .filter_map(|p| p.reflection.as_ref())
        .collect();
    let mut out: Vec<Returning> = principles
        .iter()
        .filter_map(|p| p.due_back(now).map(|m| Returning::Principle(p, m)))
        .chain(
            reflections
                .iter()
                .filter(|r| !became.contains(&r.id))
                .filter_map(|r| r.due_back(now).map(|m| Returning::Lesson(r, m))),
        )
        .collect();
    out.sort_by_key(Returning::written);
    out
}
