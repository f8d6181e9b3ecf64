//! Supporting a recovery (PRODUCT.md §4, domain.md §6): a manager's plan
//! for one of their reports after a visible failure, across weeks of
//! one-on-ones.
//!
//! - [`signs`]: drivers, pressure points and the ten observable signs;
//! - [`plan`]: the plan, its check-ins (topics carry over), tasks made from
//!   adopted moves (three complete by themselves), the debrief note and the
//!   development plan; ending it;
//! - [`moves`]: the twelve moves, the documented table from drivers,
//!   pressure points and signs to moves, with reasons in the manager's and
//!   the report's words, and the ranking with its rules;
//! - [`trend`]: recovering, stalled or worsening, by a documented rule;
//! - [`escalation`]: when to suggest occupational health, the employee
//!   assistance programme or a professional — never a diagnosis;
//! - [`ics`]: calendar invites.
//!
//! Who sees what is `access::allows_recovery`.

pub mod escalation;
pub mod ics;
pub mod moves;
pub mod plan;
pub mod signs;
pub mod trend;

#[cfg(test)]
mod check_in_tests;
#[cfg(test)]
mod end_tests;
#[cfg(test)]
mod plan_moves_tests;
#[cfg(test)]
mod plan_tests;

pub use escalation::{Criterion, Escalation};
pub use moves::{Completion, Move, Reader, Suggestion};
pub use plan::{
    CheckIn, DebriefNote, EndReason, NewCheckIn, NewPlan, PlanEnd, PracticeTask, PrivateNote,
    RecoveryError, RecoveryPlan, Schedule, SignScore, Task,
};
pub use signs::{Driver, PressurePoint, Sign};
pub use trend::Trend;

use crate::access::{Action, RecoveryPart};
use crate::audit::{AuditActor, AuditEvent, action_name};

impl AuditEvent {
    /// An event on a recovery plan: which part, which action, never what it says.
    pub fn recovery(
        at: jiff::Timestamp,
        actor: AuditActor,
        plan: &str,
        part: RecoveryPart,
        action: Action,
    ) -> AuditEvent {
        AuditEvent {
            at,
            actor,
            action: action_name(action).to_string(),
            part: part.as_str().to_string(),
            resource_kind: "recovery_plan".to_string(),
            resource_id: plan.to_string(),
        }
    }
}
