//! Editing and removing timeline entries: the earlier wording and the
//! removal are stored with the entry, and a change to another mistake's
//! entry (or a removed one) is refused with the whole save.

use crate::Store;
use crate::conformance::{at, basic, later, now};
use rebound_domain::{Change, EntryEdit, EntryVersion, Revision, TimeCorrection, TimeField};

pub async fn run_all(store: &dyn Store) {
    edits_keep_the_earlier_wording_and_removals_keep_the_entry(store).await;
    changing_another_mistakes_entry_fails_and_writes_nothing(store).await;
    corrected_times_keep_their_earlier_values(store).await;
}

/// Correcting when it started or was noticed keeps the earlier value, in
/// order, read back with the mistake (and in the whole read).
pub async fn corrected_times_keep_their_earlier_values(store: &dyn Store) {
    let now = now();
    let m = basic(&now, "Times corrected", 20);
    store.create(&m).await.expect("create");
    let mut saved = store.get(&m.id).await.expect("get");
    let then = later(&now, 2);
    let changes = saved
        .revise(
            Revision {
                started_at: Some(at(&now, -45)),
                detected_at: Some(at(&now, -30)),
                ..Revision::default()
            },
            &then,
        )
        .expect("revise");
    assert_eq!(changes.len(), 2);
    let saved = store.save(&saved, &changes).await.expect("save");
    let mut again = saved.clone();
    let last = later(&now, 4);
    let changes = again
        .revise(
            Revision {
                detected_at: Some(at(&now, -25)),
                ..Revision::default()
            },
            &last,
        )
        .expect("revise");
    let stored = store.save(&again, &changes).await.expect("second save");
    assert_eq!(
        stored.time_corrections,
        vec![
            TimeCorrection {
                field: TimeField::Started,
                earlier: None,
                later: at(&now, -45),
                corrected_at: then.timestamp(),
            },
            TimeCorrection {
                field: TimeField::Detected,
                earlier: Some(m.detected_at),
                later: at(&now, -30),
                corrected_at: then.timestamp(),
            },
            TimeCorrection {
                field: TimeField::Detected,
                earlier: Some(at(&now, -30)),
                later: at(&now, -25),
                corrected_at: last.timestamp(),
            },
        ]
    );
    assert_eq!(store.get(&m.id).await.expect("get"), stored);
    let whole = store.get_whole(&m.id).await.expect("whole");
    assert_eq!(whole.time_corrections, stored.time_corrections);
}

pub async fn edits_keep_the_earlier_wording_and_removals_keep_the_entry(store: &dyn Store) {
    let now = now();
    let mut m = basic(&now, "Timeline history", 20);
    store.create(&m).await.expect("create");
    let changes = vec![
        m.add_timeline_entry(at(&now, -19), "v42 publshed", false, &now)
            .expect("entry"),
        m.add_timeline_entry(at(&now, -15), "rolled back", false, &now)
            .expect("entry"),
    ];
    let mut saved = store.save(&m, &changes).await.expect("save");
    let (first, second) = (saved.timeline[0].id, saved.timeline[1].id);

    let then = later(&now, 5);
    let edit = EntryEdit {
        text: Some("v42 published".into()),
        at: Some(at(&now, -18)),
        starred: Some(true),
    };
    let mut changes = saved.edit_entry(first, edit, &then).expect("edit");
    changes.push(saved.remove_entry(second, &then).expect("remove"));
    let stored = store.save(&saved, &changes).await.expect("second save");
    let e = &stored.timeline[0];
    assert_eq!(
        (e.text.as_str(), e.at, e.starred),
        ("v42 published", at(&now, -18), true)
    );
    assert_eq!(
        e.earlier,
        vec![EntryVersion {
            at: at(&now, -19),
            text: "v42 publshed".into(),
            replaced_at: then.timestamp(),
        }]
    );
    assert_eq!(stored.timeline[1].removed_at, Some(then.timestamp()));
    assert_eq!(
        stored.timeline[1].text, "rolled back",
        "a removal keeps the text"
    );
    assert_eq!(stored.timeline_written_at, m.timeline_written_at);

    // A second edit is appended after the first.
    let mut again = stored.clone();
    let edit = EntryEdit {
        text: Some("v42 published to prod".into()),
        ..EntryEdit::default()
    };
    let changes = again
        .edit_entry(first, edit, &later(&now, 6))
        .expect("edit");
    let stored = store.save(&again, &changes).await.expect("third save");
    let earlier: Vec<&str> = stored.timeline[0]
        .earlier
        .iter()
        .map(|v| v.text.as_str())
        .collect();
    assert_eq!(earlier, ["v42 publshed", "v42 published"]);
    assert_eq!(store.get(&m.id).await.expect("get"), stored);
}

pub async fn changing_another_mistakes_entry_fails_and_writes_nothing(store: &dyn Store) {
    let now = now();
    let mut a = basic(&now, "Mistake A, history", 8);
    let b = basic(&now, "Mistake B, history", 7);
    store.create(&a).await.expect("create a");
    store.create(&b).await.expect("create b");
    let change = a
        .add_timeline_entry(at(&now, -8), "A's entry", false, &now)
        .expect("entry");
    let a1 = store.save(&a, &[change]).await.expect("save a");
    let foreign = a1.timeline[0].id;
    let earlier = EntryVersion {
        at: at(&now, -8),
        text: "A's entry".into(),
        replaced_at: now.timestamp(),
    };
    for change in [
        Change::TimelineEdited {
            entry_id: foreign,
            at: at(&now, -8),
            text: "rewritten".into(),
            earlier,
        },
        Change::TimelineRemoved {
            entry_id: foreign,
            removed_at: now.timestamp(),
        },
    ] {
        let result = store.save(&b, &[change]).await;
        assert!(result.is_err(), "B changed A's entry: {result:?}");
    }
    assert_eq!(store.get(&b.id).await.expect("get b"), b);
    assert_eq!(store.get(&a.id).await.expect("get a"), a1);

    // A removed entry takes no further removal, even from a stale copy.
    let mut a2 = a1.clone();
    let removal = a2.remove_entry(foreign, &now).expect("remove");
    let a3 = store
        .save(&a2, std::slice::from_ref(&removal))
        .await
        .expect("remove");
    let result = store.save(&a3, &[removal]).await;
    assert!(result.is_err(), "removed twice: {result:?}");
    assert_eq!(store.get(&a.id).await.expect("get a"), a3);
}
