//! Mistake operations over `/api/v1/mistakes`. The server runs the domain
//! operation and answers with the record (`MistakeView`: the mistake plus
//! what is derived from it), which is also what `--json` prints.

use super::Remote;
use super::commit_warning::Warning;
use super::http::{Answer, Failure};
use crate::backend::{
    Backend, HeadsUpChange, Linked, Listing, NewEntry, Record, Snooze, UpdatePlan, snooze_from,
};
use crate::error::{CliError, Result};
use crate::sharing::{Comment, IssuedLink, Link as ShareLink, Sharing};
use jiff::{Timestamp, Zoned};
use rebound_domain::commit_check::CommitWarning;
use rebound_domain::{
    Cadence, Checkbox, DomainError, EntryEdit, FollowUpNote, LinkedCommit, Mistake, MistakeId,
    NewMistake, Revision, State,
};
use rebound_store::{StoreError, UpdatePage};
use reqwest::Method;
use serde_json::{Value, json};

fn path(id: &MistakeId, rest: &str) -> String {
    format!("/api/v1/mistakes/{id}{rest}")
}

/// A serde name (`"impact"`, `"hotfix"`, …) for a URL path segment.
fn name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Remote {
    /// One request about mistake `id`; a 404 says it has no such mistake,
    /// exactly as the local database would.
    pub(super) async fn call(
        &self,
        method: Method,
        id: &MistakeId,
        rest: &str,
        body: Option<Value>,
    ) -> Result<Answer> {
        self.call_at(method, id, rest, body, None).await
    }

    /// `call`, applied only to `version` of the mistake (`If-Match`).
    pub(super) async fn call_at(
        &self,
        method: Method,
        id: &MistakeId,
        rest: &str,
        body: Option<Value>,
        version: Option<i64>,
    ) -> Result<Answer> {
        let path = path(id, rest);
        match self
            .http
            .call_at(method, &path, body.as_ref(), version)
            .await
        {
            Ok(answer) => Ok(answer),
            Err(Failure::NotFound(m)) if m != "no such endpoint" => {
                Err(StoreError::NotFound(id.clone()).into())
            }
            Err(f) => Err(self.http.fail(f)),
        }
    }

    /// `call`, answered with the record.
    async fn send(
        &self,
        method: Method,
        id: &MistakeId,
        rest: &str,
        body: Option<Value>,
    ) -> Result<Record> {
        let answer = self.call(method, id, rest, body).await?;
        self.record(answer.body)
    }

    pub(super) fn unreadable(&self) -> CliError {
        CliError::Server(format!(
            "the server at {} answered in a way this version of rebound cannot read: upgrade rebound",
            self.http.server()
        ))
    }

    /// The server's record as the mistake and the JSON `--json` prints (the
    /// record alone, as in local mode: extras such as warnings are taken out).
    pub(super) fn record(&self, mut json: Value) -> Result<Record> {
        if let Some(o) = json.as_object_mut() {
            o.remove("heads_up_missing");
            o.remove("warnings");
        }
        let mistake =
            serde_json::from_value::<Mistake>(json.clone()).map_err(|_| self.unreadable())?;
        Ok(Record { mistake, json })
    }

    async fn schedule(
        &self,
        id: &MistakeId,
        cadence: Option<Cadence>,
        snooze_until: Option<Timestamp>,
    ) -> Result<Record> {
        let body = json!({ "cadence": cadence, "snooze_until": snooze_until });
        self.send(Method::PUT, id, "/schedule", Some(body)).await
    }
}

impl Backend for Remote {
    fn now(&self) -> &Zoned {
        &self.now
    }

    async fn get(&self, id: &MistakeId) -> Result<Record> {
        self.send(Method::GET, id, "", None).await
    }

    async fn get_whole(&self, id: &MistakeId) -> Result<Record> {
        // The JSON export is the record read whole, through the same guard.
        self.send(Method::GET, id, "/export?format=json", None)
            .await
    }

    async fn updates(&self, id: &MistakeId, before: Option<i64>, limit: u32) -> Result<UpdatePage> {
        self.update_page(id, before, limit).await
    }

    async fn me(&self) -> Result<Option<rebound_domain::UserId>> {
        Ok(Some(super::account::me(&self.http).await?.id))
    }

