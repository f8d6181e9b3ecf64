//! Loading whole aggregates: each mistake is ONE row, its children included
//! as one JSON array of tagged rows (`children.rs`), so a read is one
//! statement — one snapshot, no transaction — on either database, and one
//! decoder serves every path (sqlx's rows of both, and SQLite's inline
//! rusqlite ones, through `Cols`).

use crate::children::Children;
use crate::prelude::*;
use crate::rows::{Cols, cadence, corrupt, named};
use jiff::Timestamp;
use rebound_domain::{
    EntryVersion, FollowUpNote, HeadsUp, Impact, LinkedCommit, Mistake, MistakeId, PreventionItem,
    ProgressUpdate, TimeCorrection, TimelineEntry, Transition, UserId,
};
use rebound_store::{Candidates, ListFilter, StoreError};

/// Which mistakes to load.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    Open,
    All,
    /// The candidates, open ones only or all of them.
    Among(ListFilter, &'a Candidates),
}

use crate::statements::Scoped;
pub use crate::statements::Statements;

/// One mistake.
pub(crate) async fn one<D: Dialect>(
    pool: &Pool<D>,
    id: &MistakeId,
) -> Result<Option<Mistake>, StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    one_on::<D>(&mut conn, id).await
}

/// One mistake, inside a transaction (a save reads back what it wrote).
pub(crate) async fn one_in<D: Dialect>(
    tx: &mut Tx<D>,
    id: &MistakeId,
) -> Result<Option<Mistake>, StoreError> {
    one_on::<D>(tx, id).await
}

/// One mistake with every update (exports).
pub(crate) async fn whole<D: Dialect>(
    pool: &Pool<D>,
    id: &MistakeId,
) -> Result<Option<Mistake>, StoreError> {
    query::<D>(D::statements().whole.one)
        .arg(id.as_str())
        .maybe_on(pool)
        .await?
        .map(|row| decode(&Cols(&row)))
        .transpose()
}

async fn one_on<D: Dialect>(
    conn: &mut D::Connection,
    id: &MistakeId,
) -> Result<Option<Mistake>, StoreError> {
    query::<D>(D::statements().one)
        .arg(id.as_str())
        .maybe(conn)
        .await?
        .map(|row| decode(&Cols(&row)))
        .transpose()
}

/// The mistakes in `scope`, most recently detected first, each with its
/// newest updates.
pub(crate) async fn load<D: Dialect>(
    pool: &Pool<D>,
    scope: Scope<'_>,
) -> Result<Vec<Mistake>, StoreError> {
    load_from(pool, &D::statements().recent, scope).await
}

/// [`load`] with every update.
pub(crate) async fn load_whole<D: Dialect>(
    pool: &Pool<D>,
    scope: Scope<'_>,
) -> Result<Vec<Mistake>, StoreError> {
    load_from(pool, &D::statements().whole, scope).await
}

async fn load_from<D: Dialect>(
    pool: &Pool<D>,
    sql: &Scoped,
    scope: Scope<'_>,
) -> Result<Vec<Mistake>, StoreError> {
    let query = match scope {
        Scope::Open => query::<D>(sql.open),
        Scope::All => query::<D>(sql.all),
        Scope::Among(filter, candidates) => {
            let owners: Vec<&str> = candidates.owners.iter().map(UserId::as_str).collect();
            let ids: Vec<&str> = candidates.mistakes.iter().map(MistakeId::as_str).collect();
            let text = match filter {
                ListFilter::Open => sql.among_open,
                ListFilter::All => sql.among_all,
            };
            D::bind_list(D::bind_list(query::<D>(text), &owners), &ids)
        }
    };
    let rows = query.all_on(pool).await?;
    rows.iter().map(|r| decode(&Cols(r))).collect()
}

