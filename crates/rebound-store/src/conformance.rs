//! The behaviour every [`Store`] backend must show, as async functions a
//! backend's own tests call with a fresh store: `run_all(&store).await`.
//!
//! Each function builds its own mistakes (fresh ids, through the domain's
//! operations, as the CLI would) and checks only those, so the functions can
//! share one store and run in any order. A failure panics with what differed.
//!
//! Times are fixed and of millisecond precision, the precision stores keep.

use crate::{Candidates, ListFilter, Store, StoreError};
use jiff::{SignedDuration, Timestamp, Zoned};
use rebound_domain::{
    Cadence, Change, Checkbox, CommitRole, FollowUpNote, Impact, LinkedCommit, Mistake, MistakeId,
    NewMistake, PreventionItem, PreventionKind, ProgressUpdate, Severity, State, TimelineEntry,
    UserId, Visibility,
};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs every check below, in order.
pub async fn run_all(store: &dyn Store) {
    create_then_get_round_trips_every_field(store).await;
    create_keeps_children_already_on_the_mistake(store).await;
    get_unknown_id_is_not_found(store).await;
    create_twice_is_id_taken(store).await;
    save_bumps_version_and_appends_changes(store).await;
    save_rewrites_prevention_items_and_commits(store).await;
    save_with_stale_version_is_conflict_and_writes_nothing(store).await;
    save_unknown_id_is_not_found(store).await;
    starring_another_mistakes_entry_fails_and_writes_nothing(store).await;
    list_open_excludes_closed_newest_first(store).await;
    list_all_includes_closed_newest_first(store).await;
    list_among_keeps_only_the_candidates(store).await;
    crate::conformance_timeline::run_all(store).await;
    crate::conformance_updates::run_all(store).await;
}

/// The fixed "now" of every check: millisecond precision, a real zone.
pub fn now() -> Zoned {
    "2026-11-22T14:30:00.123[Europe/Paris]"
        .parse()
        .expect("a valid zoned time")
}

/// `minutes` from now (negative: before).
pub(crate) fn at(now: &Zoned, minutes: i64) -> Timestamp {
    now.timestamp() + SignedDuration::from_mins(minutes)
}

/// The same zone, `minutes` later: "now" for an operation done later.
pub(crate) fn later(now: &Zoned, minutes: i64) -> Zoned {
    now.checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

/// A new id each call, random enough that runs sharing a database (or an
/// earlier run's leftovers) do not collide. No RNG crate needed: std's
/// `RandomState` is randomly keyed.
pub fn fresh_id() -> MistakeId {
    MistakeId::from_random(fresh5())
}

/// Five fresh random bytes, for any id (`from_random`).
pub fn fresh5() -> [u8; 5] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let b = h.finish().to_le_bytes();
    [b[0], b[1], b[2], b[3], b[4]]
}

/// A just-recorded mistake with only the required facts.
pub(crate) fn basic(now: &Zoned, title: &str, detected_minutes_ago: i64) -> Mistake {
    let input = NewMistake {
        title: title.to_string(),
        detected_at: Some(at(now, -detected_minutes_ago)),
        ..NewMistake::default()
    };
    Mistake::new(input, fresh_id(), now).expect("a valid mistake")
}

pub(crate) fn complete_note(now: &Zoned) -> FollowUpNote {
    FollowUpNote {
        impact: Impact {
            who: Some("the finance leads".into()),
            how_many: Some("about 40 people".into()),
            since: Some(at(now, -170)),
            what_wrong: Some("EUR totals were shown as USD, 8% too high".into()),
        },
        containment: Some("Rolled back the conversion change at 14:10".into()),
        fix: Some("Convert once, at the query layer, with a test on the totals".into()),
        fix_due: Some(at(now, 24 * 60)),
        prevention: vec![
            PreventionItem {
                kind: PreventionKind::Detective,
                text: "Alert when totals jump by more than 5%".into(),
            },
            PreventionItem {
                kind: PreventionKind::Preventive,
                text: "CI check comparing totals with the ledger".into(),
            },
            PreventionItem {
                kind: PreventionKind::Corrective,
                text: "Re-send Tuesday's report with correct figures".into(),
            },
        ],
        owner: Some("Sam".into()),
    }
}

