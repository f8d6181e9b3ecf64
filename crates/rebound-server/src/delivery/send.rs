//! One attempt at one message: is it still allowed, compose it, send it,
//! and what that means for the queue.

use super::compose::{self, Notice};
use super::worker::Worker;
use super::{Payload, queue};
use crate::guard::part_told_of;
use rebound_deliver::SendError;
use rebound_deliver::email::Email;
use rebound_domain::access::{Action, Part};
use rebound_domain::delivery::{Channel, retry_after, wanted};
use rebound_store::{Attempt, Claimed};

/// Why a message is not sent after all, or a failure to find out.
enum Held {
    Cancelled(String),
    Later(SendError),
}

impl Worker {
    /// How this attempt went, ready to record.
    pub(super) async fn attempt(&self, c: &Claimed) -> Attempt {
        let Some(payload) = Payload::from_json(&c.message.payload) else {
            return Attempt::Failed {
                error: "this message was queued by another version of Rebound and cannot be read"
                    .into(),
            };
        };
        let email = match self.compose(c, &payload).await {
            Ok(email) => email,
            Err(Held::Cancelled(reason)) => return Attempt::Cancelled { reason },
            Err(Held::Later(e)) => return self.later(c, e),
        };
        let sent = match c.message.channel {
            Channel::Email => self.email(&email).await,
            Channel::Chat => match self.chat(c, &email).await {
                Ok(sent) => sent,
                Err(Held::Cancelled(reason)) => return Attempt::Cancelled { reason },
                Err(Held::Later(e)) => Err(e),
            },
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

    /// The message as it may be sent now. The policy is asked again, not
    /// trusted from when it was queued: a sender who no longer owns the
    /// mistake, a stakeholder removed or shut out, a disabled account, or
    /// someone who turned the kind off meanwhile, gets nothing.
    async fn compose(&self, c: &Claimed, payload: &Payload) -> Result<Email, Held> {
        let settings = &self.state.settings.delivery;
        match payload {
            Payload::Digest => return self.digest(c, settings).await,
            Payload::Invite { plan } => return self.invite(c, plan, settings).await,
            Payload::DataExported { by, at } => {
                return self.data_exported(c, by, at).await.map_err(Held::Cancelled);
            }
            _ => {}
        }
        let Some(mistake) = &c.message.mistake else {
            return Err(Held::Cancelled("the mistake it was about is gone".into()));
        };
        match payload {
            Payload::Digest | Payload::Invite { .. } | Payload::DataExported { .. } => {
                unreachable!("composed above")
            }
            Payload::Reply { parent } => {
                let Some(recipient) = &c.message.recipient else {
                    return Err(Held::Cancelled("its recipient's account is gone".into()));
                };
                let how = (Part::Comments, Action::Read);
                let Some((user, _)) = self.readable(recipient, mistake, how).await? else {
                    let why = "the recipient may no longer read the comments";
                    return Err(Held::Cancelled(why.into()));
                };
                self.wants(
                    &user,
                    rebound_domain::delivery::MessageKind::Reply,
                    c.message.channel,
                )
                .await?;
                self.reply(c, &user, parent).await.ok_or_else(|| {
                    Held::Cancelled("the reply is no longer there to tell of".into())
                })
            }
            Payload::HeadsUp { .. } => {
                let Some(sender) = &c.message.sender else {
                    return Err(Held::Cancelled("its sender's account is gone".into()));
                };
                let how = (Part::Record, Action::Change);
                if self.readable(sender, mistake, how).await?.is_none() {
                    let why = "the sender may no longer send for this mistake";
                    return Err(Held::Cancelled(why.into()));
                }
                Ok(compose::heads_up(c, payload))
            }
            Payload::Reminder { key } => {
                let Some(recipient) = &c.message.recipient else {
                    return Err(Held::Cancelled("its recipient's account is gone".into()));
                };
                let how = (Part::Updates, Action::Change);
                let Some((owner, m)) = self.readable(recipient, mistake, how).await? else {
                    let why = "the mistake is no longer theirs to update";
                    return Err(Held::Cancelled(why.into()));
                };
                if !super::reminders::still_due(&owner, &m, key) {
                    let why = "an update was posted or the reminder moved meanwhile";
                    return Err(Held::Cancelled(why.into()));
                }
                self.wants(
                    &owner,
                    rebound_domain::delivery::MessageKind::Reminder,
                    c.message.channel,
                )
                .await?;
                let key = self.key().await?;
                let to = (c.message.address.as_str(), c.message.message_id.as_str());
                let now = self.state.clock.now();
                Ok(super::reminders::compose(
                    to, &owner, &m, settings, &key, now,
                ))
            }
            Payload::Notice { kind } => {
                let Some(recipient) = &c.message.recipient else {
                    return Err(Held::Cancelled("its recipient's account is gone".into()));
                };
                let how = (part_told_of(*kind), Action::Read);
                let Some((user, m)) = self.readable(recipient, mistake, how).await? else {
                    let why = "the recipient may no longer read this mistake";
                    return Err(Held::Cancelled(why.into()));
                };
                let message = queue::kind_of(*kind);
                self.wants(&user, message, c.message.channel).await?;
                // The note rides along only for whom the policy lets read it.
                let note = self.readable(recipient, mistake, (Part::Note, Action::Read));
                let with_note = note.await?.is_some();
                let key = self.key().await?;
                let owner = match &m.owner {
                    Some(id) => self.state.guard.accounts().user(id).await.ok(),
                    None => None,
                };
                let notice = Notice {
                    kind: *kind,
                    message,
                    user: &user,
                    mistake: &m,
                    owner_name: owner.map(|o| o.display_name.to_string()),
                    with_note,
                };
                Ok(compose::notice(
                    c,
                    &notice,
                    settings,
                    &key,
                    self.state.clock.now(),
                ))
            }
        }
    }

    /// The Monday note, gathered again now through the policy; nothing
    /// left to say (all done since it was queued) sends nothing.
    async fn digest(&self, c: &Claimed, settings: &super::DeliverySettings) -> Result<Email, Held> {
        let Some(recipient) = &c.message.recipient else {
            return Err(Held::Cancelled("its recipient's account is gone".into()));
        };
        let user = match self.state.guard.accounts().user(recipient).await {
            Ok(u) if !u.is_disabled() => u,
            _ => {
                return Err(Held::Cancelled(
                    "its recipient's account is gone or disabled".into(),
                ));
            }
        };
        self.wants(
            &user,
            rebound_domain::delivery::MessageKind::Digest,
            c.message.channel,
        )
        .await?;
        let now = self.state.clock.now_for(&user);
        let items = super::digest::items_for(&self.state, &user, &now)
            .await
            .map_err(|e| {
                tracing::warn!(error = ?e, "could not gather a digest");
                Held::Later(SendError::transient(
                    "could not gather the digest (the database did not answer)",
                ))
            })?;
        if items.is_empty() {
            return Err(Held::Cancelled("nothing was waiting any more".into()));
        }
        let text = rebound_domain::digest::compose(&items, &user.display_name.to_string(), &now);
        let key = self.key().await?;
        let to = (c.message.address.as_str(), c.message.message_id.as_str());
        Ok(super::digest::email(
            to,
            &user,
            &text,
            settings,
            &key,
            now.timestamp(),
        ))
    }

    /// A plan's invitation, from the plan as it is now, for someone the
    /// policy still lets read its calendar.
    async fn invite(
        &self,
        c: &Claimed,
        plan: &str,
        settings: &super::DeliverySettings,
    ) -> Result<Email, Held> {
        let gone =
            || Held::Cancelled("the recipient may no longer see this plan's calendar".into());
        let guard = &self.state.guard;
        let Some(recipient) = &c.message.recipient else {
            return Err(gone());
        };
        let user = match guard.accounts().user(recipient).await {
            Ok(u) if !u.is_disabled() => u,
            _ => return Err(gone()),
        };
        let read = (rebound_domain::access::RecoveryPart::Calendar, Action::Read);
        let grant = guard
            .open_plan(&user, plan, read.0, read.1)
            .await
            .map_err(|_| gone())?;
        let p = grant.plan();
        let report = guard.accounts().user(&p.report).await.map_err(|_| gone())?;
        let Some(manager) = &report.manager else {
            return Err(gone());
        };
        let manager = guard.accounts().user(manager).await.map_err(|_| gone())?;
        let to = (c.message.address.as_str(), c.message.message_id.as_str());
        let now = self.state.clock.now();
        Ok(super::invites::email(
            to, p, &manager, &report, settings, now,
        ))
    }

    /// Whether `user` still wants `kind` by email.
    async fn wants(
        &self,
        user: &rebound_domain::User,
        kind: rebound_domain::delivery::MessageKind,
        channel: Channel,
    ) -> Result<(), Held> {
        let chosen = (self.state.guard.outbox().preferences(&user.id).await)
            .map_err(|e| Held::Later(SendError::transient(e.to_string())))?;
        if wanted(&chosen, kind, channel) {
            Ok(())
        } else {
            let by = channel.as_str();
            Err(Held::Cancelled(format!(
                "the recipient turned these off by {by}"
            )))
        }
    }

    /// Posts `email`'s words to the chat webhook the message names, checked
    /// again against the operator's allow list; a webhook removed since is
    /// a message cancelled.
    async fn chat(&self, c: &Claimed, email: &Email) -> Result<Result<(), SendError>, Held> {
        use rebound_deliver::webhook::{ChatMessage, Format, WebhookUrl};
        let hook = (self
            .state
            .guard
            .webhooks()
            .webhook_by_id(&c.message.address)
            .await)
            .map_err(|e| Held::Later(SendError::transient(e.to_string())))?
            .ok_or_else(|| Held::Cancelled("the chat webhook was removed".into()))?;
        let allow = &self.state.settings.delivery.webhook_allow;
        let url = match WebhookUrl::check(&hook.url, allow).await {
            Ok(url) => url,
            Err(e) => return Ok(Err(SendError::permanent(format!("the chat webhook: {e}")))),
        };
        let format = match hook.format {
            rebound_store::ChatFormat::Slack => Format::Slack,
            rebound_store::ChatFormat::Mattermost => Format::Mattermost,
        };
        // The words without the email's footer (its unsubscribe link).
        let text = email
            .text
            .split("\n--\n")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let message = ChatMessage {
            title: email.subject.clone(),
            text,
            link: None,
        };
        Ok(self
            .webhooks
            .post(&url, format, &message, &c.message.idem_key)
            .await)
    }

    async fn key(&self) -> Result<rebound_deliver::link::LinkKey, Held> {
        (self.state.link_key().await)
            .map_err(|_| Held::Later(SendError::transient("the link key could not be read")))
    }

    async fn readable(
        &self,
        user: &rebound_domain::UserId,
        mistake: &rebound_domain::MistakeId,
        (part, action): (Part, Action),
    ) -> Result<Option<(rebound_domain::User, rebound_domain::Mistake)>, Held> {
        let guard = &self.state.guard;
        guard
            .readable(user, mistake, part, action)
            .await
            .map_err(|e| {
                tracing::warn!(error = ?e, "could not check who may receive a message");
                Held::Later(SendError::transient(
                    "could not check who may receive it (the database did not answer)",
                ))
            })
    }

    async fn email(&self, email: &Email) -> Result<(), SendError> {
        let Some(mailer) = &self.mailer else {
            return Err(SendError::transient(
                "email is not set up on this server (smtp_url and mail_from)",
            ));
        };
        mailer.send(email).await
    }
}
