//! What Rebound sends, by which channel, and how long it keeps trying.
//! The rules only: composing a message's words is `delivery/compose`'s,
//! sending is `rebound-deliver`'s, the queue is the store's.

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

/// Where a message goes. In-app notifications are rows of their own,
/// written with the change (the store's `notifications`), so they never
/// wait in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Chat,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Chat];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Why a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// The owner's two sentences, sent by the owner to whom they chose.
    HeadsUp,
    /// A check of the delivery settings by an operator.
    Test,
}

impl MessageKind {
    pub const ALL: [MessageKind; 2] = [MessageKind::HeadsUp, MessageKind::Test];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::HeadsUp => "heads_up",
            MessageKind::Test => "test",
        }
    }

    pub fn parse(s: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A message a person sends themselves, by their own act: it carries
    /// no unsubscribe link (RFC 8058 is for what Rebound sends on its own).
    pub fn is_direct_send(self) -> bool {
        matches!(self, MessageKind::HeadsUp | MessageKind::Test)
    }
}

/// When to try again after `failed` attempts have failed for a reason
/// that may pass (a server down, a timeout), or `None` to give up. Spread
/// over hours, not minutes: a mail server down for an afternoon still
/// gets the message, and about two days after the first try it is
/// reported failed to whoever sent it.
pub fn retry_after(failed: u32) -> Option<SignedDuration> {
    const MINUTES: [i64; 8] = [5, 30, 60, 120, 240, 480, 720, 1440];
    MINUTES
        .get(failed.checked_sub(1)? as usize)
        .map(|m| SignedDuration::from_mins(*m))
}

/// How long one worker may hold a claimed message or job before another
/// may take it over (it crashed, or hangs), unless the operator sets
/// another: longer than a batch of sends can take.
pub const LEASE: SignedDuration = SignedDuration::from_secs(120);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_spread_over_about_two_days_then_stop() {
        assert_eq!(retry_after(0), None, "no failure, no retry");
        assert_eq!(retry_after(1), Some(SignedDuration::from_mins(5)));
        let total: i64 = (1..=8).map(|n| retry_after(n).unwrap().as_secs()).sum();
        assert!(total > 36 * 3600 && total < 60 * 3600, "{total}");
        assert_eq!(retry_after(9), None);
        let mut last = SignedDuration::ZERO;
        for n in 1..=8 {
            let next = retry_after(n).unwrap();
            assert!(next > last, "attempt {n} waits longer than the one before");
            last = next;
        }
    }

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for k in MessageKind::ALL {
            assert_eq!(MessageKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
