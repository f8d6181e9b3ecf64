//! People: creating, reading and changing accounts.

use super::{Tx, exists, require_user, user_columns, working_hours_columns, write_tx};
use crate::readers::Readers;
use crate::rows::{Cols, backend, ms};
use jiff::Timestamp;
use rebound_domain::account::check_manager;
use rebound_domain::{AccountError, Email, Role, User, UserId};
use rebound_store::{Profile, StoreError};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

pub(crate) async fn create(
    pool: &SqlitePool,
    user: &User,
    password_hash: &str,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    insert(&mut tx, user, password_hash).await?;
    tx.commit().await.map_err(backend)
}

pub(crate) async fn create_first(
    pool: &SqlitePool,
    user: &User,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let mut tx = write_tx(pool).await?;
    // The write lock is held from BEGIN: nobody can add a user between
    // this count and the insert.
    let any: Option<i64> = sqlx::query_scalar("SELECT 1 FROM users LIMIT 1")
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
    if any.is_some() {
        return Ok(false);
    }
    insert(&mut tx, user, password_hash).await?;
    tx.commit().await.map_err(backend)?;
    Ok(true)
}

async fn insert(tx: &mut Tx, user: &User, password_hash: &str) -> Result<(), StoreError> {
    if user.manager.as_ref() == Some(&user.id) {
        return Err(AccountError::OwnManager.into());
    }
    if let Some(manager) = &user.manager {
        require_user(tx, manager).await?;
    }
    let (start, end, days) = working_hours_columns(user.working_hours.as_ref());
    // ON CONFLICT rather than catching the error: then it is certain the
    // refusal came from the id or the email, and which is checked below.
    let inserted = sqlx::query(
        "INSERT INTO users (id, email, display_name, role, manager_id, time_zone,
            work_start_minute, work_end_minute, work_days, password_hash, disabled_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING",
    )
    .bind(user.id.as_str())
    .bind(user.email.as_str())
    .bind(user.display_name.as_str())
    .bind(user.role.as_str())
    .bind(user.manager.as_ref().map(|m| m.as_str().to_string()))
    .bind(user.time_zone.as_str())
    .bind(start)
    .bind(end)
    .bind(days)
    .bind(password_hash)
    .bind(user.disabled_at.map(ms))
    .bind(ms(user.created_at))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    if inserted.rows_affected() == 0 {
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

pub(crate) fn get(readers: &Readers, id: &UserId) -> Result<User, StoreError> {
    readers
        .row(
            concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = ?1"),
            [id.as_str()],
            |row| Cols(row).user(),
        )?
        .ok_or_else(|| StoreError::UserNotFound(id.clone()))
}

pub(crate) async fn by_email(
    pool: &SqlitePool,
    email: &Email,
) -> Result<Option<(User, String)>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        ", u.password_hash FROM users u WHERE u.email = $1"
    ))
    .bind(email.as_str())
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    row.map(|row| {
        let c = Cols(&row);
        Ok((c.user()?, c.text("password_hash")?))
    })
    .transpose()
}

pub(crate) async fn list(pool: &SqlitePool) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u ORDER BY u.email"
    ))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

pub(crate) async fn count(pool: &SqlitePool) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await
        .map_err(backend)?;
    u64::try_from(n).map_err(|_| crate::rows::corrupt("COUNT(*)", n))
}

pub(crate) async fn reports_of(
    pool: &SqlitePool,
    manager: &UserId,
) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u WHERE u.manager_id = $1 ORDER BY u.email"
    ))
    .bind(manager.as_str())
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    rows.iter().map(|r| Cols(r).user()).collect()
}

