//! Who may see or change what: the one place that decides. Every read and
//! write in the server asks here first; a "no" is always answered as if the
//! record did not exist (404), so existence never leaks.
//!
//! Visibility widens step by step; each level includes the ones before:
//!
//! | visibility     | who can read (besides the owner)            |
//! | -------------- | ------------------------------------------- |
//! | `private`      | nobody                                      |
//! | `manager`      | the owner's manager                         |
//! | `stakeholders` | + the named stakeholders                    |
//! | `team`         | + anyone sharing a team with the owner      |
//!
//! Being an admin grants no reading: admins manage accounts, not other
//! people's mistakes. A guest with a live share link reads the shared note,
//! updates and comments, and may comment, vote and take their own vote back
//! — nothing else. Reading
//! never grants changing: only the owner changes the record, its updates,
//! its sharing and its links. Share links are the owner's alone: nobody
//! else even lists them.
//!
//! What a reader who is not the owner may do besides reading:
//!
//! | part                          | create               | change            |
//! | ----------------------------- | -------------------- | ----------------- |
//! | comments, votes               | yes                  | their own only    |
//! | acknowledgements              | yes (owner: no)      | no                |
//! | record, note, updates, sharing| no                   | no                |
//! | share links                   | no (nor read)        | no                |
//! | audit log (who read, changed) | no (nor read)        | no                |
//!
//! Deleting a mistake (`Action::Delete` of `Part::Record`) is the owner's
//! alone: nobody else, whatever they may read, and no guest.
//!
//! A person's own records from reflecting — reflections, principles (the
//! Operating Manual), wins, the self-care plan, their labels for the
//! diagnosis — are theirs alone, whatever the visibility of the mistake
//! they came from: no manager, teammate, stakeholder, admin or guest reads
//! or changes them ([`allows_personal`]).
//!
//! A recovery plan (a manager supporting one of their reports) is decided
//! by [`allows_recovery`] from one relation: whether the asker is the
//! report's **current** manager, the report, or neither. A manager change
//! moves the plan to the new manager at once and ends the old one's access;
//! private notes stay their author's, so the new manager never reads the
//! old one's. Admins, other managers, teammates, strangers and guests get
//! nothing, not even whether a plan exists.
//!
//! | part                                   | current manager     | the report | anyone else |
//! | -------------------------------------- | ------------------- | ---------- | ----------- |
//! | plan (context, check-ins, tasks, trend, moves, debrief, development plan) | read, create, change | read | – |
//! | calendar invites (.ics)                | read                | read       | – |
//! | escalation (and the distress and safety flags behind it) | read, create, change | – | – |
//! | private notes                          | their own: read, create | –      | – |

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Visibility {
    Private,
    Manager,
    Stakeholders,
    Team,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Private,
        Visibility::Manager,
        Visibility::Stakeholders,
        Visibility::Team,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Manager => "manager",
            Visibility::Stakeholders => "stakeholders",
            Visibility::Team => "team",
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown visibility '{0}': use private, manager, stakeholders or team")]
pub struct UnknownVisibility(pub String);

impl FromStr for Visibility {
    type Err = UnknownVisibility;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Visibility::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownVisibility(s.trim().to_string()))
    }
}

/// How a signed-in person relates to one mistake, worked out by the caller
/// from stored facts at the moment of the request (so a manager change or a
/// removed stakeholder counts on the very next request).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relation {
    pub owner: bool,
    pub owners_manager: bool,
    pub stakeholder: bool,
    pub teammate: bool,
}

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// A signed-in, enabled account. (A disabled account never gets here:
    /// its sessions and tokens stop resolving.)
    Account(Relation),
    /// Someone holding a share link for this very mistake, still live.
    Guest,
    /// No session, or a link that expired, was revoked, or is for another mistake.
    Nobody,
}

/// The parts of a mistake that are guarded separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The record itself: heads-up, timeline, commits, checkboxes, state.
    Record,
    /// The follow-up note (what a guest is shown).
    Note,
    /// Progress updates.
    Updates,
    /// Comments and replies.
    Comments,
    /// Upvotes on comments.
    Votes,
    /// Acknowledgements by stakeholders.
    Acknowledgements,
    /// Visibility, stakeholders and the affected list.
    Sharing,
    /// Share links for guests: only the owner lists, makes or revokes them.
    ShareLinks,
    /// Who read or changed the record: the owner's alone.
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    /// Add something new (an update, a comment, a vote, an acknowledgement).
    Create,
    /// Change or remove what exists.
    Change,
    /// Delete the whole mistake with everything under it: the owner's
    /// alone, asked of [`Part::Record`] only.
    Delete,
}

