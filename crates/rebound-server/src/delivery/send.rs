//! One attempt at one message: is it still allowed, compose it, send it,
//! and what that means for the queue.

use super::Payload;
use super::worker::Worker;
use rebound_deliver::SendError;
use rebound_domain::access::{Action, Part};
use rebound_domain::delivery::{Channel, retry_after};
use rebound_store::{Attempt, Claimed};

impl Worker {
    /// How this attempt went, ready to record.
    pub(super) async fn attempt(&self, c: &Claimed) -> Attempt {
        let Some(payload) = Payload::from_json(&c.message.payload) else {
            return Attempt::Failed {
                error: "this message was queued by another version of Rebound and cannot be read"
                    .into(),
            };
        };
        match self.still_allowed(c, &payload).await {
            Ok(None) => {}
            Ok(Some(reason)) => return Attempt::Cancelled { reason },
            Err(e) => return self.later(c, SendError::transient(e)),
        }
        let sent = match c.message.channel {
            Channel::Email => self.email(c, &payload).await,
            Channel::Chat => Err(SendError::permanent(
                "chat messages are not set up on this server",
            )),
        };
        match sent {
            Ok(()) => Attempt::Sent,
            Err(e) if e.permanent => Attempt::Failed { error: e.detail },
            Err(e) => self.later(c, e),
        }
    }

    /// A failure that may pass: try again later, or give up once the
    /// retries have run out.
    fn later(&self, c: &Claimed, e: SendError) -> Attempt {
        let failed = c.attempts + 1;
        match retry_after(failed) {
            Some(wait) => Attempt::Retry {
                error: e.detail,
                at: self.state.clock.now() + wait,
            },
            None => Attempt::Failed {
                error: format!("{} (gave up after {failed} attempts)", e.detail),
            },
        }
    }

    /// `None` when the message may still go; else why not. Asked of the
    /// policy now, not when it was queued: a sender who no longer owns the
    /// mistake, or a disabled account, sends nothing.
    async fn still_allowed(
        &self,
        c: &Claimed,
        payload: &Payload,
    ) -> Result<Option<String>, String> {
        match payload {
            Payload::HeadsUp { .. } => {
                let (Some(sender), Some(mistake)) = (&c.message.sender, &c.message.mistake) else {
                    return Ok(Some("the heads-up's sender or mistake is gone".into()));
                };
                let guard = &self.state.guard;
                let may = guard
                    .may(sender, mistake, Part::Record, Action::Change)
                    .await;
                match may {
                    Ok(true) => Ok(None),
                    Ok(false) => Ok(Some(
                        "the sender may no longer send for this mistake".into(),
                    )),
                    Err(e) => {
                        tracing::warn!(error = ?e, "could not check who may send a message");
                        Err("could not check who may send it (the database did not answer)".into())
                    }
                }
            }
        }
    }

    async fn email(&self, c: &Claimed, payload: &Payload) -> Result<(), SendError> {
        let Some(mailer) = &self.mailer else {
            return Err(SendError::transient(
                "email is not set up on this server (smtp_url and mail_from)",
            ));
        };
        let email = super::compose::email(c, payload);
        mailer.send(&email).await
    }
}
