//! What a write carries into its own transaction: the audit events of the
//! change, and the messages and jobs it causes: everything that must
//! commit exactly when the change does. The caller wraps the store call
//! in [`carrying`]; the backend, inside the write's transaction and just
//! before its commit, [`take`]s them and writes them there. So the events
//! are stored exactly when the change is: a write that fails, or finds
//! nothing to do, stores neither.
//!
//! A task-local rather than a parameter on every write method: the trait
//! signatures, their conformance calls and every caller that carries
//! nothing (the CLI) stay as they are, and a new kind of effect is a field
//! here, not a parameter everywhere.

use crate::delivery::{NewJob, NewMessage};
use rebound_domain::account::Timestamp;
use rebound_domain::audit::AuditEvent;
use rebound_domain::{MistakeId, NotificationId, NotificationKind, UserId};
use std::cell::RefCell;
use std::future::Future;

/// The effects of one write, to commit with it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Effects {
    /// Appended to the audit log in the write's transaction.
    pub audit: Vec<AuditEvent>,
    /// Messages queued with the change (a key already queued is skipped).
    pub outbox: Vec<NewMessage>,
    /// Jobs scheduled with the change (a key already scheduled is skipped).
    pub jobs: Vec<NewJob>,
    /// In-app notifications the change causes.
    pub notifications: Vec<NewNotification>,
}

/// An in-app notification to store with a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub id: NotificationId,
    pub user: UserId,
    pub mistake: MistakeId,
    pub kind: NotificationKind,
    pub at: Timestamp,
}

impl Effects {
    pub fn audit(events: Vec<AuditEvent>) -> Effects {
        Effects {
            audit: events,
            ..Effects::default()
        }
    }

    /// These effects and one more audit event.
    pub fn with(mut self, event: AuditEvent) -> Effects {
        self.audit.push(event);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.audit.is_empty()
            && self.outbox.is_empty()
            && self.jobs.is_empty()
            && self.notifications.is_empty()
    }
}

tokio::task_local! {
    /// The effects the current write carries: `Some` until a backend takes them.
    static CARRIED: RefCell<Option<Effects>>;
}

/// Runs the store call `write` carrying `effects`. Returns its output and
/// what it did not take (`None` when taken): a write that failed or found
/// nothing to do leaves them, and so does a write path that does not
/// carry — the caller tells those apart by the output.
pub async fn carrying<F: Future>(effects: Effects, write: F) -> (F::Output, Option<Effects>) {
    let mut scoped = std::pin::pin!(CARRIED.scope(RefCell::new(Some(effects)), write));
    let out = (&mut scoped).await;
    let left = scoped
        .as_mut()
        .take_value()
        .and_then(RefCell::into_inner)
        .filter(|e| !e.is_empty());
    (out, left)
}

/// The effects the current write carries (none outside [`carrying`]); a
/// backend calls it inside the write's transaction, right before commit.
pub fn take() -> Effects {
    CARRIED
        .try_with(|c| c.borrow_mut().take())
        .ok()
        .flatten()
        .unwrap_or_default()
}
