//! Moves that help (domain.md §6), which ones to suggest, and why.
//!
//! All twelve moves of the manager's playbook can be adopted as tasks with
//! a due date. Three complete by themselves when what they ask for shows in
//! the plan; the rest are marked done by the manager, because only they can
//! know:
//!
//! | move                       | done when                                       | due by default |
//! | -------------------------- | ----------------------------------------------- | -------------- |
//! | calm debrief               | the debrief note has all four parts             | 2 days         |
//! | separate person from event | the manager marks it done                       | 3 days         |
//! | small visible win          | the manager marks it done                       | 5 days         |
//! | development plan           | the plan has at least one dated practice task   | 7 days         |
//! | paired work                | the manager marks it done                       | 14 days        |
//! | share own failures         | the manager marks it done                       | 7 days         |
//! | protect from blame         | the manager marks it done                       | 2 days         |
//! | recalibrated goals         | the manager marks it done                       | 7 days         |
//! | specific feedback          | the manager marks it done                       | 5 days         |
//! | micro-experiments          | the manager marks it done                       | 10 days        |
//! | public recognition         | the manager marks it done                       | 21 days        |
//! | track in one-on-ones       | two check-ins are recorded after it was adopted | 14 days        |
//!
//! ## The table: what points to which move
//!
//! Each row links a driver, a pressure point or a sign to a move with a
//! weight (1–3) and the reason shown beside the suggestion, in the
//! manager's words and in the words the report reads. [`TABLE`] is the
//! table; this is the same content in short (a test reads it back), the
//! columns in the order of [`Move::ALL`]: debrief, separate person from
//! event, small win, development plan, paired work, share own failures,
//! protect from blame, goals, specific feedback, micro-experiments, public
//! recognition, track in one-on-ones.
//!
//! | driver, pressure point or sign | deb | sep | win | dev | pair | share | prot | goals | fb | exp | recog | track |
//! | ------------------------------ | --- | --- | --- | --- | ---- | ----- | ---- | ----- | -- | --- | ----- | ----- |
//! | cognitive                      | 2   | 3   | 2   |     |      | 1     |      |       |    |     |       |       |
//! | social                         |     |     | 3   |     | 1    |       | 2    |       |    |     |       |       |
//! | environmental                  | 3   |     |     |     |      |       | 1    | 1     |    |     |       |       |
//! | process                        | 2   |     |     | 1   |      |       |      |       | 3  |     |       |       |
//! | workload                       |     |     |     |     | 1    |       |      | 3     |    |     |       | 1     |
//! | cultural                       |     |     |     |     |      | 2     |      |       |    | 3   | 2     |       |
//! | skill_gap                      |     |     |     | 3   | 2    |       |      |       | 1  |     |       |       |
//! | public_mistake                 | 1   |     | 1   |     |      |       | 2    |       |    |     |       |       |
//! | outcome_only_feedback          | 1   |     |     |     |      |       |      |       | 3  |     |       |       |
//! | cancelled_project              |     | 2   | 1   |     |      |       |      |       |    |     |       |       |
//! | peer_comparison                |     | 2   |     |     |      |       |      |       | 1  |     |       |       |
//! | tight_timelines                |     |     |     |     |      |       |      | 3     |    |     |       |       |
//! | public_reprimand               |     | 1   |     |     |      |       | 3    |       |    |     |       |       |
//! | ambiguous_cause                | 3   |     |     |     |      |       |      |       |    |     |       |       |
//! | role_change                    |     |     |     | 1   |      |       |      | 2     |    |     |       | 1     |
//! | fewer_volunteers               |     |     | 2   |     |      |       |      |       |    | 2   | 1     |       |
//! | excessive_sign_off             |     |     |     | 1   |      |       |      | 2     | 2  |     |       |       |
//! | over_caution                   |     |     | 1   |     |      |       |      | 1     |    | 2   |       |       |
//! | speaking_less                  |     |     |     |     | 2    | 1     |      |       |    |     | 1     |       |
//! | defensive_tone                 | 1   | 2   |     |     |      | 2     |      |       |    |     |       |       |
//! | low_risk_drift                 |     |     | 3   |     | 1    |       |      |       |    | 1   |       |       |
//! | more_shadowing                 |     |     |     | 2   | 3    |       |      |       |    |     |       |       |
//! | less_ownership                 |     |     | 1   |     | 2    |       |      |       |    |     |       |       |
//! | leader_micromanaging           | 1   |     |     |     |      |       |      | 2     |    |     |       | 1     |
//! | repeated_rework                |     |     |     | 2   |      |       |      |       | 3  |     |       |       |
//!
//! ## Ranking
//!
//! A move's score is the sum over the rows that point to it:
//! - a driver or a pressure point recorded on the plan counts its weight ×
//!   3 (a recorded cause counts as much as a sign seen strongly);
//! - a sign counts its weight × its level at the latest check-in (0–3), so
//!   a sign not seen counts nothing.
//!
//! Then the rules below, in [`RULES`], which weigh what the table cannot:
//!
//! | rule                           | when                                 | then                           |
//! | ------------------------------ | ------------------------------------ | ------------------------------ |
//! | debrief first                  | no debrief note is written yet       | the calm debrief comes first   |
//! | debrief held                   | the debrief note is written          | the calm debrief is left out   |
//! | recognition waits for recovery | the trend is not recovering          | public recognition is left out |
//! | not through distress           | the latest check-in records distress | public recognition is left out |
//! | not while judgement is feared  | the social driver is recorded        | public recognition is left out |
//! | not while more support is due  | the escalation criteria hold         | public recognition is left out |
//!
//! Every plan follows a visible failure, so until the debrief is written it
//! is the first step, whatever else scores. After a public mistake or a
//! reprimand in front of colleagues, protecting from public blame ranks
//! high through its rows (2 and 3, so 6 and 9 points). Public recognition
//! helps only once things are easing, and never while praise in front of
//! others would add to the pressure.
//!
//! Moves already adopted are not suggested again, nor is any move that
//! scores 0 and no rule puts first. Higher scores come first; ties keep the
//! order of [`Move::ALL`]. Each suggestion carries the reasons of its rows,
//! the strongest first, after the reason of a rule that put it first.
//!
//! What the report reads is ranked only from what the report may see: the
//! distress flag and the escalation are the manager's alone, so they never
//! change the report's list (`RecoveryPlan::suggestions_for`).

