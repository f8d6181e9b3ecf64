//! The door to a person's private journal, beside the other personal
//! records (`reflections.rs`) and in the same style: theirs alone
//! (`access::allows_personal`), whoever asks — manager and admin included
//! — gets a 404 for anyone else's; every store call names the signed-in
//! person as owner; every entry read or written is an audit event (kind
//! and id, never content).

use super::Guard;
use crate::error::{ApiError, ApiResult};
use rebound_domain::access::{self, Action};
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;
use rebound_domain::{PersonalRecord, User};

const KIND: PersonalRecord = PersonalRecord::JournalEntry;

fn parse(id: &str) -> ApiResult<JournalEntryId> {
    JournalEntryId::parse(id).map_err(|_| ApiError::not_found())
}

impl Guard {
    fn my_entry(&self, user: &User, e: &JournalEntry) -> ApiResult<()> {
        if access::allows_personal(e.owner.as_ref(), &user.id) {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }

    pub async fn create_journal_entry(&self, user: &User, e: &JournalEntry) -> ApiResult<()> {
        self.my_entry(user, e)?;
        let event = self
            .audit
            .personal_event(&user.id, KIND, e.id.as_str(), Action::Create);
        Ok(self
            .audit
            .carrying(vec![event], self.backend.create_journal_entry(e))
            .await?)
    }

    pub async fn journal_entry(&self, user: &User, id: &str) -> ApiResult<JournalEntry> {
        let id = parse(id)?;
        let e = self.backend.journal_entry(Some(&user.id), &id).await?;
        self.my_entry(user, &e)?;
        self.audit
            .personal(&user.id, KIND, id.as_str(), Action::Read);
        Ok(e)
    }

    /// `user`'s entries matching `query` (every word, any case; `None`
    /// for all), newest first. Only those handed out are audited.
    pub async fn journal_entries(
        &self,
        user: &User,
        query: Option<&str>,
    ) -> ApiResult<Vec<JournalEntry>> {
        let all = self.backend.journal_entries(Some(&user.id)).await?;
        let found = rebound_domain::journal::search(all, query);
        for e in &found {
            self.my_entry(user, e)?;
            self.audit
                .personal(&user.id, KIND, e.id.as_str(), Action::Read);
        }
        Ok(found)
    }

    pub async fn update_journal_entry(&self, user: &User, e: &JournalEntry) -> ApiResult<()> {
        self.my_entry(user, e)?;
        let event = self
            .audit
            .personal_event(&user.id, KIND, e.id.as_str(), Action::Change);
        Ok(self
            .audit
            .carrying(vec![event], self.backend.update_journal_entry(e))
            .await?)
    }

    pub async fn delete_journal_entry(&self, user: &User, id: &str) -> ApiResult<()> {
        let id = parse(id)?;
        let event = self
            .audit
            .personal_event(&user.id, KIND, id.as_str(), Action::Change);
        Ok(self
            .audit
            .carrying(
                vec![event],
                self.backend.delete_journal_entry(Some(&user.id), &id),
            )
            .await?)
    }
}
