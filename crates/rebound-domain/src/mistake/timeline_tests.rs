//! Editing and removing timeline entries keeps the past on the record.

use super::*;
use jiff::ToSpan as _;

fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

fn ago(minutes: i64) -> Timestamp {
    now().timestamp() - minutes.minutes()
}

/// A mistake noticed ten minutes ago with one entry (id 7) written five
/// minutes ago, as the store hands it back.
fn with_entry() -> Mistake {
    let input = NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        detected_at: Some(ago(10)),
        ..NewMistake::default()
    };
    let mut m = Mistake::new(input, MistakeId::from_random([1, 2, 3, 4, 5]), &now()).unwrap();
    m.timeline_written_at = Some(ago(5));
    m.timeline.push(TimelineEntry {
        id: 7,
        at: ago(9),
        text: "v42 publshed".into(),
        starred: false,
        recorded_at: ago(5),
        removed_at: None,
        earlier: Vec::new(),
    });
    m
}

#[test]
fn an_edit_keeps_what_the_entry_said_before() {
    let mut m = with_entry();
    let changes = m
        .edit_entry(
            7,
            EntryEdit {
                text: Some("v42 published".into()),
                at: Some(ago(8)),
                starred: Some(true),
            },
            &now(),
        )
        .unwrap();
    let earlier = EntryVersion {
        at: ago(9),
        text: "v42 publshed".into(),
        replaced_at: now().timestamp(),
    };
    assert_eq!(
        changes,
        vec![
            Change::TimelineEdited {
                entry_id: 7,
                at: ago(8),
                text: "v42 published".into(),
                earlier: earlier.clone(),
            },
            Change::TimelineStarred {
                entry_id: 7,
                starred: true
            },
        ]
    );
    let e = &m.timeline[0];
    assert_eq!(
        (e.text.as_str(), e.at, e.starred),
        ("v42 published", ago(8), true)
    );
    assert_eq!(e.earlier, vec![earlier]);
    assert_eq!(e.recorded_at, ago(5), "when it was first written stays");
    assert_eq!(
        m.timeline_written_at,
        Some(ago(5)),
        "the clock is not moved"
    );
}

#[test]
fn the_same_text_again_records_no_edit_and_an_empty_edit_is_refused() {
    let mut m = with_entry();
    let same = EntryEdit {
        text: Some("v42 publshed".into()),
        ..EntryEdit::default()
    };
    assert_eq!(m.edit_entry(7, same, &now()), Ok(Vec::new()));
    assert!(m.timeline[0].earlier.is_empty());
    assert_eq!(
        m.edit_entry(7, EntryEdit::default(), &now()),
        Err(DomainError::NothingToChange)
    );
}

#[test]
fn a_refused_edit_changes_nothing() {
    let mut m = with_entry();
    let before = m.clone();
    let blank = EntryEdit {
        text: Some("  ".into()),
        starred: Some(true),
        ..EntryEdit::default()
    };
    assert_eq!(
        m.edit_entry(7, blank, &now()),
        Err(DomainError::EmptyText("timeline entry"))
    );
    let ahead = EntryEdit {
        at: Some(now().timestamp() + 2.hours()),
        ..EntryEdit::default()
    };
    assert!(matches!(
        m.edit_entry(7, ahead, &now()),
        Err(DomainError::When(_))
    ));
    let text = EntryEdit {
        text: Some("x".into()),
        ..EntryEdit::default()
    };
    assert_eq!(
        m.edit_entry(8, text, &now()),
        Err(DomainError::NoSuchEntry(8))
    );
    assert_eq!(m, before);
}

#[test]
fn a_removed_entry_stays_on_the_record_and_out_of_the_write_up() {
    let mut m = with_entry();
    assert_eq!(
        m.remove_entry(7, &now()),
        Ok(Change::TimelineRemoved {
            entry_id: 7,
            removed_at: now().timestamp()
        })
    );
    assert_eq!(m.timeline[0].removed_at, Some(now().timestamp()));
    assert!(m.timeline_sorted().is_empty());
    assert_eq!(m.timeline_with_removed().len(), 1);
    assert_eq!(
        m.timeline_written_at,
        Some(ago(5)),
        "the clock is not reset"
    );
    let refused = DomainError::EntryRemoved {
        entry: 7,
        at: "2026-11-22 14:30 CET".into(),
    };
    assert_eq!(m.remove_entry(7, &now()), Err(refused.clone()));
    let edit = EntryEdit {
        text: Some("again".into()),
        ..EntryEdit::default()
    };
    assert_eq!(m.edit_entry(7, edit, &now()), Err(refused));
    assert!(m.star_entry(7, true).is_err());
}
