//! The delivery worker: claims what is due under a lease, sends it, and
//! records how it went. Any number run against one database (one per
//! `rebound serve`); the lease keeps them off each other's rows and hands a
//! crashed worker's rows to another once it runs out. Time is the
//! application's clock, so a test steps it and calls [`Worker::tick`].

use crate::clock::Clock;
use crate::state::AppState;
use jiff::SignedDuration;
use rebound_deliver::email::Mailer;
use std::time::Duration;

/// Messages claimed at a time: small, so a crash re-sends few, the
/// database's write lock is held briefly between claims, and a batch of
/// sends (each bounded by `SEND_TIMEOUT`) ends well inside the lease.
const BATCH: u32 = 8;
/// The longest one send may take: a batch of them ends inside the
/// default lease (8 × 10 s < 120 s).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest the worker sleeps without looking (another instance may
/// have queued something it was not told about).
const IDLE: Duration = Duration::from_secs(15);

pub struct Worker {
    pub(super) state: AppState,
    /// Who holds a lease: unique per worker, so a restarted process is
    /// another worker and waits out its predecessor's leases.
    pub(super) name: String,
    pub(super) mailer: Option<Mailer>,
    /// Chat webhooks, guarded by the operator's allow list.
    pub(super) webhooks: rebound_deliver::webhook::Webhooks,
}

impl Worker {
    /// A worker for `state`'s store and settings (inside a Tokio runtime:
    /// the mail pool starts a task).
    pub fn new(state: &AppState) -> Worker {
        let mailer = (state.settings.delivery.mail)
            .as_ref()
            .map(|(smtp, from)| Mailer::new_with_timeout(smtp, from.clone(), SEND_TIMEOUT));
        let allow = state.settings.delivery.webhook_allow.clone();
        let webhooks = rebound_deliver::webhook::Webhooks::new(allow);
        let tag = crate::random::bytes5().map(hex).unwrap_or_default();
        Worker {
            state: state.clone(),
            name: format!("{}-{tag}", std::process::id()),
            mailer,
            webhooks,
        }
    }

    fn clock(&self) -> &Clock {
        &self.state.clock
    }

    /// Runs every job and sends every message due now, batch by batch;
    /// returns how many send attempts it made. A store error ends the round (logged): the rows stay
    /// queued and the next round tries again.
    pub async fn tick(&self) -> usize {
        // Jobs first: what they queue goes out in the same round.
        self.run_jobs().await;
        let mut made = 0;
        loop {
            let now = self.clock().now();
            let backend = self.state.guard.outbox();
            let lease = self.state.settings.delivery.lease;
            let claimed = match backend
                .claim_messages(&self.name, now, now + lease, BATCH)
                .await
            {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "could not claim messages to send");
                    return made;
                }
            };
            if claimed.is_empty() {
                return made;
            }
            // The batch goes out side by side (the mail pool holds several
            // connections): a round trip to the mail server, not the
            // database, is what each message mostly waits for.
            let sends = claimed.iter().map(|c| async move {
                let attempt = self.attempt(c).await;
                let at = self.clock().now();
                (
                    c.id,
                    backend.record_attempt(c.id, &self.name, &attempt, at).await,
                )
            });
            for (id, recorded) in futures_util::future::join_all(sends).await {
                match recorded {
                    Ok(true) => made += 1,
                    Ok(false) => tracing::warn!(message = id, "lease lost before recording"),
                    Err(e) => tracing::warn!(message = id, error = %e, "attempt not recorded"),
                }
            }
        }
    }

    /// Runs until the process ends: a round, then sleep until the next
    /// message falls due, a change queues one, or `IDLE` passes.
    pub async fn run(self) {
        let due = self.state.guard.delivery_due();
        // The digest sweep repeats itself from its first run; whichever
        // instance starts first schedules it (the key makes it one).
        let first = super::digest::sweep_job(self.clock().now());
        if let Err(e) = self.state.guard.outbox().schedule(&[first]).await {
            tracing::warn!(error = %e, "the digest sweep was not scheduled");
        }
        loop {
            self.tick().await;
            let wait = match self.state.guard.outbox().next_due().await {
                Ok(Some(at)) => {
                    let left = at.duration_since(self.clock().now());
                    left.max(SignedDuration::ZERO).unsigned_abs().min(IDLE)
                }
                Ok(None) => IDLE,
                Err(e) => {
                    tracing::warn!(error = %e, "could not read when the next message is due");
                    IDLE
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = due.notified() => {}
                _ = self.clock().stepped() => {}
            }
        }
    }
}

fn hex(bytes: [u8; 5]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
