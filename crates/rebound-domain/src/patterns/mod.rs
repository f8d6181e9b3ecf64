//! A person's own patterns over their records, private to them: how long
//! they took to own a mistake (detected → heads-up sent) and to write the
//! note, how often the first-thirty-minutes clocks were met and updates
//! kept to the cadence, the traps and failure types their reflections
//! name, their principles added, revised and retired, and their wins.
//!
//! Rules, each a pure function over the records (callers pass `now`):
//! - Times are **medians** ([`stats::median`]), overall and by the month
//!   the mistake was detected, over the last [`stats::MONTHS`] calendar
//!   months on the person's clock.
//! - A clock is **met** exactly when the mistake's own clock says so
//!   (`clocks.rs`: `Met`); `Missed` and `Overdue` are missed (a miss stays a
//!   miss); one still running counts as neither yet.
//! - An update is **on cadence** when it came no later than one cadence
//!   interval (`severity.rs`: the mistake's cadence for its severity) after
//!   the news before it — the heads-up sent, else detection, or the update
//!   before. Mistakes with no cadence have none to keep. Only the latest
//!   promised time is stored, so past promises cannot be judged and the
//!   cadence is the measure. A mistake whose next update is overdue now
//!   (`Mistake::clocks`) counts as one overdue.
//! - A trap or failure type is **recurring** when two or more reflections
//!   name it.
//! - A principle is added when created, revised at each later wording, and
//!   retired when retired.

pub mod stats;
#[cfg(test)]
mod tests;

use crate::clocks::TargetStatus;
use crate::mistake::Mistake;
use crate::reflection::{FailureType, Principle, Reflection, Trap, Win};
use crate::when::between;
use jiff::{Timestamp, Zoned};
use serde::Serialize;
use stats::{last_months, median, month_of};

/// A count under a label (a trap, a failure type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelCount {
    pub label: String,
    pub count: u32,
}

