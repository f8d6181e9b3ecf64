//! The figures of a group big enough to show: the same medians as a
//! person's patterns (`patterns::durations`), totals only.

use crate::mistake::Mistake;
use crate::patterns::stats::median;
use crate::patterns::{LabelCount, failure_types, time_to_note, time_to_own};
use crate::recovery::RecoveryPlan;
use crate::recovery::plan::EndReason;
use crate::reflection::FailureType;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recoveries {
    pub started: u32,
    /// Ended, for any reason.
    pub ended: u32,
    /// Ended because the person was back to their usual confidence.
    pub recovered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupFigures {
    pub mistakes: u32,
    /// How many mistakes have a heads-up sent, and the median time to it.
    pub owned: u32,
    pub time_to_own_median_secs: Option<u64>,
    pub noted: u32,
    pub time_to_note_median_secs: Option<u64>,
    /// The failure types the group's reflections name, group totals.
    pub failure_types: Vec<LabelCount>,
    pub recoveries: Recoveries,
}

fn n(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// A group's figures from its members' mistakes, the failure types their
/// reflections name (no more of a reflection than that), and the plans
/// about them.
pub fn figures(
    mistakes: &[Mistake],
    failures: impl Iterator<Item = FailureType>,
    plans: &[RecoveryPlan],
) -> GroupFigures {
    let own: Vec<u64> = mistakes.iter().filter_map(time_to_own).collect();
    let note: Vec<u64> = mistakes.iter().filter_map(time_to_note).collect();
    let ended: Vec<_> = plans.iter().filter_map(|p| p.ended.as_ref()).collect();
    GroupFigures {
        mistakes: n(mistakes.len()),
        owned: n(own.len()),
        time_to_own_median_secs: median(&own),
        noted: n(note.len()),
        time_to_note_median_secs: median(&note),
        failure_types: failure_types(failures),
        recoveries: Recoveries {
            started: n(plans.len()),
            ended: n(ended.len()),
            recovered: n(ended
                .iter()
                .filter(|e| e.reason == Some(EndReason::Recovered))
                .count()),
        },
    }
}