/// A mistake with every field of the aggregate filled, each time distinct,
/// through the domain's own operations.
pub fn full_mistake(now: &Zoned) -> Mistake {
    let input = NewMistake {
        title: "Finance dashboard showed EUR totals as USD".into(),
        what: Some("A currency conversion was applied twice after Tuesday's deploy.".into()),
        affected: Some("finance leads".into()),
        severity: Some(Severity::High),
        started_at: Some(at(now, -180)),
        detected_at: Some(at(now, -30)),
        doing: Some("rolling back the conversion change".into()),
        owner: Some(UserId::parse("ana0sam1").expect("a valid user id")),
        visibility: Some(Visibility::Team),
    };
    let mut m = Mistake::new(input, fresh_id(), now).expect("a valid mistake");
    m.edit_heads_up("The dashboard showed EUR as USD since Tuesday. I am rolling it back and will confirm within the hour.")
        .expect("a valid heads-up");
    m.mark_sent(at(now, -25), Some("Dana (finance lead)".into()), now)
        .expect("sent after detection");
    m.set_note(complete_note(now), &later(now, 1))
        .expect("a valid note");
    m.tick(Checkbox::Impact, &later(now, 2))
        .expect("impact documented");
    m.tick(Checkbox::Prevention, &later(now, 3))
        .expect("prevention defined");
    m.link_commit(LinkedCommit {
        role: CommitRole::Guardrail,
        sha: None,
        url: Some("https://git.example.com/fin/dash/-/merge_requests/812".into()),
        message: None,
        author: None,
        committed_at: None,
        repo: None,
        linked_at: at(now, -11),
    });
    m.link_commit(LinkedCommit {
        role: CommitRole::Hotfix,
        sha: Some("3f786850e387550fdab836ed7e6dc881de23001b".into()),
        url: Some("https://git.example.com/fin/dash/-/commit/3f786850".into()),
        message: Some("Convert currencies once, at the query layer".into()),
        author: Some("Sam <sam@example.com>".into()),
        committed_at: Some(at(now, -14)),
        repo: Some("/home/sam/src/dash".into()),
        linked_at: at(now, -12),
    });
    m.move_to(State::Contained, at(now, -10))
        .expect("owned → contained");
    m.set_cadence(Cadence::Every(45));
    m.snooze_until(at(now, 40), now).expect("a future snooze");
    // Set by `add_timeline_entry`, whose rows only a save can write.
    m.timeline_written_at = Some(at(now, -20));
    m.updated_at = at(now, 4);
    m
}

pub async fn create_then_get_round_trips_every_field(store: &dyn Store) {
    let now = now();
    let m = full_mistake(&now);
    // Guards this check itself: if the domain stops filling a field, say so
    // rather than silently testing less.
    assert!(m.heads_up.edited && m.heads_up.sent_at.is_some() && m.heads_up.sent_to.is_some());
    assert!(m.note.is_complete() && m.note_written_at.is_some());
    assert!(m.impact_checked_at.is_some() && m.prevention_checked_at.is_some());
    assert!(m.next_update_at.is_some() && m.commits.len() == 2 && m.transitions.len() == 2);
    assert_eq!(m.state, State::Contained);

    store.create(&m).await.expect("create");
    let got = store.get(&m.id).await.expect("get");
    assert_eq!(got, m, "the stored mistake differs from the one created");
}

