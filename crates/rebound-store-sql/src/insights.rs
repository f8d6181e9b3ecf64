//! [`InsightStore`]: the groups whose insights have been shown, one row
//! each (members as a sorted JSON array of ids). Deciding and recording
//! run under a lock on the table that conflicts with itself, so every
//! server on the database decides one group at a time, each seeing the
//! groups the others recorded (SQLite's write lock already is one).

use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::account::Timestamp;
use rebound_store::StoreError;
use rebound_store::insights::{Group, InsightStore, MayShow};

const ALL: &str = "SELECT seq, members FROM insight_groups ORDER BY seq";

fn groups<D: Dialect>(rows: &[D::Row]) -> Result<(Vec<Group>, i64), StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    let mut last = 0;
    for r in rows {
        let c = Cols(r);
        last = last.max(c.int("seq")?);
        let text = c.text("members")?;
        let ids: Vec<String> =
            serde_json::from_str(&text).map_err(|_| corrupt("members", &text))?;
        let group = ids
            .iter()
            .map(|s| UserId::parse(s).map_err(|_| corrupt("members", s)))
            .collect::<Result<Group, _>>()?;
        out.push(group);
    }
    Ok((out, last))
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> InsightStore for SqlStore<D, H> {
    async fn shown_groups(&self) -> Result<Vec<Group>, StoreError> {
        let rows = query::<D>(ALL).all_on(&self.pool).await?;
        Ok(groups::<D>(&rows)?.0)
    }

    async fn show_group_if(
        &self,
        group: &Group,
        at: Timestamp,
        may_show: MayShow<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = begin_write(&self.pool).await?;
        lock(&mut tx, "insight_groups", LockMode::ShareRowExclusive).await?;
        let rows = query::<D>(ALL).all(&mut tx).await?;
        let (shown, last) = groups::<D>(&rows)?;
        if !may_show(&shown) {
            nothing_done();
            tx.rollback().await.map_err(backend)?;
            return Ok(false);
        }
        if shown.contains(group) {
            nothing_done();
            tx.rollback().await.map_err(backend)?;
            return Ok(true);
        }
        let ids: Vec<&str> = group.iter().map(UserId::as_str).collect();
        let members = serde_json::to_string(&ids).map_err(|e| StoreError::Backend(Box::new(e)))?;
        query::<D>("INSERT INTO insight_groups (seq, members, shown_at) VALUES ($1, $2, $3)")
            .arg(last + 1)
            .arg(members)
            .arg(ms(at))
            .run(&mut tx)
            .await?;
        commit_write(tx).await?;
        Ok(true)
    }
}
