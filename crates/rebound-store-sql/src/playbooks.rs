//! [`PlaybookStore`]: an organisation's playbooks, the current text in
//! `playbooks` and every version in `playbook_revisions`, written together
//! in one transaction (with what the call carries). The author's name is
//! read by a join, so a revision names whoever wrote it while they exist.

use crate::accounts::require_user;
use crate::prelude::*;
use crate::rows::{Cols, ms};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_store::{
    NewPlaybook, OrgPlaybook, PlaybookAuthor, PlaybookEdit, PlaybookEdited, PlaybookRevision,
    PlaybookStore, StoreError,
};

const CURRENT: &str = "SELECT p.slug, p.title, p.summary, p.body, p.version, p.created_at,
        p.updated_at, p.updated_by AS author_id, u.display_name AS author_name
     FROM playbooks p LEFT JOIN users u ON u.id = p.updated_by";

fn author(c: &Cols) -> Result<Option<PlaybookAuthor>, StoreError> {
    Ok(
        match (c.opt_user_id("author_id")?, c.opt_text("author_name")?) {
            (Some(id), Some(name)) => Some(PlaybookAuthor { id, name }),
            _ => None,
        },
    )
}

fn current(c: &Cols) -> Result<OrgPlaybook, StoreError> {
    Ok(OrgPlaybook {
        slug: c.text("slug")?,
        title: c.text("title")?,
        summary: c.text("summary")?,
        body: c.text("body")?,
        version: c.int("version")?,
        created_at: c.at("created_at")?,
        updated_at: c.at("updated_at")?,
        updated_by: author(c)?,
    })
}

fn revision(c: &Cols) -> Result<PlaybookRevision, StoreError> {
    Ok(PlaybookRevision {
        version: c.int("version")?,
        title: c.text("title")?,
        summary: c.text("summary")?,
        body: c.text("body")?,
        at: c.at("at")?,
        author: author(c)?,
    })
}

async fn read_in<D: Dialect>(
    tx: &mut Tx<D>,
    slug: &str,
) -> Result<Option<OrgPlaybook>, StoreError> {
    let row = query_owned::<D>(format!("{CURRENT} WHERE p.slug = $1"))
        .arg(slug)
        .maybe(&mut **tx)
        .await?;
    row.map(|r| current(&Cols(&r))).transpose()
}

/// Appends version `version` of `slug` as it now reads.
async fn keep_revision<D: Dialect>(tx: &mut Tx<D>, slug: &str) -> Result<(), StoreError> {
    query::<D>(
        "INSERT INTO playbook_revisions (slug, version, title, summary, body, at, author_id)
         SELECT slug, version, title, summary, body, updated_at, updated_by
         FROM playbooks WHERE slug = $1",
    )
    .arg(slug)
    .run(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> PlaybookStore for SqlStore<D, H> {
    async fn create_playbook(&self, new: &NewPlaybook) -> Result<OrgPlaybook, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        require_user(&mut tx, &new.author).await?;
        // Racing creators of one slug: the primary key keeps one, and
        // `ON CONFLICT DO NOTHING` turns the other into "taken", not an error.
        let done = query::<D>(
            "INSERT INTO playbooks (slug, title, summary, body, version, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, 1, $5, $5, $6) ON CONFLICT (slug) DO NOTHING",
        )
        .arg(new.slug.as_str())
        .arg(new.title.as_str())
        .arg(new.summary.as_str())
        .arg(new.body.as_str())
        .arg(ms(new.at))
        .arg(new.author.as_str())
        .run(&mut *tx)
        .await?;
        if done == 0 {
            nothing_done();
            return Err(StoreError::AlreadyExists {
                what: "playbook",
                id: new.slug.clone(),
            });
        }
        keep_revision(&mut tx, &new.slug).await?;
        let stored = read_in(&mut tx, &new.slug)
            .await?
            .ok_or_else(|| StoreError::Backend("a playbook just stored is missing".into()))?;
        commit_write(tx).await?;
        Ok(stored)
    }

    async fn org_playbooks(&self) -> Result<Vec<OrgPlaybook>, StoreError> {
        let rows = query_owned::<D>(format!("{CURRENT} ORDER BY p.slug"))
            .all_on(&self.pool)
            .await?;
        rows.iter().map(|r| current(&Cols(r))).collect()
    }

    async fn org_playbook(&self, slug: &str) -> Result<Option<OrgPlaybook>, StoreError> {
        let row = query_owned::<D>(format!("{CURRENT} WHERE p.slug = $1"))
            .arg(slug)
            .maybe_on(&self.pool)
            .await?;
        row.map(|r| current(&Cols(&r))).transpose()
    }

    async fn edit_playbook(
        &self,
        slug: &str,
        edit: &PlaybookEdit,
    ) -> Result<PlaybookEdited, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        require_user(&mut tx, &edit.author).await?;
        // The UPDATE locks the row, so of two racing editors each writes
        // its own version number, one after the other.
        let version_check = if edit.expected.is_some() {
            " AND version = $7"
        } else {
            ""
        };
        let q = query_owned::<D>(format!(
            "UPDATE playbooks SET title = $2, summary = $3, body = $4, updated_at = $5,
                 updated_by = $6, version = version + 1
             WHERE slug = $1{version_check}"
        ))
        .arg(slug)
        .arg(edit.title.as_str())
        .arg(edit.summary.as_str())
        .arg(edit.body.as_str())
        .arg(ms(edit.at))
        .arg(edit.author.as_str());
        let q = match edit.expected {
            Some(v) => q.arg(v),
            None => q,
        };
        if q.run(&mut *tx).await? == 0 {
            nothing_done();
            return match read_in(&mut tx, slug).await? {
                Some(p) => Ok(PlaybookEdited::Stale(p.version)),
                None => Err(StoreError::RecordNotFound {
                    what: "playbook",
                    id: slug.to_owned(),
                }),
            };
        }
        keep_revision(&mut tx, slug).await?;
        let stored = read_in(&mut tx, slug)
            .await?
            .ok_or_else(|| StoreError::Backend("a playbook just saved is missing".into()))?;
        commit_write(tx).await?;
        Ok(PlaybookEdited::Saved(stored))
    }

    async fn playbook_revisions(&self, slug: &str) -> Result<Vec<PlaybookRevision>, StoreError> {
        let rows = query::<D>(
            "SELECT r.version, r.title, r.summary, r.body, r.at, r.author_id,
                    u.display_name AS author_name
             FROM playbook_revisions r LEFT JOIN users u ON u.id = r.author_id
             WHERE r.slug = $1 ORDER BY r.version DESC",
        )
        .arg(slug)
        .all_on(&self.pool)
        .await?;
        rows.iter().map(|r| revision(&Cols(r))).collect()
    }

    async fn delete_playbook(&self, slug: &str) -> Result<bool, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        // Its revisions go by cascade.
        let gone = query::<D>("DELETE FROM playbooks WHERE slug = $1")
            .arg(slug)
            .run(&mut *tx)
            .await?;
        if gone == 0 {
            nothing_done();
            return Ok(false);
        }
        commit_write(tx).await?;
        Ok(true)
    }
}
