//! When a recovery plan is not enough (domain.md §6, "Beyond a quick
//! fix"): the plan then suggests, kindly, involving occupational health,
//! the employee assistance programme or a qualified professional. It never
//! diagnoses: the criteria are things a manager saw or recorded, and the
//! wording offers help rather than naming a condition.
//!
//! Each criterion is its own function, and any one is enough:
//!
//! | criterion        | holds when                                                          |
//! | ---------------- | ------------------------------------------------------------------- |
//! | withdrawal       | each of the last [`PERSISTING`] check-ins shows withdrawal (two or more of the four withdrawal signs — fewer volunteers, speaking less, low-risk drift, less ownership — at 2 or above), and a move was adopted before the first of them |
//! | safety-sensitive | the latest check-in records an effect on safety-sensitive work or on the team's outcomes |
//! | distress         | the latest check-in records severe distress, hopelessness, persistent anxiety or being overwhelmed |

use super::plan::{CheckIn, RecoveryPlan, Task};
use super::signs::WITHDRAWAL;
use serde::Serialize;

/// Check-ins in a row that make withdrawal persistent.
pub const PERSISTING: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Criterion {
    WithdrawalPersists,
    SafetySensitive,
    DistressRecorded,
}

impl Criterion {
    /// Why the suggestion shows, in the manager's terms.
    pub fn explain(self) -> &'static str {
        match self {
            Criterion::WithdrawalPersists => {
                "Pulling back from work (volunteering less, speaking less, drifting to low-risk tasks, owning less) has continued across the last three check-ins, despite the moves you adopted."
            }
            Criterion::SafetySensitive => {
                "At the latest check-in you recorded that this is affecting safety-sensitive work or the team's outcomes."
            }
            Criterion::DistressRecorded => {
                "At the latest check-in you recorded severe distress, hopelessness, persistent anxiety or being overwhelmed."
            }
        }
    }
}

/// The suggestion, shown when at least one criterion holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Escalation {
    pub criteria: Vec<Criterion>,
    /// Why, one sentence per criterion, in the same order.
    pub explained: Vec<&'static str>,
    pub suggestion: &'static str,
    /// Words the manager can use.
    pub words: Vec<&'static str>,
}

pub const SUGGESTION: &str = "This may need more support than a plan between the two of you can give, and that is nothing to be alarmed about. Consider offering occupational health, the employee assistance programme or a qualified professional: in private, as an offer, with no pressure and no need for reasons. You do not need to work out what is going on; only make sure they know help is there and how to reach it.";

pub const WORDS: [&str; 4] = [
    "I've noticed things seem heavy for you lately, and I want to make sure you have good support, not only from me.",
    "Our employee assistance programme is confidential and free to use. Would it help if I sent you how to reach them?",
    "Occupational health can look at how work is set up for you, so it works better for you. Would you be open to that?",
    "There's no rush and nothing to decide today. Whatever you choose, my door stays open.",
];

fn shows_withdrawal(c: &CheckIn) -> bool {
    WITHDRAWAL.iter().filter(|s| c.level(**s) >= 2).count() >= 2
}

/// Withdrawal persisting across several check-ins despite adopted moves.
pub fn withdrawal_persists(check_ins: &[CheckIn], tasks: &[Task]) -> bool {
    if check_ins.len() < PERSISTING {
        return false;
    }
    let recent = &check_ins[check_ins.len() - PERSISTING..];
    let since = recent[0].at;
    recent.iter().all(shows_withdrawal) && tasks.iter().any(|t| t.adopted_at <= since)
}

/// An effect on safety-sensitive work or team outcomes, as last recorded.
pub fn safety_sensitive(check_ins: &[CheckIn]) -> bool {
    check_ins.last().is_some_and(|c| c.safety_impact)
}

/// Severe distress, hopelessness or persistent anxiety, as last recorded.
pub fn distress_recorded(check_ins: &[CheckIn]) -> bool {
    check_ins.last().is_some_and(|c| c.distress)
}

