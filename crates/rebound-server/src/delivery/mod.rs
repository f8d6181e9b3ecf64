//! Sending what Rebound writes to the people it is for. A change queues
//! its messages in its own transaction (`Granted::save_sending` → the
//! store's outbox); the [`Worker`] claims them under a lease, asks the
//! access policy again for each recipient at that moment, composes the
//! words, sends through `rebound-deliver`, and records the attempt: sent,
//! try again later (`delivery::retry_after`, over about two days), failed
//! with why (the sender sees it on the mistake), or cancelled.

mod compose;
pub mod digest;
pub(crate) mod exported;
pub mod invites;
mod jobs;
mod links;
mod payload;
mod queue;
mod reminders;
mod replies;
mod send;
mod view;
mod worker;

pub use links::{acknowledge_claims, signed_path, unsubscribe_claims};
pub use payload::Payload;
pub use queue::{Recipients, heads_up, recipients, team_channels};
pub use reminders::{reminder_job, snooze_claims};
pub use view::SentView;
pub use worker::Worker;

use rebound_deliver::email::{MailFrom, SmtpSettings};
use rebound_deliver::webhook::AllowList;

/// The delivery settings `rebound serve` was given. Nothing set: nothing
/// leaves, and asking to send by email says so.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// The base of every link in a message (and of share links).
    pub public_url: Option<url::Url>,
    /// Where mail goes out, and whom it comes from.
    pub mail: Option<(SmtpSettings, MailFrom)>,
    /// Private addresses webhooks may still reach (`webhook_allow_private`).
    pub webhook_allow: AllowList,
    /// How long a worker holds what it claimed (`delivery_lease`): after a
    /// crash, its messages wait this long before another worker sends
    /// them. Longer than a batch of sends can take.
    pub lease: jiff::SignedDuration,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            public_url: None,
            mail: None,
            webhook_allow: AllowList::none(),
            lease: rebound_domain::delivery::LEASE,
        }
    }
}
