//! The lifecycle: detected → owned → contained → fixed → reviewed → closed.
//!
//! Rules (each refusal says why):
//! - Moving forward may pass through several states at once; every state
//!   passed through is recorded as its own transition and checked on its own.
//! - `owned` needs the heads-up marked sent: owning a mistake means someone
//!   who needed to know has been told.
//! - `closed` needs both checkboxes ticked: impact documented, prevention defined.
//! - Only two moves go back: `fixed → contained` (the fix did not hold) and
//!   `closed → reviewed` (reopening). Anything else backwards is refused.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum State {
    Detected,
    Owned,
    Contained,
    Fixed,
    Reviewed,
    Closed,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Detected,
        State::Owned,
        State::Contained,
        State::Fixed,
        State::Reviewed,
        State::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Detected => "detected",
            State::Owned => "owned",
            State::Contained => "contained",
            State::Fixed => "fixed",
            State::Reviewed => "reviewed",
            State::Closed => "closed",
        }
    }

    pub fn next(self) -> Option<State> {
        let i = self as usize;
        State::ALL.get(i + 1).copied()
    }

    /// Open means somebody still has work to do on it.
    pub fn is_open(self) -> bool {
        self != State::Closed
    }

    /// While a mistake is not yet fixed, the people affected are waiting on
    /// news, so progress updates are expected on the chosen cadence.
    pub fn expects_updates(self) -> bool {
        self < State::Fixed
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown state '{0}': use one of detected, owned, contained, fixed, reviewed, closed")]
pub struct UnknownState(pub String);

impl FromStr for State {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownState(s.trim().to_string()))
    }
}

/// The two checkboxes a mistake needs before it can be closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Checkbox {
    Impact,
    Prevention,
}

impl Checkbox {
    pub fn as_str(self) -> &'static str {
        match self {
            Checkbox::Impact => "impact",
            Checkbox::Prevention => "prevention",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Checkbox::Impact => "impact documented",
            Checkbox::Prevention => "prevention defined",
        }
    }
}

impl FromStr for Checkbox {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "impact" => Ok(Checkbox::Impact),
            "prevention" => Ok(Checkbox::Prevention),
            other => Err(format!(
                "unknown checkbox '{other}': use impact or prevention"
            )),
        }
    }
}

/// Why a move between states was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("it is already {0}")]
    AlreadyThere(State),
    #[error(
        "cannot go back from {from} to {to}: the only moves back are fixed → contained (the fix did not hold) and closed → reviewed (reopen)"
    )]
    Backwards { from: State, to: State },
    #[error(
        "cannot move to owned before the heads-up is marked sent: tell the person who needs to know first"
    )]
    HeadsUpNotSent,
    #[error("cannot close: {} not ticked", missing_labels(.0))]
    CheckboxesMissing(Vec<Checkbox>),
}

fn missing_labels(missing: &[Checkbox]) -> String {
    let labels: Vec<&str> = missing.iter().map(|c| c.label()).collect();
    match labels.as_slice() {
        [one] => format!("the {one} checkbox is"),
        _ => format!("the {} checkboxes are", labels.join(" and ")),
    }
}

/// What the lifecycle needs to know about a mistake to judge a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    pub heads_up_sent: bool,
    pub impact_ticked: bool,
    pub prevention_ticked: bool,
}

/// Plans a move from `from` to `to`: the list of single steps to record, or
/// the reason the move is refused. Pure, so it can be property-tested.
pub fn plan_move(from: State, to: State, ready: Readiness) -> Result<Vec<State>, LifecycleError> {
    if from == to {
        return Err(LifecycleError::AlreadyThere(to));
    }
    if to < from {
        let allowed = matches!(
            (from, to),
            (State::Fixed, State::Contained) | (State::Closed, State::Reviewed)
        );
        return if allowed {
            Ok(vec![to])
        } else {
            Err(LifecycleError::Backwards { from, to })
        };
    }
    let steps: Vec<State> = State::ALL
        .into_iter()
        .filter(|s| *s > from && *s <= to)
        .collect();
    for step in &steps {
        check_entry(*step, ready)?;
    }
    Ok(steps)
}

