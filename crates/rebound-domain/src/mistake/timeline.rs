//! Correcting the timeline without rewriting the past: an edit keeps what
//! the entry said before (`earlier`), a removal keeps the entry, marked
//! removed. The 15-minute clock (`timeline_written_at`) is never touched
//! here: it stopped when the first entry was written down, and that entry
//! is still on the record, edited or struck, so the clock stays honest.

use super::{Change, DomainError, EntryVersion, Mistake, TimelineEntry, check_text};
use crate::when::{self, format_at};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// What to change on one entry; `None` leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryEdit {
    pub text: Option<String>,
    pub at: Option<Timestamp>,
    pub starred: Option<bool>,
}

impl Mistake {
    /// Entry `entry_id`, refused when missing or removed (the removal's
    /// time said in `zone`).
    pub(super) fn live_entry(
        &mut self,
        entry_id: i64,
        zone: &TimeZone,
    ) -> Result<&mut TimelineEntry, DomainError> {
        let entry = self
            .timeline
            .iter_mut()
            .find(|e| e.id == entry_id)
            .ok_or(DomainError::NoSuchEntry(entry_id))?;
        if let Some(removed) = entry.removed_at {
            return Err(DomainError::EntryRemoved {
                entry: entry_id,
                at: format_at(removed, &removed.to_zoned(zone.clone())),
            });
        }
        Ok(entry)
    }

    /// Corrects an entry's text or time (keeping what it said before) and
    /// stars or unstars it. Everything is checked before anything changes;
    /// giving the same text and time again records no edit.
    pub fn edit_entry(
        &mut self,
        entry_id: i64,
        edit: EntryEdit,
        now: &Zoned,
    ) -> Result<Vec<Change>, DomainError> {
        if edit == EntryEdit::default() {
            return Err(DomainError::NothingToChange);
        }
        let text = edit
            .text
            .as_deref()
            .map(|t| check_text("timeline entry", t))
            .transpose()?;
        if let Some(at) = edit.at {
            when::check_past("the timeline entry's time", at, now)?;
        }
        let entry = self.live_entry(entry_id, now.time_zone())?;
        let mut changes = Vec::new();
        let new_text = text.unwrap_or_else(|| entry.text.clone());
        let new_at = edit.at.unwrap_or(entry.at);
        if new_text != entry.text || new_at != entry.at {
            let earlier = EntryVersion {
                at: entry.at,
                text: std::mem::replace(&mut entry.text, new_text.clone()),
                replaced_at: now.timestamp(),
            };
            entry.at = new_at;
            entry.earlier.push(earlier.clone());
            changes.push(Change::TimelineEdited {
                entry_id,
                at: new_at,
                text: new_text,
                earlier,
            });
        }
        if let Some(starred) = edit.starred
            && starred != entry.starred
        {
            entry.starred = starred;
            changes.push(Change::TimelineStarred { entry_id, starred });
        }
        Ok(changes)
    }

    /// Takes an entry off the timeline: it stays on the record, marked
    /// removed at `now`, and the write-up leaves it out.
    pub fn remove_entry(&mut self, entry_id: i64, now: &Zoned) -> Result<Change, DomainError> {
        let removed_at = now.timestamp();
        let entry = self.live_entry(entry_id, now.time_zone())?;
        entry.removed_at = Some(removed_at);
        Ok(Change::TimelineRemoved {
            entry_id,
            removed_at,
        })
    }

    /// Every entry in time order, removed ones included (the record's
    /// pages show them struck).
    pub fn timeline_with_removed(&self) -> Vec<&TimelineEntry> {
        let mut v: Vec<&TimelineEntry> = self.timeline.iter().collect();
        v.sort_by_key(|e| (e.at, e.id));
        v
    }
}