impl Part {
    pub const ALL: [Part; 9] = [
        Part::Record,
        Part::Note,
        Part::Updates,
        Part::Comments,
        Part::Votes,
        Part::Acknowledgements,
        Part::Sharing,
        Part::ShareLinks,
        Part::Audit,
    ];
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Read, Action::Create, Action::Change, Action::Delete];
}

/// Whether a signed-in person may read the mistake at all.
pub fn can_see(rel: Relation, visibility: Visibility) -> bool {
    rel.owner
        || (rel.owners_manager && visibility >= Visibility::Manager)
        || (rel.stakeholder && visibility >= Visibility::Stakeholders)
        || (rel.teammate && visibility >= Visibility::Team)
}

/// The decision. `false` must be answered as "not found".
pub fn allows(viewer: Viewer, visibility: Visibility, part: Part, action: Action) -> bool {
    match viewer {
        Viewer::Nobody => false,
        Viewer::Guest => matches!(
            (part, action),
            (
                Part::Note | Part::Updates | Part::Comments | Part::Votes,
                Action::Read
            ) | (Part::Comments | Part::Votes, Action::Create)
                // Taking back their own vote: the store keys votes by voter.
                | (Part::Votes, Action::Change)
        ),
        Viewer::Account(rel) => {
            if !can_see(rel, visibility) {
                return false;
            }
            if rel.owner {
                // The owner does everything except acknowledge their own
                // note; deleting is of the whole record.
                return !(part == Part::Acknowledgements && action == Action::Create)
                    && (action != Action::Delete || part == Part::Record);
            }
            match (part, action) {
                (Part::ShareLinks | Part::Audit, _) => false,
                (_, Action::Read) => true,
                (Part::Comments | Part::Votes, Action::Create) => true,
                (Part::Acknowledgements, Action::Create) => true,
                // Changing one's own comment or vote is checked on the comment
                // itself (author match), after this says the mistake is visible.
                (Part::Comments | Part::Votes, Action::Change) => true,
                _ => false,
            }
        }
    }
}

/// The rule for personal records (reflections, principles, wins, the
/// self-care plan, diagnosis feedback): only their owner, for every action.
/// A record from a personal CLI database (no owner) belongs to nobody on a
/// server. `false` must be answered as "not found".
pub fn allows_personal(owner: Option<&crate::id::UserId>, asker: &crate::id::UserId) -> bool {
    owner == Some(asker)
}

/// How a signed-in person relates to a recovery plan, worked out from
/// stored facts on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRelation {
    /// The report's manager right now.
    CurrentManager,
    /// The person the plan supports.
    Report,
    /// Everyone else: a former manager, another manager, an admin, a
    /// teammate, a stranger, a guest.
    None,
}

/// The parts of a recovery plan that are guarded separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryPart {
    /// Pressure points, drivers, check-ins and their signs, topics, tasks,
    /// suggested moves, trend, the debrief note and the development plan.
    Plan,
    /// The .ics invites for the debrief and the check-ins.
    Calendar,
    /// The escalation suggestion, and the distress and safety flags.
    Escalation,
    /// The manager's private notes (their author's only).
    PrivateNotes,
}

impl RecoveryPart {
    pub const ALL: [RecoveryPart; 4] = [
        RecoveryPart::Plan,
        RecoveryPart::Calendar,
        RecoveryPart::Escalation,
        RecoveryPart::PrivateNotes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryPart::Plan => "plan",
            RecoveryPart::Calendar => "calendar",
            RecoveryPart::Escalation => "escalation",
            RecoveryPart::PrivateNotes => "private_notes",
        }
    }
}

/// The decision for recovery plans (the table in the module docs).
/// `false` must be answered as "not found". Private notes are further
/// narrowed to their author by the caller (the store reads them by author).
pub fn allows_recovery(rel: PlanRelation, part: RecoveryPart, action: Action) -> bool {
    match rel {
        PlanRelation::None => false,
        PlanRelation::CurrentManager => match part {
            RecoveryPart::Calendar => action == Action::Read,
            RecoveryPart::PrivateNotes => matches!(action, Action::Read | Action::Create),
            // A plan ends; it is deleted only with its report's account.
            RecoveryPart::Plan | RecoveryPart::Escalation => action != Action::Delete,
        },
        PlanRelation::Report => {
            action == Action::Read && matches!(part, RecoveryPart::Plan | RecoveryPart::Calendar)
        }
    }
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
