//! The journal on the server, under `/api/v1/me/prompt` and
//! `/api/v1/me/journal`: today's prompt in the account's time zone, and
//! entries the server keeps its owner's alone (anyone else's id is a 404,
//! read here exactly like a missing one).

use super::Remote;
use super::learn::Missing;
use crate::backend::{Journaling, TodayPrompt};
use crate::error::Result;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;
use reqwest::{Method, Url};
use serde_json::{Value, json};

const WHAT: &str = "journal entry";

impl Journaling for Remote {
    async fn prompt(&self) -> Result<TodayPrompt> {
        let a = self
            .ask(Method::GET, "/api/v1/me/prompt", None, None)
            .await?;
        self.read(a.body)
    }

    async fn journal_add(&self, text: &str, free: bool) -> Result<JournalEntry> {
        let body = if free {
            json!({ "text": text })
        } else {
            json!({ "text": text, "prompt_date": "today" })
        };
        let a = self
            .ask(Method::POST, "/api/v1/me/journal", Some(body), None)
            .await?;
        self.read(a.body)
    }

    async fn journal(&self, query: Option<&str>) -> Result<Vec<JournalEntry>> {
        let mut url = Url::parse("http://x/api/v1/me/journal").expect("a valid address");
        if let Some(q) = query {
            url.query_pairs_mut().append_pair("q", q);
        }
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let mut a = self.ask(Method::GET, &path, None, None).await?;
        let Value::Array(items) = a.body["entries"].take() else {
            return Err(self.cannot_read());
        };
        items.into_iter().map(|v| self.read(v)).collect()
    }

    async fn journal_entry(&self, id: &JournalEntryId) -> Result<JournalEntry> {
        let path = format!("/api/v1/me/journal/{id}");
        let missing = Missing::Record {
            what: WHAT,
            id: id.as_str(),
        };
        let a = self.ask(Method::GET, &path, None, Some(missing)).await?;
        self.read(a.body)
    }

    async fn journal_delete(&self, id: &JournalEntryId) -> Result<()> {
        let path = format!("/api/v1/me/journal/{id}");
        let missing = Missing::Record {
            what: WHAT,
            id: id.as_str(),
        };
        self.ask(Method::DELETE, &path, None, Some(missing)).await?;
        Ok(())
    }
}
