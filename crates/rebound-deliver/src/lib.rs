//! Rebound's channels to the outside world. Each takes a message the
//! server has already composed and checked against the access policy, and
//! answers sent, a transient failure (try again later) or a permanent one
//! (give up, and tell the owner why). Nothing here stores, decides who may
//! read what, or reads the clock of the application.

pub mod email;
pub mod link;
pub mod webhook;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

/// How one attempt to send ended, when it did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct SendError {
    /// `true`: retrying cannot help (a 5xx SMTP reply, a 4xx webhook answer
    /// other than 408/429, an address refused); `false`: try again later.
    pub permanent: bool,
    /// One line a person can act on; never a password or a webhook's secret path.
    pub detail: String,
}

impl SendError {
    pub fn transient(detail: impl Into<String>) -> Self {
        SendError {
            permanent: false,
            detail: detail.into(),
        }
    }
    pub fn permanent(detail: impl Into<String>) -> Self {
        SendError {
            permanent: true,
            detail: detail.into(),
        }
    }
}
