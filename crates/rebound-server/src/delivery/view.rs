//! A sent message as its sender reads it: where it went and how it went,
//! never its body.

use jiff::Timestamp;
use rebound_store::{MessageState, SentMessage};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct SentView {
    /// What it was: `heads_up`, …
    pub kind: String,
    /// `email` or `chat`.
    pub channel: String,
    /// The address it went to.
    pub to: String,
    /// `pending` (waiting or retrying), `delivered`, `failed` or `cancelled`.
    pub state: String,
    pub attempts: u32,
    /// Why the last attempt failed, or why it was cancelled.
    pub error: Option<String>,
    pub queued_at: Timestamp,
    /// When it was delivered, failed for good or cancelled.
    pub done_at: Option<Timestamp>,
}

impl From<SentMessage> for SentView {
    fn from(m: SentMessage) -> Self {
        SentView {
            kind: m.kind.as_str().to_owned(),
            channel: m.channel.as_str().to_owned(),
            to: m.address,
            state: m.state.as_str().to_owned(),
            attempts: m.attempts,
            error: if m.state == MessageState::Delivered {
                None
            } else {
                m.last_error
            },
            queued_at: m.created_at,
            done_at: m.done_at,
        }
    }
}
