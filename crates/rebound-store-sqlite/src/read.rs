//! Loading whole aggregates in ONE statement per call: each mistake row
//! carries its children as JSON arrays built by correlated subqueries. One
//! statement is one snapshot, so no transaction is needed, and a point read
//! is a single round trip to SQLite (it was seven) — the hot path of the
//! server's `GET /api/v1/mistakes/{id}`.

use crate::rows::{Cols, backend, corrupt, named};
use jiff::Timestamp;
use rebound_domain::{
    FollowUpNote, HeadsUp, Impact, LinkedCommit, Mistake, MistakeId, PreventionItem,
    ProgressUpdate, TimelineEntry, Transition, UserId,
};
use rebound_store::StoreError;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;

/// Which mistakes to load.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    One(&'a MistakeId),
    Open,
    All,
}

macro_rules! mistake_select {
    () => {
        "SELECT id, version, title, what, affected, severity, state, started_at, detected_at,
            created_at, updated_at, heads_up_text, heads_up_doing, heads_up_edited,
            heads_up_sent_at, heads_up_sent_to, impact_who, impact_how_many, impact_since,
            impact_what_wrong, note_containment, note_fix, note_fix_due, note_owner,
            timeline_written_at, note_written_at, impact_checked_at, prevention_checked_at,
            cadence_kind, cadence_minutes, next_update_at, owner_id, visibility,
            (SELECT json_group_array(json_array(id, happened_at, body, starred, recorded_at) ORDER BY id)
               FROM timeline_entries WHERE mistake_id = m.id) AS timeline_json,
            (SELECT json_group_array(json_array(id, posted_at, body) ORDER BY posted_at, id)
               FROM progress_updates WHERE mistake_id = m.id) AS updates_json,
            (SELECT json_group_array(json_array(from_state, to_state, moved_at) ORDER BY seq)
               FROM transitions WHERE mistake_id = m.id) AS transitions_json,
            (SELECT json_group_array(json_array(kind, body) ORDER BY position)
               FROM prevention_items WHERE mistake_id = m.id) AS prevention_json,
            (SELECT json_group_array(json_array(role, sha, url, message, author, committed_at, repo, linked_at)
                    ORDER BY CASE role WHEN 'hotfix' THEN 0 ELSE 1 END)
               FROM linked_commits WHERE mistake_id = m.id) AS commits_json
         FROM mistakes m"
    };
}

const ONE: &str = concat!(mistake_select!(), " WHERE id = $1");
const OPEN: &str = concat!(
    mistake_select!(),
    " WHERE state <> 'closed' ORDER BY detected_at DESC, id"
);
const ALL: &str = concat!(mistake_select!(), " ORDER BY detected_at DESC, id");

/// The mistakes in `scope`, most recently detected first, each complete.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    scope: Scope<'_>,
) -> Result<Vec<Mistake>, StoreError> {
    let query = match scope {
        Scope::One(id) => sqlx::query(ONE).bind(id.as_str()),
        Scope::Open => sqlx::query(OPEN),
        Scope::All => sqlx::query(ALL),
    };
    let rows = query.fetch_all(conn).await.map_err(backend)?;
    rows.iter().map(|row| whole(&Cols(row))).collect()
}

fn whole(c: &Cols<'_>) -> Result<Mistake, StoreError> {
    let mut m = mistake(c)?;
    m.timeline = children::<(i64, i64, String, i64, i64)>(c, "timeline_json")?
        .into_iter()
        .map(|(id, at, text, starred, recorded_at)| {
            Ok(TimelineEntry {
                id,
                at: at_ms(at, "timeline_entries.happened_at")?,
                text,
                starred: flag(starred, "timeline_entries.starred")?,
                recorded_at: at_ms(recorded_at, "timeline_entries.recorded_at")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    m.updates = children::<(i64, i64, String)>(c, "updates_json")?
        .into_iter()
        .map(|(id, at, text)| {
            Ok(ProgressUpdate {
                id,
                at: at_ms(at, "progress_updates.posted_at")?,
                text,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    m.transitions = children::<(String, String, i64)>(c, "transitions_json")?
        .into_iter()
        .map(|(from, to, at)| {
            Ok(Transition {
                from: named(&from, "transitions.from_state")?,
                to: named(&to, "transitions.to_state")?,
                at: at_ms(at, "transitions.moved_at")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    m.note.prevention = children::<(String, String)>(c, "prevention_json")?
        .into_iter()
        .map(|(kind, text)| {
            Ok(PreventionItem {
                kind: named(&kind, "prevention_items.kind")?,
                text,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    type CommitRow = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<String>,
        i64,
    );
    m.commits = children::<CommitRow>(c, "commits_json")?
        .into_iter()
        .map(
            |(role, sha, url, message, author, committed_at, repo, linked_at)| {
                Ok(LinkedCommit {
                    role: named(&role, "linked_commits.role")?,
                    sha,
                    url,
                    message,
                    author,
                    committed_at: committed_at
                        .map(|t| at_ms(t, "linked_commits.committed_at"))
                        .transpose()?,
                    repo,
                    linked_at: at_ms(linked_at, "linked_commits.linked_at")?,
                })
            },
        )
        .collect::<Result<_, StoreError>>()?;
    Ok(m)
}

/// A JSON array column of child rows, each a JSON array of its fields.
fn children<T: DeserializeOwned>(c: &Cols<'_>, column: &'static str) -> Result<Vec<T>, StoreError> {
    let text = c.text(column)?;
    serde_json::from_str(&text).map_err(|e| corrupt(column, e))
}

fn at_ms(v: i64, column: &'static str) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(v).map_err(|_| corrupt(column, v))
}

fn flag(v: i64, column: &'static str) -> Result<bool, StoreError> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(corrupt(column, other)),
    }
}

fn mistake(c: &Cols<'_>) -> Result<Mistake, StoreError> {
    let id = c.text("id")?;
    Ok(Mistake {
        id: MistakeId::parse(&id).map_err(|_| crate::rows::corrupt("id", &id))?,
        owner: match c.opt_text("owner_id")? {
            Some(o) => Some(UserId::parse(&o).map_err(|_| crate::rows::corrupt("owner_id", &o))?),
            None => None,
        },
        visibility: c.named("visibility")?,
        version: c.get("version")?,
        title: c.text("title")?,
        what: c.opt_text("what")?,
        affected: c.opt_text("affected")?,
        severity: c.named("severity")?,
        state: c.named("state")?,
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
