//! The mistake aggregate and every rule about changing it. Operations check
//! first, then change the value in memory and describe the appended rows as
//! [`Change`]s, which the store writes in one transaction with the rest.

mod facts;
mod progress;
mod records;
mod timeline;

pub use facts::{NewMistake, Revision};
pub use records::{
    CommitRole, EntryVersion, HeadsUp, LinkedCommit, ProgressUpdate, TimeCorrection, TimeField,
    TimelineEntry, Transition,
};
pub use timeline::EntryEdit;

use crate::access::Visibility;
use crate::id::{MistakeId, UserId};
use crate::note::{FollowUpNote, clean};
use crate::severity::{Cadence, Severity};
use crate::state::{Checkbox, LifecycleError, State};
use crate::text::{self, TextError};
use crate::when::{WhenError, check_past, format_at};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;

/// How many of a mistake's progress updates a read carries: the newest
/// ones. A mistake posted to on cadence for months gathers thousands, and
/// every request (and every save's read-back) loaded them all; a page of
/// the latest covers what a reader looks at first and what the domain
/// needs (the last news), and older ones are read a page at a time
/// (`Store::updates`). Exports and patterns read them all.
pub const RECENT_UPDATES: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mistake {
    pub id: MistakeId,
    /// Whose mistake it is. `None` for records made by the local CLI on a
    /// personal database, where the person at the keyboard is the owner.
    pub owner: Option<UserId>,
    /// Who besides the owner may read it (see `access`).
    pub visibility: Visibility,
    /// Bumped on every save; a save against a stale version is refused.
    pub version: i64,
    pub title: String,
    pub what: Option<String>,
    pub affected: Option<String>,
    pub severity: Severity,
    pub state: State,
    pub started_at: Option<Timestamp>,
    pub detected_at: Timestamp,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub heads_up: HeadsUp,
    pub note: FollowUpNote,
    /// First time the timeline had an entry (15-minute target).
    pub timeline_written_at: Option<Timestamp>,
    /// First time every note section was filled (30-minute target).
    pub note_written_at: Option<Timestamp>,
    pub impact_checked_at: Option<Timestamp>,
    pub prevention_checked_at: Option<Timestamp>,
    pub cadence: Cadence,
    /// An explicit promise of the next update (a snooze), cleared by posting one.
    pub next_update_at: Option<Timestamp>,
    pub timeline: Vec<TimelineEntry>,
    pub commits: Vec<LinkedCommit>,
    /// The newest updates (at most [`RECENT_UPDATES`] as read for a
    /// request; every one in a whole read), oldest first.
    pub updates: Vec<ProgressUpdate>,
    /// How many stored updates are older than those in `updates` and were
    /// not read (0 when `updates` holds them all). A save never touches
    /// them: updates are only ever appended.
    #[serde(default)]
    pub older_updates: u64,
    pub transitions: Vec<Transition>,
    /// Corrections of when it started or was noticed, oldest first.
    #[serde(default)]
    pub time_corrections: Vec<TimeCorrection>,
}

/// Rows appended by an operation; everything else lives on the mistake itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    TimelineAdded {
        at: Timestamp,
        text: String,
        starred: bool,
        recorded_at: Timestamp,
    },
    TimelineStarred {
        entry_id: i64,
        starred: bool,
    },
    /// An entry's text or time corrected; `earlier` is what it said before.
    TimelineEdited {
        entry_id: i64,
        at: Timestamp,
        text: String,
        earlier: EntryVersion,
    },
    TimelineRemoved {
        entry_id: i64,
        removed_at: Timestamp,
    },
    UpdatePosted {
        at: Timestamp,
        text: String,
    },
    Transitioned(Transition),
    /// When it started or was noticed, corrected; the earlier value kept.
    TimeCorrected(TimeCorrection),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("the title is empty: say in a few words what went wrong")]
    EmptyTitle,
    #[error(
        "the title is {0} characters; keep it under {MAX_TITLE_CHARS} and put the detail in --what"
    )]
    TitleTooLong(usize),
    #[error("the {0} is empty")]
    EmptyText(&'static str),
    #[error("the {what} is {len} characters; the limit is {MAX_TEXT_CHARS}")]
    TextTooLong { what: &'static str, len: usize },
    #[error("the {what} is {len} characters; the limit is {max}")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error(
        "the start time ({started}) is after the detection time ({detected}): a mistake cannot be detected before it started"
    )]
    StartAfterDetection { started: String, detected: String },
    #[error("{what} ({at}) is before the mistake was detected ({detected})")]
    BeforeDetection {
        what: &'static str,
        at: String,
        detected: String,
    },
    #[error("{what} ({at}) must be in the future")]
    NotInFuture { what: &'static str, at: String },
    #[error("there is no timeline entry {0} on this mistake")]
    NoSuchEntry(i64),
    #[error(
        "timeline entry {entry} was removed at {at}; it stays on the record as it was and takes no more changes"
    )]
    EntryRemoved { entry: i64, at: String },
    #[error("nothing to change: give a new text, a new time, or star or unstar the entry")]
    NothingToChange,
    #[error("cannot tick {}: {reason}", .checkbox.label())]
    CheckboxNotReady {
        checkbox: Checkbox,
        reason: &'static str,
    },
    #[error("the heads-up was already marked sent at {0}")]
    AlreadySent(String),
    #[error("{0}")]
    Lifecycle(#[from] LifecycleError),
    #[error("{0}")]
    Text(#[from] TextError),
    #[error("{0}")]
    When(#[from] WhenError),
}

fn check_text(what: &'static str, input: &str) -> Result<String, DomainError> {
    let t = clean(input).ok_or(DomainError::EmptyText(what))?;
    let len = t.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(DomainError::TextTooLong { what, len });
    }
    text::check(format!("the {what}"), text::Shape::Lines, &t)?;
    Ok(t)
}

fn check_optional(what: &'static str, text: Option<String>) -> Result<Option<String>, DomainError> {
    match text.as_deref().and_then(clean) {
        Some(t) => check_text(what, &t).map(Some),
        None => Ok(None),
    }
}

fn check_title(title: &str) -> Result<String, DomainError> {
    let title = clean(title).ok_or(DomainError::EmptyTitle)?;
    let len = title.chars().count();
    if len > MAX_TITLE_CHARS {
        return Err(DomainError::TitleTooLong(len));
    }
    text::line("the title", &title)?;
    Ok(title)
}

fn check_order(
    started: Option<Timestamp>,
    detected: Timestamp,
    now: &Zoned,
) -> Result<(), DomainError> {
    check_past("the detection time", detected, now)?;
    if let Some(s) = started {
        check_past("the start time", s, now)?;
    }
    match started {
        Some(started) if started > detected => Err(DomainError::StartAfterDetection {
            started: format_at(started, now),
            detected: format_at(detected, now),
        }),
        _ => Ok(()),
    }
}

impl Mistake {
    fn not_before_detection(
        &self,
        what: &'static str,
        at: Timestamp,
        now: &Zoned,
    ) -> Result<(), DomainError> {
        if at < self.detected_at {
            return Err(DomainError::BeforeDetection {
                what,
                at: format_at(at, now),
                detected: format_at(self.detected_at, now),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod timeline_tests;
