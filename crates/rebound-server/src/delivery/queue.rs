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

/// Where a heads-up goes: email addresses, and team channels (`@name`).
#[derive(Debug, Default)]
pub struct Recipients {
    pub emails: Vec<String>,
    /// Team names as typed, without the `@`.
    pub teams: Vec<String>,
}

impl Recipients {
    /// As the record says it was sent: the addresses, then `@team`s.
    pub fn sent_to(&self) -> String {
        let teams = self.teams.iter().map(|t| format!("@{t}"));
        self.emails
            .iter()
            .cloned()
            .chain(teams)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The addresses and `@team`s in `to`, checked, each once (whatever its
/// case); a 422 naming `to` for a bad one, none, or email asked of a
/// server that cannot send mail.
pub fn recipients(settings: &DeliverySettings, to: &[String]) -> ApiResult<Recipients> {
    if to.is_empty() {
        return Err(ApiError::unprocessable(
            "to: give at least one email address or @team",
        ));
    }
    if to.len() > MAX_RECIPIENTS {
        return Err(ApiError::unprocessable(format!(
            "to: at most {MAX_RECIPIENTS} addresses at once"
        )));
    }
    let mut out = Recipients::default();
    for a in to {
        if let Some(team) = a.trim().strip_prefix('@') {
            if !out.teams.iter().any(|t| t.eq_ignore_ascii_case(team)) {
                out.teams.push(team.to_owned());
            }
            continue;
        }
        let address = parse_address(a).map_err(|e| ApiError::unprocessable(format!("to: {e}")))?;
        let address = address.to_string();
        if !out.emails.iter().any(|c| c.eq_ignore_ascii_case(&address)) {
            out.emails.push(address);
        }
    }
    if !out.emails.is_empty() && settings.mail.is_none() {
        return Err(ApiError::unprocessable(
            "email is not set up on this server: its operator sets smtp_url and mail_from",
        ));
    }
    Ok(out)
}

/// The chat webhook of each team in `names` that `user` belongs to: a 422
/// naming `to` for a team they are not in, or one with no channel connected.
pub async fn team_channels(
    state: &crate::state::AppState,
    user: &User,
    names: &[String],
) -> ApiResult<Vec<(String, String)>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let teams = state.guard.accounts().teams_of(&user.id).await?;
    let mut out = Vec::new();
    for name in names {
        let Some(team) = teams
            .iter()
            .find(|t| t.name.as_str().eq_ignore_ascii_case(name))
        else {
            return Err(ApiError::unprocessable(format!(
                "to: you are in no team called '{name}'"
            )));
        };
        let owner = rebound_store::WebhookOwner::Team(team.id.clone());
        let Some(hook) = state.guard.webhooks().webhook(&owner).await? else {
            return Err(ApiError::unprocessable(format!(
                "to: the team '{name}' has no chat channel connected (its members can connect one in Settings)"
            )));
        };
        out.push((team.name.as_str().to_owned(), hook.id));
    }
    Ok(out)
}

/// The heads-up of `m`, from `owner` to each of `to` and each team
/// channel in `channels` (name, webhook id), as it reads now.
pub fn heads_up(
    settings: &DeliverySettings,
    owner: &User,
    m: &Mistake,
    (to, channels): (&[String], &[(String, String)]),
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
    let emails = to
        .iter()
        .map(|a| (Channel::Email, a.to_lowercase(), a.clone()));
    let chats = (channels.iter()).map(|(name, hook)| {
        (
            Channel::Chat,
            format!("@{}", name.to_lowercase()),
            hook.clone(),
        )
    });
    emails
        .chain(chats)
        .map(|(channel, whom, address)| {
            // Sent once per mistake (a second send is refused), so this is unique.
            let key = format!("heads-up:{}:{whom}", m.id);
            NewMessage {
                message_id: message_id(&key, domain),
                idem_key: key,
                channel,
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