/// Every criterion that holds, with the suggestion; `None` when none does.
pub fn assess(plan: &RecoveryPlan) -> Option<Escalation> {
    let mut criteria = Vec::new();
    if withdrawal_persists(&plan.check_ins, &plan.tasks) {
        criteria.push(Criterion::WithdrawalPersists);
    }
    if safety_sensitive(&plan.check_ins) {
        criteria.push(Criterion::SafetySensitive);
    }
    if distress_recorded(&plan.check_ins) {
        criteria.push(Criterion::DistressRecorded);
    }
    (!criteria.is_empty()).then(|| Escalation {
        explained: criteria.iter().map(|c| c.explain()).collect(),
        criteria,
        suggestion: SUGGESTION,
        words: WORDS.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::moves::Move;
    use super::super::plan::{SignScore, Task};
    use super::super::signs::Sign;
    use super::*;
    use crate::id::{CheckInId, RecoveryTaskId, UserId};
    use jiff::Timestamp;

    fn at(day: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + day * 86_400).unwrap()
    }

    fn check_in(day: i64, raised: &[(Sign, u8)]) -> CheckIn {
        CheckIn {
            id: CheckInId::from_random([day as u8; 5]),
            at: at(day),
            by: UserId::from_random([9; 5]),
            signs: Sign::ALL
                .iter()
                .map(|s| SignScore {
                    sign: *s,
                    level: raised.iter().find(|(r, _)| r == s).map_or(0, |r| r.1),
                    note: None,
                })
                .collect(),
            covered: vec![],
            carried_over: vec![],
            distress: false,
            safety_impact: false,
        }
    }

    fn task(day: i64) -> Task {
        Task {
            id: RecoveryTaskId::from_random([1; 5]),
            to: Move::SmallVisibleWin,
            adopted_at: at(day),
            due: at(day + 5),
            completed_at: None,
        }
    }

    const PULLING_BACK: [(Sign, u8); 2] = [(Sign::FewerVolunteers, 2), (Sign::SpeakingLess, 3)];

    #[test]
    fn withdrawal_across_three_check_ins_after_a_move_holds() {
        let cs = [
            check_in(7, &PULLING_BACK),
            check_in(14, &PULLING_BACK),
            check_in(21, &PULLING_BACK),
        ];
        assert!(withdrawal_persists(&cs, &[task(1)]));
        assert!(withdrawal_persists(&cs, &[task(7)]), "adopted that day");
    }

    #[test]
    fn withdrawal_needs_three_check_ins_in_a_row() {
        let two = [check_in(7, &PULLING_BACK), check_in(14, &PULLING_BACK)];
        assert!(!withdrawal_persists(&two, &[task(1)]));
        let broken = [
            check_in(7, &PULLING_BACK),
            check_in(14, &[(Sign::FewerVolunteers, 2)]),
            check_in(21, &PULLING_BACK),
        ];
        assert!(!withdrawal_persists(&broken, &[task(1)]));
    }

    #[test]
    fn withdrawal_needs_two_withdrawal_signs_at_two_or_more() {
        let mild = [
            (Sign::FewerVolunteers, 1),
            (Sign::SpeakingLess, 1),
            (Sign::LowRiskDrift, 1),
        ];
        let other = [(Sign::RepeatedRework, 3), (Sign::OverCaution, 3)];
        for raised in [&mild[..], &other[..]] {
            let cs = [
                check_in(7, raised),
                check_in(14, raised),
                check_in(21, raised),
            ];
            assert!(!withdrawal_persists(&cs, &[task(1)]));
        }
    }

    #[test]
    fn withdrawal_without_an_earlier_adopted_move_does_not_hold_yet() {
        let cs = [
            check_in(7, &PULLING_BACK),
            check_in(14, &PULLING_BACK),
            check_in(21, &PULLING_BACK),
        ];
        assert!(!withdrawal_persists(&cs, &[]));
        assert!(
            !withdrawal_persists(&cs, &[task(8)]),
            "adopted after the first"
        );
    }

    #[test]
    fn safety_sensitive_follows_the_latest_check_in() {
        let mut a = check_in(7, &[]);
        a.safety_impact = true;
        let b = check_in(14, &[]);
        assert!(safety_sensitive(std::slice::from_ref(&a)));
        assert!(!safety_sensitive(&[a.clone(), b.clone()]));
        assert!(safety_sensitive(&[b, a]));
        assert!(!safety_sensitive(&[]));
    }

    #[test]
    fn distress_follows_the_latest_check_in() {
        let mut a = check_in(7, &[]);
        a.distress = true;
        let b = check_in(14, &[]);
        assert!(distress_recorded(std::slice::from_ref(&a)));
        assert!(!distress_recorded(&[a.clone(), b.clone()]));
        assert!(distress_recorded(&[b, a]));
        assert!(!distress_recorded(&[]));
    }

    #[test]
    fn the_wording_offers_help_and_never_diagnoses() {
        let mut all: Vec<&str> = WORDS.to_vec();
        all.push(SUGGESTION);
        all.extend(
            [
                Criterion::WithdrawalPersists,
                Criterion::SafetySensitive,
                Criterion::DistressRecorded,
            ]
            .map(Criterion::explain),
        );
        let text = all.join(" ").to_lowercase();
        for word in [
            "depress", "disorder", "diagnos", "burnout", "burn-out", "illness", "mental",
            "symptom", "patient", "you are ", "you're ",
        ] {
            assert!(!text.contains(word), "'{word}' in the escalation wording");
        }
        for needed in [
            "occupational health",
            "employee assistance programme",
            "qualified professional",
        ] {
            assert!(SUGGESTION.contains(needed), "{needed}");
        }
    }
}
