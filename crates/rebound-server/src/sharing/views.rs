//! What the sharing endpoints answer with, shaped for people: comments
//! with their scores, and the shared view a guest (or any reader) sees.

use super::comment_id;
use crate::error::ApiResult;
use crate::guard::Granted;
use jiff::Timestamp;
use rebound_domain::{Actor, Author, CommentId, FollowUpNote, MistakeId, ProgressUpdate, UserId};
use rebound_store::ListedComment;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    Account,
    Guest,
    /// The author deleted their account: no name, no text.
    Removed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorView {
    pub kind: AuthorKind,
    pub name: String,
    /// The author's account; never shown to guests.
    #[schema(value_type = Option<String>)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentView {
    #[schema(value_type = String)]
    pub id: CommentId,
    /// The comment this replies to.
    #[schema(value_type = Option<String>)]
    pub parent: Option<CommentId>,
    pub author: AuthorView,
    /// Plain text, exactly as written: escape it when rendering.
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    /// Upvotes, one per person.
    pub score: u32,
    /// Whether you upvoted it.
    pub voted: bool,
    /// Whether you wrote it.
    pub mine: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    pub comments: Vec<CommentView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VoteView {
    #[schema(value_type = String)]
    pub comment: CommentId,
    pub score: u32,
    pub voted: bool,
}

/// Upvotes (`at` given) or takes back (`None`) the viewer's vote on one of
/// the granted mistake's comments, answering the score after.
pub async fn set_vote(g: &Granted, comment: &str, at: Option<Timestamp>) -> ApiResult<VoteView> {
    let comment = comment_id(comment)?;
    let score = match at {
        Some(at) => g.vote(&comment, at).await?,
        None => g.unvote(&comment).await?,
    };
    Ok(VoteView {
        comment,
        score,
        voted: at.is_some(),
    })
}

pub fn comment_view(c: ListedComment, viewer: &Actor, for_guest: bool) -> CommentView {
    let ListedComment { comment, voted } = c;
    let mine = comment.author.actor().as_ref() == Some(viewer);
    let (kind, user) = match comment.author {
        Author::Account(u) => (AuthorKind::Account, (!for_guest).then_some(u)),
        Author::Guest { .. } => (AuthorKind::Guest, None),
        Author::Removed { .. } => (AuthorKind::Removed, None),
    };
    CommentView {
        id: comment.id,
        parent: comment.parent,
        author: AuthorView {
            kind,
            name: comment.author_name.to_string(),
            user,
        },
        body: comment.body,
        created_at: comment.created_at,
        edited_at: comment.edited_at,
        score: comment.score,
        voted,
        mine,
    }
}

pub async fn comment_list(g: &Granted) -> ApiResult<Vec<CommentView>> {
    let viewer = g.actor();
    Ok(g.comments()
        .await?
        .into_iter()
        .map(|c| comment_view(c, &viewer, g.is_guest()))
        .collect())
}

/// What is shared: the follow-up note, the progress updates and the
/// conversation. Never the timeline, heads-up, commits or who else was told.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedView {
    #[schema(value_type = String)]
    pub id: MistakeId,
    pub title: String,
    pub note: FollowUpNote,
    /// The newest updates, oldest first.
    pub updates: Vec<ProgressUpdate>,
    /// How many older updates are stored than these:
    /// `GET /api/v1/guest/mistake/updates?before=` the first one's id pages
    /// through them.
    pub older_updates: u64,
    pub comments: Vec<CommentView>,
    /// The owner's time zone (IANA name), in which a reader with no zone
    /// of their own sees times, named.
    pub time_zone: Option<String>,
}

pub async fn shared_view(g: &Granted) -> ApiResult<SharedView> {
    let note = g.note()?.clone();
    let updates = g.updates()?.to_vec();
    let comments = comment_list(g).await?;
    let time_zone = g.owner_time_zone().await?;
    let m = g.mistake();
    Ok(SharedView {
        id: m.id.clone(),
        title: m.title.clone(),
        note,
        updates,
        older_updates: m.older_updates,
        comments,
        time_zone,
    })
}
