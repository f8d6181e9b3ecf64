//! The audit log, durable before the answer leaves: an event is recorded
//! only for what was allowed and done, and a response goes out only once
//! every event of its request is committed.
//!
//! - Every write carries its events into the store call
//!   ([`AuditSink::carrying`], through `rebound_store::effects`), which
//!   writes them in the change's own transaction: both are stored or
//!   neither, and a write that fails or finds nothing to do logs nothing.
//! - A read's event is held in the request ([`PENDING`], a task-local the
//!   [`held::HoldUntilDurable`] layer sets up) and, when the handler is
//!   done, handed to the one writer task with a waiter; the response waits
//!   for it. The writer takes everything queued
//!   (every request that finished while the last commit ran), writes it in
//!   one transaction — one fsync for many requests — and wakes each waiter.
//!   If that write fails, each waiting request answers 500 instead: an
//!   answer never goes out without its events.
//! - An event recorded outside a request (a unit test driving the guard)
//!   goes to the writer with no one waiting.

#[cfg(test)]
mod carry_tests;
mod held;

pub use held::HoldUntilDurable;

use crate::clock::Clock;
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{Actor, Mistake, MistakeId, User};
use rebound_store::effects::{self, Effects};
use rebound_store::{AuditStore, StoreError};
use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

tokio::task_local! {
    /// The events of the request being served, not yet written.
    static PENDING: RefCell<Vec<AuditEvent>>;
}

/// Most requests' events one commit takes: a backlog beyond it is the
/// next commit's (one transaction holds SQLite's single write lock for a
/// few milliseconds at this size).
const REQUESTS_PER_COMMIT: usize = 1_024;

/// The events of one request, and who waits for them to be durable.
struct Batch {
    events: Vec<AuditEvent>,
    done: Option<oneshot::Sender<bool>>,
}

#[derive(Clone)]
pub struct AuditSink {
    tx: mpsc::UnboundedSender<Batch>,
    /// The application's clock, so an event's time is the request's.
    clock: Clock,
}

impl AuditSink {
    /// Starts the writer task; it ends once every sink clone is dropped and
    /// the channel is drained.
    pub fn start(store: Arc<dyn AuditStore>, clock: Clock) -> (AuditSink, JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (AuditSink { tx, clock }, tokio::spawn(writers(rx, store)))
    }

    /// A sink whose writer is gone: what it holds is never written, so a
    /// test sees only what the store wrote in a change's own transaction.
    #[cfg(test)]
    pub fn without_writer(clock: Clock) -> AuditSink {
        AuditSink {
            tx: mpsc::unbounded_channel().0,
            clock,
        }
    }

    /// The event "`actor` did `action` on `part` of mistake `id`, now", to
    /// store with a change in its transaction.
    pub fn mistake_event(
        &self,
        actor: &Actor,
        id: &MistakeId,
        part: Part,
        action: Action,
    ) -> AuditEvent {
        let actor = match actor {
            Actor::Account(u) => AuditActor::User(u.as_str().to_owned()),
            Actor::Guest(g) => AuditActor::Guest(g.as_str().to_owned()),
        };
        AuditEvent::mistake(self.clock.now(), actor, id.as_str(), part, action)
    }

    /// Runs the store write `write` carrying `events`, which the store
    /// appends in the write's own transaction: stored exactly when the
    /// change is. A write path that did not take them (a bug: a debug build
    /// panics here) has them held in the request instead, as reads are.
    pub async fn carrying<T>(
        &self,
        events: Vec<AuditEvent>,
        write: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        self.carrying_effects(Effects::audit(events), write).await
    }

    /// [`AuditSink::carrying`] with everything else the change causes (the
    /// messages it queues): all stored with it, or none.
    pub async fn carrying_effects<T>(
        &self,
        carried: Effects,
        write: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let (out, left) = effects::carrying(carried, write).await;
        // A failed write's events are dropped with it: only what was done is logged.
        let missed = if out.is_ok() { left } else { None };
        debug_assert!(
            missed.is_none(),
            "a store write did not carry its audit events: {missed:?}"
        );
        if let Some(missed) = missed {
            tracing::error!(
                events = missed.audit.len(),
                messages = missed.outbox.len(),
                "a store write did not carry its effects; events held in the request instead, messages lost"
            );
            for e in missed.audit {
                self.event(e);
            }
        }
        out
    }

    /// The event "`user` did `action` on their own record `id`, now".
    pub fn personal_event(
        &self,
        user: &rebound_domain::UserId,
        kind: rebound_domain::PersonalRecord,
        id: &str,
        action: Action,
    ) -> AuditEvent {
        let actor = AuditActor::User(user.as_str().to_owned());
        AuditEvent::personal(self.clock.now(), actor, kind, id, action)
    }

    /// The event "`actor` changed what reaches `whose`, now", to carry with
    /// the change (which setting and what was done; never a URL).
    pub fn reach_event(
        &self,
        actor: &rebound_domain::UserId,
        whose: rebound_domain::audit::Whose,
        change: rebound_domain::audit::ReachChange,
    ) -> AuditEvent {
        let actor = AuditActor::User(actor.as_str().to_owned());
        AuditEvent::reach(self.clock.now(), actor, whose, change)
    }

    /// Records that `actor` did `action` on `part` of `m`, now (written
    /// before the request's response leaves).
    pub fn mistake(&self, actor: &Actor, m: &Mistake, part: Part, action: Action) {
        self.event(self.mistake_event(actor, &m.id, part, action));
    }

    /// Records that `user` was shown `m` in a list.
    pub fn listed(&self, user: &User, m: &Mistake) {
        self.mistake(
            &Actor::Account(user.id.clone()),
            m,
            Part::Record,
            Action::Read,
        );
    }

