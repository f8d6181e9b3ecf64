//! What a digest may hold: small plain records a caller fills from stored
//! mistakes, acknowledgements and recovery plans (or with the helpers here).

use crate::id::{MistakeId, RecoveryPlanId};
use crate::mistake::Mistake;
use crate::recovery::moves::Move;
use crate::recovery::plan::RecoveryPlan;
use crate::state::{Checkbox, State};
use jiff::{SignedDuration, Timestamp, Zoned};

/// Everything one person's digest could say. A prompt alone is not news:
/// see [`DigestItems::is_empty`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestItems {
    /// Their own mistakes still open.
    pub open_follow_ups: Vec<FollowUp>,
    /// Their own mistakes whose next update is late.
    pub overdue_updates: Vec<OverdueUpdate>,
    /// Notes shared with them that they have not acknowledged.
    pub missing_acks: Vec<AwaitingAck>,
    /// Managers: check-ins with their reports in the coming week.
    pub check_ins_this_week: Vec<CheckInDue>,
    /// Managers: each recovery plan's next open task.
    pub next_steps: Vec<NextStep>,
    /// Their lessons and principles that are back (a month and a year
    /// after they wrote them), oldest first: each named by the mistake it
    /// came from, never by its words.
    pub lessons_back: Vec<LessonBack>,
    /// That Monday's prompt ([`crate::prompt`]): a question of ours, never
    /// their text.
    pub prompt: Option<crate::prompt::Prompt>,
}

impl DigestItems {
    /// Nothing to do this week: no digest is sent, whatever the prompt.
    pub fn is_empty(&self) -> bool {
        self.open_follow_ups.is_empty()
            && self.overdue_updates.is_empty()
            && self.missing_acks.is_empty()
            && self.check_ins_this_week.is_empty()
            && self.next_steps.is_empty()
            && self.lessons_back.is_empty()
    }
}

/// A lesson or principle of theirs that is back: only where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonBack {
    /// The mistake of theirs it came from and its title, while it exists;
    /// `None` for an older memory (whose title is their words, not ours
    /// to mail) or a mistake since deleted: "a lesson you wrote a while ago".
    pub mistake: Option<(MistakeId, String)>,
}

/// An open mistake of theirs, and what closing it still needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub mistake: MistakeId,
    pub title: String,
    pub state: State,
    /// The boxes not yet ticked, impact first.
    pub unticked: Vec<Checkbox>,
}

impl FollowUp {
    /// `m` as a follow-up, while it is open.
    pub fn of(m: &Mistake) -> Option<FollowUp> {
        if !m.state.is_open() {
            return None;
        }
        let unticked = [
            (Checkbox::Impact, m.impact_checked_at),
            (Checkbox::Prevention, m.prevention_checked_at),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_none())
        .map(|(c, _)| c)
        .collect();
        Some(FollowUp {
            mistake: m.id.clone(),
            title: m.title.clone(),
            state: m.state,
            unticked,
        })
    }
}

/// A mistake of theirs whose next progress update is late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueUpdate {
    pub mistake: MistakeId,
    pub title: String,
    /// When the update was due.
    pub due: Timestamp,
}

impl OverdueUpdate {
    /// `m`'s update, when one is expected and already late at `now`.
    pub fn of(m: &Mistake, now: Timestamp) -> Option<OverdueUpdate> {
        let due = m.next_update_due().filter(|due| *due < now)?;
        Some(OverdueUpdate {
            mistake: m.id.clone(),
            title: m.title.clone(),
            due,
        })
    }
}

/// A note someone shared with them (as a named stakeholder) that they have
/// not acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingAck {
    pub mistake: MistakeId,
    pub title: String,
    /// The owner's display name.
    pub owner_name: String,
    /// When they were named a stakeholder.
    pub shared_at: Timestamp,
}

/// A check-in with a report in the coming week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInDue {
    pub plan: RecoveryPlanId,
    pub report_name: String,
    pub at: Timestamp,
}

impl CheckInDue {
    /// `plan`'s next check-in, when it falls in the seven days from `now`
    /// (an ended plan has none).
    pub fn of(plan: &RecoveryPlan, report_name: &str, now: &Zoned) -> Option<CheckInDue> {
        let week_end = now.timestamp() + SignedDuration::from_hours(24 * 7);
        let at = plan
            .next_check_in(now.timestamp())
            .filter(|at| *at < week_end)?;
        Some(CheckInDue {
            plan: plan.id.clone(),
            report_name: report_name.to_string(),
            at,
        })
    }
}

/// A recovery plan's next open task: the adopted move due soonest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub plan: RecoveryPlanId,
    pub report_name: String,
    pub step: Move,
    pub due: Timestamp,
}

impl NextStep {
    /// Nothing once the plan has ended: its open tasks are moot.
    pub fn of(plan: &RecoveryPlan, report_name: &str) -> Option<NextStep> {
        if plan.is_ended() {
            return None;
        }
        let task = plan
            .tasks
            .iter()
            .filter(|t| !t.is_done())
            .min_by_key(|t| t.due)?;
        Some(NextStep {
            plan: plan.id.clone(),
            report_name: report_name.to_string(),
            step: task.to,
            due: task.due,
        })
    }
}
