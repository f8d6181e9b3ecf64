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
                    Action::Delete => false,
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
                let want = !(part == Part::Acknowledgements && action == Action::Create)
                    && (action != Action::Delete || part == Part::Record);
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
            // Deleting is of the whole record, not of a part.
            let want = action != Action::Delete;
            assert_eq!(allows(owner, vis, Part::ShareLinks, action), want);
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

/// Deleting a mistake: the owner, at every visibility; nobody else who can
/// read it (manager, stakeholder, teammate, all at once), no guest, and no
/// recovery relation deletes a plan.
#[test]
fn only_the_owner_deletes_a_mistake() {
    let owner = Viewer::Account(rel(true, false, false, false));
    let readers = [
        rel(false, true, false, false),
        rel(false, false, true, false),
        rel(false, false, false, true),
        rel(false, true, true, true),
    ];
    for vis in Visibility::ALL {
        assert!(allows(owner, vis, Part::Record, Action::Delete));
        assert!(!allows(Viewer::Guest, vis, Part::Record, Action::Delete));
        assert!(!allows(Viewer::Nobody, vis, Part::Record, Action::Delete));
        for r in readers {
            assert!(!allows(
                Viewer::Account(r),
                vis,
                Part::Record,
                Action::Delete
            ));
        }
    }
    for part in RecoveryPart::ALL {
        for rel in [
            PlanRelation::CurrentManager,
            PlanRelation::Report,
            PlanRelation::None,
        ] {
            assert!(!allows_recovery(rel, part, Action::Delete));
        }
    }
}
