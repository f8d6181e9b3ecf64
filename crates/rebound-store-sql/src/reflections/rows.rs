//! What the reflection statements share: owner binding, existence checks,
//! and decoding documents with their key columns beside them.

use crate::accounts::exists;
use crate::prelude::*;
use crate::rows::{Cols, Columns, corrupt, doc};
use rebound_domain::{DiagnosisFeedback, MistakeId, Principle, Reflection, ReflectionId, UserId};
use rebound_store::StoreError;

pub(super) fn owner_str(owner: Option<&UserId>) -> Option<&str> {
    owner.map(UserId::as_str)
}

pub(super) fn not_found(what: &'static str, id: &str) -> StoreError {
    StoreError::RecordNotFound {
        what,
        id: id.to_string(),
    }
}

pub(super) fn opt_id<T>(
    column: &'static str,
    v: Option<String>,
    parse: impl Fn(&str) -> Result<T, rebound_domain::InvalidId>,
) -> Result<Option<T>, StoreError> {
    v.map(|s| parse(&s).map_err(|_| corrupt(column, &s)))
        .transpose()
}

/// The owner and the mistake must exist; the id must be new.
pub(super) async fn check_new<D: Dialect>(
    conn: &mut Tx<D>,
    table_sql: &'static str,
    what: &'static str,
    id: &str,
    owner: Option<&UserId>,
    mistake: Option<&MistakeId>,
) -> Result<(), StoreError> {
    if let Some(u) = owner
        && !exists(conn, "SELECT 1 FROM users WHERE id = $1", u.as_str()).await?
    {
        return Err(StoreError::UserNotFound(u.clone()));
    }
    if let Some(m) = mistake
        && !exists(conn, "SELECT 1 FROM mistakes WHERE id = $1", m.as_str()).await?
    {
        return Err(StoreError::NotFound(m.clone()));
    }
    if exists(conn, table_sql, id).await? {
        return Err(StoreError::AlreadyExists {
            what,
            id: id.to_string(),
        });
    }
    Ok(())
}

pub(super) async fn put_feedback<D: Dialect>(
    conn: &mut Tx<D>,
    owner: Option<&UserId>,
    f: &DiagnosisFeedback,
) -> Result<(), StoreError> {
    query::<D>(
        "INSERT INTO diagnosis_feedback (reflection_id, owner_id, at, doc) VALUES ($1, $2, $3, $4)
         ON CONFLICT (reflection_id) DO UPDATE SET at = excluded.at, doc = excluded.doc",
    )
    .arg(f.reflection.as_str())
    .arg(owner_str(owner))
    .arg(f.at.as_millisecond())
    .arg(doc(f)?)
    .run(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) fn reflection_row(row: &dyn Columns) -> Result<Reflection, StoreError> {
    let mut r: Reflection = Cols(row).doc("doc")?;
    r.mistake = opt_id(
        "mistake_id",
        Cols(row).opt_text("mistake_id")?,
        MistakeId::parse,
    )?;
    r.owner = opt_id("owner_id", Cols(row).opt_text("owner_id")?, UserId::parse)?;
    Ok(r)
}

pub(crate) fn principle_row(row: &dyn Columns) -> Result<Principle, StoreError> {
    let mut p: Principle = Cols(row).doc("doc")?;
    p.mistake = opt_id(
        "mistake_id",
        Cols(row).opt_text("mistake_id")?,
        MistakeId::parse,
    )?;
    p.reflection = opt_id(
        "reflection_id",
        Cols(row).opt_text("reflection_id")?,
        ReflectionId::parse,
    )?;
    p.owner = opt_id("owner_id", Cols(row).opt_text("owner_id")?, UserId::parse)?;
    Ok(p)
}

/// The row `sql` finds for `$1 = id` among `$2 = owner`'s; someone else's
/// id, or none, is `RecordNotFound` naming `what`.
pub(super) async fn owned<D: Dialect>(
    pool: &Pool<D>,
    sql: &'static str,
    what: &'static str,
    id: &str,
    owner: Option<&UserId>,
) -> Result<D::Row, StoreError> {
    query::<D>(sql)
        .arg(id)
        .arg(owner_str(owner))
        .maybe_on(pool)
        .await?
        .ok_or_else(|| not_found(what, id))
}