/// Timeline entries and updates present at creation are stored too, with
/// ids the store assigns.
pub async fn create_keeps_children_already_on_the_mistake(store: &dyn Store) {
    let now = now();
    let mut m = basic(&now, "Sent the invoice run twice", 15);
    m.mark_sent(at(&now, -10), None, &now).expect("sent");
    m.timeline.push(TimelineEntry {
        id: 0,
        at: at(&now, -15),
        text: "Customer asked why they were charged twice".into(),
        starred: true,
        recorded_at: at(&now, -9),
        removed_at: None,
        earlier: Vec::new(),
    });
    m.updates.push(ProgressUpdate {
        id: 0,
        at: at(&now, -5),
        text: "Refunds queued".into(),
    });
    store.create(&m).await.expect("create");

    let got = store.get(&m.id).await.expect("get");
    let mut expected = m.clone();
    assert_eq!(got.timeline.len(), 1, "timeline: {:?}", got.timeline);
    assert_eq!(got.updates.len(), 1, "updates: {:?}", got.updates);
    expected.timeline[0].id = got.timeline[0].id;
    expected.updates[0].id = got.updates[0].id;
    assert_eq!(got, expected);
}

pub async fn get_unknown_id_is_not_found(store: &dyn Store) {
    let id = fresh_id();
    match store.get(&id).await {
        Err(StoreError::NotFound(missing)) => assert_eq!(missing, id),
        other => panic!("get of an unknown id: expected NotFound, got {other:?}"),
    }
}

pub async fn create_twice_is_id_taken(store: &dyn Store) {
    let now = now();
    let first = basic(&now, "Deleted the staging bucket", 5);
    store.create(&first).await.expect("first create");
    let mut second = basic(&now, "Something else entirely", 1);
    second.id = first.id.clone();
    match store.create(&second).await {
        Err(StoreError::IdTaken(id)) => assert_eq!(id, first.id),
        other => panic!("second create with the same id: expected IdTaken, got {other:?}"),
    }
    assert_eq!(
        store.get(&first.id).await.expect("get"),
        first,
        "the first mistake was overwritten"
    );
}

pub async fn save_bumps_version_and_appends_changes(store: &dyn Store) {
    let now = now();
    let mut m = basic(&now, "Merged to main without review", 20);
    store.create(&m).await.expect("create");

    let mut changes = vec![
        m.add_timeline_entry(at(&now, -20), "Build went red on main", false, &now)
            .expect("entry"),
        m.add_timeline_entry(at(&now, -18), "Found my unreviewed merge", true, &now)
            .expect("entry"),
    ];
    changes.extend(
        m.mark_sent(at(&now, -12), Some("the team lead".into()), &now)
            .expect("sent"),
    );
    // Posted out of time order: updates come back ordered by time.
    changes.push(
        m.post_update("Revert is building", &later(&now, 2))
            .expect("update"),
    );
    changes.push(
        m.post_update("Reverting the merge", &later(&now, 1))
            .expect("update"),
    );
    let saved = store.save(&m, &changes).await.expect("first save");

    assert_eq!(saved.version, m.version + 1, "save must bump the version");
    let timeline: Vec<(Timestamp, &str, bool, Timestamp)> = saved
        .timeline
        .iter()
        .map(|e| (e.at, e.text.as_str(), e.starred, e.recorded_at))
        .collect();
    assert_eq!(
        timeline,
        vec![
            (
                at(&now, -20),
                "Build went red on main",
                false,
                now.timestamp()
            ),
            (
                at(&now, -18),
                "Found my unreviewed merge",
                true,
                now.timestamp()
            ),
        ]
    );
    assert_ne!(
        saved.timeline[0].id, saved.timeline[1].id,
        "entry ids must be distinct"
    );
    let updates: Vec<(Timestamp, &str)> = saved
        .updates
        .iter()
        .map(|u| (u.at, u.text.as_str()))
        .collect();
    assert_eq!(
        updates,
        vec![
            (at(&now, 1), "Reverting the merge"),
            (at(&now, 2), "Revert is building")
        ]
    );
    let expected = Mistake {
        version: m.version + 1,
        timeline: saved.timeline.clone(),
        updates: saved.updates.clone(),
        ..m.clone()
    };
    assert_eq!(saved, expected, "save must write the mistake's own fields");
    assert_eq!(
        store.get(&m.id).await.expect("get"),
        saved,
        "save must return what is stored"
    );

    // From the returned aggregate, as the next command would: star an entry
    // and move two steps at one instant (their order must survive).
    let mut m2 = saved.clone();
    let first_entry = m2.timeline[0].id;
    let mut changes = vec![m2.star_entry(first_entry, true).expect("star")];
    for to in [State::Contained, State::Fixed] {
        changes.extend(
            m2.move_to(to, at(&now, 3))
                .expect("owned → contained → fixed"),
        );
    }
    m2.set_cadence(Cadence::None);
    let saved2 = store.save(&m2, &changes).await.expect("second save");

    let steps: Vec<(State, State)> = saved2.transitions.iter().map(|t| (t.from, t.to)).collect();
    assert_eq!(
        steps,
        vec![
            (State::Detected, State::Owned),
            (State::Owned, State::Contained),
            (State::Contained, State::Fixed)
        ]
    );
    assert!(saved2.timeline[0].starred, "the entry was not starred");
    assert_eq!(
        saved2,
        Mistake {
            version: m2.version + 1,
            ..m2.clone()
        }
    );
    assert_eq!(store.get(&m.id).await.expect("get"), saved2);
}

