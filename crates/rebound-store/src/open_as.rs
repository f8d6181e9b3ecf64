//! The commonest request, read at once: a signed-in person opening one
//! mistake. Checking the credential, loading the mistake and working out how
//! the person relates to it are separate reads elsewhere (`token_user`,
//! `get`, `is_stakeholder`, …); here a backend answers all of it from one
//! snapshot, in one statement where it can — one read instead of two to
//! five per request, and on a networked database one round trip.
//!
//! It decides nothing: the relation is facts, and the access policy
//! (`rebound_domain::access`) still says what those facts allow.

use crate::{ApiTokenInfo, SessionInfo, StoreError};
use async_trait::async_trait;
use rebound_domain::access::Relation;
use rebound_domain::account::Timestamp;
use rebound_domain::{Mistake, MistakeId, TokenHash, User};

/// A credential as the request presented it: the hash of its secret.
#[derive(Debug, Clone, Copy)]
pub enum Presented<'a> {
    /// A Bearer API token.
    ApiToken(&'a TokenHash),
    /// A browser session's cookie.
    Session(&'a TokenHash),
}

/// The live credential a [`Presented`] one resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    ApiToken(ApiTokenInfo),
    Session(SessionInfo),
}

/// What one read found.
#[derive(Debug, Clone)]
pub struct Opened {
    pub holder: Holder,
    /// The enabled account the credential belongs to.
    pub user: User,
    /// The mistake, if it exists, and how `user` relates to it as stored now.
    pub mistake: Option<(Mistake, Relation)>,
}

#[async_trait]
pub trait OpenAs: Send + Sync {
    /// Whose live credential `presented` is and, if it is live, mistake
    /// `id` and the holder's relation to it, all as of one moment. `None`
    /// when the credential resolves to nobody: unknown, expired, revoked,
    /// or its account disabled — exactly when `token_user` or
    /// `session_user` would answer `None`. For a token, the last use is
    /// recorded as `token_user` records it; a session is not touched.
    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError>;
}
