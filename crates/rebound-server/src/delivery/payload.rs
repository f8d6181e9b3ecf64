//! What a queued message holds: enough to compose it at send time, never a
//! secret. A direct send keeps the words as the person sent them; anything
//! Rebound composes itself is composed again when sent, from what the
//! recipient may read then.

use rebound_domain::NotificationKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payload {
    /// The owner's heads-up, as they sent it.
    HeadsUp {
        /// The mistake's title when sent.
        title: String,
        /// The two sentences.
        text: String,
        /// The owner's name, shown as who it is from.
        from_name: String,
        /// Replies go to the owner, not to Rebound.
        reply_to: String,
    },
    /// A stakeholder hears of `kind` on the message's mistake: composed
    /// when sent, from what they may read then.
    Notice { kind: NotificationKind },
    /// The owner's update is due: `key` is the reminder's job, so a
    /// reminder made moot before it is sent (an update posted) is not.
    Reminder { key: String },
    /// The Monday note: gathered again when sent, from what they may read then.
    Digest,
    /// The plan's calendar invitation, composed from the plan when sent.
    Invite { plan: String },
    /// A reply to the recipient's comment `parent`: the replies to it are
    /// read when sent, for someone who may still read the comments.
    Reply { parent: String },
    /// An administrator (`by`, their account) made an archive of the
    /// recipient's data at `at` (RFC 3339) on a formal request; the
    /// reason's words are not carried.
    DataExported { by: String, at: String },
}

impl Payload {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a payload is always JSON")
    }

    pub fn from_json(s: &str) -> Option<Payload> {
        serde_json::from_str(s).ok()
    }
}