/// A duration's median, overall and by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Durations {
    /// How many mistakes have this time at all.
    pub count: u32,
    pub median_secs: Option<u64>,
    /// The last twelve months, oldest first, by when each was detected.
    pub by_month: Vec<MonthMedian>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthMedian {
    /// `YYYY-MM`.
    pub month: String,
    pub count: u32,
    pub median_secs: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockTally {
    pub met: u32,
    pub missed: u32,
    /// Not done yet, still within the target.
    pub running: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateTally {
    pub on_cadence: u32,
    pub late: u32,
    /// Mistakes whose next update is overdue right now.
    pub overdue_now: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrincipleMonth {
    pub month: String,
    pub added: u32,
    pub revised: u32,
    pub retired: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrincipleTally {
    pub added: u32,
    pub revised: u32,
    pub retired: u32,
    /// Those the person still lives by.
    pub active: u32,
    pub by_month: Vec<PrincipleMonth>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthCount {
    pub month: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WinTally {
    pub total: u32,
    pub by_month: Vec<MonthCount>,
}

/// Everything the patterns page shows, from one person's own records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Patterns {
    pub mistakes: u32,
    /// Detected → heads-up sent.
    pub time_to_own: Durations,
    /// Detected → the follow-up note written.
    pub time_to_note: Durations,
    /// The 15-minute timeline clock.
    pub timeline_clock: ClockTally,
    /// The 30-minute note clock.
    pub note_clock: ClockTally,
    pub updates: UpdateTally,
    pub reflections: u32,
    /// Every trap, in the guide's order, with how many reflections name it.
    pub traps: Vec<LabelCount>,
    pub failure_types: Vec<LabelCount>,
    pub principles: PrincipleTally,
    pub wins: WinTally,
}

fn n(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// A duration per mistake (`of` says which, if it has one), summarised.
pub fn durations(
    mistakes: &[Mistake],
    now: &Zoned,
    of: impl Fn(&Mistake) -> Option<u64>,
) -> Durations {
    let all: Vec<(String, u64)> = mistakes
        .iter()
        .filter_map(|m| of(m).map(|secs| (month_of(m.detected_at, now), secs)))
        .collect();
    let secs: Vec<u64> = all.iter().map(|(_, s)| *s).collect();
    let by_month = last_months(now)
        .into_iter()
        .map(|month| {
            let these: Vec<u64> = (all.iter())
                .filter(|(m, _)| *m == month)
                .map(|(_, s)| *s)
                .collect();
            MonthMedian {
                month,
                count: n(these.len()),
                median_secs: median(&these),
            }
        })
        .collect();
    Durations {
        count: n(secs.len()),
        median_secs: median(&secs),
        by_month,
    }
}

/// Heads-up sent − detected.
pub fn time_to_own(m: &Mistake) -> Option<u64> {
    m.heads_up
        .sent_at
        .map(|s| between(m.detected_at, s).as_secs())
}

/// Note written − detected.
pub fn time_to_note(m: &Mistake) -> Option<u64> {
    m.note_written_at
        .map(|s| between(m.detected_at, s).as_secs())
}

fn tally(statuses: impl Iterator<Item = TargetStatus>) -> ClockTally {
    let mut t = ClockTally::default();
    for s in statuses {
        match s {
            TargetStatus::Met { .. } => t.met += 1,
            TargetStatus::Missed { .. } | TargetStatus::Overdue { .. } => t.missed += 1,
            TargetStatus::Running { .. } => t.running += 1,
        }
    }
    t
}

/// Each update judged against the cadence (module doc), and the overdue now.
pub fn updates(mistakes: &[Mistake], now: Timestamp) -> UpdateTally {
    let mut t = UpdateTally::default();
    for m in mistakes {
        if m.clocks(now).next_update.is_some_and(|u| u.overdue) {
            t.overdue_now += 1;
        }
        let Some(every) = m.cadence.interval(m.severity) else {
            continue;
        };
        let mut at: Vec<Timestamp> = m.updates.iter().map(|u| u.at).collect();
        at.sort_unstable();
        let mut before = m.heads_up.sent_at.unwrap_or(m.detected_at);
        for u in at {
            if u <= before || between(before, u) <= every {
                t.on_cadence += 1;
            } else {
                t.late += 1;
            }
            before = before.max(u);
        }
    }
    t
}

fn label_counts<L: Copy + PartialEq>(
    all: &[L],
    found: impl Iterator<Item = L>,
    name: fn(L) -> &'static str,
) -> Vec<LabelCount> {
    let found: Vec<L> = found.collect();
    all.iter()
        .map(|l| LabelCount {
            label: name(*l).to_string(),
            count: n(found.iter().filter(|f| *f == l).count()),
        })
        .collect()
}

/// How many reflections name each trap, every trap listed.
pub fn traps(reflections: &[Reflection]) -> Vec<LabelCount> {
    label_counts(
        Trap::ALL,
        reflections.iter().filter_map(|r| r.trap),
        Trap::as_str,
    )
}

/// How many name each failure type, every type listed.
pub fn failure_types(found: impl Iterator<Item = FailureType>) -> Vec<LabelCount> {
    label_counts(FailureType::ALL, found, FailureType::as_str)
}

/// Recurring: named by two reflections or more.
pub fn recurring(counts: &[LabelCount]) -> Vec<&LabelCount> {
    counts.iter().filter(|c| c.count >= 2).collect()
}

pub fn principles(all: &[Principle], now: &Zoned) -> PrincipleTally {
    let added: Vec<Timestamp> = all.iter().map(|p| p.created_at).collect();
    let revised: Vec<Timestamp> = all
        .iter()
        .flat_map(|p| p.history.iter().skip(1).map(|r| r.at))
        .collect();
    let retired: Vec<Timestamp> = all.iter().filter_map(|p| p.retired_at).collect();
    let in_month = |at: &[Timestamp], month: &str| {
        n(at.iter().filter(|t| month_of(**t, now) == month).count())
    };
    PrincipleTally {
        added: n(added.len()),
        revised: n(revised.len()),
        retired: n(retired.len()),
        active: n(all.iter().filter(|p| p.retired_at.is_none()).count()),
        by_month: last_months(now)
            .into_iter()
            .map(|month| PrincipleMonth {
                added: in_month(&added, &month),
                revised: in_month(&revised, &month),
                retired: in_month(&retired, &month),
                month,
            })
            .collect(),
    }
}

pub fn wins(all: &[Win], now: &Zoned) -> WinTally {
    WinTally {
        total: n(all.len()),
        by_month: last_months(now)
            .into_iter()
            .map(|month| MonthCount {
                count: n(all.iter().filter(|w| month_of(w.at, now) == month).count()),
                month,
            })
            .collect(),
    }
}

/// The whole of one person's patterns. The caller passes only that
/// person's own records (the server's personal door gathers them).
pub fn for_person(
    mistakes: &[Mistake],
    reflections: &[Reflection],
    all_principles: &[Principle],
    all_wins: &[Win],
    now: &Zoned,
) -> Patterns {
    let at = now.timestamp();
    Patterns {
        mistakes: n(mistakes.len()),
        time_to_own: durations(mistakes, now, time_to_own),
        time_to_note: durations(mistakes, now, time_to_note),
        timeline_clock: tally(mistakes.iter().map(|m| m.clocks(at).timeline.status)),
        note_clock: tally(mistakes.iter().map(|m| m.clocks(at).note.status)),
        updates: updates(mistakes, at),
        reflections: n(reflections.len()),
        traps: traps(reflections),
        failure_types: failure_types(reflections.iter().filter_map(|r| r.failure_type)),
        principles: principles(all_principles, now),
        wins: wins(all_wins, now),
    }
}
