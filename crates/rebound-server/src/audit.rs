//! Writing the audit log without slowing requests down: the guard hands
//! each event to a channel (a send never waits), and one task per server
//! writes them in batches. Events still in the channel when the process is
//! killed are lost; on a normal shutdown `serve` waits for the writer to
//! drain it.

use crate::clock::Clock;
use rebound_domain::Actor;
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{Mistake, User};
use rebound_store::AuditStore;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Most events one write takes (one transaction, which holds SQLite's
/// single write lock for a couple of milliseconds at this size).
const BATCH: usize = 2_000;
/// How long the writer lets events gather before a write: each write is a
/// durable commit (an fsync), so a busy server writes a few batches a
/// second rather than one per request.
const GATHER: std::time::Duration = std::time::Duration::from_millis(50);

#[derive(Clone)]
pub struct AuditSink {
    tx: mpsc::UnboundedSender<AuditEvent>,
    /// The application's clock, so an event's time is the request's.
    clock: Clock,
}

impl AuditSink {
    /// Starts the writer task; it ends once every sink clone is dropped and
    /// the channel is drained.
    pub fn start(store: Arc<dyn AuditStore>, clock: Clock) -> (AuditSink, JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (AuditSink { tx, clock }, tokio::spawn(write(rx, store)))
    }

    /// Records that `actor` did `action` on `part` of `m`, now.
    pub fn mistake(&self, actor: &Actor, m: &Mistake, part: Part, action: Action) {
        let actor = match actor {
            Actor::Account(u) => AuditActor::User(u.as_str().to_owned()),
            Actor::Guest(g) => AuditActor::Guest(g.as_str().to_owned()),
        };
        let at = self.clock.now();
        self.send(AuditEvent::mistake(at, actor, m.id.as_str(), part, action));
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

    /// Records that `user` did `action` on one of their own records (a
    /// reflection, a principle, …), now. Never its content.
    pub fn personal(
        &self,
        user: &rebound_domain::UserId,
        kind: rebound_domain::PersonalRecord,
        id: &str,
        action: Action,
    ) {
        let at = self.clock.now();
        let actor = AuditActor::User(user.as_str().to_owned());
        self.send(AuditEvent::personal(at, actor, kind, id, action));
    }

    /// Records an event built elsewhere (a recovery plan's, say).
    pub fn event(&self, event: AuditEvent) {
        self.send(event);
    }

    fn send(&self, event: AuditEvent) {
        if self.tx.send(event).is_err() {
            tracing::error!("the audit writer has stopped; an audit event was not recorded");
        }
    }
}

/// Waits for an event, then sleeps while more gather rather than waiting
/// on the channel: a send to a receiver that is not waiting only queues,
/// where one that is waiting wakes the writer, and under load that was a
/// wake-up for every few requests (see BENCHMARKS.md, "Server"). A backlog
/// of a full batch or more is written at once.
async fn write(mut rx: mpsc::UnboundedReceiver<AuditEvent>, store: Arc<dyn AuditStore>) {
    let mut batch = Vec::new();
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        if batch.len() < BATCH {
            tokio::time::sleep(GATHER).await;
            while batch.len() < BATCH
                && let Ok(e) = rx.try_recv()
            {
                batch.push(e);
            }
        }
        let full = std::mem::take(&mut batch);
        let lost = full.len();
        if let Err(e) = store.record_audit(full).await {
            tracing::error!(cause = %e, lost, "could not write audit events");
        }
    }
}
