//! "Now", read only through the application state's [`Clock`]: the system
//! clock in production; in tests, the system clock moved on by however far
//! the test stepped it, so an expiry can be reached without sleeping while
//! time still runs between requests (what is newest stays newest). Times
//! are at the store's millisecond precision.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};
use rebound_domain::User;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Default)]
pub enum Clock {
    /// This machine's clock.
    #[default]
    System,
    /// This machine's clock, moved on by the milliseconds held (tests).
    Stepped(Arc<Stepped>),
}

/// A steppable clock's offset, and who waits for it to move.
#[derive(Default)]
pub struct Stepped {
    ms: AtomicI64,
    moved: Arc<tokio::sync::Notify>,
}

impl Clock {
    /// A clock that starts at the system's time and moves on only when
    /// stepped (besides time passing as usual).
    pub fn steppable() -> Self {
        Clock::Stepped(Arc::default())
    }

    /// Now, at millisecond precision.
    pub fn now(&self) -> Timestamp {
        let ts = Timestamp::now();
        let offset = match self {
            Clock::System => 0,
            Clock::Stepped(s) => s.ms.load(Ordering::Relaxed),
        };
        Timestamp::from_millisecond(ts.as_millisecond().saturating_add(offset)).unwrap_or(ts)
    }

    /// Now in `user`'s own time zone (UTC when theirs is unknown).
    pub fn now_for(&self, user: &User) -> Zoned {
        let tz = TimeZone::get(&user.time_zone).unwrap_or(TimeZone::UTC);
        self.now().to_zoned(tz)
    }

    /// Moves a steppable clock on by `by`; the system clock cannot be moved.
    pub fn step(&self, by: SignedDuration) {
        match self {
            Clock::System => panic!("the system clock cannot be stepped"),
            Clock::Stepped(s) => {
                s.ms.fetch_add(by.as_millis() as i64, Ordering::Relaxed);
                s.moved.notify_waiters();
            }
        }
    }

    /// Resolves when a test steps this clock (never for the system's), so
    /// whatever sleeps until a due time looks again.
    pub async fn stepped(&self) {
        match self {
            Clock::System => std::future::pending().await,
            Clock::Stepped(s) => s.moved.notified().await,
        }
    }
}

impl Clock {
    /// Like [`Clock::stepped`], but waiting from this call: a step made
    /// while the caller works, before it awaits this, still ends the wait.
    pub fn next_step(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let waiter = match self {
            Clock::System => None,
            Clock::Stepped(s) => {
                let mut n = Box::pin(s.moved.clone().notified_owned());
                n.as_mut().enable();
                Some(n)
            }
        };
        async move {
            match waiter {
                Some(n) => n.await,
                None => std::future::pending().await,
            }
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clock::System => f.write_str("Clock::System"),
            Clock::Stepped(s) => write!(f, "Clock::Stepped({} ms)", s.ms.load(Ordering::Relaxed)),
        }
    }
}

/// Times arriving in requests are kept at millisecond precision too.
pub fn ms(ts: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(ts.as_millisecond()).unwrap_or(ts)
}

/// A time given with a request for something that already happened: `None`
/// means now; a time ahead of now is refused, naming `what`.
pub fn past_or_now(
    at: Option<Timestamp>,
    now: &Zoned,
    what: &str,
) -> crate::error::ApiResult<Timestamp> {
    let at = at.map(ms).unwrap_or(now.timestamp());
    if at > now.timestamp() {
        return Err(crate::error::ApiError::unprocessable(format!(
            "{what} cannot be in the future"
        )));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stepped_clock_is_ahead_by_the_steps_and_the_system_clock_is_not() {
        let clock = Clock::steppable();
        let before = Clock::System.now();
        clock.step(SignedDuration::from_hours(24));
        let stepped = clock.now();
        let after = Clock::System.now();
        assert!(stepped >= before + SignedDuration::from_hours(24));
        assert!(stepped <= after + SignedDuration::from_hours(24));
        assert_eq!(stepped, ms(stepped), "millisecond precision");
    }

    #[tokio::test]
    async fn a_step_made_before_the_wait_is_awaited_still_ends_it() {
        let clock = Clock::steppable();
        let waiting = clock.next_step();
        clock.step(SignedDuration::from_hours(1));
        // Ends at once; a wait that missed the step would never end.
        tokio::time::timeout(std::time::Duration::from_secs(60), waiting)
            .await
            .expect("the step ended the wait");
    }
}