    async fn list(&self, all: bool) -> Result<Listing> {
        let answer = self
            .http
            .get(&format!("/api/v1/mistakes?all={all}"))
            .await
            .map_err(|f| self.http.fail(f))?;
        let items = answer.body["mistakes"]
            .as_array()
            .ok_or_else(|| self.unreadable())?;
        let mut mistakes = Vec::new();
        for item in items {
            mistakes.push(self.record(item.clone())?.mistake);
        }
        let owners = (answer.body["owners"].as_array().into_iter().flatten())
            .filter_map(|o| {
                let id = rebound_domain::UserId::parse(o["id"].as_str()?).ok()?;
                Some((id, o["name"].as_str()?.to_string()))
            })
            .collect();
        Ok(Listing {
            mistakes,
            json: answer.body,
            owners,
        })
    }

    async fn create(&self, input: NewMistake) -> Result<Record> {
        let mut body = json!({
            "title": input.title,
            "what": input.what,
            "affected": input.affected,
            "severity": input.severity,
            "detected_at": input.detected_at,
            "started_at": input.started_at,
            "doing": input.doing,
        });
        if let Some(v) = input.visibility {
            body["visibility"] = json!(v);
        }
        let answer = self
            .http
            .call(Method::POST, "/api/v1/mistakes", Some(&body))
            .await
            .map_err(|f| self.http.fail(f))?;
        self.record(answer.body)
    }

    async fn revise(&self, id: &MistakeId, r: Revision) -> Result<Record> {
        let body = json!({
            "title": r.title,
            "what": r.what,
            "affected": r.affected,
            "severity": r.severity,
            "detected_at": r.detected_at,
            "started_at": r.started_at,
            "visibility": r.visibility,
        });
        self.send(Method::PATCH, id, "", Some(body)).await
    }

    async fn edit_heads_up(&self, id: &MistakeId, change: HeadsUpChange) -> Result<Record> {
        let body = match change {
            HeadsUpChange::Doing(doing) => json!({ "doing": doing }),
            HeadsUpChange::Text(text) => json!({ "text": text }),
        };
        self.send(Method::PUT, id, "/heads-up", Some(body)).await
    }

    async fn mark_sent(
        &self,
        id: &MistakeId,
        at: Option<Timestamp>,
        to: Option<String>,
    ) -> Result<Record> {
        let body = json!({ "at": at, "to": to });
        self.send(Method::POST, id, "/heads-up/sent", Some(body))
            .await
    }

    async fn add_entry(&self, id: &MistakeId, e: NewEntry) -> Result<Record> {
        let body = json!({ "text": e.text, "at": e.at, "starred": e.starred });
        self.send(Method::POST, id, "/timeline", Some(body)).await
    }

    async fn star_entry(&self, id: &MistakeId, entry: i64, starred: bool) -> Result<Record> {
        let body = json!({ "starred": starred });
        let rest = format!("/timeline/{entry}");
        match self.send(Method::PATCH, id, &rest, Some(body)).await {
            // The server's 404 covers both; the mistake is there, so the entry is not.
            Err(CliError::Store(StoreError::NotFound(_))) => {
                self.get(id).await?;
                Err(DomainError::NoSuchEntry(entry).into())
            }
            other => other,
        }
    }

    async fn set_note(
        &self,
        id: &MistakeId,
        (note, read): (FollowUpNote, i64),
        next_update: Option<Timestamp>,
    ) -> Result<Record> {
        let body = serde_json::to_value(&note).map_err(|e| CliError::Io(e.to_string()))?;
        // Saved only over the version the note was worked out from.
        let answer = (self.call_at(Method::PUT, id, "/note", Some(body), Some(read))).await?;
        let saved = self.record(answer.body)?;
        match next_update {
            Some(at) => self.schedule(id, None, Some(at)).await,
            None => Ok(saved),
        }
    }

    async fn link_commit(&self, id: &MistakeId, c: LinkedCommit) -> Result<Linked> {
        let body = json!({
            "sha": c.sha,
            "url": c.url,
            "message": c.message,
            "author": c.author,
            "committed_at": c.committed_at,
            "repo": c.repo,
        });
        let rest = format!("/commits/{}", name(c.role));
        let mut answer = self.call(Method::PUT, id, &rest, Some(body)).await?;
        let warnings = answer.body["warnings"].take();
        let warnings = serde_json::from_value::<Vec<Warning>>(warnings)
            .unwrap_or_default()
            .into_iter()
            .map(|w| CommitWarning::from(w).to_string())
            .collect();
        Ok(Linked {
            record: self.record(answer.body)?,
            warnings,
        })
    }

