//! [`ReflectionStore`]: a person's reflections, their
//! labels for the diagnosis, principles, wins and self-care plan. Every
//! statement names the owner (`owner_id IS NOT DISTINCT FROM $n`, which also matches the
//! NULL owner of a personal database), so someone else's id finds nothing.
//! Reflections and principles are JSON documents with their key columns
//! beside them; on reading, the columns win (a pointer set NULL by a
//! deleted mistake or reflection).

use crate::accounts::exists;
use crate::prelude::*;
use crate::rows::{Cols, corrupt, doc};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_domain::{
    DiagnosisFeedback, MistakeId, Principle, PrincipleId, Reflection, ReflectionId, SelfCarePlan,
    UserId, Win, WinId,
};
use rebound_store::reflections::like_pattern;
use rebound_store::{PrincipleFilter, ReflectionStore, StoreError};

pub(crate) mod rows;
use rows::*;

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> ReflectionStore for SqlStore<D, H> {
    async fn create_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        check_new(
            &mut tx,
            "SELECT 1 FROM reflections WHERE id = $1",
            "reflection",
            r.id.as_str(),
            r.owner.as_ref(),
            r.mistake.as_ref(),
        )
        .await?;
        query::<D>(
            "INSERT INTO reflections (id, owner_id, mistake_id, updated_at, doc)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(r.id.as_str())
        .arg(owner_str(r.owner.as_ref()))
        .arg(r.mistake.as_ref().map(MistakeId::as_str))
        .arg(r.updated_at.as_millisecond())
        .arg(doc(r)?)
        .run(&mut *tx)
        .await?;
        if let Some(f) = feedback {
            put_feedback(&mut tx, r.owner.as_ref(), f).await?;
        }
        commit_write(tx).await
    }

    async fn reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<Reflection, StoreError> {
        let sql = "SELECT owner_id, mistake_id, doc FROM reflections WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2";
        reflection_row(&owned(&self.pool, sql, "reflection", id.as_str(), owner).await?)
    }

    async fn reflections(&self, owner: Option<&UserId>) -> Result<Vec<Reflection>, StoreError> {
        let sql = "SELECT owner_id, mistake_id, doc FROM reflections WHERE owner_id IS NOT DISTINCT FROM $1
             ORDER BY updated_at DESC, id";
        let rows = query::<D>(sql)
            .arg(owner_str(owner))
            .all_on(&self.pool)
            .await?;
        rows.iter().map(|r| reflection_row(r)).collect()
    }

    async fn update_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        if let Some(m) = &r.mistake
            && !exists(&mut tx, "SELECT 1 FROM mistakes WHERE id = $1", m.as_str()).await?
        {
            return Err(StoreError::NotFound(m.clone()));
        }
        let done = query::<D>(
            "UPDATE reflections SET mistake_id = $3, updated_at = $4, doc = $5
             WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(r.id.as_str())
        .arg(owner_str(r.owner.as_ref()))
        .arg(r.mistake.as_ref().map(MistakeId::as_str))
        .arg(r.updated_at.as_millisecond())
        .arg(doc(r)?)
        .run(&mut *tx)
        .await?;
        if done == 0 {
            return Err(not_found("reflection", r.id.as_str()));
        }
        if let Some(f) = feedback {
            put_feedback(&mut tx, r.owner.as_ref(), f).await?;
        }
        commit_write(tx).await
    }

    async fn delete_reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        let done = query::<D>(
            "DELETE FROM reflections WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(id.as_str())
        .arg(owner_str(owner))
        .run(&mut *tx)
        .await?;
        if done == 0 {
            return Err(not_found("reflection", id.as_str()));
        }
        commit_write(tx).await
    }

    async fn diagnosis_feedback(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Vec<DiagnosisFeedback>, StoreError> {
        let rows = query::<D>(
            "SELECT doc FROM diagnosis_feedback WHERE owner_id IS NOT DISTINCT FROM $1
             ORDER BY at, reflection_id",
        )
        .arg(owner_str(owner))
        .all_on(&self.pool)
        .await?;
        rows.iter().map(|row| Cols(row).doc("doc")).collect()
    }

    async fn create_principle(&self, p: &Principle) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        check_new(
            &mut tx,
            "SELECT 1 FROM principles WHERE id = $1",
            "principle",
            p.id.as_str(),
            p.owner.as_ref(),
            p.mistake.as_ref(),
        )
        .await?;
        if let Some(r) = &p.reflection
            && !exists(
                &mut tx,
                "SELECT 1 FROM reflections WHERE id = $1",
                r.as_str(),
            )
            .await?
        {
            return Err(not_found("reflection", r.as_str()));
        }
        query::<D>(
            "INSERT INTO principles (id, owner_id, reflection_id, mistake_id, text, status, created_at, doc)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .arg(p.id.as_str())
        .arg(owner_str(p.owner.as_ref()))
        .arg(p.reflection.as_ref().map(ReflectionId::as_str))
        .arg(p.mistake.as_ref().map(MistakeId::as_str))
        .arg(p.text.as_str())
        .arg(p.status.as_str())
        .arg(p.created_at.as_millisecond())
        .arg(doc(p)?)
        .run(&mut *tx).await?;
        commit_write(tx).await
    }

    async fn principle(
        &self,
        owner: Option<&UserId>,
        id: &PrincipleId,
    ) -> Result<Principle, StoreError> {
        let sql = "SELECT owner_id, mistake_id, reflection_id, doc FROM principles WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2";
        principle_row(&owned(&self.pool, sql, "principle", id.as_str(), owner).await?)
    }

    async fn principles(
        &self,
        owner: Option<&UserId>,
        filter: &PrincipleFilter,
    ) -> Result<Vec<Principle>, StoreError> {
        let pattern = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(like_pattern);
        // ASCII letters match either case, on both databases.
        let sql =
            "SELECT owner_id, mistake_id, reflection_id, doc FROM principles WHERE owner_id IS NOT DISTINCT FROM $1
             AND (CAST($2 AS TEXT) IS NULL OR lower(text) LIKE lower($2) ESCAPE '\\')
             AND (CAST($3 AS TEXT) IS NULL OR status = $3)
             ORDER BY created_at, id";
        let rows = query::<D>(sql)
            .arg(owner_str(owner))
            .arg(pattern)
            .arg(filter.status.map(|s| s.as_str()))
            .all_on(&self.pool)
            .await?;
        rows.iter().map(|r| principle_row(r)).collect()
    }

    async fn save_principle(&self, p: &Principle) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        let done = query::<D>(
            "UPDATE principles SET text = $3, status = $4, doc = $5
             WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2",
        )
        .arg(p.id.as_str())
        .arg(owner_str(p.owner.as_ref()))
        .arg(p.text.as_str())
        .arg(p.status.as_str())
        .arg(doc(p)?)
        .run(&mut *tx)
        .await?;
        if done == 0 {
            return Err(not_found("principle", p.id.as_str()));
        }
        commit_write(tx).await
    }

    async fn add_win(&self, w: &Win) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        check_new(
            &mut tx,
            "SELECT 1 FROM wins WHERE id = $1",
            "win",
            w.id.as_str(),
            w.owner.as_ref(),
            w.mistake.as_ref(),
        )
        .await?;
        query::<D>(
            "INSERT INTO wins (id, owner_id, mistake_id, text, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(w.id.as_str())
        .arg(owner_str(w.owner.as_ref()))
        .arg(w.mistake.as_ref().map(MistakeId::as_str))
        .arg(w.text.as_str())
        .arg(w.at.as_millisecond())
        .run(&mut *tx)
        .await?;
        commit_write(tx).await
    }

    async fn wins(&self, owner: Option<&UserId>) -> Result<Vec<Win>, StoreError> {
        let rows = query::<D>(
            "SELECT id, owner_id, mistake_id, text, at FROM wins WHERE owner_id IS NOT DISTINCT FROM $1
             ORDER BY at DESC, id",
        )
        .arg(owner_str(owner))
        .all_on(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let id = Cols(row).text("id")?;
                let at = Cols(row).int("at")?;
                Ok(Win {
                    id: WinId::parse(&id).map_err(|_| corrupt("id", &id))?,
                    owner: opt_id("owner_id", Cols(row).opt_text("owner_id")?, UserId::parse)?,
                    mistake: opt_id(
                        "mistake_id",
                        Cols(row).opt_text("mistake_id")?,
                        MistakeId::parse,
                    )?,
                    text: Cols(row).text("text")?,
                    at: jiff::Timestamp::from_millisecond(at).map_err(|_| corrupt("at", at))?,
                })
            })
            .collect()
    }

    async fn self_care_plan(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Option<SelfCarePlan>, StoreError> {
        let row = query::<D>(
            "SELECT owner_id, mistake_id, items AS items, updated_at FROM self_care_plans
             WHERE owner_key = $1",
        )
        .arg(owner_str(owner).unwrap_or(""))
        .maybe_on(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let row = Cols(&row);
        let at = row.int("updated_at")?;
        Ok(Some(SelfCarePlan {
            owner: opt_id("owner_id", row.opt_text("owner_id")?, UserId::parse)?,
            mistake: opt_id("mistake_id", row.opt_text("mistake_id")?, MistakeId::parse)?,
            items: row.doc("items")?,
            updated_at: jiff::Timestamp::from_millisecond(at)
                .map_err(|_| corrupt("updated_at", at))?,
        }))
    }

    async fn set_self_care_plan(&self, plan: &SelfCarePlan) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        if let Some(u) = &plan.owner
            && !exists(&mut tx, "SELECT 1 FROM users WHERE id = $1", u.as_str()).await?
        {
            return Err(StoreError::UserNotFound(u.clone()));
        }
        if let Some(m) = &plan.mistake
            && !exists(&mut tx, "SELECT 1 FROM mistakes WHERE id = $1", m.as_str()).await?
        {
            return Err(StoreError::NotFound(m.clone()));
        }
        query::<D>(
            "INSERT INTO self_care_plans (owner_key, owner_id, mistake_id, items, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (owner_key) DO UPDATE SET mistake_id = excluded.mistake_id,
                 items = excluded.items, updated_at = excluded.updated_at",
        )
        .arg(owner_str(plan.owner.as_ref()).unwrap_or(""))
        .arg(owner_str(plan.owner.as_ref()))
        .arg(plan.mistake.as_ref().map(MistakeId::as_str))
        .arg(doc(&plan.items)?)
        .arg(plan.updated_at.as_millisecond())
        .run(&mut *tx)
        .await?;
        commit_write(tx).await
    }
}
