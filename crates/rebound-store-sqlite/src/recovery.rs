//! The SQLite side of [`RecoveryStore`]: a plan is one JSON document with
//! its key columns beside it (the columns win on reading); private notes
//! have their own table and are read by plan and author together.

use crate::SqliteStore;
use crate::accounts::{exists, require_user, write_tx};
use crate::rows::{backend, corrupt, ms};
use crate::sharing::require_mistake;
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::id::{PrivateNoteId, RecoveryPlanId};
use rebound_domain::recovery::{PrivateNote, RecoveryPlan};
use rebound_domain::{MistakeId, UserId};
use rebound_store::{PlanSaved, RecoveryStore, StoreError};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

fn plan_row(row: &SqliteRow) -> Result<RecoveryPlan, StoreError> {
    let text: String = row.try_get("doc").map_err(backend)?;
    let mut p: RecoveryPlan = serde_json::from_str(&text).map_err(|_| corrupt("doc", &text))?;
    let id: String = row.try_get("id").map_err(backend)?;
    p.id = RecoveryPlanId::parse(&id).map_err(|_| corrupt("id", &id))?;
    let report: String = row.try_get("report_id").map_err(backend)?;
    p.report = UserId::parse(&report).map_err(|_| corrupt("report_id", &report))?;
    let by: String = row.try_get("opened_by").map_err(backend)?;
    p.opened_by = UserId::parse(&by).map_err(|_| corrupt("opened_by", &by))?;
    let mistake: Option<String> = row.try_get("mistake_id").map_err(backend)?;
    p.mistake = mistake
        .map(|m| MistakeId::parse(&m).map_err(|_| corrupt("mistake_id", &m)))
        .transpose()?;
    let opened: i64 = row.try_get("opened_at").map_err(backend)?;
    p.opened_at = Timestamp::from_millisecond(opened).map_err(|_| corrupt("opened_at", opened))?;
    p.version = row.try_get("version").map_err(backend)?;
    Ok(p)
}

fn doc(p: &RecoveryPlan) -> String {
    serde_json::to_string(p).expect("a plan serializes")
}

#[async_trait]
impl RecoveryStore for SqliteStore {
    async fn create_plan(&self, plan: &RecoveryPlan) -> Result<(), StoreError> {
        let mut tx = write_tx(&self.pool).await?;
        require_user(&mut tx, &plan.report).await?;
        require_user(&mut tx, &plan.opened_by).await?;
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
        let mut stored = plan.clone();
        stored.version = 0;
        sqlx::query(
            "INSERT INTO recovery_plans (id, report_id, opened_by, mistake_id, opened_at, version, doc)
             VALUES ($1, $2, $3, $4, $5, 0, $6)",
        )
        .bind(plan.id.as_str())
        .bind(plan.report.as_str())
        .bind(plan.opened_by.as_str())
        .bind(plan.mistake.as_ref().map(MistakeId::as_str))
        .bind(ms(plan.opened_at))
        .bind(doc(&stored))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn plan(&self, id: &RecoveryPlanId) -> Result<Option<RecoveryPlan>, StoreError> {
        let row = sqlx::query(
            "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
             FROM recovery_plans WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        row.as_ref().map(plan_row).transpose()
    }

    async fn plans_about(&self, report: &UserId) -> Result<Vec<RecoveryPlan>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
             FROM recovery_plans WHERE report_id = $1 ORDER BY opened_at DESC, id",
        )
        .bind(report.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(plan_row).collect()
    }

    async fn save_plan(&self, plan: &RecoveryPlan) -> Result<PlanSaved, StoreError> {
        let mut stored = plan.clone();
        stored.version = plan.version + 1;
        // The key columns never change: only the document and the version.
        let done = sqlx::query(
            "UPDATE recovery_plans SET doc = $1, version = version + 1
             WHERE id = $2 AND version = $3",
        )
        .bind(doc(&stored))
        .bind(plan.id.as_str())
        .bind(plan.version)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Ok(PlanSaved::Stale);
        }
        match self.plan(&plan.id).await? {
            Some(p) => Ok(PlanSaved::Saved(Box::new(p))),
            None => Ok(PlanSaved::Stale),
        }
    }

    async fn add_private_note(&self, note: &PrivateNote) -> Result<(), StoreError> {
        let mut tx = write_tx(&self.pool).await?;
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
        sqlx::query(
            "INSERT INTO recovery_private_notes (id, plan_id, author_id, at, body)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(note.id.as_str())
        .bind(note.plan.as_str())
        .bind(note.author.as_str())
        .bind(ms(note.at))
        .bind(&note.body)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn private_notes(
        &self,
        plan: &RecoveryPlanId,
        author: &UserId,
    ) -> Result<Vec<PrivateNote>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, body FROM recovery_private_notes
             WHERE plan_id = $1 AND author_id = $2 ORDER BY at, id",
        )
        .bind(plan.as_str())
        .bind(author.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id").map_err(backend)?;
                let at: i64 = r.try_get("at").map_err(backend)?;
                Ok(PrivateNote {
                    id: PrivateNoteId::parse(&id).map_err(|_| corrupt("id", &id))?,
                    plan: plan.clone(),
                    author: author.clone(),
                    at: Timestamp::from_millisecond(at).map_err(|_| corrupt("at", at))?,
                    body: r.try_get("body").map_err(backend)?,
                })
            })
            .collect()
    }
}