/// The row as the database returns it: the mistake's columns, and its
/// children as one JSON array (read as text and parsed here, so the
/// database neither builds an outer document nor re-parses the rows).
struct Doc {
    id: String,
    version: i64,
    title: String,
    what: Option<String>,
    affected: Option<String>,
    severity: String,
    state: String,
    started_at: Option<i64>,
    detected_at: i64,
    created_at: i64,
    updated_at: i64,
    heads_up_text: String,
    heads_up_doing: Option<String>,
    heads_up_edited: bool,
    heads_up_sent_at: Option<i64>,
    heads_up_sent_to: Option<String>,
    impact_who: Option<String>,
    impact_how_many: Option<String>,
    impact_since: Option<i64>,
    impact_what_wrong: Option<String>,
    note_containment: Option<String>,
    note_fix: Option<String>,
    note_fix_due: Option<i64>,
    note_owner: Option<String>,
    timeline_written_at: Option<i64>,
    note_written_at: Option<i64>,
    impact_checked_at: Option<i64>,
    prevention_checked_at: Option<i64>,
    cadence_kind: String,
    cadence_minutes: Option<i64>,
    next_update_at: Option<i64>,
    owner_id: Option<String>,
    visibility: String,
    /// How many updates are stored (`children` may carry fewer).
    updates_stored: u64,
    children: Children,
}

fn read_doc(c: &Cols<'_>) -> Result<Doc, StoreError> {
    Ok(Doc {
        id: c.text("id")?,
        version: c.int("version")?,
        title: c.text("title")?,
        what: c.opt_text("what")?,
        affected: c.opt_text("affected")?,
        severity: c.text("severity")?,
        state: c.text("state")?,
        started_at: c.opt_int("started_at")?,
        detected_at: c.int("detected_at")?,
        created_at: c.int("created_at")?,
        updated_at: c.int("updated_at")?,
        heads_up_text: c.text("heads_up_text")?,
        heads_up_doing: c.opt_text("heads_up_doing")?,
        heads_up_edited: c.flag("heads_up_edited")?,
        heads_up_sent_at: c.opt_int("heads_up_sent_at")?,
        heads_up_sent_to: c.opt_text("heads_up_sent_to")?,
        impact_who: c.opt_text("impact_who")?,
        impact_how_many: c.opt_text("impact_how_many")?,
        impact_since: c.opt_int("impact_since")?,
        impact_what_wrong: c.opt_text("impact_what_wrong")?,
        note_containment: c.opt_text("note_containment")?,
        note_fix: c.opt_text("note_fix")?,
        note_fix_due: c.opt_int("note_fix_due")?,
        note_owner: c.opt_text("note_owner")?,
        timeline_written_at: c.opt_int("timeline_written_at")?,
        note_written_at: c.opt_int("note_written_at")?,
        impact_checked_at: c.opt_int("impact_checked_at")?,
        prevention_checked_at: c.opt_int("prevention_checked_at")?,
        cadence_kind: c.text("cadence_kind")?,
        cadence_minutes: c.opt_int("cadence_minutes")?,
        next_update_at: c.opt_int("next_update_at")?,
        owner_id: c.opt_text("owner_id")?,
        visibility: c.text("visibility")?,
        updates_stored: u64::try_from(c.int("updates_stored")?)
            .map_err(|e| corrupt("updates_stored", e))?,
        children: serde_json::from_str(&c.text("children")?).map_err(|e| corrupt("children", e))?,
    })
}

