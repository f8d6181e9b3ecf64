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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MessageKind {
    /// The owner's two sentences, sent by the owner to whom they chose.
    HeadsUp,
    /// A check of the delivery settings by an operator.
    Test,
    /// You were named a stakeholder: the note, and a link to it.
    StakeholderNote,
    /// A progress update on a mistake you follow.
    Update,
    /// A mistake you follow was closed.
    Closed,
    /// Your update on one of your mistakes is due.
    Reminder,
    /// The Monday note.
    Digest,
    /// A calendar invitation to the debrief and the check-ins, sent when the
    /// manager sets or changes them.
    Invite,
    /// Someone replied to your comment.
    Reply,
    /// An administrator made an archive of your data on a formal request.
    DataExported,
}

impl MessageKind {
    pub const ALL: [MessageKind; 10] = [
        MessageKind::HeadsUp,
        MessageKind::Test,
        MessageKind::StakeholderNote,
        MessageKind::Update,
        MessageKind::Closed,
        MessageKind::Reminder,
        MessageKind::Digest,
        MessageKind::Invite,
        MessageKind::Reply,
        MessageKind::DataExported,
    ];

    /// What a person may turn on or off, per channel.
    pub const CHOSEN: [MessageKind; 6] = [
        MessageKind::StakeholderNote,
        MessageKind::Update,
        MessageKind::Closed,
        MessageKind::Reply,
        MessageKind::Reminder,
        MessageKind::Digest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::HeadsUp => "heads_up",
            MessageKind::Test => "test",
            MessageKind::StakeholderNote => "stakeholder_note",
            MessageKind::Update => "update",
            MessageKind::Closed => "closed",
            MessageKind::Reminder => "reminder",
            MessageKind::Digest => "digest",
            MessageKind::Invite => "invite",
            MessageKind::Reply => "reply",
            MessageKind::DataExported => "data_exported",
        }
    }

    pub fn parse(s: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A message a person sends, by their own act (a heads-up, a manager's
    /// calendar invitation, an administrator's notice that they exported
    /// someone's data, which the person must get): it carries no
    /// unsubscribe link (RFC 8058 is for what Rebound sends on its own) and
    /// no preference stops it.
    pub fn is_direct_send(self) -> bool {
        matches!(
            self,
            MessageKind::HeadsUp
                | MessageKind::Test
                | MessageKind::Invite
                | MessageKind::DataExported
        )
    }

    /// Whether a person gets this kind by `channel` when they never said:
    /// by email, everything meant for them (direct notes, reminders and
    /// the digest included); by chat, only once they connect one.
    pub fn on_by_default(self, channel: Channel) -> bool {
        channel == Channel::Email
    }

    /// How the kind is named in settings and in an unsubscribe page.
    pub fn label(self) -> &'static str {
        match self {
            MessageKind::HeadsUp => "Heads-ups you send",
            MessageKind::Test => "Test messages",
            MessageKind::StakeholderNote => "When you are named a stakeholder",
            MessageKind::Update => "Progress updates on mistakes you follow",
            MessageKind::Closed => "When a mistake you follow is closed",
            MessageKind::Reminder => "Reminders when an update of yours is due",
            MessageKind::Digest => "The Monday note",
            MessageKind::Invite => "Calendar invitations to check-ins",
            MessageKind::Reply => "Replies to your comments",
            MessageKind::DataExported => "When an administrator exports your data",
        }
    }
}

/// A person's choice for one kind by one channel; where they made none,
/// [`MessageKind::on_by_default`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    pub kind: MessageKind,
    pub channel: Channel,
    pub enabled: bool,
}

/// Whether `kind` goes by `channel` to someone who chose `chosen`.
pub fn wanted(chosen: &[Preference], kind: MessageKind, channel: Channel) -> bool {
    if kind.is_direct_send() {
        return true;
    }
    chosen
        .iter()
        .find(|p| p.kind == kind && p.channel == channel)
        .map_or(kind.on_by_default(channel), |p| p.enabled)
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
    fn choices_override_the_defaults_but_never_a_direct_send() {
        let off = |kind| Preference {
            kind,
            channel: Channel::Email,
            enabled: false,
        };
        let chosen = [off(MessageKind::Digest)];
        assert!(!wanted(&chosen, MessageKind::Digest, Channel::Email));
        assert!(
            wanted(&chosen, MessageKind::Reminder, Channel::Email),
            "the default"
        );
        assert!(
            !wanted(&chosen, MessageKind::Reminder, Channel::Chat),
            "chat is opt-in"
        );
        let all_off: Vec<_> = MessageKind::ALL.into_iter().map(off).collect();
        assert!(
            wanted(&all_off, MessageKind::HeadsUp, Channel::Email),
            "a person's own send"
        );
        for k in MessageKind::CHOSEN {
            assert!(!k.is_direct_send(), "{k:?}");
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