pub(crate) async fn set_manager(
    pool: &SqlitePool,
    user: &UserId,
    manager: Option<&UserId>,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_user(&mut tx, user).await?;
    if let Some(m) = manager {
        require_user(&mut tx, m).await?;
        // The domain's rule, over the chain as it stands under the write
        // lock: two changes racing cannot make a loop between them.
        let chain = managers(&mut tx).await?;
        check_manager(user, Some(m), |u| chain.get(u).cloned())?;
    }
    sqlx::query("UPDATE users SET manager_id = $2 WHERE id = $1")
        .bind(user.as_str())
        .bind(manager.map(|m| m.as_str().to_string()))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await.map_err(backend)
}

/// Who manages whom, for everyone with a manager.
async fn managers(conn: &mut SqliteConnection) -> Result<HashMap<UserId, UserId>, StoreError> {
    let rows = sqlx::query(
        "SELECT id AS u_id, manager_id AS u_manager_id FROM users WHERE manager_id IS NOT NULL",
    )
    .fetch_all(conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|r| {
            let c = Cols(r);
            let manager = c
                .opt_user_id("u_manager_id")?
                .ok_or_else(|| crate::rows::corrupt("manager_id", "NULL"))?;
            Ok((c.user_id("u_id")?, manager))
        })
        .collect()
}

/// Runs `UPDATE users SET … WHERE id = $1` with the values bound after the
/// id; `UserNotFound` when no row matched.
async fn update_one<'q>(
    conn: &mut SqliteConnection,
    user: &UserId,
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
) -> Result<(), StoreError> {
    let done = query.execute(conn).await.map_err(backend)?;
    if done.rows_affected() == 0 {
        Err(StoreError::UserNotFound(user.clone()))
    } else {
        Ok(())
    }
}

pub(crate) async fn set_role(
    pool: &SqlitePool,
    user: &UserId,
    role: Role,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut conn,
        user,
        sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
            .bind(user.as_str())
            .bind(role.as_str()),
    )
    .await
}

pub(crate) async fn set_email(
    pool: &SqlitePool,
    user: &UserId,
    email: &Email,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    require_user(&mut tx, user).await?;
    // Checked before the update (under the write lock) rather than caught
    // from the unique index, so the refusal is certainly about the email.
    let holder: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
    match holder {
        Some(id) if id == user.as_str() => return Ok(()),
        Some(_) => return Err(StoreError::EmailTaken(email.clone())),
        None => {}
    }
    update_one(
        &mut tx,
        user,
        sqlx::query("UPDATE users SET email = $2 WHERE id = $1")
            .bind(user.as_str())
            .bind(email.as_str()),
    )
    .await?;
    tx.commit().await.map_err(backend)
}

pub(crate) async fn set_profile(
    pool: &SqlitePool,
    user: &UserId,
    profile: &Profile,
) -> Result<(), StoreError> {
    let (start, end, days) = working_hours_columns(profile.working_hours.as_ref());
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut conn,
        user,
        sqlx::query(
            "UPDATE users SET display_name = $2, time_zone = $3,
                work_start_minute = $4, work_end_minute = $5, work_days = $6
             WHERE id = $1",
        )
        .bind(user.as_str())
        .bind(profile.display_name.as_str())
        .bind(profile.time_zone.as_str())
        .bind(start)
        .bind(end)
        .bind(days),
    )
    .await
}

pub(crate) async fn set_password_hash(
    pool: &SqlitePool,
    user: &UserId,
    password_hash: &str,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut conn,
        user,
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(user.as_str())
            .bind(password_hash),
    )
    .await
}

pub(crate) async fn disable(
    pool: &SqlitePool,
    user: &UserId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = write_tx(pool).await?;
    update_one(
        &mut tx,
        user,
        sqlx::query("UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1")
            .bind(user.as_str())
            .bind(ms(at)),
    )
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.as_str())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user.as_str())
        .bind(ms(at))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await.map_err(backend)
}

pub(crate) async fn enable(pool: &SqlitePool, user: &UserId) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    update_one(
        &mut conn,
        user,
        sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1").bind(user.as_str()),
    )
    .await
}
