//! Unit tests of the operations on a mistake.

use super::*;
use crate::note::{PreventionItem, PreventionKind};
use jiff::ToSpan as _;

fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

fn ago(minutes: i64) -> Timestamp {
    now().timestamp() - minutes.minutes()
}

fn mistake() -> Mistake {
    let input = NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        detected_at: Some(ago(10)),
        ..NewMistake::default()
    };
    Mistake::new(input, MistakeId::from_random([1, 2, 3, 4, 5]), &now()).unwrap()
}

#[test]
fn new_checks_title_and_order_of_times() {
    let id = MistakeId::from_random([9; 5]);
    let empty = NewMistake {
        title: "  ".into(),
        ..NewMistake::default()
    };
    assert_eq!(
        Mistake::new(empty, id.clone(), &now()),
        Err(DomainError::EmptyTitle)
    );
    let long = NewMistake {
        title: "x".repeat(MAX_TITLE_CHARS + 1),
        ..NewMistake::default()
    };
    assert_eq!(
        Mistake::new(long, id.clone(), &now()),
        Err(DomainError::TitleTooLong(MAX_TITLE_CHARS + 1))
    );
    let backwards = NewMistake {
        title: "Broke the build".into(),
        started_at: Some(ago(5)),
        detected_at: Some(ago(60)),
        ..NewMistake::default()
    };
    let err = Mistake::new(backwards, id, &now()).unwrap_err();
    assert!(
        matches!(err, DomainError::StartAfterDetection { .. }),
        "{err}"
    );
}

#[test]
fn a_new_mistake_is_detected_with_a_drafted_heads_up() {
    let m = mistake();
    assert_eq!(m.state, State::Detected);
    assert_eq!(m.severity, Severity::Medium);
    assert!(m.heads_up.text.contains("wrong dashboard version"));
    assert!(m.heads_up.sent_at.is_none());
}

#[test]
fn marking_sent_owns_the_mistake_once() {
    let mut m = mistake();
    let changes = m.mark_sent(ago(6), Some("Dana".into()), &now()).unwrap();
    assert_eq!(m.state, State::Owned);
    assert_eq!(changes.len(), 1);
    assert_eq!(m.clocks(now().timestamp()).time_to_own_secs, Some(240));
    assert!(matches!(
        m.mark_sent(ago(1), None, &now()),
        Err(DomainError::AlreadySent(_))
    ));
    let mut early = mistake();
    assert!(matches!(
        early.mark_sent(ago(30), None, &now()),
        Err(DomainError::BeforeDetection { .. })
    ));
    assert!(
        early.heads_up.sent_at.is_none(),
        "a refused operation changes nothing"
    );
}

#[test]
fn revising_facts_redrafts_unless_edited_and_keeps_times_in_order() {
    let mut m = mistake();
    let r = Revision {
        affected: Some("the finance leads".into()),
        severity: Some(Severity::High),
        ..Revision::default()
    };
    m.revise(r, &now()).unwrap();
    assert!(
        m.heads_up.text.contains("the finance leads"),
        "{}",
        m.heads_up.text
    );
    assert_eq!(m.severity, Severity::High);

    m.edit_heads_up("Finance: wrong dashboard, fixing now.")
        .unwrap();
    m.revise(
        Revision {
            title: Some("Sent finance the v42 dashboard".into()),
            ..Revision::default()
        },
        &now(),
    )
    .unwrap();
    assert_eq!(m.heads_up.text, "Finance: wrong dashboard, fixing now.");

    let before = m.clone();
    let bad = Revision {
        started_at: Some(ago(1)),
        ..Revision::default()
    };
    assert!(matches!(
        m.revise(bad, &now()),
        Err(DomainError::StartAfterDetection { .. })
    ));
    let bad = Revision {
        title: Some(" ".into()),
        what: Some("more".into()),
        ..Revision::default()
    };
    assert_eq!(m.revise(bad, &now()), Err(DomainError::EmptyTitle));
    assert_eq!(m, before, "a refused revision changes nothing");

    m.revise(
        Revision {
            affected: Some("".into()),
            ..Revision::default()
        },
        &now(),
    )
    .unwrap();
    assert_eq!(m.affected, None, "blank clears");

    m.mark_sent(ago(5), None, &now()).unwrap();
    let late = Revision {
        detected_at: Some(ago(2)),
        ..Revision::default()
    };
    assert!(matches!(
        m.revise(late, &now()),
        Err(DomainError::BeforeDetection { .. })
    ));
}

#[test]
fn a_corrected_start_or_detection_keeps_what_it_said_before() {
    let mut m = mistake();
    let changes = m
        .revise(
            Revision {
                title: Some("Sent finance the v42 dashboard".into()),
                detected_at: Some(ago(10)),
                ..Revision::default()
            },
            &now(),
        )
        .unwrap();
    assert!(changes.is_empty(), "the same time is no correction");
    assert!(m.time_corrections.is_empty());

    let changes = m
        .revise(
            Revision {
                started_at: Some(ago(40)),
                detected_at: Some(ago(25)),
                ..Revision::default()
            },
            &now(),
        )
        .unwrap();
    let started = TimeCorrection {
        field: TimeField::Started,
        earlier: None,
        later: ago(40),
        corrected_at: now().timestamp(),
    };
    let detected = TimeCorrection {
        field: TimeField::Detected,
        earlier: Some(ago(10)),
        later: ago(25),
        corrected_at: now().timestamp(),
    };
    assert_eq!(
        changes,
        vec![
            Change::TimeCorrected(started.clone()),
            Change::TimeCorrected(detected.clone())
        ]
    );
    assert_eq!(m.time_corrections, vec![started, detected]);
    assert_eq!((m.started_at, m.detected_at), (Some(ago(40)), ago(25)));

    // A refused correction keeps nothing.
    let before = m.clone();
    let bad = Revision {
        started_at: Some(ago(5)),
        ..Revision::default()
    };
    assert!(m.revise(bad, &now()).is_err());
    assert_eq!(m, before);
}

