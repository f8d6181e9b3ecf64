//! The local backend: each operation loads the mistake from this machine's
//! database, runs the domain operation, and saves (one transaction).

use crate::backend::{
    Backend, HeadsUpChange, Linked, Listing, NewEntry, Record, Snooze, UpdatePlan, snooze_from,
};
use crate::context::{Ctx, new_id};
use crate::error::{CliError, Result};
use crate::sharing::{Comment, IssuedLink, Link as ShareLink, Sharing, needs_server};
use jiff::{Timestamp, Zoned};
use rebound_domain::commit_check::check_message;
use rebound_domain::{
    Change, Checkbox, EntryEdit, FollowUpNote, LinkedCommit, Mistake, MistakeId, NewMistake,
    Revision, State, export,
};
use rebound_store::{ListFilter, MISTAKE_TABLES, StoreError, UpdatePage};

impl Ctx {
    fn record(&self, mistake: Mistake) -> Record {
        Record {
            json: export::json(&mistake, &self.now),
            mistake,
        }
    }

    /// Load, change in memory, save: the shape of every write. `f` returns
    /// the appended rows; when it refuses, nothing is written.
    async fn change<F>(&self, id: &MistakeId, f: F) -> Result<Record>
    where
        F: FnOnce(&mut Mistake, &Zoned) -> Result<Vec<Change>>,
    {
        let mut m = self.store.get(id).await?;
        let changes = f(&mut m, &self.now)?;
        let saved = self.save(&m, &changes).await?;
        Ok(self.record(saved))
    }
}

impl Backend for Ctx {
    fn now(&self) -> &Zoned {
        &self.now
    }

    async fn get(&self, id: &MistakeId) -> Result<Record> {
        Ok(self.record(self.store.get(id).await?))
    }

    async fn get_whole(&self, id: &MistakeId) -> Result<Record> {
        Ok(self.record(self.store.get_whole(id).await?))
    }

    async fn updates(&self, id: &MistakeId, before: Option<i64>, limit: u32) -> Result<UpdatePage> {
        // A missing mistake is "no such mistake" first, as every command says.
        self.store.get(id).await?;
        self.store.updates(id, before, limit).await?.ok_or_else(|| {
            let b = before.unwrap_or_default();
            CliError::invalid(format!(
                "--before must be one of this mistake's updates; {b} is not"
            ))
        })
    }

    async fn me(&self) -> Result<Option<rebound_domain::UserId>> {
        Ok(None)
    }

    async fn list(&self, all: bool) -> Result<Listing> {
        let filter = if all {
            ListFilter::All
        } else {
            ListFilter::Open
        };
        let mistakes = self.store.list(filter).await?;
        let items: Vec<_> = mistakes
            .iter()
            .map(|m| export::json(m, &self.now))
            .collect();
        Ok(Listing {
            mistakes,
            json: serde_json::json!({ "mistakes": items }),
            owners: Vec::new(),
        })
    }

    /// Stores the mistake under a fresh random id, drawing again on the rare clash.
    async fn create(&self, input: NewMistake) -> Result<Record> {
        let mut attempts = 0;
        loop {
            let m = Mistake::new(input.clone(), new_id()?, &self.now)?;
            match self.store.create(&m).await {
                Ok(()) => return Ok(self.record(m)),
                Err(StoreError::IdTaken(_)) if attempts < 5 => attempts += 1,
                Err(e) => return Err(e.into()),
            }
        }
    }

    async fn revise(&self, id: &MistakeId, revision: Revision) -> Result<Record> {
        self.change(id, |m, now| Ok(m.revise(revision, now)?)).await
    }

    async fn edit_heads_up(&self, id: &MistakeId, change: HeadsUpChange) -> Result<Record> {
        self.change(id, |m, now| {
            match change {
                HeadsUpChange::Doing(doing) => {
                    // Redrafting from the facts replaces any earlier hand edit.
                    m.heads_up.edited = false;
                    m.set_doing(&doing, now)?;
                }
                HeadsUpChange::Text(text) => m.edit_heads_up(&text)?,
            }
            Ok(Vec::new())
        })
        .await
    }

    async fn mark_sent(
        &self,
        id: &MistakeId,
        at: Option<Timestamp>,
        to: Option<String>,
    ) -> Result<Record> {
        self.change(id, |m, now| {
            Ok(m.mark_sent(at.unwrap_or(now.timestamp()), to, now)?)
        })
        .await
    }

    async fn add_entry(&self, id: &MistakeId, e: NewEntry) -> Result<Record> {
        self.change(id, |m, now| {
            let at = e.at.unwrap_or(now.timestamp());
            Ok(vec![m.add_timeline_entry(at, &e.text, e.starred, now)?])
        })
        .await
    }

    async fn star_entry(&self, id: &MistakeId, entry: i64, starred: bool) -> Result<Record> {
        self.change(id, |m, _| Ok(vec![m.star_entry(entry, starred)?]))
            .await
    }

