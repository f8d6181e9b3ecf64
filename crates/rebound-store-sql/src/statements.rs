//! The statements that read mistakes, built once per dialect: one
//! mistake and the lists, each in two forms — carrying the newest updates
//! (what requests read) or every one (exports, patterns).

use crate::children::Updates;
use crate::prelude::Dialect;

/// The statements that read mistakes, in one dialect: built once per
/// process (they embed the dialect's JSON aggregation), then `'static`.
pub struct Statements {
    /// The columns of one mistake `m` and its children (the newest
    /// updates), for [`decode`]; named `m.` so they can sit beside other
    /// tables' (`open_as.rs`).
    pub document_columns: &'static str,
    /// One mistake, by id `$1`.
    pub one: &'static str,
    pub(crate) recent: Scoped,
    /// The same reads carrying every update.
    pub(crate) whole: Scoped,
    /// [`rebound_store::OpenAs`] by API token and by session (`open_as.rs`).
    pub open_as_by_token: &'static str,
    pub open_as_by_session: &'static str,
    /// Rebuilds the kept children document of mistake `$1`, and builds
    /// every one missing (`children.rs`).
    pub refresh_children: &'static str,
    pub(crate) fill_children: &'static str,
}

/// One mistake by id, and the lists by scope.
pub(crate) struct Scoped {
    pub(crate) one: &'static str,
    pub(crate) open: &'static str,
    pub(crate) all: &'static str,
    pub(crate) among_open: &'static str,
    pub(crate) among_all: &'static str,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn columns<D: Dialect>(updates: Updates) -> &'static str {
    // With the newest updates, the document kept on the row; with every
    // one, built live.
    let children = match updates {
        Updates::Recent => "m.children".to_string(),
        Updates::Whole => crate::children::column::<D>(updates),
    };
    leak(format!(
        "m.id, m.version, m.title, m.what, m.affected, m.severity, m.state, m.started_at,
            m.detected_at, m.created_at, m.updated_at, m.heads_up_text, m.heads_up_doing,
            m.heads_up_edited, m.heads_up_sent_at, m.heads_up_sent_to, m.impact_who,
            m.impact_how_many, m.impact_since, m.impact_what_wrong, m.note_containment,
            m.note_fix, m.note_fix_due, m.note_owner, m.timeline_written_at,
            m.note_written_at, m.impact_checked_at, m.prevention_checked_at, m.cadence_kind,
            m.cadence_minutes, m.next_update_at, m.owner_id, m.visibility,
            m.updates_stored, {children} AS children"
    ))
}

impl Scoped {
    fn build<D: Dialect>(document_columns: &str) -> Scoped {
        let document = format!("SELECT {document_columns} FROM mistakes m");
        let order = " ORDER BY m.detected_at DESC, m.id";
        // Owners and ids bind as two lists, any length; both databases
        // answer the OR from the owner index and the primary key.
        let among = format!(
            " WHERE ({} OR {})",
            D::in_list("m.owner_id", "$1"),
            D::in_list("m.id", "$2")
        );
        Scoped {
            one: leak(format!("{document} WHERE m.id = $1")),
            open: leak(format!("{document} WHERE m.state <> 'closed'{order}")),
            all: leak(format!("{document}{order}")),
            among_open: leak(format!("{document}{among} AND m.state <> 'closed'{order}")),
            among_all: leak(format!("{document}{among}{order}")),
        }
    }
}

impl Statements {
    pub(crate) fn build<D: Dialect>() -> Statements {
        let document_columns = columns::<D>(Updates::Recent);
        let recent = Scoped::build::<D>(document_columns);
        Statements {
            document_columns,
            one: recent.one,
            recent,
            whole: Scoped::build::<D>(columns::<D>(Updates::Whole)),
            open_as_by_token: leak(crate::open_as::build(document_columns, true)),
            open_as_by_session: leak(crate::open_as::build(document_columns, false)),
            refresh_children: leak(crate::children::rebuild::<D>("m.id = $1")),
            fill_children: leak(crate::children::rebuild::<D>("m.children IS NULL")),
        }
    }
}
