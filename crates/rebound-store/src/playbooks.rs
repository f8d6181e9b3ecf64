//! An organisation's own playbooks: each one row (what it says now) and
//! its revisions (what every version said, who wrote it and when). The
//! store keeps the Markdown as written; the checks are the domain's
//! (`rebound_domain::playbook::org`) and who may write is the server's.
//! An author whose account is erased leaves their playbooks and revisions
//! behind, written by nobody: they are the organisation's.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::account::Timestamp;

/// A playbook to store, at version 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlaybook {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub author: UserId,
    pub at: Timestamp,
}

/// A new version of a stored playbook (its slug never changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookEdit {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub author: UserId,
    pub at: Timestamp,
    /// Only over this version; `None` over whichever is stored.
    pub expected: Option<i64>,
}

/// Who wrote a version, while their account exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookAuthor {
    pub id: UserId,
    pub name: String,
}

/// A stored playbook as it reads now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgPlaybook {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// 1 when created, one more with each edit.
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Who wrote this version; `None` once their account is erased.
    pub updated_by: Option<PlaybookAuthor>,
}

/// One version of a playbook, the current one included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaybookRevision {
    pub version: i64,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub at: Timestamp,
    pub author: Option<PlaybookAuthor>,
}

/// What [`PlaybookStore::edit_playbook`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaybookEdited {
    /// Written; the playbook as stored now.
    Saved(OrgPlaybook),
    /// The stored version is not the expected one (it is this): nothing written.
    Stale(i64),
}

#[async_trait]
pub trait PlaybookStore: Send + Sync {
    /// Stores a new playbook and its first revision. A taken slug is
    /// `AlreadyExists` (what "playbook"), an unknown author `UserNotFound`.
    async fn create_playbook(&self, new: &NewPlaybook) -> Result<OrgPlaybook, StoreError>;

    /// Every stored playbook, by slug.
    async fn org_playbooks(&self) -> Result<Vec<OrgPlaybook>, StoreError>;

    /// The playbook with this slug, if one is stored.
    async fn org_playbook(&self, slug: &str) -> Result<Option<OrgPlaybook>, StoreError>;

    /// Writes a new version, keeping the one it replaces among the
    /// revisions. No such playbook is `RecordNotFound` (what "playbook").
    async fn edit_playbook(
        &self,
        slug: &str,
        edit: &PlaybookEdit,
    ) -> Result<PlaybookEdited, StoreError>;

    /// Every version of the playbook, newest (the current one) first;
    /// empty when there is no such playbook.
    async fn playbook_revisions(&self, slug: &str) -> Result<Vec<PlaybookRevision>, StoreError>;

    /// Removes the playbook with its revisions; whether there was one.
    async fn delete_playbook(&self, slug: &str) -> Result<bool, StoreError>;
}
