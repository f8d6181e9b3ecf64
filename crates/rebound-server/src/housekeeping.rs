//! What the server forgets on its own, once an hour.

use crate::clock::Clock;
use crate::guard::Backend;
use jiff::{SignedDuration, Timestamp};
use rebound_domain::sharing::ENDED_LINK_KEPT_FOR;
use rebound_store::StoreError;
use std::sync::Arc;

/// Once an hour, from the start: forget expired sessions and invitations,
/// sign-in failures older than a day (the throttle only looks back a
/// minute), guest sessions that ended, and share links that ended more than
/// 30 days ago (what guests wrote stays).
pub async fn every_hour(backend: Arc<dyn Backend>, clock: Clock) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match purge(&*backend, clock.now()).await {
            Ok(n) if n > 0 => tracing::info!(
                rows = n,
                "purged expired sessions, invitations, guest sessions, old share links and sign-in failures"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; trying again in an hour"),
        }
    }
}

async fn purge(backend: &dyn Backend, now: Timestamp) -> Result<u64, StoreError> {
    let day_ago = now - SignedDuration::from_hours(24);
    let links_ended_before = now - ENDED_LINK_KEPT_FOR;
    Ok(backend.purge_expired(now, day_ago).await?
        + backend
            .purge_ended_share_links(now, links_ended_before)
            .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_store::NewShareLink;
    use rebound_store::SharingStore;
    use rebound_store::conformance_accounts::fresh_token_hash;
    use rebound_store::conformance_sharing::{
        fresh_link_id, link_ids, stored_mistake, stored_person,
    };

    #[tokio::test(flavor = "current_thread")]
    async fn share_links_that_ended_over_thirty_days_ago_go_and_newer_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
            .await
            .unwrap();
        let owner = stored_person(&store, "Owen Owner").await;
        let m = stored_mistake(&store, &owner, "Wrong totals").await;
        let now = Timestamp::now();
        let days_ago = |d: i64| now - SignedDuration::from_hours(24 * d);
        let link = |expired_days_ago: i64| NewShareLink {
            id: fresh_link_id(),
            mistake: m.id.clone(),
            token_hash: fresh_token_hash(),
            label: None,
            created_by: owner.id.clone(),
            created_at: days_ago(60),
            expires_at: days_ago(expired_days_ago),
        };
        let (old, recent) = (link(31), link(29));
        for l in [&old, &recent] {
            store.create_share_link(l).await.unwrap();
        }
        assert_eq!(purge(&store, now).await.unwrap(), 1);
        assert_eq!(link_ids(&store, &m.id).await, [recent.id]);
    }
}
