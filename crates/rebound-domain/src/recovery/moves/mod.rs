//! Moves that help (domain.md §6), which ones to suggest, and why.
//!
//! Six moves can be adopted as tasks with a due date. Two complete by
//! themselves when what they ask for is written in the plan; the rest are
//! marked done by the manager, because only they can know:
//!
//! | move                 | done when                                   | due by default |
//! | -------------------- | ------------------------------------------- | -------------- |
//! | calm debrief         | the debrief note has all four parts         | 2 days         |
//! | small visible win    | the manager marks it done                   | 5 days         |
//! | development plan     | the plan has at least one dated practice task | 7 days       |
//! | paired work          | the manager marks it done                   | 14 days        |
//! | recalibrated goals   | the manager marks it done                   | 7 days         |
//! | public recognition   | the manager marks it done                   | 21 days        |
//!
//! ## The table: what points to which move
//!
//! Each row links a driver or a sign to a move with a weight (1–3) and the
//! reason shown beside the suggestion. [`TABLE`] is the table; this is the
//! same content in short:
//!
//! | driver or sign       | debrief | win | dev plan | paired | goals | recognition |
//! | -------------------- | :-----: | :-: | :------: | :----: | :---: | :---------: |
//! | cognitive            | 3       | 2   |          |        |       | 1           |
//! | social               |         | 3   |          | 1      |       | 2           |
//! | environmental        | 3       |     |          |        | 1     |             |
//! | process              | 3       |     | 1        |        |       |             |
//! | workload             |         |     |          | 1      | 3     |             |
//! | cultural             |         | 1   |          |        |       | 3           |
//! | skill gap            |         |     | 3        | 2      |       |             |
//! | fewer volunteers     |         | 2   |          |        |       | 1           |
//! | excessive sign-off   |         |     | 1        |        | 2     |             |
//! | over-caution         |         | 2   |          |        | 1     |             |
//! | speaking less        |         |     |          | 1      |       | 1           |
//! | defensive tone       | 2       |     |          |        |       |             |
//! | low-risk drift       |         | 2   |          | 1      |       |             |
//! | more shadowing       |         |     | 2        | 3      |       |             |
//! | less ownership       |         | 1   |          | 2      |       |             |
//! | leader micromanaging | 1       |     |          |        | 2     |             |
//! | repeated rework      | 1       |     | 3        |        |       |             |
//!
//! ## Ranking
//!
//! A move's score is the sum over the rows that point to it:
//! - a driver recorded on the plan counts its weight × 3 (a driver is a
//!   cause, so it counts as much as a sign seen strongly);
//! - a sign counts its weight × its level at the latest check-in (0–3), so
//!   a sign not seen counts nothing.
//!
//! The calm debrief always scores at least 1: it is the usual first step.
//! Moves already adopted are not suggested again, nor is any move that
//! scores 0. Higher scores come first; ties keep the order of [`Move::ALL`].
//! Each suggestion carries the reasons of its rows, the strongest first.

mod table;

pub use table::{Row, TABLE, Trigger};

use super::signs::{Driver, Sign};
use Move::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Move {
    /// Calm, fact-focused debrief: what happened, what is known, one
    /// technical fix, one communication change.
    CalmDebrief,
    /// One small visible win within days.
    SmallVisibleWin,
    /// A short development plan with practice tasks and dates.
    DevelopmentPlan,
    /// Paired work or co-ownership of the next related task.
    PairedWork,
    /// Temporarily recalibrated goals: smaller scope, incremental milestones.
    RecalibratedGoals,
    /// Recognising progress publicly, when appropriate.
    PublicRecognition,
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
    /// When the manager marks it done.
    MarkedDone,
}

