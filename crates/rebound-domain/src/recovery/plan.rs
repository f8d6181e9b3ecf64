//! The recovery plan aggregate and its operations. Every operation checks
//! everything first and changes nothing when it refuses.

use super::moves::{self, Completion, Move, Suggestion};
use super::signs::{Driver, MAX_LEVEL, PressurePoint, Sign};
use super::{escalation, trend};
use crate::id::{CheckInId, MistakeId, PrivateNoteId, RecoveryPlanId, RecoveryTaskId, UserId};
use jiff::{SignedDuration, Timestamp};
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
    #[error("score every one of the ten signs; missing: {missing}")]
    MissingSigns { missing: String },
    #[error("the sign '{sign}' is scored {level}; use 0 (not seen) to 3 (strongly)")]
    LevelOutOfRange { sign: String, level: u8 },
    #[error("'{topic}' is not among the open topics")]
    UnknownTopic { topic: String },
    #[error("a check-in cannot be earlier than the one before it")]
    OutOfOrder,
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
}

type Result<T> = std::result::Result<T, RecoveryError>;

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

/// A practice task in the development plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeTask {
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub due: Timestamp,
}

/// A recovery plan for one report, by their manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryPlan {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: RecoveryPlanId,
    /// Whom the plan supports.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub report: UserId,
    /// Who opened it (access follows the report's current manager).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opened_by: UserId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opened_at: Timestamp,
    pub pressure_points: Vec<PressurePoint>,
    /// The drivers believed to dominate.
    pub drivers: Vec<Driver>,
    pub schedule: Schedule,
    /// Oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Topics for the next check-in, including those carried over.
    pub topics: Vec<String>,
    pub tasks: Vec<Task>,
    pub debrief: Option<DebriefNote>,
    pub development: Vec<PracticeTask>,
    /// Optimistic concurrency: bumped by every save.
    pub version: i64,
}

/// What opening a plan takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub report: UserId,
    pub opened_by: UserId,
    pub mistake: Option<MistakeId>,
    pub pressure_points: Vec<PressurePoint>,
    pub drivers: Vec<Driver>,
    pub schedule: Option<Schedule>,
    pub topics: Vec<String>,
}

/// What recording a check-in takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCheckIn {
    pub signs: Vec<SignScore>,
    /// Open topics talked about; the others carry over.
    pub covered: Vec<String>,
    /// Topics for next time.
    pub new_topics: Vec<String>,
    pub distress: bool,
    pub safety_impact: bool,
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

fn text_ok(what: &'static str, text: &str, max: usize) -> Result<()> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RecoveryError::Empty { what });
    }
    let len = t.chars().count();
    if len > max {
        return Err(RecoveryError::TooLong { what, len, max });
    }
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
        let t = t.trim().to_string();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

impl RecoveryPlan {
    pub fn open(new: NewPlan, id: RecoveryPlanId, now: Timestamp) -> Result<RecoveryPlan> {
        no_duplicates(&new.pressure_points)?;
        no_duplicates(&new.drivers)?;
        let schedule = new.schedule.unwrap_or_else(|| Schedule::default_from(now));
        schedule.check()?;
        let topics = clean_topics(&new.topics)?;
        if topics.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        Ok(RecoveryPlan {
            id,
            report: new.report,
            opened_by: new.opened_by,
            mistake: new.mistake,
            opened_at: now,
            pressure_points: new.pressure_points,
            drivers: new.drivers,
            schedule,
            check_ins: Vec::new(),
            topics,
            tasks: Vec::new(),
            debrief: None,
            development: Vec::new(),
            version: 0,
        })
    }

    /// Replaces the pressure points and drivers.
    pub fn set_context(
        &mut self,
        pressure_points: Vec<PressurePoint>,
        drivers: Vec<Driver>,
    ) -> Result<()> {
        no_duplicates(&pressure_points)?;
        no_duplicates(&drivers)?;
        self.pressure_points = pressure_points;
        self.drivers = drivers;
        Ok(())
    }

    pub fn set_schedule(&mut self, schedule: Schedule) -> Result<()> {
        schedule.check()?;
        self.schedule = schedule;
        Ok(())
    }

    /// Adds topics for the next check-in.
    pub fn add_topics(&mut self, topics: &[String]) -> Result<()> {
        let new = clean_topics(topics)?;
        let mut all = self.topics.clone();
        for t in new {
            if !all.contains(&t) {
                all.push(t);
            }
        }
        if all.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        self.topics = all;
        Ok(())
    }

