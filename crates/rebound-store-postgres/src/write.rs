//! Writing: `create` and `save`, each one transaction. The mistake's own
//! fields (note, prevention items and commits included) are written whole
//! from the aggregate; timeline entries, updates and transitions are only
//! ever appended (or starred), from the `Change`s an operation returned.

use crate::read::{self, Scope};
use crate::rows::{backend, cadence_columns, ms, opt_ms};
use rebound_domain::{Change, Mistake, MistakeId, Transition};
use rebound_store::StoreError;
use sqlx::{PgConnection, PgPool};

/// A change that cannot apply to the stored mistake.
#[derive(Debug, thiserror::Error)]
#[error("mistake {mistake} has no timeline entry {entry}; nothing was saved")]
struct ForeignEntry {
    mistake: MistakeId,
    entry: i64,
}

/// Stores a new mistake with everything on it. Timeline entries and
/// updates already on it get ids from the store (theirs are ignored).
pub(crate) async fn create(pool: &PgPool, m: &Mistake) -> Result<(), StoreError> {
    let mut tx = pool.begin().await.map_err(backend)?;
    // ON CONFLICT rather than catching a unique violation: a duplicate in a
    // child table must not be mistaken for a taken id.
    let inserted = bind_fields(
        sqlx::query(
            "INSERT INTO mistakes (
            title, what, affected, severity, state, started_at, detected_at, created_at,
            updated_at, heads_up_text, heads_up_doing, heads_up_edited, heads_up_sent_at,
            heads_up_sent_to, impact_who, impact_how_many, impact_since, impact_what_wrong,
            note_containment, note_fix, note_fix_due, note_owner, timeline_written_at,
            note_written_at, impact_checked_at, prevention_checked_at, cadence_kind,
            cadence_minutes, next_update_at, owner_id, visibility, id, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)
         ON CONFLICT (id) DO NOTHING",
        ),
        m,
    )
    .bind(m.id.as_str())
    .bind(m.version)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        return Err(StoreError::IdTaken(m.id.clone()));
    }
    write_owned_children(&mut tx, m).await?;
    for e in &m.timeline {
        insert_timeline(&mut tx, &m.id, e.at, &e.text, e.starred, e.recorded_at).await?;
    }
    for u in &m.updates {
        insert_update(&mut tx, &m.id, u.at, &u.text).await?;
    }
    for t in &m.transitions {
        insert_transition(&mut tx, &m.id, t).await?;
    }
    tx.commit().await.map_err(backend)
}

pub(crate) async fn save(
    pool: &PgPool,
    m: &Mistake,
    changes: &[Change],
) -> Result<Mistake, StoreError> {
    // Dropping `tx` on any early return rolls everything back.
    let mut tx = pool.begin().await.map_err(backend)?;
    // The version check and the write are one statement, and it locks the
    // row until commit: a second saver from the same version waits, then
    // (READ COMMITTED re-checks the WHERE on the committed row) updates
    // nothing and gets `Conflict`. Everything below runs behind that lock.
    let updated = bind_fields(
        sqlx::query(
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
        ),
        m,
    )
    .bind(m.id.as_str())
    .bind(m.version)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if updated.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 FROM mistakes WHERE id = $1")
            .bind(m.id.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        return Err(match exists {
            Some(_) => StoreError::Conflict(m.id.clone()),
            None => StoreError::NotFound(m.id.clone()),
        });
    }
    for table in [
        "DELETE FROM prevention_items WHERE mistake_id = $1",
        "DELETE FROM linked_commits WHERE mistake_id = $1",
    ] {
        sqlx::query(table)
            .bind(m.id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    }
    write_owned_children(&mut tx, m).await?;
    for change in changes {
        apply(&mut tx, &m.id, change).await?;
    }
    let stored = read::load(&mut tx, Scope::One(&m.id)).await?.pop();
    tx.commit().await.map_err(backend)?;
    stored.ok_or_else(|| StoreError::NotFound(m.id.clone()))
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>;

/// Binds $1..$31: every scalar field, in the order both statements list them.
fn bind_fields<'q>(q: Query<'q>, m: &Mistake) -> Query<'q> {
    let (cadence_kind, cadence_minutes) = cadence_columns(m.cadence);
    let note = &m.note;
    q.bind(m.title.as_str())
        .bind(m.what.as_deref())
        .bind(m.affected.as_deref())
        .bind(m.severity.as_str())
        .bind(m.state.as_str())
        .bind(opt_ms(m.started_at))
        .bind(ms(m.detected_at))
        .bind(ms(m.created_at))
        .bind(ms(m.updated_at))
        .bind(m.heads_up.text.as_str())
        .bind(m.heads_up.doing.as_deref())
        .bind(m.heads_up.edited)
        .bind(opt_ms(m.heads_up.sent_at))
        .bind(m.heads_up.sent_to.as_deref())
        .bind(note.impact.who.as_deref())
        .bind(note.impact.how_many.as_deref())
        .bind(opt_ms(note.impact.since))
        .bind(note.impact.what_wrong.as_deref())
        .bind(note.containment.as_deref())
        .bind(note.fix.as_deref())
        .bind(opt_ms(note.fix_due))
        .bind(note.owner.as_deref())
        .bind(opt_ms(m.timeline_written_at))
        .bind(opt_ms(m.note_written_at))
        .bind(opt_ms(m.impact_checked_at))
        .bind(opt_ms(m.prevention_checked_at))
        .bind(cadence_kind)
        .bind(cadence_minutes)
        .bind(opt_ms(m.next_update_at))
        .bind(m.owner.as_ref().map(|o| o.as_str().to_string()))
        .bind(m.visibility.as_str())
}

