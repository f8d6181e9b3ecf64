//! Adopted moves as tasks and how they complete, the debrief note and the
//! development plan, and what the plan suggests and shows next.

use super::{
    DebriefNote, MAX_PRACTICE_TASK, MAX_PRACTICE_TASKS, PracticeTask, RecoveryError, RecoveryPlan,
    Result, Task, text_ok,
};
use crate::id::RecoveryTaskId;
use crate::recovery::moves::{self, Completion, Move, Reader, Suggestion};
use crate::recovery::signs::Sign;
use crate::recovery::{escalation, trend};
use jiff::{SignedDuration, Timestamp};

impl RecoveryPlan {
    /// The moves adopted so far (open or done).
    pub fn adopted(&self) -> Vec<Move> {
        let mut out: Vec<Move> = self.tasks.iter().map(|t| t.to).collect();
        out.dedup();
        out
    }

    /// Adopts `to` as a task due at `due` (by default its usual number of
    /// days from now). A move adopted again while its task is open is refused.
    pub fn adopt(
        &mut self,
        to: Move,
        due: Option<Timestamp>,
        id: RecoveryTaskId,
        now: Timestamp,
    ) -> Result<&Task> {
        self.still_open()?;
        if self.tasks.iter().any(|t| t.to == to && !t.is_done()) {
            return Err(RecoveryError::AlreadyAdopted {
                move_: to.label().to_string(),
            });
        }
        let due =
            due.unwrap_or_else(|| now + SignedDuration::from_hours(24 * to.default_due_days()));
        if due < now - SignedDuration::from_hours(24) {
            return Err(RecoveryError::DueInPast);
        }
        super::ahead_ok("the due date", due, now)?;
        let mut task = Task {
            id,
            to,
            adopted_at: now,
            due,
            completed_at: None,
        };
        // A condition already met completes the task at once.
        if self.condition_met(to.completion(), now) {
            task.completed_at = Some(now);
        }
        self.tasks.push(task);
        Ok(self.tasks.last().expect("just pushed"))
    }

    /// Writes the debrief note (all four parts); the debrief task completes.
    pub fn write_debrief(&mut self, note: DebriefNote, now: Timestamp) -> Result<()> {
        self.still_open()?;
        note.check()?;
        self.debrief = Some(note.trimmed());
        self.complete_met(now);
        Ok(())
    }

    /// Writes the development plan's practice tasks; the development-plan
    /// task completes once there is at least one.
    pub fn set_development(&mut self, tasks: Vec<PracticeTask>, now: Timestamp) -> Result<()> {
        self.still_open()?;
        if tasks.is_empty() {
            return Err(RecoveryError::Empty {
                what: "the development plan",
            });
        }
        if tasks.len() > MAX_PRACTICE_TASKS {
            return Err(RecoveryError::TooMany {
                what: "practice tasks",
                max: MAX_PRACTICE_TASKS,
            });
        }
        for t in &tasks {
            text_ok("a practice task", &t.text, MAX_PRACTICE_TASK)?;
            super::ahead_ok("a practice task's due date", t.due, now)?;
        }
        self.development = tasks
            .into_iter()
            .map(|t| PracticeTask {
                text: t.text.trim().to_string(),
                due: t.due,
            })
            .collect();
        self.complete_met(now);
        Ok(())
    }

    /// Marks a task done by hand: only for moves whose completion nobody
    /// but the manager can know.
    pub fn complete_task(&mut self, id: &RecoveryTaskId, now: Timestamp) -> Result<()> {
        self.still_open()?;
        let task = self
            .tasks
            .iter_mut()
            .find(|t| t.id == *id)
            .ok_or_else(|| RecoveryError::NoSuchTask { id: id.to_string() })?;
        if task.is_done() {
            return Err(RecoveryError::AlreadyDone);
        }
        match task.completion() {
            Completion::DebriefWritten => Err(RecoveryError::CompletesItself {
                condition: "the debrief note is written",
            }),
            Completion::DevelopmentPlanWritten => Err(RecoveryError::CompletesItself {
                condition: "the development plan has a practice task",
            }),
            Completion::CheckInsRecorded => Err(RecoveryError::CompletesItself {
                condition: "two check-ins are recorded after it was adopted",
            }),
            Completion::MarkedDone => {
                task.completed_at = Some(now);
                Ok(())
            }
        }
    }

    /// The latest check-in's levels.
    pub fn latest_signs(&self) -> Vec<(Sign, u8)> {
        self.check_ins
            .last()
            .map(|c| c.signs.iter().map(|s| (s.sign, s.level)).collect())
            .unwrap_or_default()
    }

    /// Suggested moves, ranked, in the manager's words (see `moves`).
    pub fn suggestions(&self) -> Vec<Suggestion> {
        self.suggestions_for(Reader::Manager)
    }

    /// Suggested moves as `reader` sees them. The report's list is ranked
    /// only from what the report may see: the distress flag and the
    /// escalation are the manager's alone, so they count only for the
    /// manager (otherwise a missing move could tell the report of them).
    pub fn suggestions_for(&self, reader: Reader) -> Vec<Suggestion> {
        let manager = reader == Reader::Manager;
        let signs = self.latest_signs();
        let adopted = self.adopted();
        let input = moves::Input {
            drivers: &self.drivers,
            pressure_points: &self.pressure_points,
            signs: &signs,
            adopted: &adopted,
            debrief_written: self.debrief.is_some(),
            trend: self.trend(),
            distress: manager && escalation::distress_recorded(&self.check_ins),
            escalation: manager && self.escalation().is_some(),
        };
        moves::rank(&input, reader)
    }

    pub fn trend(&self) -> trend::Trend {
        trend::of(&self.check_ins)
    }

    pub fn escalation(&self) -> Option<escalation::Escalation> {
        escalation::assess(self)
    }

    /// When the next check-in in the series falls after `now`, if any
    /// (none once the plan has ended).
    pub fn next_check_in(&self, now: Timestamp) -> Option<Timestamp> {
        if self.is_ended() {
            return None;
        }
        let step = SignedDuration::from_hours(24 * 7 * i64::from(self.schedule.every_weeks));
        let mut at = self.schedule.first_at;
        for _ in 0..self.schedule.count {
            if at >= now {
                return Some(at);
            }
            at += step;
        }
        None
    }

    /// The debrief task still open or done, if the debrief was adopted.
    pub fn debrief_task(&self) -> Option<&Task> {
        self.tasks.iter().rev().find(|t| t.to == Move::CalmDebrief)
    }
}
