//! Sending from the server: the heads-up by email
//! (`POST …/heads-up/send`) and how each message went (`GET …/messages`).

use super::Remote;
use crate::backend::Record;
use crate::error::{CliError, Result};
use rebound_domain::MistakeId;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// One message the caller sent about a mistake, as the server reports it.
#[derive(Debug, Clone, Deserialize)]
pub struct SentMessage {
    /// `heads_up`, …
    pub kind: String,
    /// The address it went to.
    pub to: String,
    /// `pending`, `delivered`, `failed` or `cancelled`.
    pub state: String,
    pub attempts: u32,
    /// Why the last attempt failed, or why it was cancelled.
    pub error: Option<String>,
}

impl SentMessage {
    /// Delivered, failed for good or cancelled: nothing more will happen.
    pub fn is_done(&self) -> bool {
        self.state != "pending"
    }
}

/// `GET …/messages`: the messages, and the answer as `--json` prints it.
pub struct Messages {
    pub messages: Vec<SentMessage>,
    pub json: Value,
}

impl Remote {
    /// Queues the heads-up to each of `to` and marks it sent now, only
    /// over `version` of the mistake (a change since is refused, 412).
    pub async fn send_heads_up(
        &self,
        id: &MistakeId,
        to: &[String],
        version: i64,
    ) -> Result<Record> {
        let body = json!({ "to": to });
        let answer = self
            .call_at(
                Method::POST,
                id,
                "/heads-up/send",
                Some(body),
                Some(version),
            )
            .await?;
        self.record(answer.body)
    }

    /// What the caller sent about mistake `id`, newest first.
    pub async fn messages(&self, id: &MistakeId) -> Result<Messages> {
        let answer = self
            .call_at(Method::GET, id, "/messages", None, None)
            .await?;
        let messages = serde_json::from_value::<Vec<SentMessage>>(answer.body.clone()).map_err(
            |_| {
                CliError::Server(format!(
                    "the server at {} answered in a way this version of rebound cannot read: upgrade rebound",
                    self.http.server()
                ))
            },
        )?;
        Ok(Messages {
            messages,
            json: answer.body,
        })
    }
}
