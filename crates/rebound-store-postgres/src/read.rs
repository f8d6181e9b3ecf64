//! Loading whole aggregates. Each table is read once per call, whatever the
//! number of mistakes (no query per mistake), and children are attached by
//! id. Callers run this inside a transaction that sees one state of the
//! mistakes in scope: a REPEATABLE READ one, or a save's, which holds the
//! row lock of the one mistake it reads back.

use crate::rows::{Cols, backend};
use rebound_domain::{
    FollowUpNote, HeadsUp, Impact, LinkedCommit, Mistake, MistakeId, PreventionItem,
    ProgressUpdate, TimelineEntry, Transition, UserId,
};
use rebound_store::{Candidates, ListFilter, StoreError};
use sqlx::PgConnection;
use sqlx::postgres::PgRow;
use std::collections::HashMap;

/// Which mistakes to load.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    One(&'a MistakeId),
    Open,
    All,
    /// The candidates, open ones only or all of them.
    Among(ListFilter, &'a Candidates),
}

/// One statement per scope, spelled out so every SQL string stays static.
/// Ties sort by id bytewise (`COLLATE "C"`), as SQLite does, whatever the
/// database's collation.
struct Scoped {
    one: &'static str,
    open: &'static str,
    all: &'static str,
    among_open: &'static str,
    among_all: &'static str,
}

// Owners and ids bind as two text arrays, any length; PostgreSQL answers the
// OR from the owner index and the primary key (a BitmapOr).
macro_rules! among {
    () => {
        "(owner_id = ANY($1) OR id = ANY($2))"
    };
}

/// A child table's query, restricted to the children of the mistakes in scope.
macro_rules! scoped {
    ($select:literal, $order:literal) => {
        Scoped {
            one: concat!($select, " WHERE mistake_id = $1 ORDER BY ", $order),
            open: concat!(
                $select,
                " WHERE mistake_id IN (SELECT id FROM mistakes WHERE state <> 'closed') ORDER BY ",
                $order
            ),
            all: concat!($select, " ORDER BY ", $order),
            among_open: concat!(
                $select,
                " WHERE mistake_id IN (SELECT id FROM mistakes WHERE ",
                among!(),
                " AND state <> 'closed') ORDER BY ",
                $order
            ),
            among_all: concat!(
                $select,
                " WHERE mistake_id IN (SELECT id FROM mistakes WHERE ",
                among!(),
                ") ORDER BY ",
                $order
            ),
        }
    };
}

impl Scoped {
    async fn fetch(
        &self,
        conn: &mut PgConnection,
        scope: Scope<'_>,
    ) -> Result<Vec<PgRow>, StoreError> {
        let query = match scope {
            Scope::One(id) => sqlx::query(self.one).bind(id.as_str()),
            Scope::Open => sqlx::query(self.open),
            Scope::All => sqlx::query(self.all),
            Scope::Among(filter, candidates) => {
                let owners: Vec<&str> = candidates.owners.iter().map(UserId::as_str).collect();
                let ids: Vec<&str> = candidates.mistakes.iter().map(MistakeId::as_str).collect();
                let sql = match filter {
                    ListFilter::Open => self.among_open,
                    ListFilter::All => self.among_all,
                };
                sqlx::query(sql).bind(owners).bind(ids)
            }
        };
        query.fetch_all(conn).await.map_err(backend)
    }
}

macro_rules! mistake_select {
    () => {
        "SELECT id, version, title, what, affected, severity, state, started_at, detected_at,
            created_at, updated_at, heads_up_text, heads_up_doing, heads_up_edited,
            heads_up_sent_at, heads_up_sent_to, impact_who, impact_how_many, impact_since,
            impact_what_wrong, note_containment, note_fix, note_fix_due, note_owner,
            timeline_written_at, note_written_at, impact_checked_at, prevention_checked_at,
            cadence_kind, cadence_minutes, next_update_at, owner_id, visibility
         FROM mistakes"
    };
}

const MISTAKES: Scoped = Scoped {
    one: concat!(mistake_select!(), " WHERE id = $1"),
    open: concat!(
        mistake_select!(),
        " WHERE state <> 'closed' ORDER BY detected_at DESC, id COLLATE \"C\""
    ),
    all: concat!(
        mistake_select!(),
        " ORDER BY detected_at DESC, id COLLATE \"C\""
    ),
    among_open: concat!(
        mistake_select!(),
        " WHERE ",
        among!(),
        " AND state <> 'closed' ORDER BY detected_at DESC, id COLLATE \"C\""
    ),
    among_all: concat!(
        mistake_select!(),
        " WHERE ",
        among!(),
        " ORDER BY detected_at DESC, id COLLATE \"C\""
    ),
};

const TIMELINE: Scoped = scoped!(
    "SELECT mistake_id, id, happened_at, body, starred, recorded_at FROM timeline_entries",
    "mistake_id, id"
);
const UPDATES: Scoped = scoped!(
    "SELECT mistake_id, id, posted_at, body FROM progress_updates",
    "mistake_id, posted_at, id"
);
const TRANSITIONS: Scoped = scoped!(
    "SELECT mistake_id, from_state, to_state, moved_at FROM transitions",
    "mistake_id, seq"
);
const PREVENTION: Scoped = scoped!(
    "SELECT mistake_id, kind, body FROM prevention_items",
    "mistake_id, position"
);
const COMMITS: Scoped = scoped!(
    "SELECT mistake_id, role, sha, url, message, author, committed_at, repo, linked_at
     FROM linked_commits",
    "mistake_id, CASE role WHEN 'hotfix' THEN 0 ELSE 1 END"
);

