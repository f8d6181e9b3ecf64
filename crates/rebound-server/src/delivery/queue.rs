//! What a change queues: the messages themselves, built with the change
//! and stored in its transaction.

use super::{DeliverySettings, Payload};
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use jiff::Zoned;
use rebound_deliver::email::{message_id, parse_address};
use rebound_domain::delivery::{Channel, MessageKind, Preference, wanted};
use rebound_domain::{Mistake, NotificationKind, User};
use rebound_store::NewMessage;

/// Addresses one send may go to.
const MAX_RECIPIENTS: usize = 20;

/// The addresses in `to`, checked, each once (whatever its case); a 422
/// naming `to` for a bad one, none, or a server that cannot send mail.
pub fn recipients(settings: &DeliverySettings, to: &[String]) -> ApiResult<Vec<String>> {
    if settings.mail.is_none() {
        return Err(ApiError::unprocessable(
            "email is not set up on this server: its operator sets smtp_url and mail_from",
        ));
    }
    if to.is_empty() {
        return Err(ApiError::unprocessable(
            "to: give at least one email address",
        ));
    }
    if to.len() > MAX_RECIPIENTS {
        return Err(ApiError::unprocessable(format!(
            "to: at most {MAX_RECIPIENTS} addresses at once"
        )));
    }
    let mut checked: Vec<String> = Vec::new();
    for a in to {
        let address = parse_address(a).map_err(|e| ApiError::unprocessable(format!("to: {e}")))?;
        let address = address.to_string();
        if !checked.iter().any(|c| c.eq_ignore_ascii_case(&address)) {
            checked.push(address);
        }
    }
    Ok(checked)
}

/// The heads-up of `m`, from `owner` to each of `to`, as it reads now.
pub fn heads_up(
    settings: &DeliverySettings,
    owner: &User,
    m: &Mistake,
    to: &[String],
    now: &Zoned,
) -> Vec<NewMessage> {
    let domain = settings
        .mail
        .as_ref()
        .map_or("rebound.invalid", |(_, from)| from.domain());
    let payload = Payload::HeadsUp {
        title: m.title.clone(),
        text: m.heads_up.text.clone(),
        from_name: owner.display_name.to_string(),
        reply_to: owner.email.to_string(),
    }
    .to_json();
    to.iter()
        .map(|address| {
            // Sent once per mistake (a second send is refused), so this is unique.
            let key = format!("heads-up:{}:{}", m.id, address.to_lowercase());
            NewMessage {
                message_id: message_id(&key, domain),
                idem_key: key,
                channel: Channel::Email,
                kind: MessageKind::HeadsUp,
                sender: Some(owner.id.clone()),
                recipient: None,
                address: address.clone(),
                mistake: Some(m.id.clone()),
                payload: payload.clone(),
                created: now.timestamp(),
                due: now.timestamp(),
            }
        })
        .collect()
}

/// The kind of message that tells a stakeholder of `kind`.
pub fn kind_of(kind: NotificationKind) -> MessageKind {
    match kind {
        NotificationKind::StakeholderAdded => MessageKind::StakeholderNote,
        NotificationKind::UpdatePosted => MessageKind::Update,
        NotificationKind::Closed => MessageKind::Closed,
    }
}

impl DeliverySettings {
    /// The messages telling `user` of a reply to their comment `parent`
    /// on `m`, by the channels they want (`to_channels`).
    pub fn reply(
        &self,
        (chosen, webhook): (&[Preference], Option<&str>),
        user: &User,
        m: &Mistake,
        parent: &rebound_domain::CommentId,
        now: Timestamp,
    ) -> Vec<NewMessage> {
        let key = format!(
            "reply:{}:{parent}:{}:{}",
            m.id,
            user.id,
            now.as_millisecond()
        );
        let base = NewMessage {
            message_id: message_id(&key, self.id_domain()),
            idem_key: key,
            channel: Channel::Email,
            kind: MessageKind::Reply,
            sender: None,
            recipient: Some(user.id.clone()),
            address: user.email.to_string(),
            mistake: Some(m.id.clone()),
            payload: Payload::Reply {
                parent: parent.to_string(),
            }
            .to_json(),
            created: now,
            due: now,
        };
        self.to_channels(base, chosen, webhook)
    }

    /// `base` (an email) as sent by each channel `base.recipient` wants its
    /// kind by: email when mail is set up; chat when they have a webhook
    /// (`webhook`, its id) — each copy with its own key.
    pub fn to_channels(
        &self,
        base: NewMessage,
        chosen: &[Preference],
        webhook: Option<&str>,
    ) -> Vec<NewMessage> {
        let mut out = Vec::new();
        if let Some(hook) = webhook.filter(|_| wanted(chosen, base.kind, Channel::Chat)) {
            out.push(NewMessage {
                idem_key: format!("{}:chat", base.idem_key),
                channel: Channel::Chat,
                address: hook.to_owned(),
                ..base.clone()
            });
        }
        if self.mail.is_some() && wanted(chosen, base.kind, Channel::Email) {
            out.push(base);
        }
        out
    }

    /// The domain of Message-IDs: `mail_from`'s.
    pub(super) fn id_domain(&self) -> &str {
        self.mail
            .as_ref()
            .map_or("rebound.invalid", |(_, from)| from.domain())
    }

    /// The messages telling `user` of `kind` on `m` (as it is about to be
    /// stored), by the channels they want (`to_channels`).
    pub fn notice(
        &self,
        (chosen, webhook): (&[Preference], Option<&str>),
        user: &User,
        m: &Mistake,
        kind: NotificationKind,
        now: Timestamp,
    ) -> Vec<NewMessage> {
        let message = kind_of(kind);
        // One per change: the version the change is made over, or (being
        // named, which may happen again after a removal) the moment.
        let at = match kind {
            NotificationKind::StakeholderAdded => format!("t{}", now.as_millisecond()),
            _ => format!("v{}", m.version),
        };
        let key = format!("notice:{}:{}:{at}:{}", kind.as_str(), m.id, user.id);
        let base = NewMessage {
            message_id: message_id(&key, self.id_domain()),
            idem_key: key,
            channel: Channel::Email,
            kind: message,
            sender: None,
            recipient: Some(user.id.clone()),
            address: user.email.to_string(),
            mistake: Some(m.id.clone()),
            payload: Payload::Notice { kind }.to_json(),
            created: now,
            due: now,
        };
        self.to_channels(base, chosen, webhook)
    }
}
