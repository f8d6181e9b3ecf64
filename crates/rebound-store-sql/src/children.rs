//! A mistake's child lists, read as ONE JSON array of tagged rows
//! (`[0, …]` a timeline entry, `[1, …]` an update, `[2, …]` a transition,
//! `[3, …]` a prevention item, `[4, …]` a commit, `[5, …]` an entry's
//! earlier wording, `[7, …]` a correction of when it started or was
//! noticed): one aggregate over a `UNION ALL`. Rows come unordered;
//! `read::decode` puts them in order.
//!
//! The document with the newest updates is KEPT on the mistake's row
//! (`mistakes.children`), rebuilt by the statement every write of a mistake
//! ends with ([`refresh`]; a new one with no child rows is written with
//! `[]`), so a read touches one table instead of eight:
//! PostgreSQL paid each child table's executor set-up and locks on every
//! read, whether it held rows or not (BENCHMARKS.md). NULL means not built
//! yet (rows from before migration 0020); the store builds those when it
//! opens after a migration asked it to (`schema::run_pending_rebuilds`). Reads of every update (exports, patterns) still build
//! the document live.

use crate::flag::Flag;
use crate::prelude::*;
use crate::rows::Cols;
use rebound_store::StoreError;
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use std::fmt;

pub(crate) type TimelineRow = (i64, i64, String, Flag, i64, Option<i64>);
/// entry id, happened_at, body, replaced_at, own id (for order).
pub(crate) type RevisionRow = (i64, i64, String, i64, i64);
pub(crate) type UpdateRow = (i64, i64, String);
/// field, earlier_at, later_at, corrected_at, own id (for order).
pub(crate) type CorrectionRow = (String, Option<i64>, i64, i64, i64);
pub(crate) type TransitionRow = (i64, String, String, i64);
pub(crate) type PreventionRow = (i64, String, String);
pub(crate) type CommitRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    i64,
);

/// The child tables and their columns, in tag order.
const LISTS: [(&str, &str); 6] = [
    (
        "timeline_entries",
        "id, happened_at, body, starred, recorded_at, removed_at",
    ),
    ("progress_updates", "id, posted_at, body"),
    ("transitions", "seq, from_state, to_state, moved_at"),
    ("prevention_items", "position, kind, body"),
    (
        "linked_commits",
        "role, sha, url, message, author, committed_at, repo, linked_at",
    ),
    (
        "timeline_revisions",
        "entry_id, happened_at, body, replaced_at, id",
    ),
];

/// Which of the updates a read carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Updates {
    /// The newest `RECENT_UPDATES`, read backwards along the index
    /// `(mistake_id, posted_at, id)` and stopped there.
    Recent,
    /// Every one (exports, patterns).
    Whole,
}

/// The scalar subquery giving the children of mistake `m` as one column.
pub(crate) fn column<D: Dialect>(updates: Updates) -> String {
    let mut lists: Vec<(String, String)> = LISTS
        .iter()
        .enumerate()
        .map(|(tag, (table, columns))| {
            let from = match (tag, updates) {
                // A derived table (aliased, as PostgreSQL 15 requires) so
                // the ORDER BY and LIMIT apply to this list alone.
                (1, Updates::Recent) => format!(
                    "(SELECT {columns} FROM {table} WHERE mistake_id = m.id
                      ORDER BY posted_at DESC, id DESC LIMIT {}) recent",
                    rebound_domain::RECENT_UPDATES
                ),
                _ => format!("{table} WHERE mistake_id = m.id"),
            };
            (format!("{tag}, {columns}"), from)
        })
        .collect();
    // (How many updates are stored is the row's own `updates_stored`, kept
    // by the database's trigger, migration 0019; tag 6 once carried it.)
    lists.push((
        "7, field, earlier_at, later_at, corrected_at, id".into(),
        "time_corrections WHERE mistake_id = m.id".into(),
    ));
    D::json_tagged_rows(&lists)
}

/// Rebuilds the kept documents of the mistakes `m` that `which` picks:
/// `m.id = $1` is the last statement of every write of a mistake
/// (`write.rs`), inside its transaction, so the document and the child rows
/// commit together; `m.children IS NULL` builds those never built.
pub(crate) fn rebuild<D: Dialect>(which: &str) -> String {
    format!(
        "UPDATE mistakes AS m SET children = {} WHERE {which}",
        column::<D>(Updates::Recent)
    )
}

