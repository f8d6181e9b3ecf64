//! Writing: `create` and `save`, each one transaction. The mistake's own
//! fields (note, prevention items and commits included) are written whole
//! from the aggregate; timeline entries, updates and transitions are only
//! ever appended (or starred, edited with the earlier wording kept, marked
//! removed), from the `Change`s an operation returned.

use crate::prelude::*;
use crate::read;
use crate::rows::{cadence_columns, ms, opt_ms};
use crate::stmt::{Arg, Stmt};
use rebound_domain::{Change, Mistake, MistakeId, Transition};
use rebound_store::StoreError;

/// A change that cannot apply to the stored mistake.
#[derive(Debug, thiserror::Error)]
#[error("mistake {mistake} has no timeline entry {entry} to change; nothing was saved")]
struct ForeignEntry {
    mistake: MistakeId,
    entry: i64,
}

/// Stores a new mistake with everything on it, and what the call carries
/// in the same transaction. Timeline entries and updates already on it get
/// ids from the store (theirs are ignored).
pub(crate) async fn create<D: Dialect>(pool: &Pool<D>, m: &Mistake) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    crate::stmt::run_all::<D>(&mut tx, create_statements::<D>(m)).await?;
    commit_write(tx).await
}

/// The statements that store the new mistake `m` (not what the call
/// carries): the first fails with `IdTaken` when the id is.
pub fn create_statements<D: Dialect>(m: &Mistake) -> Vec<Stmt> {
    // ON CONFLICT rather than catching a unique violation: a duplicate in a
    // child table must not be mistaken for a taken id.
    let mut row = Stmt::new(
        "INSERT INTO mistakes (
            title, what, affected, severity, state, started_at, detected_at, created_at,
            updated_at, heads_up_text, heads_up_doing, heads_up_edited, heads_up_sent_at,
            heads_up_sent_to, impact_who, impact_how_many, impact_since, impact_what_wrong,
            note_containment, note_fix, note_fix_due, note_owner, timeline_written_at,
            note_written_at, impact_checked_at, prevention_checked_at, cadence_kind,
            cadence_minutes, next_update_at, owner_id, visibility, id, version, children)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33,
            $34)
         ON CONFLICT (id) DO NOTHING",
    )
    .unless_changed(StoreError::IdTaken(m.id.clone()));
    row.args = fields(m);
    let mut children = owned_children(m);
    // A new record's entries have no history yet: only the entry is kept.
    children.extend(
        (m.timeline.iter()).map(|e| timeline_entry(&m.id, e.at, &e.text, e.starred, e.recorded_at)),
    );
    children.extend(m.updates.iter().map(|u| update(&m.id, u.at, &u.text)));
    children.extend(m.transitions.iter().map(|t| transition(&m.id, t)));
    // A mistake is nearly always new with no child rows, and then its
    // document is known without asking: written with the row, where a
    // rebuild after it cost PostgreSQL a second version of the row and the
    // aggregate's set-up (POSTs 0.65 → 0.38-0.48× `pgbench -N`).
    let known = children.is_empty().then_some("[]");
    let mut stmts = vec![row.arg(m.id.as_str()).arg(m.version).arg(known)];
    if !children.is_empty() {
        stmts.extend(children);
        stmts.push(refresh_children::<D>(&m.id));
    }
    stmts
}

/// The last statement of every write of a mistake: its kept children
/// document rebuilt from the rows the statements before it left
/// (`children.rs`).
fn refresh_children<D: Dialect>(id: &MistakeId) -> Stmt {
    Stmt::new(D::statements().refresh_children).arg(id.as_str())
}

/// Saves `m` with `changes` and what the call carries, all in one
/// transaction.
pub(crate) async fn save<D: Dialect>(
    pool: &Pool<D>,
    m: &Mistake,
    changes: &[Change],
) -> Result<Mistake, StoreError> {
    // Dropping `tx` on any early return rolls everything back.
    let mut tx = begin_write(pool).await?;
    match crate::stmt::run_all::<D>(&mut tx, save_statements::<D>(m, changes)).await {
        Err(StoreError::Conflict(id)) => {
            let exists = query::<D>("SELECT 1 FROM mistakes WHERE id = $1")
                .arg(id.as_str())
                .maybe(&mut *tx)
                .await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict(id),
                None => StoreError::NotFound(id),
            });
        }
        done => done?,
    };
    let stored = read::one_in(&mut tx, &m.id).await?;
    commit_write(tx).await?;
    stored.ok_or_else(|| StoreError::NotFound(m.id.clone()))
}

