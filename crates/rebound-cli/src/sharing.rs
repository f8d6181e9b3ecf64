//! Stakeholders, comments and share links as the CLI reads them: the
//! server's views (`sharing::stakeholders`, `views`, `links`), which are
//! also what `--json` prints. They live on a team's server: this machine's
//! database has no accounts to name, nobody to talk to and no guests.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The line a local command that needs a server says instead.
pub fn needs_server(what: &str, why: &str) -> String {
    format!(
        "{what} needs your team's Rebound server ({why}): sign in with `rebound login --server URL` or pass --server URL"
    )
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stakeholder {
    pub user: String,
    pub display_name: String,
    pub added_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
}

/// Who a mistake is shared with: named accounts, and others affected.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sharing {
    pub stakeholders: Vec<Stakeholder>,
    pub affected: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Author {
    /// account or guest
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub parent: Option<String>,
    pub author: Author,
    /// As written: printed as it is, never interpreted.
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub score: u32,
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    pub label: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub live: bool,
}

/// A new link: its address holds the token, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedLink {
    #[serde(flatten)]
    pub link: Link,
    pub token: String,
    /// Where a guest opens it (`{server}/s/{token}`); filled in by the CLI.
    #[serde(default)]
    pub url: String,
}