fn check_entry(step: State, ready: Readiness) -> Result<(), LifecycleError> {
    match step {
        State::Owned if !ready.heads_up_sent => Err(LifecycleError::HeadsUpNotSent),
        State::Closed => {
            let mut missing = Vec::new();
            if !ready.impact_ticked {
                missing.push(Checkbox::Impact);
            }
            if !ready.prevention_ticked {
                missing.push(Checkbox::Prevention);
            }
            if missing.is_empty() {
                Ok(())
            } else {
                Err(LifecycleError::CheckboxesMissing(missing))
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const READY: Readiness = Readiness {
        heads_up_sent: true,
        impact_ticked: true,
        prevention_ticked: true,
    };

    #[test]
    fn forward_moves_pass_through_every_state() {
        let steps = plan_move(State::Detected, State::Fixed, READY).unwrap();
        assert_eq!(steps, vec![State::Owned, State::Contained, State::Fixed]);
    }

    #[test]
    fn owning_needs_the_heads_up_sent() {
        let ready = Readiness {
            heads_up_sent: false,
            ..READY
        };
        assert_eq!(
            plan_move(State::Detected, State::Contained, ready),
            Err(LifecycleError::HeadsUpNotSent)
        );
        // Once past owned, the heads-up no longer gates anything.
        assert!(plan_move(State::Owned, State::Fixed, ready).is_ok());
    }

    #[test]
    fn closing_names_each_missing_checkbox() {
        let none = Readiness {
            impact_ticked: false,
            prevention_ticked: false,
            ..READY
        };
        let err = plan_move(State::Reviewed, State::Closed, none).unwrap_err();
        assert_eq!(
            err,
            LifecycleError::CheckboxesMissing(vec![Checkbox::Impact, Checkbox::Prevention])
        );
        assert!(
            err.to_string()
                .contains("impact documented and prevention defined")
        );
        let only_prevention = Readiness {
            impact_ticked: true,
            prevention_ticked: false,
            ..READY
        };
        let msg = plan_move(State::Reviewed, State::Closed, only_prevention)
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("prevention defined checkbox is not ticked"),
            "{msg}"
        );
    }

    #[test]
    fn only_two_moves_go_back() {
        assert_eq!(
            plan_move(State::Fixed, State::Contained, READY),
            Ok(vec![State::Contained])
        );
        assert_eq!(
            plan_move(State::Closed, State::Reviewed, READY),
            Ok(vec![State::Reviewed])
        );
        assert!(matches!(
            plan_move(State::Fixed, State::Owned, READY),
            Err(LifecycleError::Backwards { .. })
        ));
        assert!(matches!(
            plan_move(State::Closed, State::Detected, READY),
            Err(LifecycleError::Backwards { .. })
        ));
    }

    #[test]
    fn states_parse_case_insensitively_and_reject_unknowns() {
        assert_eq!("Contained".parse::<State>(), Ok(State::Contained));
        let err = "done".parse::<State>().unwrap_err();
        assert!(err.to_string().contains("unknown state 'done'"));
    }

    fn any_state() -> impl Strategy<Value = State> {
        prop::sample::select(State::ALL.to_vec())
    }

    fn any_readiness() -> impl Strategy<Value = Readiness> {
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(h, i, p)| Readiness {
            heads_up_sent: h,
            impact_ticked: i,
            prevention_ticked: p,
        })
    }

    proptest! {
        /// Whatever sequence of moves is attempted, the recorded history is a
        /// chain of legal single steps, and closed is never reached without
        /// both checkboxes nor owned without the heads-up.
        #[test]
        fn every_recorded_history_is_legal(
            targets in prop::collection::vec((any_state(), any_readiness()), 1..40)
        ) {
            let mut state = State::Detected;
            for (to, ready) in targets {
                match plan_move(state, to, ready) {
                    Ok(steps) => {
                        prop_assert!(!steps.is_empty());
                        prop_assert_eq!(*steps.last().unwrap(), to);
                        let mut prev = state;
                        for step in steps {
                            let forward_one = prev.next() == Some(step);
                            let allowed_back = matches!((prev, step),
                                (State::Fixed, State::Contained) | (State::Closed, State::Reviewed));
                            prop_assert!(forward_one || allowed_back, "{prev} -> {step}");
                            if step == State::Closed {
                                prop_assert!(ready.impact_ticked && ready.prevention_ticked);
                            }
                            if step == State::Owned {
                                prop_assert!(ready.heads_up_sent);
                            }
                            prev = step;
                        }
                        state = to;
                    }
                    Err(_) => continue, // refused: state unchanged
                }
            }
        }

        /// A refused move always carries a reason a person can act on.
        #[test]
        fn refusals_explain_themselves(from in any_state(), to in any_state(), ready in any_readiness()) {
            if let Err(e) = plan_move(from, to, ready) {
                prop_assert!(e.to_string().len() > 10);
            }
        }
    }
}
