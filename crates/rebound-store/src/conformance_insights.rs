//! The behaviour every [`InsightStore`] backend must show: groups recorded
//! once each, in order, only when the decision agrees; and one decision
//! at a time, so racing callers cannot each pass on what another adds.
//! Run on a fresh store (the checks count every group in it).

use crate::conformance::fresh5;
use crate::conformance_sharing::now;
use crate::insights::{Group, InsightStore};
use rebound_domain::UserId;

fn group(n: usize) -> Group {
    (0..n).map(|_| UserId::from_random(fresh5())).collect()
}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn InsightStore) {
    recorded_once_in_order_only_when_agreed(store).await;
    racing_decisions_see_each_other(store).await;
}

async fn recorded_once_in_order_only_when_agreed(store: &dyn InsightStore) {
    assert!(store.shown_groups().await.unwrap().is_empty());
    let (a, b) = (group(5), group(7));
    let yes = |_: &[Group]| true;
    assert!(store.show_group_if(&a, now(), &yes).await.unwrap());
    // Refused: nothing recorded, and the decision saw what was shown.
    let seen = std::sync::Mutex::new(Vec::new());
    let no = |shown: &[Group]| {
        *seen.lock().unwrap() = shown.to_vec();
        false
    };
    assert!(!store.show_group_if(&b, now(), &no).await.unwrap());
    assert_eq!(*seen.lock().unwrap(), vec![a.clone()]);
    assert_eq!(store.shown_groups().await.unwrap(), vec![a.clone()]);
    // Shown again: still once. Then b, after a.
    assert!(store.show_group_if(&a, now(), &yes).await.unwrap());
    assert!(store.show_group_if(&b, now(), &yes).await.unwrap());
    assert_eq!(store.shown_groups().await.unwrap(), vec![a, b]);
}

async fn racing_decisions_see_each_other(store: &dyn InsightStore) {
    let before = store.shown_groups().await.unwrap().len();
    // Connections open first, so the three below do run side by side.
    let (a, b, c) = tokio::join!(
        store.shown_groups(),
        store.shown_groups(),
        store.shown_groups()
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    // Each may show only if nothing was added since `before`.
    let first_only = move |shown: &[Group]| shown.len() == before;
    let (x, y, z) = (group(5), group(6), group(8));
    let (rx, ry, rz) = tokio::join!(
        store.show_group_if(&x, now(), &first_only),
        store.show_group_if(&y, now(), &first_only),
        store.show_group_if(&z, now(), &first_only),
    );
    let agreed = [rx.unwrap(), ry.unwrap(), rz.unwrap()];
    assert_eq!(agreed.iter().filter(|a| **a).count(), 1, "{agreed:?}");
    assert_eq!(store.shown_groups().await.unwrap().len(), before + 1);
}
