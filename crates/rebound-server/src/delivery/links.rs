//! Links in messages: to the page a message is about, and signed,
//! expiring links that act without signing in (one-click unsubscribe,
//! snooze). The key is one per database (`server_secrets`), so every
//! instance signs and checks alike.

use super::DeliverySettings;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::{SignedDuration, Timestamp};
use rebound_deliver::link::{self, Claims, LinkKey};

/// How long an unsubscribe link keeps working: mail is read late.
const UNSUBSCRIBE_FOR: SignedDuration = SignedDuration::from_hours(24 * 365);

impl AppState {
    /// The key that signs links, made on first use and shared through the
    /// database by every instance.
    pub async fn link_key(&self) -> ApiResult<LinkKey> {
        let key = self
            .links
            .get_or_try_init(|| async {
                let fresh = LinkKey::random().map_err(ApiError::internal_because)?;
                let fresh = STANDARD.encode(fresh.as_bytes());
                let stored = (self.guard.outbox())
                    .secret("link-key", &fresh, self.clock.now())
                    .await?;
                let bytes = STANDARD.decode(stored).ok();
                bytes
                    .as_deref()
                    .and_then(LinkKey::from_bytes)
                    .ok_or_else(|| ApiError::internal_because("the stored link key is unreadable"))
            })
            .await?;
        Ok(key.clone())
    }
}

impl DeliverySettings {
    /// `path` on this server's public address, when there is one.
    pub fn link(&self, path: &str) -> Option<String> {
        let base = self.public_url.as_ref()?;
        let base = base.as_str().trim_end_matches('/');
        Some(format!("{base}{path}"))
    }
}

/// A signed link's claims for "stop sending `kind` to `user`".
pub fn unsubscribe_claims(user: &str, kind: &str, now: Timestamp) -> Claims {
    Claims {
        purpose: "unsubscribe".into(),
        user: user.into(),
        mistake: None,
        kind: Some(kind.into()),
        expires_ms: (now + UNSUBSCRIBE_FOR).as_millisecond(),
    }
}

/// A signed link's claims for "`user` has read `mistake`'s note".
pub fn acknowledge_claims(user: &str, mistake: &str, now: Timestamp) -> Claims {
    Claims {
        purpose: "acknowledge".into(),
        user: user.into(),
        mistake: Some(mistake.into()),
        kind: None,
        expires_ms: (now + UNSUBSCRIBE_FOR).as_millisecond(),
    }
}

/// The path of a signed link.
pub fn signed_path(key: &LinkKey, claims: &Claims) -> String {
    format!("/u/{}", link::sign(key, claims))
}
