//! The digest's reads for a page of people: one statement per kind of
//! item, one text for both databases (the id list through `Dialect`).

use crate::prelude::*;
use crate::rows::Cols;
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::{Principle, Reflection, User, UserId};
use rebound_store::StoreError;
use rebound_store::digest::{DigestStore, Stake, StakeOwner};

fn ids(users: &[UserId]) -> Vec<&str> {
    users.iter().map(UserId::as_str).collect()
}

/// Each stake with its acknowledgement, the owner's account (if still
/// there) and whether stakeholder and owner share a team.
fn stakes_sql<D: Dialect>() -> String {
    format!(
        "SELECT s.user_id, s.mistake_id, s.added_at, a.acknowledged_at,
                o.id AS owner_id, o.display_name AS owner_name, o.manager_id AS owner_manager,
                EXISTS (SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
                        WHERE x.user_id = s.user_id AND y.user_id = o.id) AS shares_a_team
         FROM stakeholders s
         JOIN mistakes m ON m.id = s.mistake_id
         LEFT JOIN users o ON o.id = m.owner_id
         LEFT JOIN acknowledgements a ON a.mistake_id = s.mistake_id AND a.user_id = s.user_id
         WHERE {}
         ORDER BY s.user_id, s.added_at, s.mistake_id",
        D::in_list("s.user_id", "$1")
    )
}

fn stake(c: &Cols) -> Result<Stake, StoreError> {
    let owner = match c.opt_user_id("owner_id")? {
        Some(id) => Some(StakeOwner {
            id,
            display_name: c.display_name("owner_name")?,
            manager: c.opt_user_id("owner_manager")?,
            shares_a_team: c.flag("shares_a_team")?,
        }),
        None => None,
    };
    Ok(Stake {
        user: c.user_id("user_id")?,
        mistake: c.mistake_id("mistake_id")?,
        added_at: c.at("added_at")?,
        acknowledged_at: c.opt_at("acknowledged_at")?,
        owner,
    })
}

#[async_trait]
impl<D: Dialect, H: HotPaths<D>> DigestStore for SqlStore<D, H> {
    async fn stakes_of(&self, users: &[UserId]) -> Result<Vec<Stake>, StoreError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let rows = D::bind_list(query_owned::<D>(stakes_sql::<D>()), &ids(users))
            .all_on(&self.pool)
            .await?;
        rows.iter().map(|r| stake(&Cols(r))).collect()
    }

    async fn reports_of_any(&self, managers: &[UserId]) -> Result<Vec<User>, StoreError> {
        if managers.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            concat!(
                "SELECT ",
                crate::accounts::user_columns!(),
                " FROM users u WHERE {} ORDER BY u.email"
            ),
            D::in_list("u.manager_id", "$1")
        );
        let rows = D::bind_list(query_owned::<D>(sql), &ids(managers))
            .all_on(&self.pool)
            .await?;
        rows.iter().map(|r| Cols(r).user()).collect()
    }

    async fn plans_about_any(&self, reports: &[UserId]) -> Result<Vec<RecoveryPlan>, StoreError> {
        if reports.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, report_id, opened_by, mistake_id, opened_at, version, doc
             FROM recovery_plans WHERE {} ORDER BY opened_at DESC, id",
            D::in_list("report_id", "$1")
        );
        let rows = D::bind_list(query_owned::<D>(sql), &ids(reports))
            .all_on(&self.pool)
            .await?;
        rows.iter()
            .map(|r| crate::recovery::plan_row(&Cols(r)))
            .collect()
    }

    async fn lessons_of_any(
        &self,
        owners: &[UserId],
    ) -> Result<(Vec<Reflection>, Vec<Principle>), StoreError> {
        if owners.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let sql = format!(
            "SELECT owner_id, mistake_id, doc FROM reflections WHERE {} ORDER BY owner_id, id",
            D::in_list("owner_id", "$1")
        );
        let rows = D::bind_list(query_owned::<D>(sql), &ids(owners))
            .all_on(&self.pool)
            .await?;
        let reflections = rows
            .iter()
            .map(|r| crate::reflections::rows::reflection_row(r))
            .collect::<Result<_, _>>()?;
        let sql = format!(
            "SELECT owner_id, mistake_id, reflection_id, doc FROM principles WHERE {}
             ORDER BY owner_id, created_at, id",
            D::in_list("owner_id", "$1")
        );
        let rows = D::bind_list(query_owned::<D>(sql), &ids(owners))
            .all_on(&self.pool)
            .await?;
        let principles = rows
            .iter()
            .map(|r| crate::reflections::rows::principle_row(r))
            .collect::<Result<_, _>>()?;
        Ok((reflections, principles))
    }
}
