//! [`ErasureStore`]: deleting a mistake and erasing an account, each one
//! write transaction with its audit events. Most children go by the
//! schema's cascades (and `SET NULL` where a record is someone else's);
//! what a cascade cannot reach is deleted here by statement: jobs (their
//! payload names the mistake or person), messages addressed by email,
//! removed comments, plans' documents, the audit log's who.

use crate::prelude::*;
use crate::rows::{Cols, doc, ms};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::audit::AuditActor;
use rebound_domain::{MistakeId, UserId};
use rebound_store::{ErasureStore, REMOVED_ACCOUNT, StoreError};

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> ErasureStore for SqlStore<D, H> {
    async fn delete_mistake(
        &self,
        id: &MistakeId,
        owner: Option<&UserId>,
    ) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        let found =
            query::<D>("SELECT 1 FROM mistakes WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2")
                .arg(id.as_str())
                .arg(owner.map(|o| o.as_str()))
                .maybe(&mut *tx)
                .await?;
        if found.is_none() {
            nothing_done();
            return Err(StoreError::NotFound(id.clone()));
        }
        remove_mistake(&mut tx, id.as_str()).await?;
        commit_write(tx).await
    }

    async fn erase_account(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        // Two admins erasing each other at once must not both pass the check.
        lock(&mut tx, "users", LockMode::ShareRowExclusive).await?;
        let Some(row) = query::<D>("SELECT email, role, disabled_at FROM users WHERE id = $1")
            .arg(user.as_str())
            .maybe(&mut *tx)
            .await?
        else {
            nothing_done();
            return Err(StoreError::UserNotFound(user.clone()));
        };
        let (email, enabled_admin) = {
            let c = Cols(&row);
            let admin = c.text("role")? == "admin" && c.opt_int("disabled_at")?.is_none();
            (c.text("email")?, admin)
        };
        if enabled_admin {
            let others = query::<D>(
                "SELECT COUNT(*) AS n FROM users
                 WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1",
            )
            .arg(user.as_str())
            .one(&mut *tx)
            .await?;
            if Cols(&others).int("n")? == 0 {
                nothing_done();
                return Err(StoreError::LastAdmin);
            }
        }
        let u = user.as_str();
        let theirs = query::<D>("SELECT id FROM mistakes WHERE owner_id = $1")
            .arg(u)
            .all(&mut *tx)
            .await?;
        let ids = theirs
            .iter()
            .map(|r| Cols(r).text("id"))
            .collect::<Result<Vec<_>, _>>()?;
        for id in &ids {
            remove_mistake(&mut tx, id).await?;
        }
        // Their votes leave the scores they added.
        query::<D>(
            "UPDATE comments SET score = score - 1 WHERE score > 0 AND id IN
               (SELECT comment_id FROM comment_votes WHERE voter_kind = 'user' AND voter_id = $1)",
        )
        .arg(u)
        .run(&mut *tx)
        .await?;
        query::<D>("DELETE FROM comment_votes WHERE voter_kind = 'user' AND voter_id = $1")
            .arg(u)
            .run(&mut *tx)
            .await?;
        // What they wrote on others' mistakes stays in the thread, emptied.
        query::<D>(
            "UPDATE comments SET body = NULL, author_user_id = NULL, edited_at = NULL,
                                 removed_at = $2
             WHERE author_user_id = $1",
        )
        .arg(u)
        .arg(ms(at))
        .run(&mut *tx)
        .await?;
        for sql in [
            "DELETE FROM jobs WHERE payload LIKE '%\"owner\":\"' || $1 || '\"%'",
            "DELETE FROM outbox WHERE sender_id = $1 OR recipient_id = $1",
        ] {
            query::<D>(sql).arg(u).run(&mut *tx).await?;
        }
        for sql in [
            "DELETE FROM outbox WHERE address = $1",
            "DELETE FROM invitations WHERE email = $1 AND used_at IS NULL",
            "DELETE FROM login_failures WHERE key = 'account:' || $1",
        ] {
            query::<D>(sql).arg(email.as_str()).run(&mut *tx).await?;
        }
        release_plans_opened_by(&mut tx, u).await?;
        // The rest goes by cascade: sessions, tokens, memberships,
        // invitations they sent, preferences, webhooks, personal records,
        // stakeholder rows, acknowledgements, notifications, plans about
        // them and their private notes; their reports' manager becomes NULL.
        query::<D>("DELETE FROM users WHERE id = $1")
            .arg(u)
            .run(&mut *tx)
            .await?;
        for sql in [
            "UPDATE audit_log SET actor_id = $2 WHERE actor_kind = 'user' AND actor_id = $1",
            "UPDATE audit_log SET resource_id = $2 WHERE resource_kind = 'account' AND resource_id = $1",
        ] {
            query::<D>(sql)
                .arg(u)
                .arg(REMOVED_ACCOUNT)
                .run(&mut *tx)
                .await?;
        }
        // The erasure's own events (the person deleting themselves) name
        // nobody either.
        let mut carried = rebound_store::effects::take();
        for e in &mut carried.audit {
            if matches!(&e.actor, AuditActor::User(id) if id == u) {
                e.actor = AuditActor::User(REMOVED_ACCOUNT.to_string());
            }
            if e.resource_kind == "account" && e.resource_id == u {
                e.resource_id = REMOVED_ACCOUNT.to_string();
            }
        }
        crate::audit::append_in(&mut tx, &carried.audit).await?;
        crate::delivery::append_in(&mut tx, &carried.outbox, &carried.jobs).await?;
        commit_write(tx).await
    }
}

/// Deletes mistake `id` and what refers to it; the schema cascades to its
/// children and sets the owner's records' pointers to NULL.
pub(crate) async fn remove_mistake<D: Dialect>(tx: &mut Tx<D>, id: &str) -> Result<(), StoreError> {
    // A reminder job's payload names the mistake (`{"mistake":"…",…}`).
    query::<D>("DELETE FROM jobs WHERE payload LIKE '%\"mistake\":\"' || $1 || '\"%'")
        .arg(id)
        .run(&mut **tx)
        .await?;
    query::<D>("DELETE FROM mistakes WHERE id = $1")
        .arg(id)
        .run(&mut **tx)
        .await?;
    Ok(())
}

/// A plan `user` opened as someone's manager is the report's: it stays,
/// opened by nobody, in its column and its document alike.
async fn release_plans_opened_by<D: Dialect>(tx: &mut Tx<D>, user: &str) -> Result<(), StoreError> {
    let rows =
        query::<D>("SELECT id, doc FROM recovery_plans WHERE opened_by = $1 AND report_id <> $1")
            .arg(user)
            .all(&mut **tx)
            .await?;
    let mut plans = Vec::new();
    for row in &rows {
        let c = Cols(row);
        let mut plan: serde_json::Value = c.doc("doc")?;
        if let Some(fields) = plan.as_object_mut() {
            fields.insert("opened_by".into(), serde_json::Value::Null);
        }
        plans.push((c.text("id")?, doc(&plan)?));
    }
    for (id, plan) in plans {
        query::<D>("UPDATE recovery_plans SET opened_by = NULL, doc = $2 WHERE id = $1")
            .arg(id)
            .arg(plan)
            .run(&mut **tx)
            .await?;
    }
    Ok(())
}
