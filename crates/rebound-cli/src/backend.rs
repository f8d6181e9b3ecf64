//! Where mistakes live for one command: this machine's database (`Ctx`, in
//! `local.rs`) or a Rebound server (`Remote`, in `remote/`). Commands are
//! written once against this trait, one method per operation; both sides
//! answer with the mistake as stored and the record that `--json` prints.
//! A person's own records from reflecting (reflections, principles, wins,
//! the self-care plan) are `Learning`'s, which every backend also fills.

use crate::context::ms;
use crate::error::Result;
use crate::sharing::{Comment, IssuedLink, Link as ShareLink, Sharing};
use jiff::{Timestamp, Zoned};
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;
use rebound_domain::manual::ManualEntry;
use rebound_domain::when;
use rebound_domain::{
    Cadence, Checkbox, EntryEdit, FailureType, FollowUpNote, LessonVerdict, LinkedCommit, Mistake,
    MistakeId, NewMistake, PrincipleId, Reflection, ReflectionId, Revision, SelfCarePlan, State,
    Suggestion, Trap, Win,
};
use rebound_store::PrincipleFilter;
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;

/// A mistake as the backend holds it after the operation.
pub struct Record {
    pub mistake: Mistake,
    /// The whole record as `--json` prints it (`export::json`'s shape: the
    /// server answers in exactly that shape).
    pub json: Value,
}

/// Mistakes for `list`.
pub struct Listing {
    pub mistakes: Vec<Mistake>,
    /// `{"mistakes": [record, …]}`.
    pub json: Value,
    /// The names of the listed mistakes' owners other than me (a
    /// server's; none on this computer's database, where all are mine).
    pub owners: Vec<(rebound_domain::UserId, String)>,
}

/// A commit linked, and why its message may be too thin.
pub struct Linked {
    pub record: Record,
    pub warnings: Vec<String>,
}

/// How the heads-up changes.
pub enum HeadsUpChange {
    /// Redraft from the facts with what the person is doing about it.
    Doing(String),
    /// Replace the text by hand.
    Text(String),
}

/// A timeline entry to add.
pub struct NewEntry {
    /// Default: now.
    pub at: Option<Timestamp>,
    pub text: String,
    pub starred: bool,
}

/// `rebound update`: applied in this order, like one change.
pub struct UpdatePlan {
    pub cadence: Option<Cadence>,
    pub text: Option<String>,
    pub snooze: Option<Snooze>,
}

pub enum Snooze {
    /// Push the next update back by this long (from when it is due, or now).
    For(Duration),
    Until(Timestamp),
}

/// Where `snooze For(d)` counts from: the next update's due time, or now if
/// that is past or none is due.
pub fn snooze_from(m: &Mistake, now: &Zoned) -> Timestamp {
    m.next_update_due()
        .unwrap_or(now.timestamp())
        .max(now.timestamp())
}

pub trait Backend: Learning + Journaling {
    /// Now, in the person's time zone: times they type are read against it
    /// and what is printed is shown in it.
    fn now(&self) -> &Zoned;

