//! The mistake aggregate and every rule about changing it. Operations check
//! first, then change the value in memory and describe the appended rows as
//! [`Change`]s, which the store writes in one transaction with the rest.

use crate::access::Visibility;
use crate::heads_up;
use crate::id::{MistakeId, UserId};
use crate::note::{FollowUpNote, clean};
use crate::severity::{Cadence, Severity};
use crate::state::{Checkbox, LifecycleError, Readiness, State, plan_move};
use crate::when::format_at;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadsUp {
    /// The two sentences, drafted or as edited.
    pub text: String,
    /// What the person is doing about it, feeding the second sentence.
    pub doing: Option<String>,
    /// Once edited by hand the draft is never rewritten from the facts.
    pub edited: bool,
    pub sent_at: Option<Timestamp>,
    pub sent_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub id: i64,
    /// When it happened.
    pub at: Timestamp,
    pub text: String,
    /// Starred entries go into the write-up.
    pub starred: bool,
    /// When it was written down.
    pub recorded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressUpdate {
    pub id: i64,
    pub at: Timestamp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CommitRole {
    /// The change that fixes the problem.
    Hotfix,
    /// The rollback or temporary guardrail that stops it spreading.
    Guardrail,
}

impl CommitRole {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitRole::Hotfix => "hotfix",
            CommitRole::Guardrail => "guardrail",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CommitRole::Hotfix => "hotfix",
            CommitRole::Guardrail => "rollback or guardrail",
        }
    }
}

impl std::str::FromStr for CommitRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hotfix" | "fix" => Ok(CommitRole::Hotfix),
            "guardrail" | "rollback" => Ok(CommitRole::Guardrail),
            other => Err(format!(
                "unknown commit role '{other}': use hotfix or guardrail (rollback)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedCommit {
    pub role: CommitRole,
    /// Full SHA when resolved in a repository, otherwise as given.
    pub sha: Option<String>,
    pub url: Option<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    pub committed_at: Option<Timestamp>,
    pub repo: Option<String>,
    pub linked_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transition {
    pub from: State,
    pub to: State,
    pub at: Timestamp,
}

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
    pub updates: Vec<ProgressUpdate>,
    pub transitions: Vec<Transition>,
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
    UpdatePosted {
        at: Timestamp,
        text: String,
    },
    Transitioned(Transition),
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
    #[error("cannot tick {}: {reason}", .checkbox.label())]
    CheckboxNotReady {
        checkbox: Checkbox,
        reason: &'static str,
    },
    #[error("the heads-up was already marked sent at {0}")]
    AlreadySent(String),
    #[error("{0}")]
    Lifecycle(#[from] LifecycleError),
}

/// What a person supplies when recording a mistake.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMistake {
    pub owner: Option<UserId>,
    /// Private unless chosen otherwise.
    pub visibility: Option<Visibility>,
    pub title: String,
    pub what: Option<String>,
    pub affected: Option<String>,
    pub severity: Option<Severity>,
    pub started_at: Option<Timestamp>,
    pub detected_at: Option<Timestamp>,
    pub doing: Option<String>,
}

fn check_text(what: &'static str, text: &str) -> Result<String, DomainError> {
    let t = clean(text).ok_or(DomainError::EmptyText(what))?;
    let len = t.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(DomainError::TextTooLong { what, len });
    }
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
    Ok(title)
}

fn check_order(
    started: Option<Timestamp>,
    detected: Timestamp,
    now: &Zoned,
) -> Result<(), DomainError> {
    match started {
        Some(started) if started > detected => Err(DomainError::StartAfterDetection {
            started: format_at(started, now),
            detected: format_at(detected, now),
        }),
        _ => Ok(()),
    }
}

/// Corrections to the facts of a mistake; `None` leaves a field as it is,
/// and blank text clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revision {
    pub title: Option<String>,
    pub what: Option<String>,
    pub affected: Option<String>,
    pub severity: Option<Severity>,
    pub started_at: Option<Timestamp>,
    pub detected_at: Option<Timestamp>,
    /// Who else may read it (on a server); not a fact, so no redraft.
    pub visibility: Option<Visibility>,
}

impl Revision {
    pub fn is_empty(&self) -> bool {
        *self == Revision::default()
    }
}

impl Mistake {
    /// Corrects the facts and redrafts the heads-up (unless edited by hand),
    /// and changes the visibility. Everything is checked before anything
    /// changes.
    pub fn revise(&mut self, r: Revision, now: &Zoned) -> Result<(), DomainError> {
        let facts_change = !Revision {
            visibility: None,
            ..r.clone()
        }
        .is_empty();
        let title = r.title.as_deref().map(check_title).transpose()?;
        let what = r
            .what
            .map(|w| check_optional("description", Some(w)))
            .transpose()?;
        let affected = r
            .affected
            .map(|a| check_optional("affected list", Some(a)))
            .transpose()?;
        let detected_at = r.detected_at.unwrap_or(self.detected_at);
        let started_at = r.started_at.or(self.started_at);
        check_order(started_at, detected_at, now)?;
        if let Some(sent) = self.heads_up.sent_at
            && sent < detected_at
        {
            return Err(DomainError::BeforeDetection {
                what: "the heads-up, already sent",
                at: format_at(sent, now),
                detected: format_at(detected_at, now),
            });
        }
        if let Some(t) = title {
            self.title = t;
        }
        if let Some(w) = what {
            self.what = w;
        }
        if let Some(a) = affected {
            self.affected = a;
        }
        if let Some(sev) = r.severity {
            self.severity = sev;
        }
        self.started_at = started_at;
        self.detected_at = detected_at;
        if let Some(v) = r.visibility {
            self.visibility = v;
        }
        if facts_change {
            self.redraft(now);
        }
        Ok(())
    }