/// Prevention items and commits follow the aggregate: removed ones go.
pub async fn save_rewrites_prevention_items_and_commits(store: &dyn Store) {
    let now = now();
    let m = full_mistake(&now);
    store.create(&m).await.expect("create");

    let mut m2 = m.clone();
    let mut note = m2.note.clone();
    note.prevention = vec![PreventionItem {
        kind: PreventionKind::Corrective,
        text: "Refund the double charges".into(),
    }];
    m2.set_note(note, &now).expect("note");
    m2.commits.retain(|c| c.role == CommitRole::Hotfix);
    m2.link_commit(LinkedCommit {
        role: CommitRole::Hotfix,
        sha: Some("9c1185a5c5e9fc54612808977ee8f548b2258d31".into()),
        url: None,
        message: Some("Convert once; test the totals".into()),
        author: None,
        committed_at: None,
        repo: None,
        linked_at: at(&now, 5),
    });
    let saved = store.save(&m2, &[]).await.expect("save");
    assert_eq!(saved.note.prevention.len(), 1);
    assert_eq!(saved.commits.len(), 1);
    assert_eq!(
        saved,
        Mistake {
            version: m2.version + 1,
            ..m2
        }
    );
}

pub async fn save_with_stale_version_is_conflict_and_writes_nothing(store: &dyn Store) {
    let now = now();
    let m = basic(&now, "Emailed the wrong customer list", 10);
    store.create(&m).await.expect("create");
    let current = store.save(&m, &[]).await.expect("save from version 0");

    // Someone still holding version 0 tries to save.
    let mut stale = m.clone();
    let mut changes = vec![
        stale
            .add_timeline_entry(at(&now, -9), "Noticed the wrong list", false, &now)
            .expect("entry"),
    ];
    changes.push(
        stale
            .post_update("Recalled the email", &now)
            .expect("update"),
    );
    stale.set_cadence(Cadence::Every(10));
    stale.title = "A stale title".into();
    match store.save(&stale, &changes).await {
        Err(StoreError::Conflict(id)) => assert_eq!(id, m.id),
        other => panic!("save at a stale version: expected Conflict, got {other:?}"),
    }
    assert_eq!(
        store.get(&m.id).await.expect("get"),
        current,
        "a refused save wrote something"
    );
}

pub async fn save_unknown_id_is_not_found(store: &dyn Store) {
    let now = now();
    let mut m = basic(&now, "Never stored", 1);
    let change = m
        .add_timeline_entry(at(&now, -1), "An entry", false, &now)
        .expect("entry");
    match store.save(&m, &[change]).await {
        Err(StoreError::NotFound(id)) => assert_eq!(id, m.id),
        other => panic!("save of an unknown id: expected NotFound, got {other:?}"),
    }
    assert!(
        matches!(store.get(&m.id).await, Err(StoreError::NotFound(_))),
        "a refused save created it"
    );
}

