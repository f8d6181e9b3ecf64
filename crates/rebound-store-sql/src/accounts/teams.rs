//! Teams and who is in them. Names compare and sort without regard to
//! ASCII case (`lower(name)`, as the unique index does), ties by id.

use super::{exists, require_team, require_user, user_columns};
use crate::prelude::*;
use crate::rows::Cols;
use rebound_domain::{Team, TeamId, User, UserId};
use rebound_store::StoreError;

pub(crate) async fn create<D: Dialect>(pool: &Pool<D>, team: &Team) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    let inserted =
        query::<D>("INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .arg(team.id.as_str())
            .arg(team.name.as_str())
            .run(&mut *tx)
            .await?;
    if inserted == 0 {
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
    commit_write(tx).await
}

pub(crate) async fn get<D: Dialect>(pool: &Pool<D>, id: &TeamId) -> Result<Team, StoreError> {
    let row = query::<D>("SELECT id AS team_id, name AS team_name FROM teams WHERE id = $1")
        .arg(id.as_str())
        .maybe_on(pool)
        .await?;
    match row {
        Some(row) => Cols(&row).team(),
        None => Err(StoreError::TeamNotFound(id.clone())),
    }
}

pub(crate) async fn list<D: Dialect>(pool: &Pool<D>) -> Result<Vec<Team>, StoreError> {
    let rows =
        query::<D>("SELECT id AS team_id, name AS team_name FROM teams ORDER BY lower(name), id")
            .all_on(pool)
            .await?;
    rows.iter().map(|r| Cols(r).team()).collect()
}

pub(crate) async fn add_member<D: Dialect>(
    pool: &Pool<D>,
    team: &TeamId,
    user: &UserId,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_team(&mut tx, team).await?;
    require_user(&mut tx, user).await?;
    query::<D>(
        "INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .arg(team.as_str())
    .arg(user.as_str())
    .run(&mut *tx)
    .await?;
    commit_write(tx).await
}

pub(crate) async fn remove_member<D: Dialect>(
    pool: &Pool<D>,
    team: &TeamId,
    user: &UserId,
) -> Result<bool, StoreError> {
    let mut tx = begin_write(pool).await?;
    require_team(&mut tx, team).await?;
    let done = query::<D>("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2")
        .arg(team.as_str())
        .arg(user.as_str())
        .run(&mut *tx)
        .await?;
    commit_write(tx).await?;
    Ok(done > 0)
}

pub(crate) async fn teams_of<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
) -> Result<Vec<Team>, StoreError> {
    let rows = query::<D>(
        "SELECT t.id AS team_id, t.name AS team_name
         FROM team_members m JOIN teams t ON t.id = m.team_id
         WHERE m.user_id = $1 ORDER BY lower(t.name), t.id",
    )
    .arg(user.as_str())
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).team()).collect()
}

pub(crate) async fn members<D: Dialect>(
    pool: &Pool<D>,
    team: &TeamId,
) -> Result<Vec<User>, StoreError> {
    // One snapshot: the team's existence and its members agree.
    let mut tx = begin_read(pool).await?;
    require_team(&mut tx, team).await?;
    let rows = query::<D>(concat!(
        "SELECT ",
        user_columns!(),
        " FROM team_members m JOIN users u ON u.id = m.user_id
          WHERE m.team_id = $1 ORDER BY u.email"
    ))
    .arg(team.as_str())
    .all(&mut *tx)
    .await?;
    commit_write(tx).await?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

/// Whether `$1` and `$2` are in a team together.
pub const SHARE_A_TEAM: &str =
    "SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
     WHERE x.user_id = $1 AND y.user_id = $2 LIMIT 1";

pub(crate) async fn share_a_team<D: Dialect>(
    pool: &Pool<D>,
    a: &UserId,
    b: &UserId,
) -> Result<bool, StoreError> {
    Ok(query::<D>(SHARE_A_TEAM)
        .arg(a.as_str())
        .arg(b.as_str())
        .maybe_on(pool)
        .await?
        .is_some())
}
