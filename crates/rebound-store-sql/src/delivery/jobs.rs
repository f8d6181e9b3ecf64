//! Timed jobs: claimed under a lease like messages; a run's end commits
//! with whatever the run carries (the messages it queues, the next
//! occurrence), so a re-run after a crash queues nothing twice.

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_store::{ClaimedJob, JobEnd, NewJob, StoreError};

pub(crate) async fn schedule<D: Dialect>(
    pool: &Pool<D>,
    jobs: &[NewJob],
) -> Result<usize, StoreError> {
    let mut tx = begin_write(pool).await?;
    let new = super::append_in(&mut tx, &[], jobs).await?;
    commit_write(tx).await?;
    Ok(new)
}

const QUEUE: super::Queue = super::Queue {
    table: "jobs",
    due: "due_at",
    returning: "id, job_key, kind, payload, due_at, attempts",
};

pub(crate) async fn claim<D: Dialect>(
    pool: &Pool<D>,
    worker: &str,
    now: Timestamp,
    until: Timestamp,
    limit: u32,
) -> Result<Vec<ClaimedJob>, StoreError> {
    let rows = super::claim(pool, &QUEUE, worker, (now, until), limit).await?;
    let mut jobs = rows
        .iter()
        .map(|r| {
            let c = Cols(r);
            let attempts = c.int("attempts")?;
            Ok(ClaimedJob {
                id: c.int("id")?,
                job: NewJob {
                    key: c.text("job_key")?,
                    kind: c.text("kind")?,
                    payload: c.text("payload")?,
                    due: c.at("due_at")?,
                },
                attempts: u32::try_from(attempts).map_err(|_| corrupt("attempts", attempts))?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    jobs.sort_by_key(|j| (j.job.due, j.id));
    Ok(jobs)
}

pub(crate) async fn finish<D: Dialect>(
    pool: &Pool<D>,
    id: i64,
    worker: &str,
    end: &JobEnd,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let (state, due, error) = match end {
        JobEnd::Done => ("done", None, None),
        JobEnd::Retry { error, at } => ("pending", Some(ms(*at)), Some(error.as_str())),
        JobEnd::Dead { error } => ("dead", None, Some(error.as_str())),
    };
    let done_at = (state != "pending").then_some(ms(now));
    let mut tx = begin_write(pool).await?;
    let changed = query::<D>(
        "UPDATE jobs SET state = $1, attempts = attempts + 1, due_at = COALESCE($2, due_at),
             last_error = $3, done_at = $4, lease_owner = NULL, lease_until = NULL
         WHERE id = $5 AND lease_owner = $6 AND state = 'pending'",
    )
    .arg(state)
    .arg(due)
    .arg(error)
    .arg(done_at)
    .arg(id)
    .arg(worker)
    .run(&mut tx)
    .await?;
    if changed == 0 {
        nothing_done();
        return Ok(false);
    }
    commit_write(tx).await?;
    Ok(true)
}
