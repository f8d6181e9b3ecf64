//! What a plan holds: its schedule, check-ins and their scores, tasks,
//! practice tasks, and the manager's private notes.

use super::{MAX_PRIVATE_NOTE, MAX_SERIES, RecoveryError, Result, text_ok};
use crate::id::{CheckInId, PrivateNoteId, RecoveryPlanId, RecoveryTaskId, UserId};
use crate::recovery::moves::{Completion, Move};
use crate::recovery::signs::Sign;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// When one-on-one check-ins happen (for the calendar invites).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub first_at: Timestamp,
    pub every_weeks: u8,
    pub minutes: u16,
    /// How many check-ins the calendar series holds.
    pub count: u16,
}

impl Schedule {
    /// Weekly, 30 minutes, eight times, the first a week after `now`.
    pub fn default_from(now: Timestamp) -> Schedule {
        Schedule {
            first_at: now + SignedDuration::from_hours(24 * 7),
            every_weeks: 1,
            minutes: 30,
            count: 8,
        }
    }

    pub fn check(&self) -> Result<()> {
        if !(1..=4).contains(&self.every_weeks) {
            return Err(RecoveryError::BadInterval);
        }
        if !(15..=120).contains(&self.minutes) {
            return Err(RecoveryError::BadLength);
        }
        if !(1..=MAX_SERIES).contains(&self.count) {
            return Err(RecoveryError::BadCount);
        }
        // Without "now" here, only the lower bound; opening a plan and
        // changing its schedule check both.
        if self.first_at < crate::when::EARLIEST {
            return Err(crate::when::WhenError::TooEarly {
                what: "the first check-in".to_string(),
                at: self.first_at.to_string(),
            }
            .into());
        }
        Ok(())
    }
}

/// One sign as scored at a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignScore {
    pub sign: Sign,
    /// 0 not seen, 1 a little, 2 clearly, 3 strongly.
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A one-on-one check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: CheckInId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub by: UserId,
    /// All ten signs, in the order of `Sign::ALL`.
    pub signs: Vec<SignScore>,
    /// Topics talked about.
    pub covered: Vec<String>,
    /// Topics not reached, carried to the next check-in.
    pub carried_over: Vec<String>,
    /// The manager recorded severe distress, hopelessness, persistent
    /// anxiety or being overwhelmed. Seen by the manager only.
    #[serde(default)]
    pub distress: bool,
    /// The manager recorded an effect on safety-sensitive work or the
    /// team's outcomes. Seen by the manager only.
    #[serde(default)]
    pub safety_impact: bool,
}

impl CheckIn {
    pub fn level(&self, sign: Sign) -> u8 {
        self.signs
            .iter()
            .find(|s| s.sign == sign)
            .map_or(0, |s| s.level)
    }

    /// The sum of the ten levels, 0–30.
    pub fn total(&self) -> u32 {
        self.signs.iter().map(|s| u32::from(s.level)).sum()
    }
}

/// A move adopted as a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: RecoveryTaskId,
    #[serde(rename = "move")]
    pub to: Move,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub adopted_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub due: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub completed_at: Option<Timestamp>,
}

impl Task {
    pub fn is_done(&self) -> bool {
        self.completed_at.is_some()
    }

    pub fn overdue(&self, now: Timestamp) -> bool {
        !self.is_done() && self.due < now
    }

    pub fn completion(&self) -> Completion {
        self.to.completion()
    }
}

/// A practice task in the development plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeTask {
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub due: Timestamp,
}

/// A manager's private note: seen by its author alone, while they manage
/// the report. Stored apart from the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivateNote {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: PrivateNoteId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub plan: RecoveryPlanId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub author: UserId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
    pub body: String,
}

impl PrivateNote {
    pub fn new(
        id: PrivateNoteId,
        plan: RecoveryPlanId,
        author: UserId,
        at: Timestamp,
        body: &str,
    ) -> Result<PrivateNote> {
        text_ok("the note", body, MAX_PRIVATE_NOTE)?;
        Ok(PrivateNote {
            id,
            plan,
            author,
            at,
            body: body.trim().to_string(),
        })
    }
}
