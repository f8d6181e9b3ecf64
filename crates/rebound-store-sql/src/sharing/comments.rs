//! Comments, replies and upvotes. A comment's score is kept in its row and
//! moved in the same transaction as the vote that changes it.

use super::{actor_columns, require_mistake};
use crate::accounts::require_user;
use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::sharing::REMOVED_AUTHOR;
use rebound_domain::{Actor, Author, Comment, CommentBody, CommentId, DisplayName, MistakeId};
use rebound_store::{ListedComment, NewComment, StoreError};

pub(crate) async fn add<D: Dialect>(pool: &Pool<D>, c: &NewComment) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_mistake(&mut tx, &c.mistake).await?;
    if let Some(parent) = &c.parent
        && !on_mistake(&mut tx, parent, &c.mistake).await?
    {
        return Err(StoreError::CommentNotFound(parent.clone()));
    }
    let (user, guest, guest_name) = match &c.author {
        Author::Account(u) => {
            require_user(&mut tx, u).await?;
            (Some(u.as_str()), None, None)
        }
        Author::Guest { id, name } => (None, Some(id.as_str()), Some(name.as_str())),
        Author::Removed { .. } => {
            return Err(StoreError::Backend(
                "a removed comment cannot be written".into(),
            ));
        }
    };
    let inserted = query::<D>(
        "INSERT INTO comments (id, mistake_id, parent_id, author_user_id, author_guest_id,
            author_guest_name, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING",
    )
    .arg(c.id.as_str())
    .arg(c.mistake.as_str())
    .arg(c.parent.as_ref().map(|p| p.as_str()))
    .arg(user)
    .arg(guest)
    .arg(guest_name)
    .arg(c.body.as_str())
    .arg(ms(c.created_at))
    .run(&mut *tx)
    .await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists {
            what: "comment",
            id: c.id.to_string(),
        });
    }
    commit_write(tx).await
}

/// Comments on `mistake` (just `only` when given), oldest first, as
/// `viewer` sees them.
pub(crate) async fn list<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    only: Option<&CommentId>,
    viewer: &Actor,
) -> Result<Vec<ListedComment>, StoreError> {
    let (kind, voter) = actor_columns(viewer);
    let rows = query::<D>(
        "SELECT c.id, c.mistake_id, c.parent_id, c.author_user_id, c.author_guest_id,
                c.author_guest_name, u.display_name AS author_user_name, c.body, c.score,
                c.created_at, c.edited_at, c.removed_at,
                EXISTS (SELECT 1 FROM comment_votes v
                        WHERE v.comment_id = c.id AND v.voter_kind = $3 AND v.voter_id = $4)
                    AS voted
         FROM comments c LEFT JOIN users u ON u.id = c.author_user_id
         WHERE c.mistake_id = $1 AND (CAST($2 AS TEXT) IS NULL OR c.id = $2)
         ORDER BY c.created_at, c.id",
    )
    .arg(mistake.as_str())
    .arg(only.map(|c| c.as_str().to_string()))
    .arg(kind)
    .arg(voter)
    .all_on(pool)
    .await?;
    rows.iter().map(|r| listed(&Cols(r))).collect()
}

pub(crate) fn listed(c: &Cols<'_>) -> Result<ListedComment, StoreError> {
    let removed = c.opt_at("removed_at")?;
    let (author, author_name) = match (c.opt_user_id("author_user_id")?, removed) {
        (Some(user), _) => (Author::Account(user), c.display_name("author_user_name")?),
        (None, Some(at)) => (
            Author::Removed { at },
            DisplayName::from_stored(REMOVED_AUTHOR.to_string()),
        ),
        (None, None) => {
            let name = c.display_name("author_guest_name")?;
            (
                Author::Guest {
                    id: c.guest_id("author_guest_id")?,
                    name: name.clone(),
                },
                name,
            )
        }
    };
    let score = c.int("score")?;
    Ok(ListedComment {
        comment: Comment {
            id: c.comment_id("id")?,
            mistake: c.mistake_id("mistake_id")?,
            parent: c.opt_comment_id("parent_id")?,
            author,
            author_name,
            body: c.opt_text("body")?.unwrap_or_default(),
            created_at: c.at("created_at")?,
            edited_at: c.opt_at("edited_at")?,
            score: u32::try_from(score).map_err(|_| corrupt("score", score))?,
        },
        voted: c.flag("voted")?,
    })
}

pub(crate) async fn edit<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    id: &CommentId,
    author: &Actor,
    body: &CommentBody,
    at: Timestamp,
) -> Result<(), StoreError> {
    let (user, guest) = match author {
        Actor::Account(u) => (Some(u.as_str()), None),
        Actor::Guest(g) => (None, Some(g.as_str())),
    };
    let mut tx = begin_write(pool).await?;
    // NULLs compare as equal here: the author must match exactly.
    let done = query::<D>(
        "UPDATE comments SET body = $5, edited_at = $6
         WHERE id = $1 AND mistake_id = $2 AND author_user_id IS NOT DISTINCT FROM $3
           AND author_guest_id IS NOT DISTINCT FROM $4",
    )
    .arg(id.as_str())
    .arg(mistake.as_str())
    .arg(user)
    .arg(guest)
    .arg(body.as_str())
    .arg(ms(at))
    .run(&mut *tx)
    .await?;
    if done == 0 {
        return Err(StoreError::CommentNotFound(id.clone()));
    }
    commit_write(tx).await
}

/// Upvotes (`at` given) or takes the vote back (`None`); returns the score.
pub(crate) async fn vote<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    comment: &CommentId,
    voter: &Actor,
    at: Option<Timestamp>,
) -> Result<u32, StoreError> {
    let mut tx = begin_write(pool).await?;
    if !on_mistake(&mut tx, comment, mistake).await? {
        return Err(StoreError::CommentNotFound(comment.clone()));
    }
    let (kind, id) = actor_columns(voter);
    let (changed, step) = match at {
        Some(at) => (
            query::<D>(
                "INSERT INTO comment_votes (comment_id, voter_kind, voter_id, voted_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .arg(comment.as_str())
            .arg(kind)
            .arg(id)
            .arg(ms(at))
            .run(&mut *tx).await?,
            1_i64,
        ),
        None => (
            query::<D>(
                "DELETE FROM comment_votes WHERE comment_id = $1 AND voter_kind = $2 AND voter_id = $3",
            )
            .arg(comment.as_str())
            .arg(kind)
            .arg(id)
            .run(&mut *tx).await?,
            -1,
        ),
    };
    if changed > 0 {
        query::<D>("UPDATE comments SET score = score + $2 WHERE id = $1")
            .arg(comment.as_str())
            .arg(step)
            .run(&mut *tx)
            .await?;
    } else {
        // A second upvote, or taking back none: nothing happened to log.
        nothing_done();
    }
    let row = query::<D>("SELECT score FROM comments WHERE id = $1")
        .arg(comment.as_str())
        .one(&mut *tx)
        .await?;
    let score = Cols(&row).int("score")?;
    commit_write(tx).await?;
    u32::try_from(score).map_err(|_| corrupt("score", score))
}

/// Whether `comment` is a comment on `mistake`.
async fn on_mistake<D: Dialect>(
    tx: &mut Tx<D>,
    comment: &CommentId,
    mistake: &MistakeId,
) -> Result<bool, StoreError> {
    Ok(
        query::<D>("SELECT 1 FROM comments WHERE id = $1 AND mistake_id = $2")
            .arg(comment.as_str())
            .arg(mistake.as_str())
            .maybe(tx)
            .await?
            .is_some(),
    )
}
