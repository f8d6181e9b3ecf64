//! What the server forgets on its own: once an hour from the start (and
//! whenever a test steps the app's clock), the expired and the ended, and
//! what the operator's retention settings say has been kept long enough.

use crate::clock::Clock;
use crate::guard::{Backend, Guard};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::sharing::ENDED_LINK_KEPT_FOR;
use rebound_store::StoreError;
use std::sync::Arc;

/// How long what has ended is kept (`serve`'s `keep_*` settings); `None`
/// keeps it until someone deletes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// A closed mistake, from its latest close; then it is deleted as its
    /// owner's delete would (children, scrub), by the server, audited.
    pub closed_mistakes: Option<SignedDuration>,
    /// A share link that expired or was revoked, listed for its owner
    /// until then.
    pub ended_share_links: Option<SignedDuration>,
    /// An audit event, from when it was recorded.
    pub audit_events: Option<SignedDuration>,
}

impl Default for Retention {
    /// Keeping is the default: deleting a person's record or the log of
    /// who saw it is the operator's decision (ARCHITECTURE.md, "Retention").
    fn default() -> Self {
        Retention {
            closed_mistakes: None,
            ended_share_links: Some(ENDED_LINK_KEPT_FOR),
            audit_events: None,
        }
    }
}

/// Audit events deleted per transaction, so a first run over a long log
/// holds the write lock a moment at a time.
const AUDIT_BATCH: u32 = 5_000;

/// Runs for as long as the server does.
pub async fn run(backend: Arc<dyn Backend>, guard: Guard, clock: Clock, keep: Retention) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    every.tick().await;
    loop {
        // Waiting from before the round: a step made during it counts.
        let stepped = clock.next_step();
        match round(&*backend, &guard, keep, clock.now()).await {
            Ok(done) => done.log(),
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; trying again in an hour"),
        }
        tokio::select! {
            _ = every.tick() => {}
            _ = stepped => {}
        }
    }
}

/// What one round deleted.
#[derive(Debug, Default, PartialEq, Eq)]
struct Round {
    expired: u64,
    mistakes: u64,
    audit_events: u64,
}

impl Round {
    fn log(&self) {
        if self.expired > 0 {
            tracing::info!(
                rows = self.expired,
                "purged expired sessions, invitations, guest sessions, old share links and sign-in failures"
            );
        }
        if self.mistakes > 0 || self.audit_events > 0 {
            tracing::info!(
                closed_mistakes = self.mistakes,
                audit_events = self.audit_events,
                "retention: deleted what was kept long enough"
            );
        }
    }
}

/// Sessions and invitations once expired, sign-in failures after a day (the
/// throttle looks back a minute), guest sessions once ended; then what
/// `keep` allows no longer.
async fn round(
    backend: &dyn Backend,
    guard: &Guard,
    keep: Retention,
    now: Timestamp,
) -> Result<Round, StoreError> {
    let day_ago = now - SignedDuration::from_hours(24);
    // Kept for ever: no link ended before the earliest time there is.
    let links_ended_before = keep.ended_share_links.map_or(Timestamp::MIN, |d| now - d);
    let mut done = Round {
        expired: backend.purge_expired(now, day_ago).await?
            + backend
                .purge_ended_share_links(now, links_ended_before)
                .await?,
        ..Round::default()
    };
    if let Some(d) = keep.closed_mistakes {
        done.mistakes = guard.delete_closed_before(now - d).await?;
    }
    if let Some(d) = keep.audit_events {
        loop {
            let gone = backend.purge_audit_before(now - d, AUDIT_BATCH).await?;
            done.audit_events += gone;
            if gone < u64::from(AUDIT_BATCH) {
                break;
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_store::NewShareLink;
    use rebound_store::conformance_accounts::fresh_token_hash;
    use rebound_store::conformance_sharing::{
        fresh_link_id, link_ids, stored_mistake, stored_person,
    };

    /// A guard over `store` with an audit writer of its own.
    fn guard(store: &Arc<dyn Backend>) -> Guard {
        let clock = Clock::steppable();
        let (audit, _writer) = crate::audit::AuditSink::start(store.clone(), clock.clone());
        Guard::new(store.clone(), audit, clock)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn ended_share_links_go_after_the_days_kept_and_newer_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Arc::new(
            rebound_store_sqlite::open(&dir.path().join("rebound.db"))
                .await
                .unwrap(),
        );
        let store: Arc<dyn Backend> = sqlite.clone();
        let owner = stored_person(&*sqlite, "Owen Owner").await;
        let m = stored_mistake(&*sqlite, &owner, "Wrong totals").await;
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
        let (old, middle, recent) = (link(31), link(12), link(9));
        for l in [&old, &middle, &recent] {
            store.create_share_link(l).await.unwrap();
        }
        let guard = guard(&store);
        let forever = Retention {
            ended_share_links: None,
            ..Retention::default()
        };
        assert_eq!(
            round(&*store, &guard, forever, now).await.unwrap().expired,
            0
        );
        let by_default = round(&*store, &guard, Retention::default(), now).await;
        assert_eq!(by_default.unwrap().expired, 1, "30 days by default");
        let ten_days = Retention {
            ended_share_links: Some(SignedDuration::from_hours(24 * 10)),
            ..Retention::default()
        };
        assert_eq!(
            round(&*store, &guard, ten_days, now).await.unwrap().expired,
            1
        );
        assert_eq!(link_ids(&*sqlite, &m.id).await, [recent.id]);
    }
}