mod catalogue;
mod rules;
mod table;
mod table_signs;

pub use catalogue::CHECK_INS_TO_TRACK;
pub use rules::{DEBRIEF_FIRST, Input, RULES, Rule, Then, When, rank};
pub use table::{Row, TABLE, Trigger, rows};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The twelve moves, in the order of domain.md §6. The serde names are
/// stored in plans' tasks: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Move {
    /// Calm, fact-focused debrief: what happened, what is known, one
    /// technical fix, one communication change.
    CalmDebrief,
    /// Separate the person from the event.
    SeparatePersonFromEvent,
    /// One small visible win within days.
    SmallVisibleWin,
    /// A short development plan with practice tasks and dates.
    DevelopmentPlan,
    /// Paired work or co-ownership of the next related task.
    PairedWork,
    /// Normalise learning: the manager shares their own small failures.
    ShareOwnFailures,
    /// Protect from public blame; correct in private.
    ProtectFromBlame,
    /// Temporarily recalibrated goals: smaller scope, incremental milestones.
    RecalibratedGoals,
    /// Specific, actionable feedback instead of vague reassurance.
    SpecificFeedback,
    /// Low-risk micro-experiments to re-engage.
    MicroExperiments,
    /// Recognising progress publicly, when appropriate.
    PublicRecognition,
    /// Tracking the recovery in regular one-on-ones, and adjusting.
    TrackInOneOnOnes,
}

/// How a task made from a move completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Completion {
    /// When the debrief note has all four parts.
    DebriefWritten,
    /// When the development plan has at least one dated practice task.
    DevelopmentPlanWritten,
    /// When [`CHECK_INS_TO_TRACK`] check-ins are recorded after adoption.
    CheckInsRecorded,
    /// When the manager marks it done.
    MarkedDone,
}

/// Who reads the words: the manager, or the person the plan supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Manager,
    Report,
}

/// One text in two voices: to the manager about the report, and to the
/// report about themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub manager: &'static str,
    pub report: &'static str,
}

impl Words {
    pub fn for_reader(self, reader: Reader) -> &'static str {
        match reader {
            Reader::Manager => self.manager,
            Reader::Report => self.report,
        }
    }
}

impl Move {
    pub const ALL: [Move; 12] = [
        Move::CalmDebrief,
        Move::SeparatePersonFromEvent,
        Move::SmallVisibleWin,
        Move::DevelopmentPlan,
        Move::PairedWork,
        Move::ShareOwnFailures,
        Move::ProtectFromBlame,
        Move::RecalibratedGoals,
        Move::SpecificFeedback,
        Move::MicroExperiments,
        Move::PublicRecognition,
        Move::TrackInOneOnOnes,
    ];

    /// The stable name used in the API, storage and forms.
    pub fn as_str(self) -> &'static str {
        self.card().key
    }

    /// The move in the manager's words.
    pub fn label(self) -> &'static str {
        self.card().label.manager
    }

    /// The task template in the manager's words: what doing it looks like.
    pub fn how(self) -> &'static str {
        self.card().how.manager
    }

    /// The move as `reader` reads it.
    pub fn label_for(self, reader: Reader) -> &'static str {
        self.card().label.for_reader(reader)
    }

    /// The task template as `reader` reads it.
    pub fn how_for(self, reader: Reader) -> &'static str {
        self.card().how.for_reader(reader)
    }

    pub fn completion(self) -> Completion {
        self.card().completion
    }

    /// Days from adoption to the default due date.
    pub fn default_due_days(self) -> i64 {
        self.card().due_days
    }
}

impl fmt::Display for Move {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Move {
    type Err = super::signs::UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().replace('-', "_");
        Move::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| super::signs::UnknownName {
                what: "move",
                input: s.trim().to_string(),
                choices: Move::ALL.map(Move::as_str).join(", "),
            })
    }
}

/// A suggested move, its score, and why (in the words of whoever reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    #[serde(rename = "move")]
    pub to: Move,
    pub score: u32,
    /// Strongest first.
    pub reasons: Vec<&'static str>,
}

#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod tests;
