//! Ending a plan. An ended plan is a record of what happened: it takes no
//! more check-ins, tasks, topics or schedule changes (every operation asks
//! [`RecoveryPlan::still_open`] first), it has no next check-in, and its
//! calendar invitations become a cancellation. There is no reopening: if
//! the support is needed again, a new plan starts from a fresh look at the
//! drivers and signs, with its own series of one-on-ones.

use super::{RecoveryError, RecoveryPlan, Result};
use crate::id::UserId;
use crate::recovery::signs::UnknownName;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Why a plan ended, as the manager chose to say (optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EndReason {
    /// Back to their usual confidence: the plan did its work.
    Recovered,
    /// Closed for another reason (a new role or team, no longer needed).
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 2] = [EndReason::Recovered, EndReason::Other];

    /// The stable name used in the API, storage and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Recovered => "recovered",
            EndReason::Other => "other",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            EndReason::Recovered => "Recovered: back to their usual confidence",
            EndReason::Other => "Closed for another reason",
        }
    }
}

impl std::str::FromStr for EndReason {
    type Err = UnknownName;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        EndReason::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownName {
                what: "reason",
                input: s.trim().to_string(),
                choices: "recovered, other".to_string(),
            })
    }
}

/// When and by whom a plan ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanEnd {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub by: UserId,
    #[serde(default)]
    pub reason: Option<EndReason>,
}

/// `at` as a day, for sentences (plans keep UTC).
pub(super) fn day(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d").to_string()
}

impl RecoveryPlan {
    pub fn is_ended(&self) -> bool {
        self.ended.is_some()
    }

    /// Ends the plan now; ending it twice is refused.
    pub fn end(&mut self, reason: Option<EndReason>, by: UserId, now: Timestamp) -> Result<()> {
        if let Some(e) = &self.ended {
            return Err(RecoveryError::AlreadyEnded { on: day(e.at) });
        }
        self.ended = Some(PlanEnd {
            at: now,
            by,
            reason,
        });
        Ok(())
    }

    /// Refuses any change to a plan that has ended.
    pub(super) fn still_open(&self) -> Result<()> {
        match &self.ended {
            Some(e) => Err(RecoveryError::Ended { on: day(e.at) }),
            None => Ok(()),
        }
    }

    /// How many one-on-ones of the series began before the plan ended (all
    /// of them while it runs): an ended plan's calendar file holds these.
    pub fn check_ins_held(&self) -> u16 {
        let Some(end) = &self.ended else {
            return self.schedule.count;
        };
        let step = jiff::SignedDuration::from_hours(24 * 7 * i64::from(self.schedule.every_weeks));
        (0..self.schedule.count)
            .take_while(|i| self.schedule.first_at + step * i32::from(*i) < end.at)
            .count() as u16
    }
}
