//! Teams and who is in them.

use super::{exists, require_team, require_user, user_columns, write_tx};
use crate::readers::Readers;
use crate::rows::{Cols, backend};
use rebound_domain::{Team, TeamId, User, UserId};
use rebound_store::StoreError;
use sqlx::SqlitePool;

pub(crate) async fn create(pool: &SqlitePool, team: &Team) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    let inserted =
        sqlx::query("INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(team.id.as_str())
            .bind(team.name.as_str())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    if inserted.rows_affected() == 0 {
        return Err(
            if exists(
                &mut tx,
                "SELECT 1 FROM teams WHERE id = $1",
                team.id.as_str(),
            )
            .await?
            {
                StoreError::AlreadyExists {
                    what: "team",
                    id: team.id.to_string(),
                }
            } else {
                StoreError::TeamNameTaken(team.name.clone())
            },
        );
    }
    tx.commit().await.map_err(backend)
}

pub(crate) async fn get(pool: &SqlitePool, id: &TeamId) -> Result<Team, StoreError> {
    let row = sqlx::query("SELECT id AS team_id, name AS team_name FROM teams WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
    match row {
        Some(row) => Cols(&row).team(),
        None => Err(StoreError::TeamNotFound(id.clone())),
    }
}

pub(crate) async fn list(pool: &SqlitePool) -> Result<Vec<Team>, StoreError> {
    let rows = sqlx::query(
        "SELECT id AS team_id, name AS team_name FROM teams ORDER BY name COLLATE NOCASE, id",
    )
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).team()).collect()
}

pub(crate) async fn add_member(
    pool: &SqlitePool,
    team: &TeamId,
    user: &UserId,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_team(&mut tx, team).await?;
    require_user(&mut tx, user).await?;
    sqlx::query(
        "INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(team.as_str())
    .bind(user.as_str())
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    tx.commit().await.map_err(backend)
}

pub(crate) async fn remove_member(
    pool: &SqlitePool,
    team: &TeamId,
    user: &UserId,
) -> Result<bool, StoreError> {
    let mut tx = write_tx(pool).await?;
    require_team(&mut tx, team).await?;
    let done = sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2")
        .bind(team.as_str())
        .bind(user.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await.map_err(backend)?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn teams_of(pool: &SqlitePool, user: &UserId) -> Result<Vec<Team>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id AS team_id, t.name AS team_name
         FROM team_members m JOIN teams t ON t.id = m.team_id
         WHERE m.user_id = $1 ORDER BY t.name COLLATE NOCASE, t.id",
    )
    .bind(user.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).team()).collect()
}

pub(crate) async fn members(pool: &SqlitePool, team: &TeamId) -> Result<Vec<User>, StoreError> {
    // One snapshot: the team's existence and its members agree.
    let mut tx = pool.begin().await.map_err(backend)?;
    require_team(&mut tx, team).await?;
    let rows = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        " FROM team_members m JOIN users u ON u.id = m.user_id
          WHERE m.team_id = $1 ORDER BY u.email"
    ))
    .bind(team.as_str())
    .fetch_all(&mut *tx)
    .await
    .map_err(backend)?;
    tx.commit().await.map_err(backend)?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

pub(crate) fn share_a_team(readers: &Readers, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
    readers.exists(
        "SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
         WHERE x.user_id = ?1 AND y.user_id = ?2 LIMIT 1",
        [a.as_str(), b.as_str()],
    )
}
