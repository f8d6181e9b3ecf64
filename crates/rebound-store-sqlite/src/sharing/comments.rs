//! Comments, replies and upvotes. A comment's score is kept in its row and
//! moved in the same transaction as the vote that changes it.

use super::{actor_columns, require_mistake};
use crate::accounts::{require_user, write_tx};
use crate::rows::{Cols, backend, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::{Actor, Author, Comment, CommentBody, CommentId, MistakeId};
use rebound_store::{ListedComment, NewComment, StoreError};
use sqlx::SqlitePool;

pub(crate) async fn add(pool: &SqlitePool, c: &NewComment) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_mistake(&mut tx, &c.mistake).await?;
    if let Some(parent) = &c.parent {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM comments WHERE id = $1 AND mistake_id = $2")
                .bind(parent.as_str())
                .bind(c.mistake.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if found.is_none() {
            return Err(StoreError::CommentNotFound(parent.clone()));
        }
    }
    let (user, guest, guest_name) = match &c.author {
        Author::Account(u) => {
            require_user(&mut tx, u).await?;
            (Some(u.as_str()), None, None)
        }
        Author::Guest { id, name } => (None, Some(id.as_str()), Some(name.as_str())),
    };
    let inserted = sqlx::query(
        "INSERT INTO comments (id, mistake_id, parent_id, author_user_id, author_guest_id,
            author_guest_name, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING",
    )
    .bind(c.id.as_str())
    .bind(c.mistake.as_str())
    .bind(c.parent.as_ref().map(|p| p.as_str()))
    .bind(user)
    .bind(guest)
    .bind(guest_name)
    .bind(c.body.as_str())
    .bind(ms(c.created_at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        return Err(StoreError::AlreadyExists {
            what: "comment",
            id: c.id.to_string(),
        });
    }
    tx.commit().await.map_err(backend)
}

/// Comments on `mistake` (just `only` when given), oldest first, as
/// `viewer` sees them.
pub(crate) async fn list(
    pool: &SqlitePool,
    mistake: &MistakeId,
    only: Option<&CommentId>,
    viewer: &Actor,
) -> Result<Vec<ListedComment>, StoreError> {
    let (kind, voter) = actor_columns(viewer);
    let rows = sqlx::query(
        "SELECT c.id, c.mistake_id, c.parent_id, c.author_user_id, c.author_guest_id,
                c.author_guest_name, u.display_name AS author_user_name, c.body, c.score,
                c.created_at, c.edited_at,
                EXISTS (SELECT 1 FROM comment_votes v
                        WHERE v.comment_id = c.id AND v.voter_kind = $3 AND v.voter_id = $4)
                    AS voted
         FROM comments c LEFT JOIN users u ON u.id = c.author_user_id
         WHERE c.mistake_id = $1 AND ($2 IS NULL OR c.id = $2)
         ORDER BY c.created_at, c.id",
    )
    .bind(mistake.as_str())
    .bind(only.map(|c| c.as_str().to_string()))
    .bind(kind)
    .bind(voter)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| listed(&Cols(r))).collect()
}

fn listed(c: &Cols<'_>) -> Result<ListedComment, StoreError> {
    let (author, author_name) = match c.opt_user_id("author_user_id")? {
        Some(user) => (Author::Account(user), c.display_name("author_user_name")?),
        None => {
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
            body: c.text("body")?,
            created_at: c.at("created_at")?,
            edited_at: c.opt_at("edited_at")?,
            score: u32::try_from(score).map_err(|_| corrupt("score", score))?,
        },
        voted: c.flag("voted")?,
    })
}

pub(crate) async fn edit(
    pool: &SqlitePool,
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
    // `IS` compares NULLs as equal: the author must match exactly.
    let done = sqlx::query(
        "UPDATE comments SET body = $5, edited_at = $6
         WHERE id = $1 AND mistake_id = $2 AND author_user_id IS $3 AND author_guest_id IS $4",
    )
    .bind(id.as_str())
    .bind(mistake.as_str())
    .bind(user)
    .bind(guest)
    .bind(body.as_str())
    .bind(ms(at))
    .execute(pool)
    .await
    .map_err(backend)?;
    if done.rows_affected() == 0 {
        Err(StoreError::CommentNotFound(id.clone()))
    } else {
        Ok(())
    }
}

/// Upvotes (`at` given) or takes the vote back (`None`); returns the score.
pub(crate) async fn vote(
    pool: &SqlitePool,
    mistake: &MistakeId,
    comment: &CommentId,
    voter: &Actor,
    at: Option<Timestamp>,
) -> Result<u32, StoreError> {
    let mut tx = write_tx(pool).await?;
    let on_mistake =
        sqlx::query_scalar::<_, i64>("SELECT 1 FROM comments WHERE id = $1 AND mistake_id = $2")
            .bind(comment.as_str())
            .bind(mistake.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?
            .is_some();
    if !on_mistake {
        return Err(StoreError::CommentNotFound(comment.clone()));
    }
    let (kind, id) = actor_columns(voter);
    let (changed, step) = match at {
        Some(at) => (
            sqlx::query(
                "INSERT INTO comment_votes (comment_id, voter_kind, voter_id, voted_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(comment.as_str())
            .bind(kind)
            .bind(id)
            .bind(ms(at))
            .execute(&mut *tx)
            .await
            .map_err(backend)?,
            1_i64,
        ),
        None => (
            sqlx::query(
                "DELETE FROM comment_votes WHERE comment_id = $1 AND voter_kind = $2 AND voter_id = $3",
            )
            .bind(comment.as_str())
            .bind(kind)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?,
            -1,
        ),
    };
    if changed.rows_affected() > 0 {
        sqlx::query("UPDATE comments SET score = score + $2 WHERE id = $1")
            .bind(comment.as_str())
            .bind(step)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    }
    let score: i64 = sqlx::query_scalar("SELECT score FROM comments WHERE id = $1")
        .bind(comment.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await.map_err(backend)?;
    u32::try_from(score).map_err(|_| corrupt("score", score))
}
