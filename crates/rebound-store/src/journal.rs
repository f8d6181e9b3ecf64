//! The boundary for a person's private journal (answers to the prompt a
//! day, and free entries). Like [`crate::ReflectionStore`], every method
//! names the owner, and someone else's entry is answered exactly like one
//! that does not exist (`RecordNotFound`). `owner` is `None` only in a
//! personal CLI database. Searching is the domain's
//! (`rebound_domain::journal::search`, Unicode case folding), over the
//! owner's entries.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;

#[async_trait]
pub trait JournalStore: Send + Sync {
    /// Stores a new entry. An unknown owner is `UserNotFound`, a drawn id
    /// already taken `AlreadyExists`.
    async fn create_journal_entry(&self, e: &JournalEntry) -> Result<(), StoreError>;

    async fn journal_entry(
        &self,
        owner: Option<&UserId>,
        id: &JournalEntryId,
    ) -> Result<JournalEntry, StoreError>;

    /// The owner's entries, newest first.
    async fn journal_entries(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Vec<JournalEntry>, StoreError>;

    /// Writes an edited entry whole, among its owner's (`e.owner`).
    async fn update_journal_entry(&self, e: &JournalEntry) -> Result<(), StoreError>;

    async fn delete_journal_entry(
        &self,
        owner: Option<&UserId>,
        id: &JournalEntryId,
    ) -> Result<(), StoreError>;
}
