//! [`RecoveryStore`]: a plan is one JSON document with
//! its key columns beside it (the columns win on reading); private notes
//! have their own table and are read by plan and author together.

use crate::accounts::{exists, require_user};
use crate::prelude::*;
use crate::rows::{Cols, corrupt, doc, ms};
use crate::sharing::require_mistake;
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::id::{PrivateNoteId, RecoveryPlanId};
use rebound_domain::recovery::{PrivateNote, RecoveryPlan};
use rebound_domain::{MistakeId, UserId};
use rebound_store::{PlanSaved, RecoveryStore, StoreError};

pub(crate) fn plan_row(c: &Cols<'_>) -> Result<RecoveryPlan, StoreError> {
    let mut p: RecoveryPlan = c.doc("doc")?;
    let id = c.text("id")?;
    p.id = RecoveryPlanId::parse(&id).map_err(|_| corrupt("id", &id))?;
    p.report = c.user_id("report_id")?;
    p.opened_by = c.opt_user_id("opened_by")?;
    p.mistake = c.opt_mistake_id("mistake_id")?;
    p.opened_at = c.at("opened_at")?;
    p.version = c.int("version")?;
    Ok(p)
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> RecoveryStore for SqlStore<D, H> {
    async fn create_plan(&self, plan: &RecoveryPlan) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        require_user(&mut tx, &plan.report).await?;
        if let Some(opener) = &plan.opened_by {
            require_user(&mut tx, opener).await?;
        }
        if let Some(m) = &plan.mistake {
            require_mistake(&mut tx, m).await?;
        }
        if exists(
            &mut tx,
            "SELECT 1 FROM recovery_plans WHERE id = $1",
            plan.id.as_str(),
        )
        .await?
        {
            return Err(StoreError::AlreadyExists {
                what: "recovery plan",
                id: plan.id.to_string(),
            });
        }
        // One plan at a time per report, even with servers racing: the
        // report's row is locked (SQLite's write lock already is one), so a
        // second opening waits here and then sees the first.
        query_owned::<D>(format!("SELECT 1 FROM users WHERE id = $1{}", D::LOCK_ROW))
            .arg(plan.report.as_str())
            .maybe(&mut tx)
            .await?;
        let rows = query::<D>(
            "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
             FROM recovery_plans WHERE report_id = $1",
        )
        .arg(plan.report.as_str())
        .all(&mut tx)
        .await?;
        for r in &rows {
            let open = plan_row(&Cols(r))?;
            if open.ended.is_none() {
                return Err(StoreError::PlanAlreadyOpen(open.id));
            }
        }
        let mut stored = plan.clone();
        stored.version = 0;
        query::<D>(
            "INSERT INTO recovery_plans (id, report_id, opened_by, mistake_id, opened_at, version, doc)
             VALUES ($1, $2, $3, $4, $5, 0, $6)",
        )
        .arg(plan.id.as_str())
        .arg(plan.report.as_str())
        .arg(plan.opened_by.as_ref().map(|u| u.as_str()))
        .arg(plan.mistake.as_ref().map(MistakeId::as_str))
        .arg(ms(plan.opened_at))
        .arg(doc(&stored)?)
        .run(&mut *tx).await?;
        commit_write(tx).await
    }

    async fn plan(&self, id: &RecoveryPlanId) -> Result<Option<RecoveryPlan>, StoreError> {
        let mut conn = self.pool.acquire().await.map_err(backend)?;
        plan_on::<D>(&mut conn, id).await
    }

    async fn plans_about(&self, report: &UserId) -> Result<Vec<RecoveryPlan>, StoreError> {
        let rows = query::<D>(
            "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
             FROM recovery_plans WHERE report_id = $1 ORDER BY opened_at DESC, id",
        )
        .arg(report.as_str())
        .all_on(&self.pool)
        .await?;
        rows.iter().map(|r| plan_row(&Cols(r))).collect()
    }

    async fn save_plan(&self, plan: &RecoveryPlan) -> Result<PlanSaved, StoreError> {
        let mut stored = plan.clone();
        stored.version = plan.version + 1;
        let mut tx = begin_write(&self.pool).await?;
        // The key columns never change: only the document and the version.
        let done = query::<D>(
            "UPDATE recovery_plans SET doc = $1, version = version + 1
             WHERE id = $2 AND version = $3",
        )
        .arg(doc(&stored)?)
        .arg(plan.id.as_str())
        .arg(plan.version)
        .run(&mut *tx)
        .await?;
        if done == 0 {
            nothing_done();
            return Ok(PlanSaved::Stale);
        }
        // Read back before the commit, so a failure after it cannot turn a
        // stored change into an error (and a retry into a second change).
        let saved = plan_on::<D>(&mut tx, &plan.id).await?;
        commit_write(tx).await?;
        match saved {
            Some(p) => Ok(PlanSaved::Saved(Box::new(p))),
            None => Ok(PlanSaved::Stale),
        }
    }

    async fn add_private_note(&self, note: &PrivateNote) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        require_user(&mut tx, &note.author).await?;
        if exists(
            &mut tx,
            "SELECT 1 FROM recovery_private_notes WHERE id = $1",
            note.id.as_str(),
        )
        .await?
        {
            return Err(StoreError::AlreadyExists {
                what: "private note",
                id: note.id.to_string(),
            });
        }
        query::<D>(
            "INSERT INTO recovery_private_notes (id, plan_id, author_id, at, body)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(note.id.as_str())
        .arg(note.plan.as_str())
        .arg(note.author.as_str())
        .arg(ms(note.at))
        .arg(note.body.as_str())
        .run(&mut *tx)
        .await?;
        commit_write(tx).await
    }

    async fn private_notes(
        &self,
        plan: &RecoveryPlanId,
        author: &UserId,
    ) -> Result<Vec<PrivateNote>, StoreError> {
        let rows = query::<D>(
            "SELECT id, at, body FROM recovery_private_notes
             WHERE plan_id = $1 AND author_id = $2 ORDER BY at, id",
        )
        .arg(plan.as_str())
        .arg(author.as_str())
        .all_on(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id = Cols(r).text("id")?;
                let at = Cols(r).int("at")?;
                Ok(PrivateNote {
                    id: PrivateNoteId::parse(&id).map_err(|_| corrupt("id", &id))?,
                    plan: plan.clone(),
                    author: author.clone(),
                    at: Timestamp::from_millisecond(at).map_err(|_| corrupt("at", at))?,
                    body: Cols(r).text("body")?,
                })
            })
            .collect()
    }
}

/// Plan `id` as stored, on `conn` (a pooled connection or a transaction).
async fn plan_on<D: Dialect>(
    conn: &mut D::Connection,
    id: &RecoveryPlanId,
) -> Result<Option<RecoveryPlan>, StoreError> {
    let row = query::<D>(
        "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
         FROM recovery_plans WHERE id = $1",
    )
    .arg(id.as_str())
    .maybe(conn)
    .await?;
    row.map(|r| plan_row(&Cols(&r))).transpose()
}
