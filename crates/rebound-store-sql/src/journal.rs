//! [`JournalStore`]: a person's private journal. Every statement names the
//! owner (`owner_id IS NOT DISTINCT FROM $n`, which also matches the NULL
//! owner of a personal database), so someone else's id finds nothing. An
//! entry is a JSON document with its key columns beside it; on reading, the
//! owner column wins.

use crate::accounts::exists;
use crate::prelude::*;
use crate::rows::{Cols, Columns, corrupt, doc};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;
use rebound_store::{JournalStore, StoreError};

const WHAT: &str = "journal entry";

fn not_found(id: &JournalEntryId) -> StoreError {
    StoreError::RecordNotFound {
        what: WHAT,
        id: id.to_string(),
    }
}

fn entry_row(row: &dyn Columns) -> Result<JournalEntry, StoreError> {
    let mut e: JournalEntry = Cols(row).doc("doc")?;
    e.owner = Cols(row)
        .opt_text("owner_id")?
        .map(|s| UserId::parse(&s).map_err(|_| corrupt("owner_id", &s)))
        .transpose()?;
    Ok(e)
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> JournalStore for SqlStore<D, H> {
    async fn create_journal_entry(&self, e: &JournalEntry) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        if let Some(u) = &e.owner
            && !exists(&mut tx, "SELECT 1 FROM users WHERE id = $1", u.as_str()).await?
        {
            nothing_done();
            return Err(StoreError::UserNotFound(u.clone()));
        }
        if exists(
            &mut tx,
            "SELECT 1 FROM journal_entries WHERE id = $1",
            e.id.as_str(),
        )
        .await?
        {
            nothing_done();
            return Err(StoreError::AlreadyExists {
                what: WHAT,
                id: e.id.to_string(),
            });
        }
        query::<D>(
            "INSERT INTO journal_entries (id, owner_id, created_at, updated_at, doc)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(e.id.as_str())
        .arg(e.owner.as_ref().map(UserId::as_str))
        .arg(e.created_at.as_millisecond())
        .arg(e.updated_at.as_millisecond())
        .arg(doc(e)?)
        .run(&mut *tx)
        .await?;
        commit_write(tx).await
    }

    async fn journal_entry(
        &self,
        owner: Option<&UserId>,
        id: &JournalEntryId,
    ) -> Result<JournalEntry, StoreError> {
        let row = query::<D>(
            "SELECT owner_id, doc FROM journal_entries
             WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(id.as_str())
        .arg(owner.map(UserId::as_str))
        .maybe_on(&self.pool)
        .await?
        .ok_or_else(|| not_found(id))?;
        entry_row(&row)
    }

    async fn journal_entries(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        let rows = query::<D>(
            "SELECT owner_id, doc FROM journal_entries WHERE owner_id IS NOT DISTINCT FROM $1
             ORDER BY created_at DESC, id",
        )
        .arg(owner.map(UserId::as_str))
        .all_on(&self.pool)
        .await?;
        rows.iter().map(|r| entry_row(r)).collect()
    }

    async fn update_journal_entry(&self, e: &JournalEntry) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        let done = query::<D>(
            "UPDATE journal_entries SET updated_at = $3, doc = $4
             WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(e.id.as_str())
        .arg(e.owner.as_ref().map(UserId::as_str))
        .arg(e.updated_at.as_millisecond())
        .arg(doc(e)?)
        .run(&mut *tx)
        .await?;
        if done == 0 {
            nothing_done();
            return Err(not_found(&e.id));
        }
        commit_write(tx).await
    }

    async fn delete_journal_entry(
        &self,
        owner: Option<&UserId>,
        id: &JournalEntryId,
    ) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        let done = query::<D>(
            "DELETE FROM journal_entries WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(id.as_str())
        .arg(owner.map(UserId::as_str))
        .run(&mut *tx)
        .await?;
        if done == 0 {
            nothing_done();
            return Err(not_found(id));
        }
        commit_write(tx).await
    }
}
