//! People: creating, reading and changing accounts.

use super::{exists, require_user, user_columns, working_hours_columns};
use crate::prelude::*;
use crate::rows::{Cols, corrupt, ms};
use jiff::Timestamp;
use rebound_domain::account::check_manager;
use rebound_domain::{AccountError, Email, Role, User, UserId};
use rebound_store::{Profile, StoreError};
use std::collections::HashMap;

pub(crate) async fn create<D: Dialect>(
    pool: &Pool<D>,
    user: &User,
    password_hash: &str,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    insert(&mut tx, user, password_hash).await?;
    commit_write(tx).await
}

pub(crate) async fn create_first<D: Dialect>(
    pool: &Pool<D>,
    user: &User,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let mut tx = begin_write(pool).await?;
    // Others may read users but not write them until this transaction
    // ends (SQLite's write lock is held from BEGIN; PostgreSQL locks the
    // table): of two servers racing through setup, the second waits here,
    // then sees the first one's account and stores nothing.
    lock(&mut tx, "users", LockMode::Exclusive).await?;
    let any = query::<D>("SELECT 1 FROM users LIMIT 1")
        .maybe(&mut tx)
        .await?;
    if any.is_some() {
        return Ok(false);
    }
    insert(&mut tx, user, password_hash).await?;
    commit_write(tx).await?;
    Ok(true)
}

async fn insert<D: Dialect>(
    tx: &mut Tx<D>,
    user: &User,
    password_hash: &str,
) -> Result<(), StoreError> {
    if user.manager.as_ref() == Some(&user.id) {
        return Err(AccountError::OwnManager.into());
    }
    if let Some(manager) = &user.manager {
        require_user(tx, manager).await?;
    }
    let (start, end, days) = working_hours_columns(user.working_hours.as_ref());
    // ON CONFLICT rather than catching the error: then it is certain the
    // refusal came from the id or the email, and which is checked below.
    let inserted = query::<D>(
        "INSERT INTO users (id, email, display_name, role, manager_id, time_zone,
            work_start_minute, work_end_minute, work_days, password_hash, disabled_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING",
    )
    .arg(user.id.as_str())
    .arg(user.email.as_str())
    .arg(user.display_name.as_str())
    .arg(user.role.as_str())
    .arg(user.manager.as_ref().map(|m| m.as_str().to_string()))
    .arg(user.time_zone.as_str())
    .arg(start)
    .arg(end)
    .arg(days)
    .arg(password_hash)
    .arg(user.disabled_at.map(ms))
    .arg(ms(user.created_at))
    .run(tx)
    .await?;
    if inserted == 0 {
        return Err(
            if exists(tx, "SELECT 1 FROM users WHERE id = $1", user.id.as_str()).await? {
                StoreError::AlreadyExists {
                    what: "user",
                    id: user.id.to_string(),
                }
            } else {
                StoreError::EmailTaken(user.email.clone())
            },
        );
    }
    Ok(())
}

pub const GET: &str = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1");

pub(crate) async fn get<D: Dialect>(
    pool: &Pool<D>,
    id: &UserId,
) -> Result<Option<User>, StoreError> {
    query::<D>(GET)
        .arg(id.as_str())
        .maybe_on(pool)
        .await?
        .map(|row| Cols(&row).user())
        .transpose()
}

pub(crate) async fn by_email<D: Dialect>(
    pool: &Pool<D>,
    email: &Email,
) -> Result<Option<(User, String)>, StoreError> {
    let row = query::<D>(concat!(
        "SELECT ",
        user_columns!(),
        ", u.password_hash FROM users u WHERE u.email = $1"
    ))
    .arg(email.as_str())
    .maybe_on(pool)
    .await?;
    row.map(|row| {
        let c = Cols(&row);
        Ok((c.user()?, c.text("password_hash")?))
    })
    .transpose()
}

pub(crate) async fn list<D: Dialect>(pool: &Pool<D>) -> Result<Vec<User>, StoreError> {
    let rows = query::<D>(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u ORDER BY u.email"
    ))
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

pub(crate) async fn count<D: Dialect>(pool: &Pool<D>) -> Result<u64, StoreError> {
    let row = query::<D>("SELECT COUNT(*) AS n FROM users")
        .one_on(pool)
        .await?;
    let n = Cols(&row).int("n")?;
    u64::try_from(n).map_err(|_| corrupt("COUNT(*)", n))
}

pub(crate) async fn reports_of<D: Dialect>(
    pool: &Pool<D>,
    manager: &UserId,
) -> Result<Vec<User>, StoreError> {
    let rows = query::<D>(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u WHERE u.manager_id = $1 ORDER BY u.email"
    ))
    .arg(manager.as_str())
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

