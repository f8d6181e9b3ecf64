//! Recording a mistake and correcting its facts, and the heads-up drafted
//! from them.

use super::{
    Change, DomainError, HeadsUp, Mistake, TimeCorrection, TimeField, check_optional, check_order,
    check_text, check_title,
};
use crate::access::Visibility;
use crate::heads_up;
use crate::id::{MistakeId, UserId};
use crate::note::FollowUpNote;
use crate::severity::{Cadence, Severity};
use crate::state::State;
use crate::when::format_at;
use jiff::{Timestamp, Zoned};

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
    /// changes. A changed start or detection time is kept with its earlier
    /// value (the rows to append).
    pub fn revise(&mut self, r: Revision, now: &Zoned) -> Result<Vec<Change>, DomainError> {
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
        let mut changes = Vec::new();
        let corrected = [
            (TimeField::Started, self.started_at, started_at),
            (
                TimeField::Detected,
                Some(self.detected_at),
                Some(detected_at),
            ),
        ];
        for (field, earlier, later) in corrected {
            if let Some(later) = later.filter(|l| earlier != Some(*l)) {
                let c = TimeCorrection {
                    field,
                    earlier,
                    later,
                    corrected_at: now.timestamp(),
                };
                self.time_corrections.push(c.clone());
                changes.push(Change::TimeCorrected(c));
            }
        }
        self.started_at = started_at;
        self.detected_at = detected_at;
        if let Some(v) = r.visibility {
            self.visibility = v;
        }
        if facts_change {
            self.redraft(now);
        }
        Ok(changes)
    }

    /// Whether a start and a detection time may stand together (each a time
    /// that already happened, the start not after the detection): what
    /// `new` and `revise` check, for a form to say beside its field.
    pub fn check_times(
        started: Option<Timestamp>,
        detected: Timestamp,
        now: &Zoned,
    ) -> Result<(), DomainError> {
        check_order(started, detected, now)
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
            older_updates: 0,
            time_corrections: Vec::new(),
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
        crate::when::check_past("the sent time", at, now)?;
        self.heads_up.sent_at = Some(at);
        self.heads_up.sent_to = check_optional("recipient", to)?;
        if self.state == State::Detected {
            return self.move_to(State::Owned, at);
        }
        Ok(Vec::new())
    }
}