/// Prevention items and commits: owned by the aggregate, written whole.
async fn write_owned_children(conn: &mut PgConnection, m: &Mistake) -> Result<(), StoreError> {
    for (position, item) in (0_i64..).zip(&m.note.prevention) {
        sqlx::query("INSERT INTO prevention_items (mistake_id, position, kind, body) VALUES ($1, $2, $3, $4)")
            .bind(m.id.as_str())
            .bind(position)
            .bind(item.kind.as_str())
            .bind(item.text.as_str())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    for c in &m.commits {
        sqlx::query(
            "INSERT INTO linked_commits
                (mistake_id, role, sha, url, message, author, committed_at, repo, linked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(m.id.as_str())
        .bind(c.role.as_str())
        .bind(c.sha.as_deref())
        .bind(c.url.as_deref())
        .bind(c.message.as_deref())
        .bind(c.author.as_deref())
        .bind(opt_ms(c.committed_at))
        .bind(c.repo.as_deref())
        .bind(ms(c.linked_at))
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

async fn apply(conn: &mut PgConnection, id: &MistakeId, change: &Change) -> Result<(), StoreError> {
    match change {
        Change::TimelineAdded {
            at,
            text,
            starred,
            recorded_at,
        } => insert_timeline(conn, id, *at, text, *starred, *recorded_at).await,
        Change::TimelineStarred { entry_id, starred } => {
            // The mistake_id condition keeps one mistake from touching
            // another's entries.
            let done = sqlx::query(
                "UPDATE timeline_entries SET starred = $1 WHERE id = $2 AND mistake_id = $3",
            )
            .bind(*starred)
            .bind(*entry_id)
            .bind(id.as_str())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Backend(Box::new(ForeignEntry {
                    mistake: id.clone(),
                    entry: *entry_id,
                })));
            }
            Ok(())
        }
        Change::UpdatePosted { at, text } => insert_update(conn, id, *at, text).await,
        Change::Transitioned(t) => insert_transition(conn, id, t).await,
    }
}

async fn insert_timeline(
    conn: &mut PgConnection,
    id: &MistakeId,
    at: jiff::Timestamp,
    text: &str,
    starred: bool,
    recorded_at: jiff::Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO timeline_entries (mistake_id, happened_at, body, starred, recorded_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.as_str())
    .bind(ms(at))
    .bind(text)
    .bind(starred)
    .bind(ms(recorded_at))
    .execute(conn)
    .await
    .map(drop)
    .map_err(backend)
}

async fn insert_update(
    conn: &mut PgConnection,
    id: &MistakeId,
    at: jiff::Timestamp,
    text: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO progress_updates (mistake_id, posted_at, body) VALUES ($1, $2, $3)")
        .bind(id.as_str())
        .bind(ms(at))
        .bind(text)
        .execute(conn)
        .await
        .map(drop)
        .map_err(backend)
}

/// Appends after the mistake's last transition; seq keeps the order of
/// steps taken at the same instant. In `save` this runs after the versioned
/// UPDATE locked the mistake's row, so no concurrent saver reads the same
/// MAX(seq); in `create` the mistake is not visible to anyone yet.
async fn insert_transition(
    conn: &mut PgConnection,
    id: &MistakeId,
    t: &Transition,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO transitions (mistake_id, seq, from_state, to_state, moved_at)
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM transitions WHERE mistake_id = $1",
    )
    .bind(id.as_str())
    .bind(t.from.as_str())
    .bind(t.to.as_str())
    .bind(ms(t.at))
    .execute(conn)
    .await
    .map(drop)
    .map_err(backend)
}
