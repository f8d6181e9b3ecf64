//! Marking all of one's notifications read, and the unread count the web
//! header shows.

use super::{SharingBackend, at, fresh_notification_id, stored_mistake, stored_person};
use rebound_domain::NotificationKind;

pub async fn marking_all_read_touches_only_ones_own_unread(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let eli = stored_person(store, "Eli Client").await;
    let m = stored_mistake(store, &owner, "Totals").await;
    let kind = NotificationKind::UpdatePosted;
    for (who, minute) in [(&dana, 1), (&dana, 2), (&dana, 3), (&eli, 4)] {
        store
            .notify(&fresh_notification_id(), &who.id, &m.id, kind, at(minute))
            .await
            .unwrap();
    }
    assert_eq!(store.unread_notifications(&dana.id).await.unwrap(), 3);
    let oldest = store.notifications(&dana.id).await.unwrap()[2].id.clone();
    store
        .mark_notification_read(&dana.id, &oldest, at(5))
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(&dana.id).await.unwrap(), 2);

    assert_eq!(
        store
            .mark_all_notifications_read(&dana.id, at(6))
            .await
            .unwrap(),
        2,
        "only the unread ones count"
    );
    let read: Vec<_> = store
        .notifications(&dana.id)
        .await
        .unwrap()
        .iter()
        .map(|n| n.read_at)
        .collect();
    assert_eq!(
        read,
        [Some(at(6)), Some(at(6)), Some(at(5))],
        "one read before keeps its time"
    );
    assert_eq!(store.unread_notifications(&dana.id).await.unwrap(), 0);
    let again = store.mark_all_notifications_read(&dana.id, at(7)).await;
    assert_eq!(again.unwrap(), 0, "nothing left to mark");

    // Eli's stays unread.
    assert_eq!(store.unread_notifications(&eli.id).await.unwrap(), 1);
    assert_eq!(store.notifications(&eli.id).await.unwrap()[0].read_at, None);
    // Someone with none at all.
    assert_eq!(store.unread_notifications(&owner.id).await.unwrap(), 0);
}
