//! The recovery plan aggregate and its operations. Every operation checks
//! everything first and changes nothing when it refuses.

mod aggregate;
mod due;
mod end;
mod records;
mod tasks;

pub use aggregate::{NewCheckIn, NewPlan, RecoveryPlan};
pub use due::{CheckInDue, DUE_SOON};
pub use end::{EndReason, PlanEnd};
pub use records::{CheckIn, PracticeTask, PrivateNote, Schedule, SignScore, Task};

use super::moves::{CHECK_INS_TO_TRACK, Completion};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const MAX_SIGN_NOTE: usize = 1000;
pub const MAX_TOPIC: usize = 200;
pub const MAX_TOPICS: usize = 30;
pub const MAX_DEBRIEF_PART: usize = 4000;
pub const MAX_PRACTICE_TASK: usize = 300;
pub const MAX_PRACTICE_TASKS: usize = 12;
pub const MAX_PRIVATE_NOTE: usize = 5000;
/// Check-ins in one calendar series.
pub const MAX_SERIES: u16 = 52;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryError {
    #[error("{what} cannot be empty")]
    Empty { what: &'static str },
    #[error("{0}")]
    Text(#[from] crate::text::TextError),
    #[error("{0}")]
    When(#[from] crate::when::WhenError),
    #[error("{what} is too long ({len} characters; at most {max})")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("at most {max} {what}")]
    TooMany { what: &'static str, max: usize },
    #[error("{what} is listed twice")]
    Duplicate { what: String },
    #[error("score every one of the ten signs; still to score: {missing}")]
    MissingSigns { missing: String },
    #[error("the sign “{sign}” is scored {level}; use 0 (not seen) to 3 (strongly)")]
    LevelOutOfRange { sign: String, level: u8 },
    #[error("'{topic}' is not among the open topics")]
    UnknownTopic { topic: String },
    #[error("a check-in cannot be before the plan was opened ({opened})")]
    BeforeOpened { opened: String },
    #[error("'{move_}' is already adopted and not done yet")]
    AlreadyAdopted { move_: String },
    #[error("the due date cannot be in the past")]
    DueInPast,
    #[error("no task {id} on this plan")]
    NoSuchTask { id: String },
    #[error("this task is already done")]
    AlreadyDone,
    #[error("this task completes by itself when {condition}")]
    CompletesItself { condition: &'static str },
    #[error("check-ins repeat every 1 to 4 weeks")]
    BadInterval,
    #[error("a check-in lasts 15 to 120 minutes")]
    BadLength,
    #[error("a calendar series has 1 to {MAX_SERIES} check-ins")]
    BadCount,
    #[error("this plan ended on {on}; open a new plan to support them again")]
    Ended { on: String },
    #[error("this plan already ended on {on}")]
    AlreadyEnded { on: String },
}

type Result<T> = std::result::Result<T, RecoveryError>;

/// The debrief note's template: four parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DebriefNote {
    pub what_happened: String,
    pub what_is_known: String,
    pub technical_fix: String,
    pub communication_change: String,
}

impl DebriefNote {
    fn check(&self) -> Result<()> {
        for (what, text) in [
            ("what happened", &self.what_happened),
            ("what is known", &self.what_is_known),
            ("the technical fix", &self.technical_fix),
            ("the communication change", &self.communication_change),
        ] {
            text_ok(what, text, MAX_DEBRIEF_PART)?;
        }
        Ok(())
    }

    fn trimmed(&self) -> DebriefNote {
        DebriefNote {
            what_happened: self.what_happened.trim().to_string(),
            what_is_known: self.what_is_known.trim().to_string(),
            technical_fix: self.technical_fix.trim().to_string(),
            communication_change: self.communication_change.trim().to_string(),
        }
    }
}

/// A date on the plan (a task's due date, a practice task's) within the
/// window every time ahead has; the plan's clock is UTC.
fn ahead_ok(what: &str, at: Timestamp, now: Timestamp) -> Result<()> {
    let now = now.to_zoned(jiff::tz::TimeZone::UTC);
    Ok(crate::when::check_ahead(what, at, &now)?)
}

fn text_ok(what: &'static str, text: &str, max: usize) -> Result<()> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RecoveryError::Empty { what });
    }
    let len = t.chars().count();
    if len > max {
        return Err(RecoveryError::TooLong { what, len, max });
    }
    crate::text::lines(what, t)?;
    Ok(())
}

fn no_duplicates<T: PartialEq + std::fmt::Display>(items: &[T]) -> Result<()> {
    for (i, x) in items.iter().enumerate() {
        if items[..i].contains(x) {
            return Err(RecoveryError::Duplicate {
                what: x.to_string(),
            });
        }
    }
    Ok(())
}

fn clean_topics(topics: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in topics {
        text_ok("a topic", t, MAX_TOPIC)?;
        crate::text::line("a topic", t.trim())?;
        let t = t.trim().to_string();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

impl RecoveryPlan {
    /// Whether a task adopted at `adopted_at` that completes by `c` is done.
    fn condition_met(&self, c: Completion, adopted_at: Timestamp) -> bool {
        match c {
            Completion::DebriefWritten => self.debrief.is_some(),
            Completion::DevelopmentPlanWritten => !self.development.is_empty(),
            Completion::CheckInsRecorded => {
                let since = self.check_ins.iter().filter(|c| c.at >= adopted_at);
                since.count() >= CHECK_INS_TO_TRACK
            }
            Completion::MarkedDone => false,
        }
    }

    /// Completes the open tasks whose condition now holds.
    fn complete_met(&mut self, now: Timestamp) {
        let met: Vec<bool> = self
            .tasks
            .iter()
            .map(|t| !t.is_done() && self.condition_met(t.completion(), t.adopted_at))
            .collect();
        for (t, met) in self.tasks.iter_mut().zip(met) {
            if met {
                t.completed_at = Some(now);
            }
        }
    }
}
