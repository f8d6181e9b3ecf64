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
    pub const ALL: [Action; 3] = [Action::Read, Action::Create, Action::Change];
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
                // The owner does everything except acknowledge their own note.
                return !(part == Part::Acknowledgements && action == Action::Create);
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
            RecoveryPart::Plan | RecoveryPart::Escalation => true,
        },
        PlanRelation::Report => {
            action == Action::Read && matches!(part, RecoveryPart::Plan | RecoveryPart::Calendar)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The recovery table from the module docs, cell by cell.
    #[test]
    fn recovery_plans_follow_their_table() {
        use Action::*;
        use RecoveryPart::*;
        let table = [
            (PlanRelation::CurrentManager, Plan, [true, true, true]),
            (PlanRelation::CurrentManager, Calendar, [true, false, false]),
            (PlanRelation::CurrentManager, Escalation, [true, true, true]),
            (
                PlanRelation::CurrentManager,
                PrivateNotes,
                [true, true, false],
            ),
            (PlanRelation::Report, Plan, [true, false, false]),
            (PlanRelation::Report, Calendar, [true, false, false]),
            (PlanRelation::Report, Escalation, [false, false, false]),
            (PlanRelation::Report, PrivateNotes, [false, false, false]),
            (PlanRelation::None, Plan, [false, false, false]),
            (PlanRelation::None, Calendar, [false, false, false]),
            (PlanRelation::None, Escalation, [false, false, false]),
            (PlanRelation::None, PrivateNotes, [false, false, false]),
        ];
        assert_eq!(table.len(), 3 * RecoveryPart::ALL.len());
        for (rel, part, expected) in table {
            for (action, want) in [Read, Create, Change].into_iter().zip(expected) {
                assert_eq!(
                    allows_recovery(rel, part, action),
                    want,
                    "{rel:?} {action:?} {part:?}"
                );
            }
        }
    }

    #[test]
    fn the_report_never_reads_private_notes_or_the_escalation() {
        for action in Action::ALL {
            assert!(!allows_recovery(
                PlanRelation::Report,
                RecoveryPart::PrivateNotes,
                action
            ));
            assert!(!allows_recovery(
                PlanRelation::Report,
                RecoveryPart::Escalation,
                action
            ));
        }
    }

    #[test]
    fn personal_records_are_their_owners_alone() {
        let me = crate::id::UserId::from_random([1; 5]);
        let other = crate::id::UserId::from_random([2; 5]);
        assert!(allows_personal(Some(&me), &me));
        assert!(!allows_personal(Some(&other), &me));
        assert!(!allows_personal(None, &me));
    }

    fn rel(owner: bool, manager: bool, stakeholder: bool, teammate: bool) -> Relation {
        Relation {
            owner,
            owners_manager: manager,
            stakeholder,
            teammate,
        }
    }

    /// The reading table from the module docs, cell by cell.
    #[test]
    fn who_reads_at_each_visibility() {
        use Visibility::*;
        let cases = [
            (
                "owner",
                rel(true, false, false, false),
                [true, true, true, true],
            ),
            (
                "own manager",
                rel(false, true, false, false),
                [false, true, true, true],
            ),
            (
                "stakeholder",
                rel(false, false, true, false),
                [false, false, true, true],
            ),
            (
                "teammate",
                rel(false, false, false, true),
                [false, false, false, true],
            ),
            (
                "stranger or admin",
                rel(false, false, false, false),
                [false, false, false, false],
            ),
        ];
        for (who, r, expected) in cases {
            for (vis, want) in [Private, Manager, Stakeholders, Team]
                .into_iter()
                .zip(expected)
            {
                assert_eq!(
                    allows(Viewer::Account(r), vis, Part::Record, Action::Read),
                    want,
                    "{who} reading a {vis} mistake"
                );
            }
        }
    }

    #[test]
    fn reading_never_grants_changing() {
        for vis in Visibility::ALL {
            for r in [
                rel(false, true, false, false),
                rel(false, false, true, false),
                rel(false, false, false, true),
            ] {
                for part in [Part::Record, Part::Note, Part::Updates, Part::Sharing] {
                    assert!(
                        !allows(Viewer::Account(r), vis, part, Action::Change),
                        "{r:?} {vis} {part:?}"
                    );
                    assert!(
                        !allows(Viewer::Account(r), vis, part, Action::Create),
                        "{r:?} {vis} {part:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn guests_read_the_shared_parts_and_may_only_comment_and_vote_or_unvote() {
        for vis in Visibility::ALL {
            for part in Part::ALL {
                for action in Action::ALL {
                    let allowed = allows(Viewer::Guest, vis, part, action);
                    let expected = match action {
                        Action::Read => matches!(
                            part,
                            Part::Note | Part::Updates | Part::Comments | Part::Votes
                        ),
                        Action::Create => matches!(part, Part::Comments | Part::Votes),
                        Action::Change => part == Part::Votes,
                    };
                    assert_eq!(allowed, expected, "guest {action:?} {part:?} at {vis}");
                }
                assert!(!allows(Viewer::Nobody, vis, part, Action::Read));
            }
        }
    }

    #[test]
    fn the_owner_does_everything_but_acknowledge_their_own_note() {
        for vis in Visibility::ALL {
            for part in Part::ALL {
                for action in Action::ALL {
                    let want = !(part == Part::Acknowledgements && action == Action::Create);
                    assert_eq!(
                        allows(
                            Viewer::Account(rel(true, false, false, false)),
                            vis,
                            part,
                            action
                        ),
                        want
                    );
                }
            }
        }
    }

    #[test]
    fn readers_comment_vote_and_acknowledge_but_nobody_else_does() {
        let stakeholder = Viewer::Account(rel(false, false, true, false));
        assert!(allows(
            stakeholder,
            Visibility::Stakeholders,
            Part::Comments,
            Action::Create
        ));
        assert!(allows(
            stakeholder,
            Visibility::Stakeholders,
            Part::Acknowledgements,
            Action::Create
        ));
        assert!(!allows(
            stakeholder,
            Visibility::Manager,
            Part::Comments,
            Action::Create
        ));
        let stranger = Viewer::Account(Relation::default());
        for part in Part::ALL {
            for action in Action::ALL {
                assert!(!allows(stranger, Visibility::Team, part, action));
            }
        }
    }

    #[test]
    fn only_the_owner_lists_makes_or_revokes_share_links() {
        let owner = Viewer::Account(rel(true, false, false, false));
        let readers = [
            rel(false, true, false, false),
            rel(false, false, true, false),
            rel(false, false, false, true),
            rel(false, true, true, true),
        ];
        for vis in Visibility::ALL {
            for action in Action::ALL {
                assert!(allows(owner, vis, Part::ShareLinks, action));
                assert!(!allows(Viewer::Guest, vis, Part::ShareLinks, action));
                assert!(!allows(Viewer::Nobody, vis, Part::ShareLinks, action));
                for r in readers {
                    assert!(
                        !allows(Viewer::Account(r), vis, Part::ShareLinks, action),
                        "{r:?} {action:?} share links at {vis}"
                    );
                }
            }
        }
    }

    /// The "besides reading" table from the module docs, for every reader
    /// who can see the mistake (at `team`, everyone related can).
    #[test]
    fn what_readers_may_do_besides_reading() {
        use Action::*;
        let table = [
            (Part::Record, [true, false, false]),
            (Part::Note, [true, false, false]),
            (Part::Updates, [true, false, false]),
            (Part::Comments, [true, true, true]),
            (Part::Votes, [true, true, true]),
            (Part::Acknowledgements, [true, true, false]),
            (Part::Sharing, [true, false, false]),
            (Part::ShareLinks, [false, false, false]),
            (Part::Audit, [false, false, false]),
        ];
        for r in [
            rel(false, true, false, false),
            rel(false, false, true, false),
            rel(false, false, false, true),
        ] {
            for (part, expected) in table {
                for (action, want) in [Read, Create, Change].into_iter().zip(expected) {
                    assert_eq!(
                        allows(Viewer::Account(r), Visibility::Team, part, action),
                        want,
                        "{r:?} {action:?} {part:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_stakeholder_reads_only_from_stakeholders_visibility_up() {
        let s = Viewer::Account(rel(false, false, true, false));
        for (vis, want) in [
            (Visibility::Private, false),
            (Visibility::Manager, false),
            (Visibility::Stakeholders, true),
            (Visibility::Team, true),
        ] {
            for part in [Part::Note, Part::Updates, Part::Comments, Part::Votes] {
                assert_eq!(allows(s, vis, part, Action::Read), want, "{part:?} {vis}");
            }
            assert_eq!(
                allows(s, vis, Part::Acknowledgements, Action::Create),
                want,
                "acknowledge at {vis}"
            );
        }
    }

    #[test]
    fn visibility_parses_and_refuses_unknowns() {
        assert_eq!("Team".parse::<Visibility>(), Ok(Visibility::Team));
        assert!(
            "public"
                .parse::<Visibility>()
                .unwrap_err()
                .to_string()
                .contains("unknown visibility 'public'")
        );
    }
}
