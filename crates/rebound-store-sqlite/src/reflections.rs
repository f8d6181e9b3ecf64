//! The SQLite side of [`ReflectionStore`]: a person's reflections, their
//! labels for the diagnosis, principles, wins and self-care plan. Every
//! statement names the owner (`owner_id IS $n`, which also matches the
//! NULL owner of a personal database), so someone else's id finds nothing.
//! Reflections and principles are JSON documents with their key columns
//! beside them; on reading, the columns win (a pointer set NULL by a
//! deleted mistake or reflection).

use crate::SqliteStore;
use crate::rows::{backend, corrupt};
use async_trait::async_trait;
use rebound_domain::{
    DiagnosisFeedback, MistakeId, Principle, PrincipleId, Reflection, ReflectionId, SelfCarePlan,
    UserId, Win, WinId,
};
use rebound_store::reflections::like_pattern;
use rebound_store::{PrincipleFilter, ReflectionStore, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::SqliteConnection;

fn owner_str(owner: Option<&UserId>) -> Option<&str> {
    owner.map(UserId::as_str)
}

fn doc(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("domain records serialize")
}

fn decode<T: DeserializeOwned>(column: &'static str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|_| corrupt(column, text))
}

fn not_found(what: &'static str, id: &str) -> StoreError {
    StoreError::RecordNotFound {
        what,
        id: id.to_string(),
    }
}

fn opt_id<T>(
    column: &'static str,
    v: Option<String>,
    parse: impl Fn(&str) -> Result<T, rebound_domain::InvalidId>,
) -> Result<Option<T>, StoreError> {
    v.map(|s| parse(&s).map_err(|_| corrupt(column, &s)))
        .transpose()
}

async fn exists(
    conn: &mut SqliteConnection,
    sql: &'static str,
    id: &str,
) -> Result<bool, StoreError> {
    Ok(sqlx::query(sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .is_some())
}

/// The owner and the mistake must exist; the id must be new.
async fn check_new(
    conn: &mut SqliteConnection,
    table_sql: &'static str,
    what: &'static str,
    id: &str,
    owner: Option<&UserId>,
    mistake: Option<&MistakeId>,
) -> Result<(), StoreError> {
    if let Some(u) = owner
        && !exists(conn, "SELECT 1 FROM users WHERE id = $1", u.as_str()).await?
    {
        return Err(StoreError::UserNotFound(u.clone()));
    }
    if let Some(m) = mistake
        && !exists(conn, "SELECT 1 FROM mistakes WHERE id = $1", m.as_str()).await?
    {
        return Err(StoreError::NotFound(m.clone()));
    }
    if exists(conn, table_sql, id).await? {
        return Err(StoreError::AlreadyExists {
            what,
            id: id.to_string(),
        });
    }
    Ok(())
}

async fn put_feedback(
    conn: &mut SqliteConnection,
    owner: Option<&UserId>,
    f: &DiagnosisFeedback,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO diagnosis_feedback (reflection_id, owner_id, at, doc) VALUES ($1, $2, $3, $4)
         ON CONFLICT (reflection_id) DO UPDATE SET at = excluded.at, doc = excluded.doc",
    )
    .bind(f.reflection.as_str())
    .bind(owner_str(owner))
    .bind(f.at.as_millisecond())
    .bind(doc(f))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

fn reflection_row(row: &sqlx::sqlite::SqliteRow) -> Result<Reflection, StoreError> {
    let text: String = row.try_get("doc").map_err(backend)?;
    let mut r: Reflection = decode("doc", &text)?;
    r.mistake = opt_id(
        "mistake_id",
        row.try_get("mistake_id").map_err(backend)?,
        MistakeId::parse,
    )?;
    r.owner = opt_id(
        "owner_id",
        row.try_get("owner_id").map_err(backend)?,
        UserId::parse,
    )?;
    Ok(r)
}

fn principle_row(row: &sqlx::sqlite::SqliteRow) -> Result<Principle, StoreError> {
    let text: String = row.try_get("doc").map_err(backend)?;
    let mut p: Principle = decode("doc", &text)?;
    p.mistake = opt_id(
        "mistake_id",
        row.try_get("mistake_id").map_err(backend)?,
        MistakeId::parse,
    )?;
    p.reflection = opt_id(
        "reflection_id",
        row.try_get("reflection_id").map_err(backend)?,
        ReflectionId::parse,
    )?;
    p.owner = opt_id(
        "owner_id",
        row.try_get("owner_id").map_err(backend)?,
        UserId::parse,
    )?;
    Ok(p)
}

#[async_trait]
impl ReflectionStore for SqliteStore {
    async fn create_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        check_new(
            &mut tx,
            "SELECT 1 FROM reflections WHERE id = $1",
            "reflection",
            r.id.as_str(),
            r.owner.as_ref(),
            r.mistake.as_ref(),
        )
        .await?;
        sqlx::query(
            "INSERT INTO reflections (id, owner_id, mistake_id, updated_at, doc)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(r.id.as_str())
        .bind(owner_str(r.owner.as_ref()))
        .bind(r.mistake.as_ref().map(MistakeId::as_str))
        .bind(r.updated_at.as_millisecond())
        .bind(doc(r))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(f) = feedback {
            put_feedback(&mut tx, r.owner.as_ref(), f).await?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<Reflection, StoreError> {
        let sql =
            "SELECT owner_id, mistake_id, doc FROM reflections WHERE id = $1 AND owner_id IS $2";
        let row = sqlx::query(sql)
            .bind(id.as_str())
            .bind(owner_str(owner))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| not_found("reflection", id.as_str()))?;
        reflection_row(&row)
    }

    async fn reflections(&self, owner: Option<&UserId>) -> Result<Vec<Reflection>, StoreError> {
        let sql = "SELECT owner_id, mistake_id, doc FROM reflections WHERE owner_id IS $1
             ORDER BY updated_at DESC, id";
        let rows = sqlx::query(sql)
            .bind(owner_str(owner))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(reflection_row).collect()
    }

    async fn update_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        if let Some(m) = &r.mistake
            && !exists(&mut tx, "SELECT 1 FROM mistakes WHERE id = $1", m.as_str()).await?
        {
            return Err(StoreError::NotFound(m.clone()));
        }
        let done = sqlx::query(
            "UPDATE reflections SET mistake_id = $3, updated_at = $4, doc = $5
             WHERE id = $1 AND owner_id IS $2",
        )
        .bind(r.id.as_str())
        .bind(owner_str(r.owner.as_ref()))
        .bind(r.mistake.as_ref().map(MistakeId::as_str))
        .bind(r.updated_at.as_millisecond())
        .bind(doc(r))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(not_found("reflection", r.id.as_str()));
        }
        if let Some(f) = feedback {
            put_feedback(&mut tx, r.owner.as_ref(), f).await?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn delete_reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM reflections WHERE id = $1 AND owner_id IS $2")
            .bind(id.as_str())
            .bind(owner_str(owner))
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        if done.rows_affected() == 0 {
            Err(not_found("reflection", id.as_str()))
        } else {
            Ok(())
        }
    }

    async fn diagnosis_feedback(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Vec<DiagnosisFeedback>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc FROM diagnosis_feedback WHERE owner_id IS $1
             ORDER BY at, reflection_id",
        )
        .bind(owner_str(owner))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let text: String = row.try_get("doc").map_err(backend)?;
                decode("doc", &text)
            })
            .collect()
    }

    async fn create_principle(&self, p: &Principle) -> Result<(), StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
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
        sqlx::query(
            "INSERT INTO principles (id, owner_id, reflection_id, mistake_id, text, status, created_at, doc)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.id.as_str())
        .bind(owner_str(p.owner.as_ref()))
        .bind(p.reflection.as_ref().map(ReflectionId::as_str))
        .bind(p.mistake.as_ref().map(MistakeId::as_str))
        .bind(&p.text)
        .bind(p.status.as_str())
        .bind(p.created_at.as_millisecond())
        .bind(doc(p))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn principle(
        &self,
        owner: Option<&UserId>,
        id: &PrincipleId,
    ) -> Result<Principle, StoreError> {
        let sql = "SELECT owner_id, mistake_id, reflection_id, doc FROM principles WHERE id = $1 AND owner_id IS $2";
        let row = sqlx::query(sql)
            .bind(id.as_str())
            .bind(owner_str(owner))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| not_found("principle", id.as_str()))?;
        principle_row(&row)
    }

    async fn principles(
        &self,
        owner: Option<&UserId>,
        filter: &PrincipleFilter,
    ) -> Result<Vec<Principle>, StoreError> {
        let query = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(like_pattern);
        let sql =
            "SELECT owner_id, mistake_id, reflection_id, doc FROM principles WHERE owner_id IS $1
             AND ($2 IS NULL OR text LIKE $2 ESCAPE '\\')
             AND ($3 IS NULL OR status = $3)
             ORDER BY created_at, id";
        let rows = sqlx::query(sql)
            .bind(owner_str(owner))
            .bind(query)
            .bind(filter.status.map(|s| s.as_str()))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(principle_row).collect()
    }

    async fn save_principle(&self, p: &Principle) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE principles SET text = $3, status = $4, doc = $5
             WHERE id = $1 AND owner_id IS $2",
        )
        .bind(p.id.as_str())
        .bind(owner_str(p.owner.as_ref()))
        .bind(&p.text)
        .bind(p.status.as_str())
        .bind(doc(p))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            Err(not_found("principle", p.id.as_str()))
        } else {
            Ok(())
        }
    }

    async fn add_win(&self, w: &Win) -> Result<(), StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        check_new(
            &mut tx,
            "SELECT 1 FROM wins WHERE id = $1",
            "win",
            w.id.as_str(),
            w.owner.as_ref(),
            w.mistake.as_ref(),
        )
        .await?;
        sqlx::query(
            "INSERT INTO wins (id, owner_id, mistake_id, text, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(w.id.as_str())
        .bind(owner_str(w.owner.as_ref()))
        .bind(w.mistake.as_ref().map(MistakeId::as_str))
        .bind(&w.text)
        .bind(w.at.as_millisecond())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn wins(&self, owner: Option<&UserId>) -> Result<Vec<Win>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, owner_id, mistake_id, text, at FROM wins WHERE owner_id IS $1
             ORDER BY at DESC, id",
        )
        .bind(owner_str(owner))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id").map_err(backend)?;
                let at: i64 = row.try_get("at").map_err(backend)?;
                Ok(Win {
                    id: WinId::parse(&id).map_err(|_| corrupt("id", &id))?,
                    owner: opt_id(
                        "owner_id",
                        row.try_get("owner_id").map_err(backend)?,
                        UserId::parse,
                    )?,
                    mistake: opt_id(
                        "mistake_id",
                        row.try_get("mistake_id").map_err(backend)?,
                        MistakeId::parse,
                    )?,
                    text: row.try_get("text").map_err(backend)?,
                    at: jiff::Timestamp::from_millisecond(at).map_err(|_| corrupt("at", at))?,
                })
            })
            .collect()
    }

    async fn self_care_plan(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Option<SelfCarePlan>, StoreError> {
        let row = sqlx::query(
            "SELECT owner_id, mistake_id, items AS items, updated_at FROM self_care_plans
             WHERE owner_key = $1",
        )
        .bind(owner_str(owner).unwrap_or(""))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let items: String = row.try_get("items").map_err(backend)?;
        let at: i64 = row.try_get("updated_at").map_err(backend)?;
        Ok(Some(SelfCarePlan {
            owner: opt_id(
                "owner_id",
                row.try_get("owner_id").map_err(backend)?,
                UserId::parse,
            )?,
            mistake: opt_id(
                "mistake_id",
                row.try_get("mistake_id").map_err(backend)?,
                MistakeId::parse,
            )?,
            items: decode("items", &items)?,
            updated_at: jiff::Timestamp::from_millisecond(at)
                .map_err(|_| corrupt("updated_at", at))?,
        }))
    }

    async fn set_self_care_plan(&self, plan: &SelfCarePlan) -> Result<(), StoreError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
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
        sqlx::query(
            "INSERT INTO self_care_plans (owner_key, owner_id, mistake_id, items, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (owner_key) DO UPDATE SET mistake_id = excluded.mistake_id,
                 items = excluded.items, updated_at = excluded.updated_at",
        )
        .bind(owner_str(plan.owner.as_ref()).unwrap_or(""))
        .bind(owner_str(plan.owner.as_ref()))
        .bind(plan.mistake.as_ref().map(MistakeId::as_str))
        .bind(doc(&plan.items))
        .bind(plan.updated_at.as_millisecond())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
