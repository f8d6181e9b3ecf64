//! What happens to a mistake after it is recorded: the timeline, the
//! follow-up note, linked commits, checkboxes, state moves and updates.

use super::{
    Change, CommitRole, DomainError, LinkedCommit, MAX_TITLE_CHARS, Mistake, TimelineEntry,
    Transition, check_text,
};
use crate::note::FollowUpNote;
use crate::severity::Cadence;
use crate::state::{Checkbox, Readiness, State, plan_move};
use crate::text;
use crate::when::{self, format_at};
use jiff::{Timestamp, Zoned};

/// The note's own text fields, with the limits every door applies (the
/// API, the web form and the CLI all save the note through `set_note`).
fn check_note(note: &FollowUpNote) -> Result<(), DomainError> {
    for (what, value) in [
        ("note's 'who was affected'", &note.impact.who),
        ("note's 'how many'", &note.impact.how_many),
        ("note's 'what was wrong'", &note.impact.what_wrong),
        ("note's containment", &note.containment),
        ("note's fix", &note.fix),
    ] {
        if let Some(v) = value {
            check_text(what, v)?;
        }
    }
    if let Some(owner) = &note.owner {
        let len = owner.chars().count();
        if len > MAX_TITLE_CHARS {
            return Err(DomainError::TooLong {
                what: "note's owner",
                len,
                max: MAX_TITLE_CHARS,
            });
        }
        text::line("the note's owner", owner)?;
    }
    Ok(())
}

impl Mistake {
    pub fn add_timeline_entry(
        &mut self,
        at: Timestamp,
        text: &str,
        starred: bool,
        now: &Zoned,
    ) -> Result<Change, DomainError> {
        let text = check_text("timeline entry", text)?;
        when::check_past("the timeline entry's time", at, now)?;
        let recorded_at = now.timestamp();
        self.timeline_written_at.get_or_insert(recorded_at);
        Ok(Change::TimelineAdded {
            at,
            text,
            starred,
            recorded_at,
        })
    }

    pub fn star_entry(&mut self, entry_id: i64, starred: bool) -> Result<Change, DomainError> {
        let entry = self.live_entry(entry_id, &jiff::tz::TimeZone::UTC)?;
        entry.starred = starred;
        Ok(Change::TimelineStarred { entry_id, starred })
    }

    /// Replaces the follow-up note; the first time it is complete, the
    /// 30-minute clock stops for good.
    pub fn set_note(&mut self, note: FollowUpNote, now: &Zoned) -> Result<(), DomainError> {
        if let Some(due) = note.fix_due {
            self.not_before_detection("the fix schedule", due, now)?;
            when::check_ahead("the fix schedule", due, now)?;
        }
        if let Some(since) = note.impact.since
            && since > now.timestamp()
        {
            return Err(DomainError::NotInFuture {
                what: "'since'",
                at: format_at(since, now),
            });
        }
        if let Some(since) = note.impact.since {
            when::check_past("'since'", since, now)?;
        }
        for item in &note.prevention {
            check_text("prevention item", &item.text)?;
        }
        check_note(&note)?;
        self.note = note;
        if self.note.is_complete() {
            self.note_written_at.get_or_insert(now.timestamp());
        }
        Ok(())
    }

    pub fn link_commit(&mut self, commit: LinkedCommit) {
        self.commits.retain(|c| c.role != commit.role);
        self.commits.push(commit);
        self.commits.sort_by_key(|c| c.role as u8);
    }

    pub fn commit(&self, role: CommitRole) -> Option<&LinkedCommit> {
        self.commits.iter().find(|c| c.role == role)
    }

    pub fn tick(&mut self, checkbox: Checkbox, now: &Zoned) -> Result<(), DomainError> {
        let at = now.timestamp();
        match checkbox {
            Checkbox::Impact => {
                if !self.note.impact.is_documented() {
                    return Err(DomainError::CheckboxNotReady {
                        checkbox,
                        reason: "the note does not yet say who was affected and what was wrong",
                    });
                }
                self.impact_checked_at.get_or_insert(at);
            }
            Checkbox::Prevention => {
                if self.note.prevention.is_empty() {
                    return Err(DomainError::CheckboxNotReady {
                        checkbox,
                        reason: "the note has no prevention item yet",
                    });
                }
                self.prevention_checked_at.get_or_insert(at);
            }
        }
        Ok(())
    }

    pub fn untick(&mut self, checkbox: Checkbox) {
        match checkbox {
            Checkbox::Impact => self.impact_checked_at = None,
            Checkbox::Prevention => self.prevention_checked_at = None,
        }
    }

    pub fn readiness(&self) -> Readiness {
        Readiness {
            heads_up_sent: self.heads_up.sent_at.is_some(),
            impact_ticked: self.impact_checked_at.is_some(),
            prevention_ticked: self.prevention_checked_at.is_some(),
        }
    }

    /// Moves through the lifecycle. Every step passed over must be allowed
    /// (owned needs the heads-up sent, closed both checkboxes), but only the
    /// move itself is recorded: closing from "owned" does not mean it was
    /// contained, fixed and reviewed at that instant.
    pub fn move_to(&mut self, to: State, at: Timestamp) -> Result<Vec<Change>, DomainError> {
        plan_move(self.state, to, self.readiness())?;
        let t = Transition {
            from: self.state,
            to,
            at,
        };
        self.transitions.push(t);
        self.state = to;
        Ok(vec![Change::Transitioned(t)])
    }

    /// Whether the record says it reached `state` (not merely passed it by).
    pub fn reached(&self, state: State) -> bool {
        self.state == state || self.transitions.iter().any(|t| t.to == state)
    }

    /// Whether a fix is in place: it was recorded as fixed and has not
    /// gone back to contained since.
    pub fn fix_in_place(&self) -> bool {
        self.state >= State::Fixed && self.reached(State::Fixed)
    }

    pub fn post_update(&mut self, text: &str, now: &Zoned) -> Result<Change, DomainError> {
        let text = check_text("update", text)?;
        self.next_update_at = None;
        Ok(Change::UpdatePosted {
            at: now.timestamp(),
            text,
        })
    }

    pub fn set_cadence(&mut self, cadence: Cadence) {
        self.cadence = cadence;
    }

    /// Promises the next update for a later time.
    pub fn snooze_until(&mut self, until: Timestamp, now: &Zoned) -> Result<(), DomainError> {
        if until <= now.timestamp() {
            return Err(DomainError::NotInFuture {
                what: "the snooze time",
                at: format_at(until, now),
            });
        }
        when::check_ahead("the snooze time", until, now)?;
        self.next_update_at = Some(until);
        Ok(())
    }

    /// The current timeline entries in time order, as the write-up shows
    /// them: removed ones are left out (`timeline_with_removed` keeps them).
    pub fn timeline_sorted(&self) -> Vec<&TimelineEntry> {
        let mut v: Vec<&TimelineEntry> = self.timeline.iter().filter(|e| !e.is_removed()).collect();
        v.sort_by_key(|e| (e.at, e.id));
        v
    }
}