    /// Records a new mistake and drafts its heads-up.
    pub fn new(input: NewMistake, id: MistakeId, now: &Zoned) -> Result<Mistake, DomainError> {
        let title = check_title(&input.title)?;
        let detected_at = input.detected_at.unwrap_or_else(|| now.timestamp());
        check_order(input.started_at, detected_at, now)?;
        let mut m = Mistake {
            id,
            owner: input.owner,
            visibility: input.visibility.unwrap_or(Visibility::Private),
            version: 0,
            title,
            what: check_optional("description", input.what)?,
            affected: check_optional("affected list", input.affected)?,
            severity: input.severity.unwrap_or(Severity::Medium),
            state: State::Detected,
            started_at: input.started_at,
            detected_at,
            created_at: now.timestamp(),
            updated_at: now.timestamp(),
            heads_up: HeadsUp {
                text: String::new(),
                doing: check_optional("doing text", input.doing)?,
                edited: false,
                sent_at: None,
                sent_to: None,
            },
            note: FollowUpNote::default(),
            timeline_written_at: None,
            note_written_at: None,
            impact_checked_at: None,
            prevention_checked_at: None,
            cadence: Cadence::Default,
            next_update_at: None,
            timeline: Vec::new(),
            commits: Vec::new(),
            updates: Vec::new(),
            transitions: Vec::new(),
        };
        m.redraft(now);
        Ok(m)
    }

    /// Rewrites the heads-up from the facts unless the person edited it.
    pub fn redraft(&mut self, now: &Zoned) {
        if !self.heads_up.edited {
            self.heads_up.text = heads_up::draft(self, now).text;
        }
    }

    pub fn set_doing(&mut self, doing: &str, now: &Zoned) -> Result<(), DomainError> {
        self.heads_up.doing = Some(check_text("doing text", doing)?);
        self.redraft(now);
        Ok(())
    }

    pub fn edit_heads_up(&mut self, text: &str) -> Result<(), DomainError> {
        self.heads_up.text = check_text("heads-up", text)?;
        self.heads_up.edited = true;
        Ok(())
    }

    /// Marks the heads-up sent; a mistake still `detected` becomes `owned`.
    pub fn mark_sent(
        &mut self,
        at: Timestamp,
        to: Option<String>,
        now: &Zoned,
    ) -> Result<Vec<Change>, DomainError> {
        if let Some(sent) = self.heads_up.sent_at {
            return Err(DomainError::AlreadySent(format_at(sent, now)));
        }
        self.not_before_detection("the sent time", at, now)?;
        self.heads_up.sent_at = Some(at);
        self.heads_up.sent_to = check_optional("recipient", to)?;
        if self.state == State::Detected {
            return self.move_to(State::Owned, at);
        }
        Ok(Vec::new())
    }

    pub fn add_timeline_entry(
        &mut self,
        at: Timestamp,
        text: &str,
        starred: bool,
        now: &Zoned,
    ) -> Result<Change, DomainError> {
        let text = check_text("timeline entry", text)?;
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
        let entry = self
            .timeline
            .iter_mut()
            .find(|e| e.id == entry_id)
            .ok_or(DomainError::NoSuchEntry(entry_id))?;
        entry.starred = starred;
        Ok(Change::TimelineStarred { entry_id, starred })
    }

    /// Replaces the follow-up note; the first time it is complete, the
    /// 30-minute clock stops for good.
    pub fn set_note(&mut self, note: FollowUpNote, now: &Zoned) -> Result<(), DomainError> {
        if let Some(due) = note.fix_due {
            self.not_before_detection("the fix schedule", due, now)?;
        }
        if let Some(since) = note.impact.since
            && since > now.timestamp()
        {
            return Err(DomainError::NotInFuture {
                what: "'since'",
                at: format_at(since, now),
            });
        }
        for item in &note.prevention {
            check_text("prevention item", &item.text)?;
        }
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

    /// Moves through the lifecycle, recording each step passed through.
    pub fn move_to(&mut self, to: State, at: Timestamp) -> Result<Vec<Change>, DomainError> {
        let steps = plan_move(self.state, to, self.readiness())?;
        let mut changes = Vec::with_capacity(steps.len());
        for step in steps {
            let t = Transition {
                from: self.state,
                to: step,
                at,
            };
            self.transitions.push(t);
            self.state = step;
            changes.push(Change::Transitioned(t));
        }
        Ok(changes)
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
        self.next_update_at = Some(until);
        Ok(())
    }

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

    /// Timeline entries in time order, as the write-up shows them.
    pub fn timeline_sorted(&self) -> Vec<&TimelineEntry> {
        let mut v: Vec<&TimelineEntry> = self.timeline.iter().collect();
        v.sort_by_key(|e| (e.at, e.id));
        v
    }
}

#[cfg(test)]
#[path = "mistake_tests.rs"]
mod tests;