    /// Records that `user` read one of their own records (a reflection, a
    /// principle, …), now. Never its content.
    pub fn personal(
        &self,
        user: &rebound_domain::UserId,
        kind: rebound_domain::PersonalRecord,
        id: &str,
        action: Action,
    ) {
        self.event(self.personal_event(user, kind, id, action));
    }

    /// Records an event built elsewhere (a recovery plan's, say): held in
    /// the request, or outside one sent to the writer at once.
    pub fn event(&self, event: AuditEvent) {
        let mut event = Some(event);
        let _ = PENDING.try_with(|p| p.borrow_mut().extend(event.take()));
        if let Some(event) = event {
            self.send(Batch {
                events: vec![event],
                done: None,
            });
        }
    }

    /// Hands `events` to the writer; the receiver says whether they were
    /// committed (false also when the writer is gone).
    fn commit(&self, events: Vec<AuditEvent>) -> oneshot::Receiver<bool> {
        let (done, committed) = oneshot::channel();
        self.send(Batch {
            events,
            done: Some(done),
        });
        committed
    }

    fn send(&self, batch: Batch) {
        if let Err(mpsc::error::SendError(b)) = self.tx.send(batch) {
            let lost = b.events.len();
            tracing::error!(
                lost,
                "the audit writer has stopped; audit events not recorded"
            );
        }
    }
}

/// As many writers as the store can commit at once (one on SQLite, a few
/// on PostgreSQL, where commits in flight together share one WAL flush: a
/// request then waits for about one flush, not for the one before it too),
/// taking turns at the queue.
async fn writers(rx: mpsc::UnboundedReceiver<Batch>, store: Arc<dyn AuditStore>) {
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    let mut all = tokio::task::JoinSet::new();
    for _ in 0..store.audit_commits_at_once().max(1) {
        all.spawn(write(rx.clone(), store.clone()));
    }
    while all.join_next().await.is_some() {}
}

/// Writes whatever is queued as one transaction, wakes its waiters, and
/// goes again: while one commit waits for the disk, the next batch gathers
/// in the channel, so a busy server makes one commit for many requests and
/// an idle one answers without delay.
async fn write(
    rx: Arc<tokio::sync::Mutex<mpsc::UnboundedReceiver<Batch>>>,
    store: Arc<dyn AuditStore>,
) {
    let mut queued = Vec::new();
    let mut waiters = Vec::new();
    loop {
        // The queue is held only while taking from it, never while committing.
        let taken = rx
            .lock()
            .await
            .recv_many(&mut queued, REQUESTS_PER_COMMIT)
            .await;
        if taken == 0 {
            break;
        }
        let mut events = Vec::new();
        for b in queued.drain(..) {
            events.extend(b.events);
            waiters.extend(b.done);
        }
        let count = events.len();
        let committed = match store.record_audit(events).await {
            Ok(()) => true,
            Err(e) => {
                // Each waiting request answers 500 (and logs it).
                tracing::error!(cause = %e, lost = count, "could not write audit events");
                false
            }
        };
        for w in waiters.drain(..) {
            // A request gone meanwhile (its client hung up) needs no answer.
            let _ = w.send(committed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// A real SQLite store that says it can take `at_once` commits together
    /// and counts how many are in flight.
    struct Counting {
        store: rebound_store_sqlite::SqliteStore,
        at_once: usize,
        in_flight: AtomicUsize,
        most: AtomicUsize,
    }

    #[async_trait::async_trait]
    impl AuditStore for Counting {
        async fn record_audit(
            &self,
            events: Vec<AuditEvent>,
        ) -> Result<(), rebound_store::StoreError> {
            {
                let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                self.most.fetch_max(now, Ordering::SeqCst);
                // Stay in flight until every writer is, or give up waiting.
                for _ in 0..200 {
                    if self.in_flight.load(Ordering::SeqCst) >= self.at_once {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                let done = self.store.record_audit(events).await;
                self.in_flight.fetch_sub(1, Ordering::SeqCst);
                done
            }
        }

        async fn audit_of(
            &self,
            kind: &str,
            id: &str,
            limit: u32,
        ) -> Result<Vec<AuditEvent>, rebound_store::StoreError> {
            self.store.audit_of(kind, id, limit).await
        }

        fn audit_commits_at_once(&self) -> usize {
            self.at_once
        }
    }

    fn event(n: usize) -> AuditEvent {
        let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        AuditEvent::mistake(
            at,
            AuditActor::User("ana0sam1".into()),
            &format!("7kq3x9m{n}"),
            Part::Record,
            Action::Read,
        )
    }

    /// A request arriving while another's commit is in flight is committed
    /// beside it, not after it, when the store can take several commits at
    /// once; every event still lands.
    #[tokio::test]
    async fn commits_run_side_by_side_up_to_what_the_store_takes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Counting {
            store: rebound_store_sqlite::open(&dir.path().join("a.db"))
                .await
                .unwrap(),
            at_once: 3,
            in_flight: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
        });
        let (sink, writer) = AuditSink::start(store.clone(), Clock::System);
        let mut answers = Vec::new();
        for n in 0..3 {
            answers.push(sink.commit(vec![event(n)]));
            // The next request comes once this one's commit has begun (or
            // after a while: with one writer it would not begin).
            for _ in 0..1_000 {
                if store.in_flight.load(Ordering::SeqCst) > n {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        for a in answers {
            assert!(a.await.unwrap(), "committed");
        }
        assert_eq!(store.most.load(Ordering::SeqCst), 3);
        for n in 0..3 {
            let id = format!("7kq3x9m{n}");
            assert_eq!(store.audit_of("mistake", &id, 5).await.unwrap().len(), 1);
        }
        drop(sink);
        writer.await.unwrap();
    }
}
