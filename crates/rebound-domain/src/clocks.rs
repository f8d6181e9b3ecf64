//! The clocks of the first thirty minutes, and the update cadence.
//! Everything here is derived from stored timestamps, so a miss stays a miss.

use crate::mistake::Mistake;
use crate::when::between;
use jiff::{Timestamp, ToSpan as _};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The timeline should exist within 15 minutes of detection.
pub const TIMELINE_TARGET: Duration = Duration::from_secs(15 * 60);
/// The follow-up note should be written within 30 minutes of detection.
pub const NOTE_TARGET: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TargetStatus {
    /// Done in time.
    Met { after_secs: u64 },
    /// Done, but late: the miss is kept.
    Missed { after_secs: u64, late_by_secs: u64 },
    /// Not done yet, still time.
    Running { left_secs: u64 },
    /// Not done and already late.
    Overdue { late_by_secs: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetClock {
    pub target_secs: u64,
    pub due: Timestamp,
    #[serde(flatten)]
    pub status: TargetStatus,
}

impl TargetClock {
    fn new(start: Timestamp, target: Duration, done: Option<Timestamp>, now: Timestamp) -> Self {
        let due = start + target;
        let status = match done {
            Some(at) if at <= due => TargetStatus::Met {
                after_secs: between(start, at).as_secs(),
            },
            Some(at) => TargetStatus::Missed {
                after_secs: between(start, at).as_secs(),
                late_by_secs: between(due, at).as_secs(),
            },
            None if now <= due => TargetStatus::Running {
                left_secs: between(now, due).as_secs(),
            },
            None => TargetStatus::Overdue {
                late_by_secs: between(due, now).as_secs(),
            },
        };
        TargetClock {
            target_secs: target.as_secs(),
            due,
            status,
        }
    }

    pub fn is_missed(&self) -> bool {
        matches!(
            self.status,
            TargetStatus::Missed { .. } | TargetStatus::Overdue { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateClock {
    /// The cadence, when one applies (an explicit promise may stand alone).
    pub every_secs: Option<u64>,
    pub due: Timestamp,
    pub overdue: bool,
    /// Seconds left (or late, when overdue).
    pub secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clocks {
    pub timeline: TargetClock,
    pub note: TargetClock,
    /// Heads-up sent − detected.
    pub time_to_own_secs: Option<u64>,
    /// Detected − started, when the start is known.
    pub time_undetected_secs: Option<u64>,
    /// The next progress update, while one is expected.
    pub next_update: Option<UpdateClock>,
}

impl Mistake {
    pub fn clocks(&self, now: Timestamp) -> Clocks {
        Clocks {
            timeline: TargetClock::new(
                self.detected_at,
                TIMELINE_TARGET,
                self.timeline_written_at,
                now,
            ),
            note: TargetClock::new(self.detected_at, NOTE_TARGET, self.note_written_at, now),
            time_to_own_secs: self
                .heads_up
                .sent_at
                .map(|s| between(self.detected_at, s).as_secs()),
            time_undetected_secs: self
                .started_at
                .map(|s| between(s, self.detected_at).as_secs()),
            next_update: self.next_update(now),
        }
    }

    /// The last moment the people waiting heard something.
    pub fn last_news(&self) -> Timestamp {
        self.updates
            .iter()
            .map(|u| u.at)
            .max()
            .or(self.heads_up.sent_at)
            .unwrap_or(self.detected_at)
    }

    /// When the next update is due: an explicit promise wins; otherwise the
    /// cadence counts from the last news. None once the mistake is fixed.
    pub fn next_update_due(&self) -> Option<Timestamp> {
        if !self.state.expects_updates() {
            return None;
        }
        let last = self.last_news();
        match self.next_update_at {
            Some(promised) if promised > last => Some(promised),
            _ => {
                let every = self.cadence.interval(self.severity)?;
                let secs = i64::try_from(every.as_secs()).unwrap_or(i64::MAX);
                last.checked_add(secs.seconds()).ok()
            }
        }
    }

    fn next_update(&self, now: Timestamp) -> Option<UpdateClock> {
        let due = self.next_update_due()?;
        let overdue = now > due;
        Some(UpdateClock {
            every_secs: self.cadence.interval(self.severity).map(|d| d.as_secs()),
            due,
            overdue,
            secs: if overdue {
                between(due, now)
            } else {
                between(now, due)
            }
            .as_secs(),
        })
    }
}
