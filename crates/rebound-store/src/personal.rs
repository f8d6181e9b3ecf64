//! What a person wrote or chose beyond their own records, read by the
//! person rather than by mistake: for "Download my data". Every comment,
//! reply and upvote they made as an account, wherever it is, and the
//! managers' private notes on plans about them (for an administrator's
//! archive on a formal request alone: the server decides who may ask).

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::recovery::PrivateNote;
use rebound_domain::{Comment, CommentId, MistakeId, UserId};

/// An upvote as its voter cast it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastVote {
    pub mistake: MistakeId,
    pub comment: CommentId,
    pub at: Timestamp,
}

#[async_trait]
pub trait PersonalStore: Send + Sync {
    /// Every comment and reply `author` wrote as an account, on any
    /// mistake (their own included), oldest first.
    async fn comments_by(&self, author: &UserId) -> Result<Vec<Comment>, StoreError>;

    /// Every upvote `voter` cast as an account, oldest first.
    async fn votes_by(&self, voter: &UserId) -> Result<Vec<CastVote>, StoreError>;

    /// Every private note on the plans about `report`, whoever wrote it,
    /// oldest first.
    async fn private_notes_about(&self, report: &UserId) -> Result<Vec<PrivateNote>, StoreError>;
}