/// The statements that save `m` with `changes` (not what the call carries,
/// nor the read back): the first fails with `Conflict` when the stored
/// version is not `m.version` or the mistake is gone (the caller tells
/// which).
pub fn save_statements<D: Dialect>(m: &Mistake, changes: &[Change]) -> Vec<Stmt> {
    // The version check and the write are one statement, and it locks the
    // row until commit: a second saver from the same version waits (SQLite:
    // for the write lock; PostgreSQL: READ COMMITTED re-checks the WHERE on
    // the committed row), then updates nothing and gets `Conflict`.
    // Everything after it runs behind that lock.
    let mut update = Stmt::new(
        "UPDATE mistakes SET
            title = $1, what = $2, affected = $3, severity = $4, state = $5, started_at = $6,
            detected_at = $7, created_at = $8, updated_at = $9, heads_up_text = $10,
            heads_up_doing = $11, heads_up_edited = $12, heads_up_sent_at = $13,
            heads_up_sent_to = $14, impact_who = $15, impact_how_many = $16, impact_since = $17,
            impact_what_wrong = $18, note_containment = $19, note_fix = $20, note_fix_due = $21,
            note_owner = $22, timeline_written_at = $23, note_written_at = $24,
            impact_checked_at = $25, prevention_checked_at = $26, cadence_kind = $27,
            cadence_minutes = $28, next_update_at = $29, owner_id = $30, visibility = $31,
            version = version + 1
         WHERE id = $32 AND version = $33",
    )
    .unless_changed(StoreError::Conflict(m.id.clone()));
    update.args = fields(m);
    let mut stmts = vec![update.arg(m.id.as_str()).arg(m.version)];
    for table in [
        "DELETE FROM prevention_items WHERE mistake_id = $1",
        "DELETE FROM linked_commits WHERE mistake_id = $1",
    ] {
        stmts.push(Stmt::new(table).arg(m.id.as_str()));
    }
    stmts.extend(owned_children(m));
    for change in changes {
        stmts.extend(apply(&m.id, change));
    }
    stmts.push(refresh_children::<D>(&m.id));
    stmts
}

/// $1..$31: every scalar field, in the order both statements list them.
fn fields(m: &Mistake) -> Vec<Arg> {
    let (cadence_kind, cadence_minutes) = cadence_columns(m.cadence);
    let note = &m.note;
    vec![
        m.title.as_str().into(),
        m.what.as_deref().into(),
        m.affected.as_deref().into(),
        m.severity.as_str().into(),
        m.state.as_str().into(),
        opt_ms(m.started_at).into(),
        ms(m.detected_at).into(),
        ms(m.created_at).into(),
        ms(m.updated_at).into(),
        m.heads_up.text.as_str().into(),
        m.heads_up.doing.as_deref().into(),
        m.heads_up.edited.into(),
        opt_ms(m.heads_up.sent_at).into(),
        m.heads_up.sent_to.as_deref().into(),
        note.impact.who.as_deref().into(),
        note.impact.how_many.as_deref().into(),
        opt_ms(note.impact.since).into(),
        note.impact.what_wrong.as_deref().into(),
        note.containment.as_deref().into(),
        note.fix.as_deref().into(),
        opt_ms(note.fix_due).into(),
        note.owner.as_deref().into(),
        opt_ms(m.timeline_written_at).into(),
        opt_ms(m.note_written_at).into(),
        opt_ms(m.impact_checked_at).into(),
        opt_ms(m.prevention_checked_at).into(),
        cadence_kind.into(),
        cadence_minutes.into(),
        opt_ms(m.next_update_at).into(),
        m.owner.as_ref().map(|o| o.as_str()).into(),
        m.visibility.as_str().into(),
    ]
}

