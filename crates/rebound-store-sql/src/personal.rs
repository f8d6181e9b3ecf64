//! [`PersonalStore`]: what one person wrote or chose, read by the person
//! through the author indexes (`comments_by_author`, and the votes' and
//! plans' own keys), for "Download my data".

use crate::prelude::*;
use crate::rows::{Cols, corrupt};
use crate::sharing::comments::listed;
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_domain::id::{PrivateNoteId, RecoveryPlanId};
use rebound_domain::recovery::PrivateNote;
use rebound_domain::{Comment, UserId};
use rebound_store::{CastVote, PersonalStore, StoreError};

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> PersonalStore for SqlStore<D, H> {
    async fn comments_by(&self, author: &UserId) -> Result<Vec<Comment>, StoreError> {
        let rows = query::<D>(
            "SELECT c.id, c.mistake_id, c.parent_id, c.author_user_id, c.author_guest_id,
                    c.author_guest_name, u.display_name AS author_user_name, c.body, c.score,
                    c.created_at, c.edited_at, c.removed_at,
                    EXISTS (SELECT 1 FROM comment_votes v WHERE v.comment_id = c.id
                            AND v.voter_kind = 'user' AND v.voter_id = $1) AS voted
             FROM comments c JOIN users u ON u.id = c.author_user_id
             WHERE c.author_user_id = $1
             ORDER BY c.created_at, c.id",
        )
        .arg(author.as_str())
        .all_on(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(listed(&Cols(r))?.comment)).collect()
    }

    async fn votes_by(&self, voter: &UserId) -> Result<Vec<CastVote>, StoreError> {
        let rows = query::<D>(
            "SELECT c.mistake_id, v.comment_id, v.voted_at
             FROM comment_votes v JOIN comments c ON c.id = v.comment_id
             WHERE v.voter_kind = 'user' AND v.voter_id = $1
             ORDER BY v.voted_at, v.comment_id",
        )
        .arg(voter.as_str())
        .all_on(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let c = Cols(r);
                Ok(CastVote {
                    mistake: c.mistake_id("mistake_id")?,
                    comment: c.comment_id("comment_id")?,
                    at: c.at("voted_at")?,
                })
            })
            .collect()
    }

    async fn private_notes_about(&self, report: &UserId) -> Result<Vec<PrivateNote>, StoreError> {
        let rows = query::<D>(
            "SELECT n.id, n.plan_id, n.author_id, n.at, n.body
             FROM recovery_private_notes n JOIN recovery_plans p ON p.id = n.plan_id
             WHERE p.report_id = $1
             ORDER BY n.at, n.id",
        )
        .arg(report.as_str())
        .all_on(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let c = Cols(r);
                let id = c.text("id")?;
                let plan = c.text("plan_id")?;
                Ok(PrivateNote {
                    id: PrivateNoteId::parse(&id).map_err(|_| corrupt("id", &id))?,
                    plan: RecoveryPlanId::parse(&plan).map_err(|_| corrupt("plan_id", &plan))?,
                    author: c.user_id("author_id")?,
                    at: c.at("at")?,
                    body: c.text("body")?,
                })
            })
            .collect()
    }
}
