//! The journal in this machine's database: the same domain rules as the
//! server (the entry's limits, the prompt of the day in the system's time
//! zone, the search), stored with no owner as every personal record here.

use crate::backend::{Journaling, TodayPrompt};
use crate::context::{Ctx, random5};
use crate::error::{CliError, Result};
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::{self, JournalEntry};
use rebound_store::StoreError;

/// How often a freshly drawn id is drawn again when it is taken.
const DRAWS: usize = 5;

impl Journaling for Ctx {
    async fn prompt(&self) -> Result<TodayPrompt> {
        let p =
            journal::answerable(None, self.now.date()).map_err(|e| CliError::Io(e.to_string()))?;
        Ok(TodayPrompt {
            week: p.week,
            theme: p.theme.to_string(),
            text: p.text.to_string(),
            date: p.date,
        })
    }

    async fn journal_add(&self, text: &str, free: bool) -> Result<JournalEntry> {
        let prompt = if free {
            None
        } else {
            Some(
                journal::answerable(None, self.now.date())
                    .map_err(|e| CliError::Io(e.to_string()))?,
            )
        };
        let mut e = JournalEntry::new(
            JournalEntryId::from_random(random5()?),
            None,
            text,
            prompt,
            self.now.timestamp(),
        )?;
        let mut draws = 0;
        loop {
            match self.store.create_journal_entry(&e).await {
                Err(StoreError::AlreadyExists { .. }) if draws < DRAWS => {
                    draws += 1;
                    e.id = JournalEntryId::from_random(random5()?);
                }
                other => break other?,
            }
        }
        Ok(e)
    }

    async fn journal(&self, query: Option<&str>) -> Result<Vec<JournalEntry>> {
        let q = journal::search_query(query)?;
        let all = self.store.journal_entries(None).await?;
        Ok(journal::search(all, q.as_deref()))
    }

    async fn journal_entry(&self, id: &JournalEntryId) -> Result<JournalEntry> {
        Ok(self.store.journal_entry(None, id).await?)
    }

    async fn journal_delete(&self, id: &JournalEntryId) -> Result<()> {
        Ok(self.store.delete_journal_entry(None, id).await?)
    }
}