    /// Records a check-in: all ten signs scored 0–3, the open topics
    /// covered (the rest carry over), new topics for next time.
    pub fn record_check_in(
        &mut self,
        new: NewCheckIn,
        id: CheckInId,
        by: UserId,
        now: Timestamp,
    ) -> Result<&CheckIn> {
        let mut signs = Vec::with_capacity(Sign::ALL.len());
        let mut missing = Vec::new();
        for sign in Sign::ALL {
            let given: Vec<&SignScore> = new.signs.iter().filter(|s| s.sign == *sign).collect();
            match given.as_slice() {
                [] => missing.push(sign.as_str()),
                [one] => {
                    if one.level > MAX_LEVEL {
                        return Err(RecoveryError::LevelOutOfRange {
                            sign: sign.as_str().to_string(),
                            level: one.level,
                        });
                    }
                    let note = match one.note.as_deref().map(str::trim) {
                        None | Some("") => None,
                        Some(n) => {
                            text_ok("a sign's note", n, MAX_SIGN_NOTE)?;
                            Some(n.to_string())
                        }
                    };
                    signs.push(SignScore {
                        sign: *sign,
                        level: one.level,
                        note,
                    });
                }
                _ => {
                    return Err(RecoveryError::Duplicate {
                        what: sign.as_str().to_string(),
                    });
                }
            }
        }
        if !missing.is_empty() {
            return Err(RecoveryError::MissingSigns {
                missing: missing.join(", "),
            });
        }
        let covered = clean_topics(&new.covered)?;
        if let Some(t) = covered.iter().find(|t| !self.topics.contains(t)) {
            return Err(RecoveryError::UnknownTopic { topic: t.clone() });
        }
        let new_topics = clean_topics(&new.new_topics)?;
        if let Some(last) = self.check_ins.last()
            && now < last.at
        {
            return Err(RecoveryError::OutOfOrder);
        }
        let carried_over: Vec<String> = self
            .topics
            .iter()
            .filter(|t| !covered.contains(t))
            .cloned()
            .collect();
        let mut next = carried_over.clone();
        for t in new_topics {
            if !next.contains(&t) {
                next.push(t);
            }
        }
        if next.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        self.topics = next;
        self.check_ins.push(CheckIn {
            id,
            at: now,
            by,
            signs,
            covered,
            carried_over,
            distress: new.distress,
            safety_impact: new.safety_impact,
        });
        Ok(self.check_ins.last().expect("just pushed"))
    }

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
        let mut task = Task {
            id,
            to,
            adopted_at: now,
            due,
            completed_at: None,
        };
        // A condition already met completes the task at once.
        if self.condition_met(to.completion()) {
            task.completed_at = Some(now);
        }
        self.tasks.push(task);
        Ok(self.tasks.last().expect("just pushed"))
    }

    fn condition_met(&self, c: Completion) -> bool {
        match c {
            Completion::DebriefWritten => self.debrief.is_some(),
            Completion::DevelopmentPlanWritten => !self.development.is_empty(),
            Completion::MarkedDone => false,
        }
    }

    /// Completes the open tasks whose condition now holds.
    fn complete_met(&mut self, now: Timestamp) {
        let met: Vec<Completion> = [
            Completion::DebriefWritten,
            Completion::DevelopmentPlanWritten,
        ]
        .into_iter()
        .filter(|c| self.condition_met(*c))
        .collect();
        for t in &mut self.tasks {
            if t.completed_at.is_none() && met.contains(&t.to.completion()) {
                t.completed_at = Some(now);
            }
        }
    }

    /// Writes the debrief note (all four parts); the debrief task completes.
    pub fn write_debrief(&mut self, note: DebriefNote, now: Timestamp) -> Result<()> {
        note.check()?;
        self.debrief = Some(note.trimmed());
        self.complete_met(now);
        Ok(())
    }

    /// Writes the development plan's practice tasks; the development-plan
    /// task completes once there is at least one.
    pub fn set_development(&mut self, tasks: Vec<PracticeTask>, now: Timestamp) -> Result<()> {
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

    /// Suggested moves, ranked (see `moves`).
    pub fn suggestions(&self) -> Vec<Suggestion> {
        moves::rank(&self.drivers, &self.latest_signs(), &self.adopted())
    }

    pub fn trend(&self) -> trend::Trend {
        trend::of(&self.check_ins)
    }

    pub fn escalation(&self) -> Option<escalation::Escalation> {
        escalation::assess(self)
    }

    /// When the next check-in in the series falls after `now`, if any.
    pub fn next_check_in(&self, now: Timestamp) -> Option<Timestamp> {
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