    async fn set_note(
        &self,
        id: &MistakeId,
        (note, read): (FollowUpNote, i64),
        next_update: Option<Timestamp>,
    ) -> Result<Record> {
        self.change(id, |m, now| {
            // As the server's If-Match: not over someone else's save.
            if m.version != read {
                return Err(StoreError::Conflict(id.clone()).into());
            }
            m.set_note(note, now)?;
            if let Some(at) = next_update {
                m.snooze_until(at, now)?;
            }
            Ok(Vec::new())
        })
        .await
    }

    async fn link_commit(&self, id: &MistakeId, commit: LinkedCommit) -> Result<Linked> {
        let mut warnings = Vec::new();
        let record = self
            .change(id, |m, now| {
                if let Some(msg) = &commit.message {
                    warnings = check_message(msg, m)
                        .iter()
                        .map(|w| w.to_string())
                        .collect();
                }
                m.link_commit(LinkedCommit {
                    linked_at: now.timestamp(),
                    ..commit
                });
                Ok(Vec::new())
            })
            .await?;
        Ok(Linked { record, warnings })
    }

    async fn set_check(&self, id: &MistakeId, checkbox: Checkbox, ticked: bool) -> Result<Record> {
        self.change(id, |m, now| {
            if ticked {
                m.tick(checkbox, now)?;
            } else {
                m.untick(checkbox);
            }
            Ok(Vec::new())
        })
        .await
    }

    async fn move_to(&self, id: &MistakeId, to: State, at: Option<Timestamp>) -> Result<Record> {
        self.change(id, |m, now| {
            Ok(m.move_to(to, at.unwrap_or(now.timestamp()))?)
        })
        .await
    }

    async fn update(&self, id: &MistakeId, plan: UpdatePlan) -> Result<Record> {
        self.change(id, |m, now| {
            let mut changes = Vec::new();
            if let Some(c) = plan.cadence {
                m.set_cadence(c);
            }
            if let Some(text) = &plan.text {
                changes.push(m.post_update(text, now)?);
            }
            match plan.snooze {
                Some(Snooze::For(d)) => m.snooze_until(snooze_from(m, now) + d, now)?,
                Some(Snooze::Until(at)) => m.snooze_until(at, now)?,
                None => {}
            }
            Ok(changes)
        })
        .await
    }

    // Sharing: this machine's database belongs to the person at the
    // keyboard alone, with no accounts to name, no one to comment to and no
    // server for a guest to open a link on. Reads say so by being empty
    // (after checking the id, as everywhere); changes are refused.

    async fn stakeholders(&self, id: &MistakeId) -> Result<Sharing> {
        self.store.get(id).await?;
        Ok(Sharing::default())
    }

    async fn name_stakeholder(&self, _: &MistakeId, _: &str) -> Result<bool> {
        Err(CliError::invalid(needs_server(
            "naming a stakeholder",
            "stakeholders are accounts there; this machine's database has none",
        )))
    }

    async fn remove_stakeholder(&self, _: &MistakeId, _: &str) -> Result<()> {
        Err(CliError::invalid(needs_server(
            "removing a stakeholder",
            "stakeholders are accounts there; this machine's database has none",
        )))
    }

    async fn comments(&self, id: &MistakeId) -> Result<Vec<Comment>> {
        self.store.get(id).await?;
        Ok(Vec::new())
    }

    async fn add_comment(&self, id: &MistakeId, _: &str, _: Option<&str>) -> Result<Comment> {
        Err(CliError::invalid(format!(
            "{} (for a note to yourself, `rebound timeline add {id} TEXT`)",
            needs_server("commenting", "comments are a conversation with your team")
        )))
    }

    async fn share_links(&self, _: &MistakeId) -> Result<Vec<ShareLink>> {
        Err(links_need_a_server())
    }

    async fn issue_link(
        &self,
        _: &MistakeId,
        _: Option<&str>,
        _: Option<Timestamp>,
    ) -> Result<IssuedLink> {
        Err(links_need_a_server())
    }

    async fn revoke_link(&self, _: &MistakeId, _: &str) -> Result<()> {
        Err(links_need_a_server())
    }

    async fn edit_entry(&self, id: &MistakeId, entry: i64, edit: EntryEdit) -> Result<Record> {
        self.change(id, |m, now| Ok(m.edit_entry(entry, edit, now)?))
            .await
    }

    async fn remove_entry(&self, id: &MistakeId, entry: i64) -> Result<Record> {
        self.change(id, |m, now| Ok(vec![m.remove_entry(entry, now)?]))
            .await
    }

    async fn export_data(&self, to: &mut std::fs::File) -> Result<u64> {
        crate::local_export::export_data(self, to).await
    }

    /// This machine's database is the person's own: whatever it holds,
    /// they may delete (a shared one's mistake keeps its owner check).
    async fn delete_mistake(&self, id: &MistakeId) -> Result<()> {
        let m = self.store.get(id).await?;
        self.store.delete_mistake(id, m.owner.as_ref()).await?;
        // Gone from the file too (secure_delete, the WAL emptied); what
        // could not be done is said, and the deletion stands.
        let report = self.store.scrub_after_erasure(MISTAKE_TABLES).await?;
        for left in &report.left {
            eprintln!("rebound: deleted, but {left}");
        }
        Ok(())
    }
}

fn links_need_a_server() -> CliError {
    CliError::invalid(needs_server(
        "a share link",
        "a guest opens it in a browser there",
    ))
}
