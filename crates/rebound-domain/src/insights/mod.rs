//! What leaders may see about a group: aggregates only, and only of a
//! group big enough that no figure points at someone.
//!
//! Rules:
//! - **Who may ask for which view** ([`may_ask`]): an administrator, the
//!   organisation and any team; anyone, their own direct reports (a person
//!   with none gets a group too small to show). Nobody else sees a team or
//!   the organisation: the server answers 404, as for a team that does
//!   not exist.
//! - **A group is its enabled accounts**: a disabled member is neither
//!   counted nor their records read, so disabling someone changes the
//!   group exactly as removing them does.
//! - **Minimum group size** [`MIN_GROUP`] (5): a smaller group shows no
//!   figure, only [`WITHHELD_WORDS`].
//! - **No differencing** ([`cells`]): whatever sums and differences a
//!   leader takes of the views they see, now and before, no figure may
//!   single out fewer than [`MIN_GROUP`] people. Every group whose figures
//!   were ever shown is remembered (by the server, in storage); the groups
//!   cut people into cells (who is in exactly which groups), and a view
//!   shows only if it cuts no cell into a piece of 1–4 people and brings in
//!   no 1–4 people no shown group held. This covers two overlapping teams,
//!   a team and the organisation, three or more views combined (the
//!   organisation minus two teams), and the same view over time (a team
//!   before and after someone joined, left or was disabled). The asker's
//!   views are decided in a fixed order (the organisation, the teams, their
//!   reports), each counting the ones before it that show, so of two views
//!   too close to each other the first shows and the second is withheld.
//!   A group that changed by 1–4 people since it was shown stays withheld
//!   until the change reaches five (the departed and the newcomers each
//!   five or none): the rule errs towards withholding. An unchanged group
//!   splits nothing and keeps showing.
//! - **Figures** ([`figures`]): medians of time to own and time to note
//!   over the group's mistakes, the failure types of the group's
//!   reflections as group totals only (never per person, never the text),
//!   and recovery plans started, ended and ended recovered. Never a
//!   reflection, principle or private note.

mod cells;
mod figures;
#[cfg(test)]
mod tests;

pub use cells::{decide, smallest_cell, splits_finely};
pub use figures::{GroupFigures, Recoveries, figures};

use crate::account::Role;
use crate::id::TeamId;

/// The fewest people a view may show figures for.
pub const MIN_GROUP: usize = 5;

/// What a withheld view says instead of figures.
pub const WITHHELD_WORDS: &str = "not enough people to show this without pointing at someone";

/// Which group a view is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Organisation,
    Team(TeamId),
    /// The asker's own direct reports.
    Reports,
}

/// Why a view shows no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// Fewer than [`MIN_GROUP`] people.
    TooFew,
    /// Beside the groups shown before and the asker's views before it,
    /// it would single out 1–4 people.
    TooClose,
}

impl Withheld {
    pub fn as_str(self) -> &'static str {
        match self {
            Withheld::TooFew => "too_few",
            Withheld::TooClose => "too_close",
        }
    }
}

/// Whether someone with `role` may ask for `scope` at all.
pub fn may_ask(role: Role, scope: &Scope) -> bool {
    match scope {
        Scope::Reports => true,
        Scope::Organisation | Scope::Team(_) => role == Role::Admin,
    }
}