pub(crate) async fn set_manager<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    manager: Option<&UserId>,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    if let Some(m) = manager {
        // Conflicts with itself and with every row write on users, while
        // reads go on: two manager changes racing run one after the other,
        // and the second checks the chain as the first left it, so no loop
        // can form between them.
        lock(&mut tx, "users", LockMode::ShareRowExclusive).await?;
        require_user(&mut tx, user).await?;
        require_user(&mut tx, m).await?;
        let chain = chain_above(&mut tx, m).await?;
        check_manager(user, Some(m), |u| chain.get(u).cloned())?;
    }
    // Clearing a manager cannot make a loop; it needs no lock.
    update_one(
        &mut *tx,
        user,
        query::<D>("UPDATE users SET manager_id = $2 WHERE id = $1")
            .arg(user.as_str())
            .arg(manager.map(|m| m.as_str().to_string())),
    )
    .await?;
    commit_write(tx).await
}

/// Who manages whom, from `start` up its chain of managers (all the
/// domain's rule walks). UNION stops on a loop should one ever be stored.
async fn chain_above<D: Dialect>(
    conn: &mut Tx<D>,
    start: &UserId,
) -> Result<HashMap<UserId, UserId>, StoreError> {
    let rows = query::<D>(
        "WITH RECURSIVE chain (id, manager_id) AS (
             SELECT id, manager_id FROM users WHERE id = $1
             UNION
             SELECT u.id, u.manager_id FROM users u JOIN chain c ON u.id = c.manager_id
         )
         SELECT id AS u_id, manager_id AS u_manager_id FROM chain WHERE manager_id IS NOT NULL",
    )
    .arg(start.as_str())
    .all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            let manager = c
                .opt_user_id("u_manager_id")?
                .ok_or_else(|| corrupt("manager_id", "NULL"))?;
            Ok((c.user_id("u_id")?, manager))
        })
        .collect()
}

/// Runs `UPDATE users SET … WHERE id = $1` with the values bound after the
/// id; `UserNotFound` when no row matched.
async fn update_one<D: Dialect>(
    conn: &mut D::Connection,
    user: &UserId,
    query: crate::dialect::Query<'static, D>,
) -> Result<(), StoreError> {
    let done = query.run(conn).await?;
    if done == 0 {
        Err(StoreError::UserNotFound(user.clone()))
    } else {
        Ok(())
    }
}

pub(crate) async fn set_role<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    role: Role,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut *conn,
        user,
        query::<D>("UPDATE users SET role = $2 WHERE id = $1")
            .arg(user.as_str())
            .arg(role.as_str()),
    )
    .await
}

pub(crate) async fn set_email<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    email: &Email,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_user(&mut tx, user).await?;
    // Checked before the update (under the write lock) rather than caught
    // from the unique index, so the refusal is certainly about the email.
    let holder = query::<D>("SELECT id AS u_id FROM users WHERE email = $1")
        .arg(email.as_str())
        .maybe(&mut *tx)
        .await?
        .map(|row| Cols(&row).user_id("u_id"))
        .transpose()?;
    match holder {
        Some(id) if &id == user => return Ok(()),
        Some(_) => return Err(StoreError::EmailTaken(email.clone())),
        None => {}
    }
    update_one(
        &mut *tx,
        user,
        query::<D>("UPDATE users SET email = $2 WHERE id = $1")
            .arg(user.as_str())
            .arg(email.as_str()),
    )
    .await?;
    commit_write(tx).await
}

pub(crate) async fn set_profile<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    profile: &Profile,
) -> Result<(), StoreError> {
    let (start, end, days) = working_hours_columns(profile.working_hours.as_ref());
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut *conn,
        user,
        query::<D>(
            "UPDATE users SET display_name = $2, time_zone = $3,
                work_start_minute = $4, work_end_minute = $5, work_days = $6
             WHERE id = $1",
        )
        .arg(user.as_str())
        .arg(profile.display_name.as_str())
        .arg(profile.time_zone.as_str())
        .arg(start)
        .arg(end)
        .arg(days),
    )
    .await
}

pub(crate) async fn set_password_hash<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    password_hash: &str,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut *conn,
        user,
        query::<D>("UPDATE users SET password_hash = $2 WHERE id = $1")
            .arg(user.as_str())
            .arg(password_hash),
    )
    .await
}

pub(crate) async fn disable<D: Dialect>(
    pool: &Pool<D>,
    user: &UserId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    update_one(
        &mut *tx,
        user,
        query::<D>("UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1")
            .arg(user.as_str())
            .arg(ms(at)),
    )
    .await?;
    query::<D>("DELETE FROM sessions WHERE user_id = $1")
        .arg(user.as_str())
        .run(&mut *tx)
        .await?;
    query::<D>("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .arg(user.as_str())
        .arg(ms(at))
        .run(&mut *tx)
        .await?;
    commit_write(tx).await
}

pub(crate) async fn enable<D: Dialect>(pool: &Pool<D>, user: &UserId) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut *conn,
        user,
        query::<D>("UPDATE users SET disabled_at = NULL WHERE id = $1").arg(user.as_str()),
    )
    .await
}