    async fn get(&self, id: &MistakeId) -> Result<Record>;
    /// [`Backend::get`] with every progress update (`get` carries the
    /// newest `RECENT_UPDATES`): for exports.
    async fn get_whole(&self, id: &MistakeId) -> Result<Record>;
    /// Up to `limit` updates older than update `before` (from the newest
    /// when None), newest first, and whether older ones remain.
    async fn updates(
        &self,
        id: &MistakeId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<rebound_store::UpdatePage>;
    /// Open mistakes, or all of them.
    async fn list(&self, all: bool) -> Result<Listing>;
    /// Who is asking, where mistakes have owners (a server); `None` on
    /// this computer's database, where every mistake is the person's own.
    async fn me(&self) -> Result<Option<rebound_domain::UserId>>;
    async fn create(&self, input: NewMistake) -> Result<Record>;
    /// Corrects the facts; the heads-up is redrafted unless edited by hand.
    async fn revise(&self, id: &MistakeId, revision: Revision) -> Result<Record>;
    async fn edit_heads_up(&self, id: &MistakeId, change: HeadsUpChange) -> Result<Record>;
    async fn mark_sent(
        &self,
        id: &MistakeId,
        at: Option<Timestamp>,
        to: Option<String>,
    ) -> Result<Record>;
    async fn add_entry(&self, id: &MistakeId, entry: NewEntry) -> Result<Record>;
    async fn star_entry(&self, id: &MistakeId, entry: i64, starred: bool) -> Result<Record>;
    /// Replaces the whole note, worked out from version `read` of the
    /// mistake (someone else's save since is refused); then promises the
    /// next update, if given.
    async fn set_note(
        &self,
        id: &MistakeId,
        note: (FollowUpNote, i64),
        next_update: Option<Timestamp>,
    ) -> Result<Record>;
    /// Links the commit (its `linked_at` is the backend's now).
    async fn link_commit(&self, id: &MistakeId, commit: LinkedCommit) -> Result<Linked>;
    async fn set_check(&self, id: &MistakeId, checkbox: Checkbox, ticked: bool) -> Result<Record>;
    async fn move_to(&self, id: &MistakeId, to: State, at: Option<Timestamp>) -> Result<Record>;
    async fn update(&self, id: &MistakeId, plan: UpdatePlan) -> Result<Record>;
    /// Corrects an entry's text or time (the earlier ones are kept) and
    /// stars or unstars it.
    async fn edit_entry(&self, id: &MistakeId, entry: i64, edit: EntryEdit) -> Result<Record>;
    /// Takes an entry off the timeline; it stays on the record, marked.
    async fn remove_entry(&self, id: &MistakeId, entry: i64) -> Result<Record>;

    /// Parses a time that already happened, at store precision.
    fn past(&self, input: &str) -> Result<Timestamp> {
        Ok(ms(when::parse_past(input, self.now())?))
    }

    /// Parses a time that may lie ahead (a schedule, a promise), to the
    /// minute: "in 2h" means a time people can say, not 23:51:59.245.
    fn any_time(&self, input: &str) -> Result<Timestamp> {
        let at = when::parse_any(input, self.now())?;
        Ok(Timestamp::from_second(at.as_second() - at.as_second().rem_euclid(60)).unwrap_or(at))
    }
    // ---- sharing: stakeholders, comments, share links (a server's; this
    // machine's database refuses the changes, saying why)

    /// Who mistake `id` is shared with.
    async fn stakeholders(&self, id: &MistakeId) -> Result<Sharing>;
    /// Names the account that signs in with `email`; whether newly named.
    async fn name_stakeholder(&self, id: &MistakeId, email: &str) -> Result<bool>;
    async fn remove_stakeholder(&self, id: &MistakeId, email: &str) -> Result<()>;
    /// Comments and replies, oldest first.
    async fn comments(&self, id: &MistakeId) -> Result<Vec<Comment>>;
    async fn add_comment(
        &self,
        id: &MistakeId,
        body: &str,
        parent: Option<&str>,
    ) -> Result<Comment>;
    /// Share links, newest first, without their tokens.
    async fn share_links(&self, id: &MistakeId) -> Result<Vec<ShareLink>>;
    /// A new share link (default expiry: the server's, 7 days).
    async fn issue_link(
        &self,
        id: &MistakeId,
        label: Option<&str>,
        expires: Option<Timestamp>,
    ) -> Result<IssuedLink>;
    async fn revoke_link(&self, id: &MistakeId, link: &str) -> Result<()>;

    /// `rebound export-data`: everything of the person's as one zip
    /// (`rebound_domain::export::archive`), written to `to` with a
    /// progress bar on a terminal; returns its size in bytes.
    async fn export_data(&self, to: &mut std::fs::File) -> Result<u64>;
    // ---- erasure (issue 18)

    /// Deletes mistake `id` with everything under it (on a server, only
    /// one's own).
    async fn delete_mistake(&self, id: &MistakeId) -> Result<()>;
}

/// A reflection to store, every step given (validated by the caller, and
/// again by whoever stores it).
pub struct NewReflectionInput {
    pub mistake: Option<MistakeId>,
    pub memory_title: Option<String>,
    pub account: String,
    pub trap: Option<Trap>,
    pub failure_type: Option<FailureType>,
    pub specific_error: Option<String>,
    pub lesson: Option<String>,
}

/// A reflection as stored, and what `--json` prints: the reflection with
/// its subject, correction, lesson prompt and whether it is complete (the
/// server's `ReflectionView`).
pub struct ReflectionRecord {
    pub reflection: Reflection,
    pub json: Value,
    /// What the person is shown for it: the mistake's title or the memory's.
    pub subject: String,
    /// Starting one on a mistake already reflected on continued that one.
    pub continued: bool,
}

/// The lesson check's answer.
pub struct LessonCheck {
    pub verdict: LessonVerdict,
    pub reasons: Vec<String>,
}

/// A win, with the title of the mistake it follows (the server's `WinView`).
#[derive(Serialize)]
pub struct WinEntry {
    #[serde(flatten)]
    pub win: Win,
    pub mistake_title: Option<String>,
}

/// The person's own records from reflecting on mistakes: theirs alone,
/// here or on a server (where anyone else's id is "no such …").
pub trait Learning {
    /// The auto-diagnosis of an account (nothing is stored).
    async fn diagnose(&self, account: &str) -> Result<Suggestion>;
    /// The lesson check (nothing is stored).
    async fn check_lesson(&self, lesson: &str) -> Result<LessonCheck>;
    /// Stores a reflection with the diagnosis of its account, the
    /// person's label for it, and the lesson check's verdict; on a mistake
    /// already reflected on, continues that reflection instead.
    async fn create_reflection(&self, input: NewReflectionInput) -> Result<ReflectionRecord>;
    /// Every reflection, most recently changed first.
    async fn reflections(&self) -> Result<Vec<ReflectionRecord>>;
    /// A principle "I will not …", from a reflection or on its own; the
    /// same wording as an active one is refused, and so is a near one
    /// unless `anyway`.
    async fn add_principle(
        &self,
        text: &str,
        from: Option<&ReflectionId>,
        anyway: bool,
    ) -> Result<ManualEntry>;
    /// Principles, oldest first, each with where it came from.
    async fn principles(&self, filter: &PrincipleFilter) -> Result<Vec<ManualEntry>>;
    async fn principle(&self, id: &PrincipleId) -> Result<ManualEntry>;
    async fn revise_principle(
        &self,
        id: &PrincipleId,
        text: &str,
        note: Option<&str>,
    ) -> Result<ManualEntry>;
    async fn retire_principle(&self, id: &PrincipleId, reason: &str) -> Result<ManualEntry>;
    /// The Operating Manual of these entries as Markdown, headed with the
    /// person's name, dates in their time zone.
    async fn manual_markdown(&self, entries: &[ManualEntry]) -> Result<String>;
    async fn add_win(&self, mistake: Option<&MistakeId>, text: &str) -> Result<WinEntry>;
    /// Newest first.
    async fn wins(&self) -> Result<Vec<WinEntry>>;
    async fn self_care(&self) -> Result<Option<SelfCarePlan>>;
    /// Replaces the plan.
    async fn set_self_care(
        &self,
        items: &[String],
        mistake: Option<&MistakeId>,
    ) -> Result<SelfCarePlan>;
}

/// Today's prompt as the person's own calendar has it.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct TodayPrompt {
    pub week: u8,
    pub theme: String,
    pub text: String,
    /// The weekday it is for (a weekend shows Friday's).
    pub date: jiff::civil::Date,
}

/// The private journal: theirs alone, here or on a server (where anyone
/// else's id is "no such journal entry").
pub trait Journaling {
    async fn prompt(&self) -> Result<TodayPrompt>;
    /// An answer to today's prompt, or with `free` one answering none.
    async fn journal_add(&self, text: &str, free: bool) -> Result<JournalEntry>;
    /// Newest first; with `query`, those holding every word.
    async fn journal(&self, query: Option<&str>) -> Result<Vec<JournalEntry>>;
    async fn journal_entry(&self, id: &JournalEntryId) -> Result<JournalEntry>;
    async fn journal_delete(&self, id: &JournalEntryId) -> Result<()>;
}
