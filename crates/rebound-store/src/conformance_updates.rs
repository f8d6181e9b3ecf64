//! Large histories: a read carries the newest `RECENT_UPDATES` updates and
//! counts the rest; older ones come a page at a time, newest first; a save
//! after such a read keeps every update; whole reads carry them all.

use crate::conformance::{at, basic, now};
use crate::{Candidates, ListFilter, Store};
use rebound_domain::{Change, Mistake, ProgressUpdate, RECENT_UPDATES};

pub async fn run_all(store: &dyn Store) {
    a_read_carries_the_newest_updates_and_pages_reach_the_rest(store).await;
    a_save_after_a_partial_read_keeps_every_update(store).await;
}

/// How many updates the fixture posts: more than a read carries.
const POSTED: usize = RECENT_UPDATES + 7;

/// A mistake with `POSTED` updates, "u0" the oldest; "u10" and "u11" share
/// an instant (the id then orders them).
async fn with_history(store: &dyn Store, title: &str) -> Mistake {
    let now = now();
    let m = basic(&now, title, 600);
    store.create(&m).await.expect("create");
    let changes: Vec<Change> = (0..POSTED)
        .map(|i| {
            let minute = if i == 11 { 10 } else { i as i64 };
            Change::UpdatePosted {
                at: at(&now, -500 + minute),
                text: format!("u{i}"),
            }
        })
        .collect();
    store.save(&m, &changes).await.expect("save")
}

fn texts(updates: &[ProgressUpdate]) -> Vec<String> {
    updates.iter().map(|u| u.text.clone()).collect()
}

fn named(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("u{i}")).collect()
}

pub async fn a_read_carries_the_newest_updates_and_pages_reach_the_rest(store: &dyn Store) {
    let saved = with_history(store, "A long history").await;
    let got = store.get(&saved.id).await.expect("get");
    assert_eq!(
        texts(&got.updates),
        named(POSTED - RECENT_UPDATES..POSTED),
        "a read carries the newest, oldest first"
    );
    assert_eq!(got.older_updates, (POSTED - RECENT_UPDATES) as u64);
    assert_eq!(got, saved, "the save's read-back is the same read");
    let last = got.updates.last().expect("updates").at;
    assert_eq!(got.last_news(), last, "the clocks see the last update");

    // Pages of 4 from the newest, then on from each page's last.
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = (store.updates(&got.id, before, 4).await)
            .expect("page")
            .expect("a page of this mistake");
        assert!(page.updates.len() <= 4);
        seen.extend(texts(&page.updates));
        before = page.updates.last().map(|u| u.id);
        if !page.older {
            break;
        }
    }
    assert_eq!(
        seen,
        named((0..POSTED).rev()),
        "every update once, newest first"
    );

    // From the oldest carried one: exactly those not carried.
    let oldest = got.updates[0].id;
    let page = (store.updates(&got.id, Some(oldest), 100).await)
        .expect("page")
        .expect("known cursor");
    assert_eq!(
        texts(&page.updates),
        named((0..POSTED - RECENT_UPDATES).rev())
    );
    assert!(!page.older);
    let first = page.updates.last().expect("the oldest").id;
    let none = (store.updates(&got.id, Some(first), 5).await).expect("page");
    assert_eq!(
        none.map(|p| p.updates.len()),
        Some(0),
        "nothing before the first"
    );

    // Another mistake's update is no cursor here.
    let other = with_history(store, "Another history").await;
    let foreign = other.updates[0].id;
    assert_eq!(
        store
            .updates(&got.id, Some(foreign), 5)
            .await
            .expect("read"),
        None
    );
    assert_eq!(
        store
            .updates(&got.id, Some(i64::MAX), 5)
            .await
            .expect("read"),
        None
    );
}

pub async fn a_save_after_a_partial_read_keeps_every_update(store: &dyn Store) {
    let saved = with_history(store, "Saved after a partial read").await;
    let mut m = store.get(&saved.id).await.expect("get");
    assert!(m.older_updates > 0);
    m.title = "Saved after a partial read, renamed".into();
    let later = crate::conformance::later(&now(), 1);
    let change = m.post_update("the newest", &later).expect("update");
    let again = store.save(&m, &[change]).await.expect("save");
    assert_eq!(again.older_updates, (POSTED + 1 - RECENT_UPDATES) as u64);
    assert_eq!(
        again.updates.last().map(|u| u.text.as_str()),
        Some("the newest")
    );

    let whole = store.get_whole(&m.id).await.expect("whole");
    let mut all = named(0..POSTED);
    all.push("the newest".into());
    assert_eq!(texts(&whole.updates), all, "nothing dropped or rewritten");
    assert_eq!(whole.older_updates, 0);
    assert_eq!(whole.title, "Saved after a partial read, renamed");

    let among = Candidates {
        owners: Vec::new(),
        mistakes: vec![m.id.clone()],
    };
    for listed in [
        store.list_whole(ListFilter::All, Some(&among)).await,
        store.list_whole(ListFilter::Open, None).await,
    ] {
        let listed = listed.expect("list whole");
        let l = listed.iter().find(|x| x.id == m.id).expect("listed");
        assert_eq!(texts(&l.updates), all);
    }
    let listed = store
        .list_among(ListFilter::All, &among)
        .await
        .expect("list");
    assert_eq!(
        listed[0].updates.len(),
        RECENT_UPDATES,
        "a list carries the newest"
    );
    assert_eq!(
        listed[0].older_updates,
        (POSTED + 1 - RECENT_UPDATES) as u64
    );
}

/// What the migration tests of both backends seed as an older Rebound left
/// it (mistake `7kq3x9mz`: one starred entry "Noticed the totals", a move
/// to owned and updates "Update 1" to "Update 27"; `8kq3x9mz` nothing),
/// read back through the store once it has opened the database.
pub async fn seeded_children_read_back(store: &dyn Store) {
    let id = |s: &str| rebound_domain::MistakeId::parse(s).expect("a valid id");
    let m = store
        .get(&id("7kq3x9mz"))
        .await
        .expect("the seeded mistake");
    assert_eq!(m.timeline.len(), 1);
    assert_eq!(m.timeline[0].text, "Noticed the totals");
    assert!(m.timeline[0].starred);
    assert_eq!(m.transitions.len(), 1);
    assert_eq!(m.transitions[0].to, rebound_domain::State::Owned);
    // The newest updates, oldest first, and how many older ones there are.
    assert_eq!(m.updates.len(), RECENT_UPDATES);
    assert_eq!(m.updates.last().expect("updates").text, "Update 27");
    assert_eq!(m.older_updates, 27 - RECENT_UPDATES as u64);
    let none = store.get(&id("8kq3x9mz")).await.expect("the other one");
    assert!(none.timeline.is_empty() && none.updates.is_empty() && none.transitions.is_empty());
}