/// A change naming another mistake's timeline entry is refused, and the
/// whole save with it.
pub async fn starring_another_mistakes_entry_fails_and_writes_nothing(store: &dyn Store) {
    let now = now();
    let mut a = basic(&now, "Mistake A", 8);
    let b = basic(&now, "Mistake B", 7);
    store.create(&a).await.expect("create a");
    store.create(&b).await.expect("create b");
    let change = a
        .add_timeline_entry(at(&now, -8), "A's entry", false, &now)
        .expect("entry");
    let a1 = store.save(&a, &[change]).await.expect("save a");
    let foreign = a1.timeline[0].id;

    let mut b2 = b.clone();
    let mut changes = vec![
        b2.add_timeline_entry(at(&now, -7), "B's own entry", false, &now)
            .expect("entry"),
    ];
    changes.push(Change::TimelineStarred {
        entry_id: foreign,
        starred: true,
    });
    b2.set_cadence(Cadence::Every(5));
    let result = store.save(&b2, &changes).await;
    assert!(
        result.is_err(),
        "starring entry {foreign} of another mistake succeeded: {result:?}"
    );
    assert_eq!(
        store.get(&b.id).await.expect("get b"),
        b,
        "the refused save wrote to B"
    );
    assert_eq!(
        store.get(&a.id).await.expect("get a"),
        a1,
        "the refused save wrote to A"
    );
}

/// Three mistakes detected at distinct times, the middle one closed, the
/// oldest with children (so listing must attach them to the right mistake).
async fn listing_fixture(store: &dyn Store, now: &Zoned) -> [Mistake; 3] {
    let oldest = basic(now, "Oldest, open", 300);
    store.create(&oldest).await.expect("create");
    let mut o = oldest.clone();
    let changes = vec![
        o.add_timeline_entry(at(now, -299), "First thing noticed", true, now)
            .expect("entry"),
        o.post_update("Still looking", now).expect("update"),
    ];
    let oldest = store.save(&o, &changes).await.expect("save");

    let mut closed = basic(now, "Middle, closed", 200);
    closed.mark_sent(at(now, -190), None, now).expect("sent");
    closed.set_note(complete_note(now), now).expect("note");
    closed.tick(Checkbox::Impact, now).expect("impact");
    closed.tick(Checkbox::Prevention, now).expect("prevention");
    closed.move_to(State::Closed, at(now, -50)).expect("close");
    store.create(&closed).await.expect("create");

    let newest = basic(now, "Newest, open", 100);
    store.create(&newest).await.expect("create");
    [oldest, closed, newest]
}

fn assert_newest_first(list: &[Mistake]) {
    for pair in list.windows(2) {
        assert!(
            pair[0].detected_at >= pair[1].detected_at,
            "list is not most recently detected first: {} ({}) before {} ({})",
            pair[0].id,
            pair[0].detected_at,
            pair[1].id,
            pair[1].detected_at
        );
    }
}

/// The listed mistakes among `ours`, in listed order, each checked whole.
fn ours_in_order(list: &[Mistake], ours: &[Mistake]) -> Vec<MistakeId> {
    let mut found = Vec::new();
    for m in list {
        if let Some(expected) = ours.iter().find(|o| o.id == m.id) {
            assert_eq!(m, expected, "a listed mistake differs from the stored one");
            found.push(m.id.clone());
        }
    }
    found
}