    async fn set_check(&self, id: &MistakeId, checkbox: Checkbox, ticked: bool) -> Result<Record> {
        let method = if ticked { Method::PUT } else { Method::DELETE };
        let rest = format!("/checks/{}", name(checkbox));
        self.send(method, id, &rest, None).await
    }

    async fn move_to(&self, id: &MistakeId, to: State, at: Option<Timestamp>) -> Result<Record> {
        let body = json!({ "to": to, "at": at });
        self.send(Method::POST, id, "/transitions", Some(body))
            .await
    }

    /// Up to three requests, in the local order: the cadence, the update
    /// (which ends any snooze), then the snooze.
    async fn update(&self, id: &MistakeId, plan: UpdatePlan) -> Result<Record> {
        let mut last = None;
        let mut cadence = plan.cadence;
        if let Some(text) = plan.text {
            if let Some(c) = cadence.take() {
                self.schedule(id, Some(c), None).await?;
            }
            let body = json!({ "text": text });
            last = Some(self.send(Method::POST, id, "/updates", Some(body)).await?);
        }
        let until = match plan.snooze {
            None => None,
            Some(Snooze::Until(at)) => Some(at),
            Some(Snooze::For(d)) => {
                let mut m = match last.take() {
                    Some(r) => r.mistake,
                    None => self.get(id).await?.mistake,
                };
                if let Some(c) = cadence {
                    m.set_cadence(c);
                }
                Some(snooze_from(&m, &self.now) + d)
            }
        };
        if cadence.is_some() || until.is_some() {
            last = Some(self.schedule(id, cadence, until).await?);
        }
        match last {
            Some(r) => Ok(r),
            None => self.get(id).await,
        }
    }

    async fn stakeholders(&self, id: &MistakeId) -> Result<Sharing> {
        self.remote_stakeholders(id).await
    }

    async fn name_stakeholder(&self, id: &MistakeId, email: &str) -> Result<bool> {
        self.remote_name(id, email).await
    }

    async fn remove_stakeholder(&self, id: &MistakeId, email: &str) -> Result<()> {
        self.remote_unname(id, email).await
    }

    async fn comments(&self, id: &MistakeId) -> Result<Vec<Comment>> {
        self.remote_comments(id).await
    }

    async fn add_comment(
        &self,
        id: &MistakeId,
        body: &str,
        parent: Option<&str>,
    ) -> Result<Comment> {
        self.remote_comment(id, body, parent).await
    }

    async fn share_links(&self, id: &MistakeId) -> Result<Vec<ShareLink>> {
        self.remote_links(id).await
    }

    async fn issue_link(
        &self,
        id: &MistakeId,
        label: Option<&str>,
        expires: Option<Timestamp>,
    ) -> Result<IssuedLink> {
        self.remote_issue_link(id, label, expires).await
    }

    async fn revoke_link(&self, id: &MistakeId, link: &str) -> Result<()> {
        self.remote_revoke_link(id, link).await
    }

    async fn delete_mistake(&self, id: &MistakeId) -> Result<()> {
        self.remote_delete(id).await
    }

    async fn edit_entry(&self, id: &MistakeId, entry: i64, e: EntryEdit) -> Result<Record> {
        let body = json!({ "text": e.text, "at": e.at, "starred": e.starred });
        let rest = format!("/timeline/{entry}");
        let answer = self.send(Method::PATCH, id, &rest, Some(body)).await;
        self.entry_answer(id, entry, answer).await
    }

    async fn remove_entry(&self, id: &MistakeId, entry: i64) -> Result<Record> {
        let rest = format!("/timeline/{entry}");
        let answer = self.send(Method::DELETE, id, &rest, None).await;
        self.entry_answer(id, entry, answer).await
    }

    async fn export_data(&self, to: &mut std::fs::File) -> Result<u64> {
        self.download_export(to).await
    }
}

impl Remote {
    /// The server's 404 covers a missing mistake and a missing entry alike:
    /// when the mistake is there, the entry is not, as the local database says.
    async fn entry_answer(
        &self,
        id: &MistakeId,
        entry: i64,
        answer: Result<Record>,
    ) -> Result<Record> {
        match answer {
            Err(CliError::Store(StoreError::NotFound(_))) => {
                self.get(id).await?;
                Err(DomainError::NoSuchEntry(entry).into())
            }
            other => other,
        }
    }
}
