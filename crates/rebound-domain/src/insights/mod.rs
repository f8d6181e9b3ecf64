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
//! - **No differencing**: a view is withheld when some *other* view the
//!   same asker may request has between 1 and [`MIN_GROUP`] − 1 people in
//!   its symmetric difference with it (so one person cannot be recovered
//!   by comparing two overlapping teams, a team and the organisation, or
//!   the reports and a team). The rule is symmetric, so both views of such
//!   a pair are withheld. Every other view of at least [`MIN_GROUP`]
//!   people counts, whether or not it is itself shown: the rule needs no
//!   fixed point and errs towards withholding. Identical groups (difference
//!   0) show the same figures and reveal nothing.
//! - **Figures** ([`figures`]): medians of time to own and time to note
//!   over the group's mistakes, the failure types of the group's
//!   reflections as group totals only (never per person, never the text),
//!   and recovery plans started, ended and ended recovered. Never a
//!   reflection, principle or private note.

mod figures;
#[cfg(test)]
mod tests;

pub use figures::{GroupFigures, Recoveries, figures};

use crate::account::Role;
use crate::id::{TeamId, UserId};
use std::collections::BTreeSet;

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
    /// Another view the asker may request differs from it by 1–4 people.
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

/// The symmetric difference of two groups, counted.
pub fn difference(a: &BTreeSet<UserId>, b: &BTreeSet<UserId>) -> usize {
    a.symmetric_difference(b).count()
}

/// Whether the view of `group` is withheld, given the groups of every
/// other view the same asker may request (`others`; the view's own group
/// may appear among them and is ignored as identical).
pub fn withheld(group: &BTreeSet<UserId>, others: &[BTreeSet<UserId>]) -> Option<Withheld> {
    if group.len() < MIN_GROUP {
        return Some(Withheld::TooFew);
    }
    let close = others
        .iter()
        .filter(|o| o.len() >= MIN_GROUP)
        .any(|o| (1..MIN_GROUP).contains(&difference(group, o)));
    close.then_some(Withheld::TooClose)
}
