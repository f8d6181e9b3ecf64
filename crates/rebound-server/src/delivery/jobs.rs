//! Timed jobs, run by the delivery worker: claimed under the same lease as
//! messages, and ended with whatever the run queues (its messages, the
//! next occurrence) in one transaction, so a run that crashes half-way
//! stores nothing and the next worker runs it again whole.

use super::worker::Worker;
use rebound_domain::delivery::retry_after;
use rebound_store::{ClaimedJob, Effects, JobEnd};

/// Jobs claimed at a time (each may queue many messages).
const JOBS_AT_ONCE: u32 = 4;

/// How one run ended, and what it queues with that end.
pub(super) struct Run {
    pub end: JobEnd,
    pub effects: Effects,
}

impl Run {
    pub fn done(effects: Effects) -> Run {
        Run {
            end: JobEnd::Done,
            effects,
        }
    }
}

impl Worker {
    /// Runs every job due now; returns how many ended.
    pub(super) async fn run_jobs(&self) -> usize {
        let mut ended = 0;
        loop {
            let now = self.state.clock.now();
            let lease = self.state.settings.delivery.lease;
            let outbox = self.state.guard.outbox();
            let claimed = match outbox
                .claim_jobs(&self.name, now, now + lease, JOBS_AT_ONCE)
                .await
            {
                Ok(c) if !c.is_empty() => c,
                Ok(_) => return ended,
                Err(e) => {
                    tracing::warn!(error = %e, "could not claim jobs");
                    return ended;
                }
            };
            for job in &claimed {
                let run = self.run_job(job).await;
                let queued = !run.effects.outbox.is_empty();
                let at = self.state.clock.now();
                let finish = outbox.finish_job(job.id, &self.name, &run.end, at);
                match rebound_store::effects::carrying(run.effects, finish).await {
                    (Ok(true), _) => ended += 1,
                    (Ok(false), _) => {
                        tracing::warn!(job = %job.job.key, "lease lost before the job ended")
                    }
                    (Err(e), _) => tracing::warn!(job = %job.job.key, error = %e, "job not ended"),
                }
                if queued {
                    self.state.guard.delivery_due().notify_one();
                }
            }
        }
    }

    async fn run_job(&self, job: &ClaimedJob) -> Run {
        let outcome = match job.job.kind.as_str() {
            "reminder" => self.reminder(job).await,
            "digest-sweep" => self.digest_sweep().await,
            other => Err(format!("no such kind of job: {other}")),
        };
        match outcome {
            Ok(run) => run,
            Err(error) => match retry_after(job.attempts + 1) {
                Some(wait) => Run {
                    end: JobEnd::Retry {
                        error,
                        at: self.state.clock.now() + wait,
                    },
                    effects: Effects::default(),
                },
                None => Run {
                    end: JobEnd::Dead { error },
                    effects: Effects::default(),
                },
            },
        }
    }
}
