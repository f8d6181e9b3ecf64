//! Whether a plan's check-in is due: what a manager's home page asks of
//! them. A slot in the schedule counts as done by a check-in recorded up to
//! half a period before it, so a check-in held a little early is not
//! reported as missed.

use super::RecoveryPlan;
use jiff::{SignedDuration, Timestamp};

/// How far ahead a coming check-in is worth mentioning.
pub const DUE_SOON: SignedDuration = SignedDuration::from_hours(48);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInDue {
    /// A scheduled check-in passed with none recorded for it.
    Overdue { since: Timestamp },
    /// The next one falls within `DUE_SOON`.
    Soon { at: Timestamp },
}

impl CheckInDue {
    pub fn at(&self) -> Timestamp {
        match self {
            CheckInDue::Overdue { since } => *since,
            CheckInDue::Soon { at } => *at,
        }
    }
}

impl RecoveryPlan {
    /// The check-in that needs the manager at `now`, if any (none once the
    /// plan has ended).
    pub fn check_in_due(&self, now: Timestamp) -> Option<CheckInDue> {
        if self.is_ended() {
            return None;
        }
        let step = SignedDuration::from_hours(24 * 7 * i64::from(self.schedule.every_weeks));
        let covered = |slot: Timestamp| {
            let from = slot - step / 2;
            self.check_ins.iter().any(|c| c.at >= from)
        };
        let mut passed = None;
        let mut coming = None;
        let mut at = self.schedule.first_at;
        for _ in 0..self.schedule.count {
            if at <= now {
                passed = Some(at);
            } else {
                coming = Some(at);
                break;
            }
            at += step;
        }
        if let Some(slot) = passed.filter(|s| !covered(*s)) {
            return Some(CheckInDue::Overdue { since: slot });
        }
        coming
            .filter(|s| s.duration_since(now) <= DUE_SOON && !covered(*s))
            .map(|at| CheckInDue::Soon { at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recovery::NewCheckIn;
    use crate::recovery::plan_tests::{at, check_in, plan, signs};

    #[test]
    fn a_check_in_is_soon_then_overdue_until_one_is_recorded() {
        // Opened on day 0: weekly from day 7.
        let mut p = plan();
        assert_eq!(p.check_in_due(at(4)), None, "three days ahead is not yet");
        assert_eq!(p.check_in_due(at(6)), Some(CheckInDue::Soon { at: at(7) }));
        assert_eq!(
            p.check_in_due(at(9)),
            Some(CheckInDue::Overdue { since: at(7) })
        );
        // Held a day early: the slot counts as done.
        check_in(
            &mut p,
            6,
            NewCheckIn {
                signs: signs(1),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.check_in_due(at(9)), None);
        assert_eq!(
            p.check_in_due(at(15)),
            Some(CheckInDue::Overdue { since: at(14) })
        );
    }
}