#[test]
fn checkboxes_need_their_sections_and_closing_needs_both() {
    let mut m = mistake();
    assert!(matches!(
        m.tick(Checkbox::Impact, &now()),
        Err(DomainError::CheckboxNotReady { .. })
    ));
    assert!(matches!(
        m.tick(Checkbox::Prevention, &now()),
        Err(DomainError::CheckboxNotReady { .. })
    ));
    let mut note = m.note.clone();
    note.impact.who = Some("the finance leads".into());
    note.impact.what_wrong = Some("refunds counted twice".into());
    note.prevention.push(PreventionItem {
        kind: PreventionKind::Preventive,
        text: "Check against the ledger".into(),
    });
    m.set_note(note, &now()).unwrap();
    m.tick(Checkbox::Impact, &now()).unwrap();
    m.mark_sent(ago(5), None, &now()).unwrap();
    let err = m.move_to(State::Closed, now().timestamp()).unwrap_err();
    assert_eq!(
        err,
        DomainError::Lifecycle(LifecycleError::CheckboxesMissing(vec![
            Checkbox::Prevention
        ]))
    );
    assert_eq!(m.state, State::Owned, "a refused move changes nothing");
    m.tick(Checkbox::Prevention, &now()).unwrap();
    let changes = m.move_to(State::Closed, now().timestamp()).unwrap();
    // One move recorded, from owned: nothing says it was contained, fixed
    // or reviewed on the way, and no export says a fix is in place.
    assert_eq!(changes.len(), 1);
    assert_eq!(m.state, State::Closed);
    let last = m.transitions.last().unwrap();
    assert_eq!((last.from, last.to), (State::Owned, State::Closed));
    assert!(!m.reached(State::Fixed) && !m.reached(State::Contained));
    assert!(!m.fix_in_place());
    let email = crate::export::email(&m, &now()).body;
    assert!(!email.contains("in place"), "{email}");
    m.untick(Checkbox::Impact);
    assert!(m.impact_checked_at.is_none());
}

#[test]
fn the_note_clock_stops_the_first_time_the_note_is_complete() {
    let mut m = mistake();
    let mut note = FollowUpNote {
        containment: Some("Pulled v42".into()),
        fix: Some("Correct the refund join".into()),
        fix_due: Some(now().timestamp() + 2.hours()),
        owner: Some("me".into()),
        ..FollowUpNote::default()
    };
    note.impact.who = Some("the finance leads".into());
    note.impact.what_wrong = Some("refunds counted twice".into());
    m.set_note(note.clone(), &now()).unwrap();
    assert!(m.note_written_at.is_none(), "prevention still missing");
    note.prevention.push(PreventionItem {
        kind: PreventionKind::Detective,
        text: "Alert on a 5% jump".into(),
    });
    m.set_note(note.clone(), &now()).unwrap();
    assert_eq!(m.note_written_at, Some(now().timestamp()));
    // Emptying a section later does not restart the clock.
    note.owner = None;
    let later: Zoned = "2026-11-22T15:30:00[Europe/Paris]".parse().unwrap();
    m.set_note(note, &later).unwrap();
    assert_eq!(m.note_written_at, Some(now().timestamp()));
}

#[test]
fn updates_clear_a_snooze_and_snoozes_must_lie_ahead() {
    let mut m = mistake();
    assert!(matches!(
        m.snooze_until(ago(1), &now()),
        Err(DomainError::NotInFuture { .. })
    ));
    let until = now().timestamp() + 6.hours();
    m.snooze_until(until, &now()).unwrap();
    assert_eq!(m.next_update_due(), Some(until));
    m.post_update("Rolled back; fix at 16:00", &now()).unwrap();
    assert_eq!(m.next_update_at, None);
    assert!(matches!(
        m.post_update("  ", &now()),
        Err(DomainError::EmptyText("update"))
    ));
}

#[test]
fn timeline_entries_start_the_clock_and_stars_need_a_known_entry() {
    let mut m = mistake();
    let change = m
        .add_timeline_entry(ago(60), "v42 published", true, &now())
        .unwrap();
    assert!(matches!(
        change,
        Change::TimelineAdded { starred: true, .. }
    ));
    assert_eq!(m.timeline_written_at, Some(now().timestamp()));
    assert_eq!(m.star_entry(7, true), Err(DomainError::NoSuchEntry(7)));
    m.timeline.push(TimelineEntry {
        id: 7,
        at: ago(60),
        text: "v42 published".into(),
        starred: false,
        recorded_at: ago(0),
        removed_at: None,
        earlier: Vec::new(),
    });
    assert_eq!(
        m.star_entry(7, true),
        Ok(Change::TimelineStarred {
            entry_id: 7,
            starred: true
        })
    );
    assert!(m.timeline[0].starred);
}

#[test]
fn revising_the_visibility_alone_leaves_the_heads_up_as_drafted() {
    let mut m = mistake();
    let drafted = m.heads_up.clone();
    m.revise(
        Revision {
            visibility: Some(Visibility::Team),
            ..Revision::default()
        },
        &now(),
    )
    .unwrap();
    assert_eq!(m.visibility, Visibility::Team);
    assert_eq!(m.heads_up, drafted);

    let before = m.clone();
    let bad = Revision {
        title: Some(" ".into()),
        visibility: Some(Visibility::Private),
        ..Revision::default()
    };
    assert_eq!(m.revise(bad, &now()), Err(DomainError::EmptyTitle));
    assert_eq!(m, before, "a refused revision keeps the visibility too");
}