/// Prevention items and commits: owned by the aggregate, written whole.
fn owned_children(m: &Mistake) -> Vec<Stmt> {
    let items = (0_i64..).zip(&m.note.prevention).map(|(position, item)| {
        Stmt::new(
            "INSERT INTO prevention_items (mistake_id, position, kind, body) VALUES ($1, $2, $3, $4)",
        )
        .arg(m.id.as_str())
        .arg(position)
        .arg(item.kind.as_str())
        .arg(item.text.as_str())
    });
    let commits = m.commits.iter().map(|c| {
        Stmt::new(
            "INSERT INTO linked_commits
                (mistake_id, role, sha, url, message, author, committed_at, repo, linked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .arg(m.id.as_str())
        .arg(c.role.as_str())
        .arg(c.sha.as_deref())
        .arg(c.url.as_deref())
        .arg(c.message.as_deref())
        .arg(c.author.as_deref())
        .arg(opt_ms(c.committed_at))
        .arg(c.repo.as_deref())
        .arg(ms(c.linked_at))
    });
    items.chain(commits).collect()
}

/// The statements of one change.
fn apply(id: &MistakeId, change: &Change) -> Vec<Stmt> {
    // A change to an entry must touch exactly that mistake's (live) entry:
    // the mistake_id condition keeps one mistake from touching another's.
    let own_entry = |entry: i64| {
        StoreError::Backend(Box::new(ForeignEntry {
            mistake: id.clone(),
            entry,
        }))
    };
    match change {
        Change::TimelineAdded {
            at,
            text,
            starred,
            recorded_at,
        } => vec![timeline_entry(id, *at, text, *starred, *recorded_at)],
        Change::TimelineStarred { entry_id, starred } => vec![
            Stmt::new("UPDATE timeline_entries SET starred = $1 WHERE id = $2 AND mistake_id = $3")
                .arg(*starred)
                .arg(*entry_id)
                .arg(id.as_str())
                .unless_changed(own_entry(*entry_id)),
        ],
        Change::TimelineEdited {
            entry_id,
            at,
            text,
            earlier,
        } => vec![
            Stmt::new(
                "UPDATE timeline_entries SET happened_at = $1, body = $2
                 WHERE id = $3 AND mistake_id = $4 AND removed_at IS NULL",
            )
            .arg(ms(*at))
            .arg(text.as_str())
            .arg(*entry_id)
            .arg(id.as_str())
            .unless_changed(own_entry(*entry_id)),
            Stmt::new(
                "INSERT INTO timeline_revisions (entry_id, mistake_id, happened_at, body, replaced_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .arg(*entry_id)
            .arg(id.as_str())
            .arg(ms(earlier.at))
            .arg(earlier.text.as_str())
            .arg(ms(earlier.replaced_at)),
        ],
        Change::TimelineRemoved {
            entry_id,
            removed_at,
        } => vec![
            Stmt::new(
                "UPDATE timeline_entries SET removed_at = $1
                 WHERE id = $2 AND mistake_id = $3 AND removed_at IS NULL",
            )
            .arg(ms(*removed_at))
            .arg(*entry_id)
            .arg(id.as_str())
            .unless_changed(own_entry(*entry_id)),
        ],
        Change::UpdatePosted { at, text } => vec![update(id, *at, text)],
        Change::Transitioned(t) => vec![transition(id, t)],
        Change::TimeCorrected(c) => vec![
            Stmt::new(
                "INSERT INTO time_corrections (mistake_id, field, earlier_at, later_at, corrected_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .arg(id.as_str())
            .arg(c.field.as_str())
            .arg(opt_ms(c.earlier))
            .arg(ms(c.later))
            .arg(ms(c.corrected_at)),
        ],
    }
}

fn timeline_entry(
    id: &MistakeId,
    at: jiff::Timestamp,
    text: &str,
    starred: bool,
    recorded_at: jiff::Timestamp,
) -> Stmt {
    Stmt::new(
        "INSERT INTO timeline_entries (mistake_id, happened_at, body, starred, recorded_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .arg(id.as_str())
    .arg(ms(at))
    .arg(text)
    .arg(starred)
    .arg(ms(recorded_at))
}

fn update(id: &MistakeId, at: jiff::Timestamp, text: &str) -> Stmt {
    Stmt::new("INSERT INTO progress_updates (mistake_id, posted_at, body) VALUES ($1, $2, $3)")
        .arg(id.as_str())
        .arg(ms(at))
        .arg(text)
}

/// Appends after the mistake's last transition; seq keeps the order of
/// steps taken at the same instant.
fn transition(id: &MistakeId, t: &Transition) -> Stmt {
    Stmt::new(
        "INSERT INTO transitions (mistake_id, seq, from_state, to_state, moved_at)
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM transitions WHERE mistake_id = $1",
    )
    .arg(id.as_str())
    .arg(t.from.as_str())
    .arg(t.to.as_str())
    .arg(ms(t.at))
}