/// See [`crate::SqlStore::stale_children`]. Compared as sets of rows: the
/// two aggregates may list rows in different orders.
pub(crate) async fn stale<D: Dialect>(pool: &Pool<D>) -> Result<Vec<String>, StoreError> {
    let sql = format!(
        "SELECT m.id, m.children AS kept, {} AS live FROM mistakes m ORDER BY m.id",
        column::<D>(Updates::Recent)
    );
    let mut stale = Vec::new();
    for row in query_owned::<D>(sql).all_on(pool).await? {
        let c = Cols(&row);
        let kept = c.opt_text("kept")?.and_then(|k| rows_of(&k));
        if kept.is_none() || kept != rows_of(&c.text("live")?) {
            stale.push(c.text("id")?);
        }
    }
    Ok(stale)
}

/// A document's rows, each as canonical JSON text, sorted; none when it
/// is not a JSON array.
fn rows_of(doc: &str) -> Option<Vec<String>> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(doc).ok()?;
    let mut rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    rows.sort_unstable();
    Some(rows)
}

#[derive(Default)]
pub(crate) struct Children {
    pub timeline: Vec<TimelineRow>,
    pub updates: Vec<UpdateRow>,
    pub transitions: Vec<TransitionRow>,
    pub prevention: Vec<PreventionRow>,
    pub commits: Vec<CommitRow>,
    pub revisions: Vec<RevisionRow>,
    pub corrections: Vec<CorrectionRow>,
}

impl<'de> Deserialize<'de> for Children {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Children, De::Error> {
        struct Rows;
        impl<'de> Visitor<'de> for Rows {
            type Value = Children;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of tagged child rows")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Children, A::Error> {
                let mut c = Children::default();
                while seq.next_element_seed(PushRow(&mut c))?.is_some() {}
                Ok(c)
            }
        }
        d.deserialize_seq(Rows)
    }
}

/// One tagged row, pushed straight onto its list (no row value between).
struct PushRow<'a>(&'a mut Children);

impl<'de> de::DeserializeSeed<'de> for PushRow<'_> {
    type Value = ();
    fn deserialize<De: Deserializer<'de>>(self, d: De) -> Result<(), De::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PushRow<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a child row: a tag, then its columns")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let c = self.0;
        match next::<u8, A>(&mut seq)? {
            0 => c.timeline.push((
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
            )),
            1 => c
                .updates
                .push((next(&mut seq)?, next(&mut seq)?, next(&mut seq)?)),
            2 => c.transitions.push((
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
            )),
            3 => c
                .prevention
                .push((next(&mut seq)?, next(&mut seq)?, next(&mut seq)?)),
            4 => c.commits.push((
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
            )),
            5 => c.revisions.push((
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
            )),
            7 => c.corrections.push((
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
                next(&mut seq)?,
            )),
            tag => return Err(de::Error::custom(format!("unknown child tag {tag}"))),
        }
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(
                "a child row has more columns than its list",
            ));
        }
        Ok(())
    }
}

fn next<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(seq: &mut A) -> Result<T, A::Error> {
    seq.next_element()?
        .ok_or_else(|| de::Error::custom("a child row has fewer columns than its list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_rows_land_on_their_lists() {
        let c: Children = serde_json::from_str(
            r#"[[1, 7, 1000, "up"], [0, 3, 5, "t", 1, 6, null], [5, 3, 4, "was", 6, 1], [4, "hotfix", "abc", null, null, null, null, null, 9],
               [2, 1, "open", "contained", 8], [3, 0, "check", "p"], [1, 8, 2000, "again"]]"#,
        )
        .unwrap();
        assert_eq!(c.updates.len(), 2);
        assert_eq!(c.updates[1].2, "again");
        assert_eq!(c.timeline[0].2, "t");
        assert!(c.timeline[0].3.0);
        assert_eq!(c.revisions[0].2, "was");
        assert_eq!(c.transitions[0].2, "contained");
        assert_eq!(c.prevention[0].1, "check");
        assert_eq!(c.commits[0].1.as_deref(), Some("abc"));
        let c: Children =
            serde_json::from_str(r#"[[7, "detected", 5, 3, 9, 1], [7, "started", null, 2, 9, 2]]"#)
                .unwrap();
        assert_eq!(c.corrections[0].1, Some(5));
        assert_eq!(c.corrections[1].0, "started");
        let none: Children = serde_json::from_str("[]").unwrap();
        assert!(none.timeline.is_empty() && none.commits.is_empty());
    }

    #[test]
    fn a_row_of_the_wrong_shape_is_refused() {
        for bad in [
            r#"[[9, 1]]"#,
            r#"[[1, 7, 1000]]"#,
            r#"[[1, 7, 1000, "up", 5]]"#,
            r#"[[6, 30]]"#,
            r#"[["x"]]"#,
        ] {
            assert!(serde_json::from_str::<Children>(bad).is_err(), "{bad}");
        }
    }
}