/// The mistakes in `scope`, most recently detected first, each complete.
pub(crate) async fn load(
    conn: &mut PgConnection,
    scope: Scope<'_>,
) -> Result<Vec<Mistake>, StoreError> {
    let mut mistakes = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in MISTAKES.fetch(conn, scope).await? {
        let m = mistake(&Cols(&row))?;
        index.insert(m.id.as_str().to_owned(), mistakes.len());
        mistakes.push(m);
    }
    if mistakes.is_empty() {
        return Ok(mistakes);
    }
    // Rows come ordered within each mistake, so pushing keeps that order.
    // A child whose mistake is missing cannot happen inside one snapshot
    // (foreign keys), so it is skipped rather than treated as an error.
    for row in TIMELINE.fetch(conn, scope).await? {
        let c = Cols(&row);
        if let Some(m) = owner(&mut mistakes, &index, &c)? {
            m.timeline.push(TimelineEntry {
                id: c.get("id")?,
                at: c.at("happened_at")?,
                text: c.text("body")?,
                starred: c.flag("starred")?,
                recorded_at: c.at("recorded_at")?,
            });
        }
    }
    for row in UPDATES.fetch(conn, scope).await? {
        let c = Cols(&row);
        if let Some(m) = owner(&mut mistakes, &index, &c)? {
            m.updates.push(ProgressUpdate {
                id: c.get("id")?,
                at: c.at("posted_at")?,
                text: c.text("body")?,
            });
        }
    }
    for row in TRANSITIONS.fetch(conn, scope).await? {
        let c = Cols(&row);
        if let Some(m) = owner(&mut mistakes, &index, &c)? {
            m.transitions.push(Transition {
                from: c.state("from_state")?,
                to: c.state("to_state")?,
                at: c.at("moved_at")?,
            });
        }
    }
    for row in PREVENTION.fetch(conn, scope).await? {
        let c = Cols(&row);
        if let Some(m) = owner(&mut mistakes, &index, &c)? {
            m.note.prevention.push(PreventionItem {
                kind: c.prevention_kind("kind")?,
                text: c.text("body")?,
            });
        }
    }
    for row in COMMITS.fetch(conn, scope).await? {
        let c = Cols(&row);
        if let Some(m) = owner(&mut mistakes, &index, &c)? {
            m.commits.push(LinkedCommit {
                role: c.role("role")?,
                sha: c.opt_text("sha")?,
                url: c.opt_text("url")?,
                message: c.opt_text("message")?,
                author: c.opt_text("author")?,
                committed_at: c.opt_at("committed_at")?,
                repo: c.opt_text("repo")?,
                linked_at: c.at("linked_at")?,
            });
        }
    }
    Ok(mistakes)
}

fn owner<'m>(
    mistakes: &'m mut [Mistake],
    index: &HashMap<String, usize>,
    c: &Cols<'_>,
) -> Result<Option<&'m mut Mistake>, StoreError> {
    let id: &str = c.get("mistake_id")?;
    Ok(index.get(id).map(|&i| &mut mistakes[i]))
}

fn mistake(c: &Cols<'_>) -> Result<Mistake, StoreError> {
    let id = c.text("id")?;
    Ok(Mistake {
        id: MistakeId::parse(&id).map_err(|_| crate::rows::corrupt("id", &id))?,
        owner: match c.opt_text("owner_id")? {
            Some(o) => Some(UserId::parse(&o).map_err(|_| crate::rows::corrupt("owner_id", &o))?),
            None => None,
        },
        visibility: c.visibility("visibility")?,
        version: c.get("version")?,
        title: c.text("title")?,
        what: c.opt_text("what")?,
        affected: c.opt_text("affected")?,
        severity: c.severity("severity")?,
        state: c.state("state")?,
        started_at: c.opt_at("started_at")?,
        detected_at: c.at("detected_at")?,
        created_at: c.at("created_at")?,
        updated_at: c.at("updated_at")?,
        heads_up: HeadsUp {
            text: c.text("heads_up_text")?,
            doing: c.opt_text("heads_up_doing")?,
            edited: c.flag("heads_up_edited")?,
            sent_at: c.opt_at("heads_up_sent_at")?,
            sent_to: c.opt_text("heads_up_sent_to")?,
        },
        note: FollowUpNote {
            impact: Impact {
                who: c.opt_text("impact_who")?,
                how_many: c.opt_text("impact_how_many")?,
                since: c.opt_at("impact_since")?,
                what_wrong: c.opt_text("impact_what_wrong")?,
            },
            containment: c.opt_text("note_containment")?,
            fix: c.opt_text("note_fix")?,
            fix_due: c.opt_at("note_fix_due")?,
            prevention: Vec::new(),
            owner: c.opt_text("note_owner")?,
        },
        timeline_written_at: c.opt_at("timeline_written_at")?,
        note_written_at: c.opt_at("note_written_at")?,
        impact_checked_at: c.opt_at("impact_checked_at")?,
        prevention_checked_at: c.opt_at("prevention_checked_at")?,
        cadence: c.cadence("cadence_kind", "cadence_minutes")?,
        next_update_at: c.opt_at("next_update_at")?,
        timeline: Vec::new(),
        commits: Vec::new(),
        updates: Vec::new(),
        transitions: Vec::new(),
    })
}
