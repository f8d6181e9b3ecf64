//! The differencing rule over every view shown so far and the views the
//! asker may request. Figures are totals and medians over a group, so any
//! sum or difference of views (the organisation minus two teams, two
//! overlapping teams minus a third, the same team before and after one
//! person moved) is a figure over the *cells* the groups cut people into:
//! people grouped by exactly which of the groups hold them. Whatever a
//! leader combines, the finest thing they can reach is a cell. So a view
//! is shown only when it cuts no cell into a piece of 1–4 people and
//! brings in no 1–4 people who were in no group before.

use super::{MIN_GROUP, Withheld};
use crate::id::UserId;
use std::collections::{BTreeMap, BTreeSet};

/// Whether `group` may join `family` (the groups shown, or taken as
/// shown): every cell of `family` it splits leaves at least
/// [`MIN_GROUP`] people on each side, and the people it brings that no
/// group of `family` holds are none or at least [`MIN_GROUP`]. A cell
/// already under [`MIN_GROUP`] (shown before this rule) that it does not
/// split stays as it was: showing `group` tells nothing new about it.
pub fn splits_finely(family: &[&BTreeSet<UserId>], group: &BTreeSet<UserId>) -> bool {
    // Each person of the family's union: which groups hold them.
    let mut signature: BTreeMap<&UserId, Vec<usize>> = BTreeMap::new();
    for (i, g) in family.iter().enumerate() {
        for p in g.iter() {
            signature.entry(p).or_default().push(i);
        }
    }
    // Per cell: (inside `group`, outside it).
    let mut cells: BTreeMap<&[usize], (usize, usize)> = BTreeMap::new();
    for (p, sig) in &signature {
        let cell = cells.entry(sig.as_slice()).or_default();
        if group.contains(*p) {
            cell.0 += 1;
        } else {
            cell.1 += 1;
        }
    }
    let newcomers = group.iter().filter(|p| !signature.contains_key(p)).count();
    let fine = |n: usize| n == 0 || n >= MIN_GROUP;
    fine(newcomers)
        && cells.values().all(|&(inside, outside)| {
            inside == 0 || outside == 0 || (fine(inside) && fine(outside))
        })
}

/// Which of `views` (the asker's, in a fixed order) show figures, given
/// the groups `shown` to anyone before. In order, a view of fewer than
/// [`MIN_GROUP`] people is [`Withheld::TooFew`]; one that would split the
/// cells of what is shown, with the views before it that show, too finely
/// is [`Withheld::TooClose`]; any other shows and counts for the views
/// after it. A view identical to a shown group splits nothing, so a view
/// whose group has not changed keeps showing.
pub fn decide(shown: &[BTreeSet<UserId>], views: &[BTreeSet<UserId>]) -> Vec<Option<Withheld>> {
    let mut family: Vec<&BTreeSet<UserId>> = shown.iter().collect();
    views
        .iter()
        .map(|v| {
            if v.len() < MIN_GROUP {
                Some(Withheld::TooFew)
            } else if splits_finely(&family, v) {
                family.push(v);
                None
            } else {
                Some(Withheld::TooClose)
            }
        })
        .collect()
}

/// The smallest non-empty cell `groups` cut people into (`None` for no
/// people): what a leader holding all of their figures could single out.
pub fn smallest_cell(groups: &[BTreeSet<UserId>]) -> Option<usize> {
    let mut signature: BTreeMap<&UserId, Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        for p in g {
            signature.entry(p).or_default().push(i);
        }
    }
    let mut sizes: BTreeMap<&[usize], usize> = BTreeMap::new();
    for sig in signature.values() {
        *sizes.entry(sig.as_slice()).or_default() += 1;
    }
    sizes.values().copied().min()
}
