//! Chat incoming webhooks registered by people (messages to themselves) and
//! for teams (the team's channel): at most one per person and one per team.
//! The URL is a secret (Slack's is in its path): the store keeps it whole
//! because the delivery worker posts to it, and every caller that shows a
//! webhook to people redacts it.

use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::{TeamId, UserId};

use crate::StoreError;

/// Whose webhook it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WebhookOwner {
    /// A person's own: messages meant for them.
    User(UserId),
    /// A team's channel.
    Team(TeamId),
}

/// The JSON the chat service expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatFormat {
    Slack,
    Mattermost,
}

impl ChatFormat {
    pub const ALL: [ChatFormat; 2] = [ChatFormat::Slack, ChatFormat::Mattermost];

    pub fn as_str(self) -> &'static str {
        match self {
            ChatFormat::Slack => "slack",
            ChatFormat::Mattermost => "mattermost",
        }
    }

    pub fn parse(s: &str) -> Option<ChatFormat> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A webhook to register.
#[derive(Clone, PartialEq, Eq)]
pub struct NewWebhook {
    /// Used only when the owner has none yet; a replacement keeps the
    /// stored id, so messages already queued for it (the outbox address is
    /// the webhook's id) go to the new URL.
    pub id: String,
    pub owner: WebhookOwner,
    pub format: ChatFormat,
    /// Whole, secret path included; already checked by the caller.
    pub url: String,
    pub label: String,
    pub created: Timestamp,
}

/// A stored webhook.
#[derive(Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: String,
    pub owner: WebhookOwner,
    pub format: ChatFormat,
    /// The secret: for sending only, never shown.
    pub url: String,
    pub label: String,
    /// When it was registered (or last replaced).
    pub created_at: Timestamp,
}

// The URL never reaches a log through Debug.
impl std::fmt::Debug for NewWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewWebhook")
            .field("id", &self.id)
            .field("owner", &self.owner)
            .field("format", &self.format)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("owner", &self.owner)
            .field("format", &self.format)
            .field("label", &self.label)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[async_trait]
pub trait WebhookStore: Send + Sync {
    /// Registers the owner's webhook, replacing theirs if they had one (the
    /// id stays). `UserNotFound` / `TeamNotFound` when the owner is missing.
    async fn set_webhook(&self, hook: &NewWebhook) -> Result<Webhook, StoreError>;

    /// The owner's webhook, if any.
    async fn webhook(&self, owner: &WebhookOwner) -> Result<Option<Webhook>, StoreError>;

    /// The webhook with this id (what an outbox message is addressed to).
    async fn webhook_by_id(&self, id: &str) -> Result<Option<Webhook>, StoreError>;

    /// Removes the owner's webhook; returns whether there was one.
    async fn remove_webhook(&self, owner: &WebhookOwner) -> Result<bool, StoreError>;

    /// The personal webhooks of those of `users` who have one (for sending
    /// one message to many); in no particular order.
    async fn webhooks_for_users(&self, users: &[UserId]) -> Result<Vec<Webhook>, StoreError>;
}
