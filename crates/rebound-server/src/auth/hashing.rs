//! Password hashing, bounded. Each argon2id check takes 19 MiB and a core
//! for tens of milliseconds, so a hundred at once would take gigabytes:
//! at most `at_once` run (on blocking threads), at most `waiting` more wait
//! their turn, and past that a request is turned away at once with 503 and
//! `Retry-After` rather than queueing memory and time without end.

use crate::error::{ApiError, ApiResult};
use axum::http::StatusCode;
use rebound_auth::Passwords;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Clone)]
pub struct Hashing {
    passwords: Arc<Passwords>,
    /// Places for requests hashing or waiting to: `at_once + waiting`.
    admitted: Arc<Semaphore>,
    /// Hashes running now.
    running: Arc<Semaphore>,
}

/// A request's place in line for one hash.
pub struct Admitted {
    hashing: Hashing,
    _place: OwnedSemaphorePermit,
}

impl Hashing {
    pub fn new(passwords: Passwords, at_once: usize, waiting: usize) -> Self {
        let at_once = at_once.max(1);
        Hashing {
            passwords: Arc::new(passwords),
            admitted: Arc::new(Semaphore::new(at_once + waiting)),
            running: Arc::new(Semaphore::new(at_once)),
        }
    }

    /// A place in line, or 503 now when the line is full. Taken before
    /// anything is counted or read, so a turned-away request costs nothing.
    pub fn admit(&self) -> ApiResult<Admitted> {
        let place = self.admitted.clone().try_acquire_owned().map_err(|_| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server is checking too many passwords at once; try again in a moment",
            )
            .retry_after(1)
        })?;
        Ok(Admitted {
            hashing: self.clone(),
            _place: place,
        })
    }

    /// Waits for a place, then runs `work` (which hashes) on a blocking
    /// thread. For hashing that is not a sign-in (setup, accepting an
    /// invitation), which is still bounded.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Passwords) -> T + Send + 'static,
    ) -> ApiResult<T> {
        self.admit()?.run(work).await
    }
}

impl Admitted {
    /// Waits its turn, then runs `work` on a blocking thread.
    pub async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(&Passwords) -> T + Send + 'static,
    ) -> ApiResult<T> {
        let turn = self
            .hashing
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(ApiError::internal_because)?;
        let passwords = self.hashing.passwords.clone();
        // The turn goes with the work: a request dropped mid-hash (its
        // client gone) does not free a turn while the hash still runs.
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work(&passwords)
        })
        .await
        .map_err(ApiError::internal_because)
    }
}