pub async fn list_open_excludes_closed_newest_first(store: &dyn Store) {
    let now = now();
    let [oldest, closed, newest] = listing_fixture(store, &now).await;
    let open = store.list(ListFilter::Open).await.expect("list open");
    assert!(
        open.iter().all(|m| m.state != State::Closed),
        "list Open returned a closed mistake"
    );
    assert_newest_first(&open);
    let ours = ours_in_order(&open, &[oldest.clone(), closed, newest.clone()]);
    assert_eq!(ours, vec![newest.id, oldest.id]);
}

pub async fn list_all_includes_closed_newest_first(store: &dyn Store) {
    let now = now();
    let [oldest, closed, newest] = listing_fixture(store, &now).await;
    let all = store.list(ListFilter::All).await.expect("list all");
    assert_newest_first(&all);
    let ours = ours_in_order(&all, &[oldest.clone(), closed.clone(), newest.clone()]);
    assert_eq!(ours, vec![newest.id, closed.id, oldest.id]);
}

/// A mistake owned by `owner`, detected `minutes_ago`.
async fn owned(
    store: &dyn Store,
    now: &Zoned,
    owner: &UserId,
    title: &str,
    minutes_ago: i64,
) -> Mistake {
    let mut m = basic(now, title, minutes_ago);
    m.owner = Some(owner.clone());
    store.create(&m).await.expect("create");
    m
}

/// A user id no other run shares.
fn fresh_user() -> UserId {
    UserId::from_random(fresh5())
}

pub async fn list_among_keeps_only_the_candidates(store: &dyn Store) {
    let now = now();
    let (me, report, stranger) = (fresh_user(), fresh_user(), fresh_user());
    let mine = owned(store, &now, &me, "Mine", 400).await;
    let reports = owned(store, &now, &report, "My report's", 300).await;
    let staked = owned(
        store,
        &now,
        &stranger,
        "A stranger's, I am a stakeholder",
        200,
    )
    .await;
    let strangers = owned(store, &now, &stranger, "A stranger's", 100).await;
    let mut closed = basic(&now, "My report's, closed", 50);
    closed.owner = Some(report.clone());
    closed.mark_sent(at(&now, -45), None, &now).expect("sent");
    closed.set_note(complete_note(&now), &now).expect("note");
    closed.tick(Checkbox::Impact, &now).expect("impact");
    closed.tick(Checkbox::Prevention, &now).expect("prevention");
    closed.move_to(State::Closed, at(&now, -40)).expect("close");
    store.create(&closed).await.expect("create closed");

    let candidates = Candidates {
        owners: vec![me.clone(), report.clone()],
        mistakes: vec![staked.id.clone()],
    };
    let all = [
        mine.clone(),
        reports.clone(),
        staked.clone(),
        strangers.clone(),
        closed.clone(),
    ];
    let open = store
        .list_among(ListFilter::Open, &candidates)
        .await
        .expect("list among, open");
    assert_newest_first(&open);
    assert_eq!(
        ours_in_order(&open, &all),
        vec![staked.id.clone(), reports.id.clone(), mine.id.clone()],
        "open candidates: mine, my report's and the one I hold a stake in"
    );
    assert_eq!(open.len(), 3, "a mistake outside the candidates was listed");

    let every = store
        .list_among(ListFilter::All, &candidates)
        .await
        .expect("list among, all");
    assert_eq!(
        ours_in_order(&every, &all),
        vec![closed.id, staked.id.clone(), reports.id, mine.id],
        "all candidates, closed included"
    );
    assert_eq!(
        every.len(),
        4,
        "a mistake outside the candidates was listed"
    );

    let only_stake = Candidates {
        owners: Vec::new(),
        mistakes: vec![staked.id.clone()],
    };
    let listed = store
        .list_among(ListFilter::All, &only_stake)
        .await
        .expect("list among, stake only");
    assert_eq!(ours_in_order(&listed, &all), vec![staked.id]);
    assert_eq!(listed.len(), 1);

    let none = store
        .list_among(ListFilter::All, &Candidates::default())
        .await
        .expect("list among, nothing");
    assert!(
        none.is_empty(),
        "no candidates listed {} mistakes",
        none.len()
    );
}