impl Move {
    pub const ALL: [Move; 6] = [
        Move::CalmDebrief,
        Move::SmallVisibleWin,
        Move::DevelopmentPlan,
        Move::PairedWork,
        Move::RecalibratedGoals,
        Move::PublicRecognition,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Move::CalmDebrief => "calm_debrief",
            Move::SmallVisibleWin => "small_visible_win",
            Move::DevelopmentPlan => "development_plan",
            Move::PairedWork => "paired_work",
            Move::RecalibratedGoals => "recalibrated_goals",
            Move::PublicRecognition => "public_recognition",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Move::CalmDebrief => "Hold a calm, fact-focused debrief",
            Move::SmallVisibleWin => "Set up one small visible win within days",
            Move::DevelopmentPlan => "Agree a short development plan with practice tasks",
            Move::PairedWork => "Pair them on the next related task",
            Move::RecalibratedGoals => "Recalibrate goals for a while",
            Move::PublicRecognition => "Recognise progress publicly",
        }
    }

    /// What doing it looks like, in a sentence or two.
    pub fn how(self) -> &'static str {
        match self {
            Move::CalmDebrief => {
                "Keep it short and private. Cover what happened, what is known, one technical fix and one communication change. Talk about the event, not the person."
            }
            Move::SmallVisibleWin => {
                "Give them a low-risk task they can own and finish within days, where the result is seen by others."
            }
            Move::DevelopmentPlan => {
                "A few practice tasks with dates that close the gap the failure showed, reviewed at check-ins."
            }
            Move::PairedWork => {
                "Co-own the next related task with a peer, for example co-presenting the next demo."
            }
            Move::RecalibratedGoals => {
                "Smaller scope and incremental milestones for a while, agreed together and written down."
            }
            Move::PublicRecognition => {
                "When it is genuine and they are comfortable with it, name their progress where the team hears it."
            }
        }
    }

    pub fn completion(self) -> Completion {
        match self {
            Move::CalmDebrief => Completion::DebriefWritten,
            Move::DevelopmentPlan => Completion::DevelopmentPlanWritten,
            _ => Completion::MarkedDone,
        }
    }

    /// Days from adoption to the default due date.
    pub fn default_due_days(self) -> i64 {
        match self {
            Move::CalmDebrief => 2,
            Move::SmallVisibleWin => 5,
            Move::DevelopmentPlan => 7,
            Move::PairedWork => 14,
            Move::RecalibratedGoals => 7,
            Move::PublicRecognition => 21,
        }
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

/// The reason the debrief is always among the suggestions.
pub const DEBRIEF_BASE_REASON: &str =
    "A calm, fact-focused debrief is the usual first step after a visible failure.";

/// A suggested move, its score, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    #[serde(rename = "move")]
    pub to: Move,
    pub score: u32,
    /// Strongest first.
    pub reasons: Vec<&'static str>,
}

/// Ranks the moves for `drivers` and the latest `signs` (each with its
/// level 0–3), leaving out `adopted` ones (see the module docs).
pub fn rank(drivers: &[Driver], signs: &[(Sign, u8)], adopted: &[Move]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for to in Move::ALL {
        if adopted.contains(&to) {
            continue;
        }
        let mut contributions: Vec<(u32, &'static str)> = TABLE
            .iter()
            .filter(|row| row.to == to)
            .filter_map(|row| {
                let points = match row.trigger {
                    Trigger::Driver(dr) => {
                        if drivers.contains(&dr) {
                            row.weight * 3
                        } else {
                            0
                        }
                    }
                    Trigger::Sign(sg) => signs
                        .iter()
                        .find(|(s, _)| *s == sg)
                        .map_or(0, |(_, level)| row.weight * u32::from(*level)),
                };
                (points > 0).then_some((points, row.reason))
            })
            .collect();
        if to == CalmDebrief && contributions.is_empty() {
            contributions.push((1, DEBRIEF_BASE_REASON));
        }
        // Stable: equal contributions keep the table's order.
        contributions.sort_by_key(|c| std::cmp::Reverse(c.0));
        let score: u32 = contributions.iter().map(|c| c.0).sum();
        if score > 0 {
            out.push(Suggestion {
                to,
                score,
                reasons: contributions.into_iter().map(|c| c.1).collect(),
            });
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.score));
    out
}

#[cfg(test)]
mod tests;
