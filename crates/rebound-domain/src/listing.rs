//! Which mistakes a list shows, and in what order: the most urgent first
//! (an update overdue, the longest overdue first; then a clock still
//! running, the least time left first; then the rest, newest first).
//! Pure: the caller has already read only what the person may see.

use crate::clocks::TargetStatus;
use crate::id::UserId;
use crate::mistake::Mistake;
use crate::severity::Severity;
use crate::state::State;
use jiff::Timestamp;

/// Whose mistakes a list keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Me,
    Others,
    Someone(UserId),
}

/// What to keep; empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub states: Vec<State>,
    pub severities: Vec<Severity>,
    pub owner: Option<Owner>,
    /// Only those with an update or a clock past due.
    pub overdue: bool,
    pub limit: Option<usize>,
}

/// How urgent one mistake is now: smaller sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Urgency {
    /// An update overdue by this many seconds (more overdue first).
    UpdateOverdue(std::cmp::Reverse<u64>),
    /// The timeline or the note past its target.
    ClockOverdue(std::cmp::Reverse<u64>),
    /// A clock running with this many seconds left.
    Running(u64),
    /// Nothing due: newest first.
    Calm(std::cmp::Reverse<Timestamp>),
}

fn urgency(m: &Mistake, now: Timestamp) -> Urgency {
    let c = m.clocks(now);
    if let Some(u) = c.next_update.filter(|u| u.overdue) {
        return Urgency::UpdateOverdue(std::cmp::Reverse(u.secs));
    }
    let clocks = [c.timeline.status, c.note.status];
    let late = clocks.iter().filter_map(|s| match s {
        TargetStatus::Overdue { late_by_secs } => Some(*late_by_secs),
        _ => None,
    });
    if let Some(late) = late.max() {
        return Urgency::ClockOverdue(std::cmp::Reverse(late));
    }
    let left = clocks.iter().filter_map(|s| match s {
        TargetStatus::Running { left_secs } => Some(*left_secs),
        _ => None,
    });
    match left.min() {
        Some(left) => Urgency::Running(left),
        None => Urgency::Calm(std::cmp::Reverse(m.detected_at)),
    }
}

/// Whether `m` has an update or a clock past due now.
pub fn is_overdue(m: &Mistake, now: Timestamp) -> bool {
    matches!(
        urgency(m, now),
        Urgency::UpdateOverdue(_) | Urgency::ClockOverdue(_)
    )
}

/// Whether `m` is `me`'s (on a personal database every mistake is).
pub fn is_mine(m: &Mistake, me: Option<&UserId>) -> bool {
    match (&m.owner, me) {
        (Some(owner), Some(me)) => owner == me,
        _ => true,
    }
}

/// The mistakes `q` keeps, most urgent first, at most `q.limit`.
pub fn select<'a>(
    ms: &'a [Mistake],
    q: &ListQuery,
    me: Option<&UserId>,
    now: Timestamp,
) -> Vec<&'a Mistake> {
    let mut kept: Vec<(Urgency, &Mistake)> = ms
        .iter()
        .filter(|m| q.states.is_empty() || q.states.contains(&m.state))
        .filter(|m| q.severities.is_empty() || q.severities.contains(&m.severity))
        .filter(|m| match &q.owner {
            None => true,
            Some(Owner::Me) => is_mine(m, me),
            Some(Owner::Others) => !is_mine(m, me),
            Some(Owner::Someone(id)) => m.owner.as_ref() == Some(id),
        })
        .map(|m| (urgency(m, now), m))
        .filter(|(u, _)| {
            !q.overdue || matches!(u, Urgency::UpdateOverdue(_) | Urgency::ClockOverdue(_))
        })
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    kept.into_iter()
        .map(|(_, m)| m)
        .take(q.limit.unwrap_or(usize::MAX))
        .collect()
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