pub fn decode(c: &Cols<'_>) -> Result<Mistake, StoreError> {
    let mut d = read_doc(c)?;
    let k = &mut d.children;
    // Children come unordered (an ORDER BY inside an aggregate costs SQLite
    // a temporary table per list, per read); their order is put here.
    k.timeline.sort_unstable_by_key(|t| t.0);
    k.revisions.sort_unstable_by_key(|r| r.4);
    k.updates.sort_unstable_by_key(|u| (u.1, u.0));
    k.transitions.sort_unstable_by_key(|t| t.0);
    k.prevention.sort_unstable_by_key(|p| p.0);
    k.commits.sort_by_key(|c| c.0 != "hotfix");
    let at = |v: i64, column: &'static str| {
        Timestamp::from_millisecond(v).map_err(|_| corrupt(column, v))
    };
    let opt_at = |v: Option<i64>, column: &'static str| v.map(|v| at(v, column)).transpose();
    let revisions = std::mem::take(&mut d.children.revisions);
    let mut corrections = std::mem::take(&mut d.children.corrections);
    corrections.sort_by_key(|c| c.4);
    let older_updates = d
        .updates_stored
        .saturating_sub(d.children.updates.len() as u64);
    Ok(Mistake {
        id: MistakeId::parse(&d.id).map_err(|_| corrupt("id", &d.id))?,
        owner: match &d.owner_id {
            Some(o) => Some(UserId::parse(o).map_err(|_| corrupt("owner_id", o))?),
            None => None,
        },
        visibility: named(&d.visibility, "visibility")?,
        version: d.version,
        title: d.title,
        what: d.what,
        affected: d.affected,
        severity: named(&d.severity, "severity")?,
        state: named(&d.state, "state")?,
        started_at: opt_at(d.started_at, "started_at")?,
        detected_at: at(d.detected_at, "detected_at")?,
        created_at: at(d.created_at, "created_at")?,
        updated_at: at(d.updated_at, "updated_at")?,
        heads_up: HeadsUp {
            text: d.heads_up_text,
            doing: d.heads_up_doing,
            edited: d.heads_up_edited,
            sent_at: opt_at(d.heads_up_sent_at, "heads_up_sent_at")?,
            sent_to: d.heads_up_sent_to,
        },
        note: FollowUpNote {
            impact: Impact {
                who: d.impact_who,
                how_many: d.impact_how_many,
                since: opt_at(d.impact_since, "impact_since")?,
                what_wrong: d.impact_what_wrong,
            },
            containment: d.note_containment,
            fix: d.note_fix,
            fix_due: opt_at(d.note_fix_due, "note_fix_due")?,
            prevention: d
                .children
                .prevention
                .into_iter()
                .map(|(_, kind, text)| {
                    Ok(PreventionItem {
                        kind: named(&kind, "prevention_items.kind")?,
                        text,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            owner: d.note_owner,
        },
        timeline_written_at: opt_at(d.timeline_written_at, "timeline_written_at")?,
        note_written_at: opt_at(d.note_written_at, "note_written_at")?,
        impact_checked_at: opt_at(d.impact_checked_at, "impact_checked_at")?,
        prevention_checked_at: opt_at(d.prevention_checked_at, "prevention_checked_at")?,
        cadence: cadence(&d.cadence_kind, d.cadence_minutes, "cadence_kind")?,
        next_update_at: opt_at(d.next_update_at, "next_update_at")?,
        timeline: d
            .children
            .timeline
            .into_iter()
            .map(|(id, happened, text, starred, recorded, removed)| {
                let earlier = revisions
                    .iter()
                    .filter(|r| r.0 == id)
                    .map(|(_, happened, text, replaced, _)| {
                        Ok(EntryVersion {
                            at: at(*happened, "timeline_revisions.happened_at")?,
                            text: text.clone(),
                            replaced_at: at(*replaced, "timeline_revisions.replaced_at")?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?;
                Ok(TimelineEntry {
                    id,
                    at: at(happened, "timeline_entries.happened_at")?,
                    text,
                    starred: starred.0,
                    recorded_at: at(recorded, "timeline_entries.recorded_at")?,
                    removed_at: opt_at(removed, "timeline_entries.removed_at")?,
                    earlier,
                })
            })
            .collect::<Result<_, StoreError>>()?,
        updates: d
            .children
            .updates
            .into_iter()
            .map(|(id, posted, text)| {
                Ok(ProgressUpdate {
                    id,
                    at: at(posted, "progress_updates.posted_at")?,
                    text,
                })
            })
            .collect::<Result<_, StoreError>>()?,
        older_updates,
        transitions: d
            .children
            .transitions
            .into_iter()
            .map(|(_, from, to, moved)| {
                Ok(Transition {
                    from: named(&from, "transitions.from_state")?,
                    to: named(&to, "transitions.to_state")?,
                    at: at(moved, "transitions.moved_at")?,
                })
            })
            .collect::<Result<_, StoreError>>()?,
        commits: d
            .children
            .commits
            .into_iter()
            .map(
                |(role, sha, url, message, author, committed, repo, linked)| {
                    Ok(LinkedCommit {
                        role: named(&role, "linked_commits.role")?,
                        sha,
                        url,
                        message,
                        author,
                        committed_at: opt_at(committed, "linked_commits.committed_at")?,
                        repo,
                        linked_at: at(linked, "linked_commits.linked_at")?,
                    })
                },
            )
            .collect::<Result<_, StoreError>>()?,
        time_corrections: corrections
            .into_iter()
            .map(|(field, earlier, later, corrected, _)| {
                Ok(TimeCorrection {
                    field: named(&field, "time_corrections.field")?,
                    earlier: opt_at(earlier, "time_corrections.earlier_at")?,
                    later: at(later, "time_corrections.later_at")?,
                    corrected_at: at(corrected, "time_corrections.corrected_at")?,
                })
            })
            .collect::<Result<_, StoreError>>()?,
    })
}
