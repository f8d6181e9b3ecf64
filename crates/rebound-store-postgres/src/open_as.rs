//! [`OpenAs`] in one REPEATABLE READ transaction: the live credential, the
//! mistake with its children and the relation facts all come from one
//! snapshot, in three statements on one connection (where the separate
//! reads took one to three connections and up to eight round trips). The
//! token's last use is written after, as `token_user` writes it.

use crate::PgStore;
use crate::accounts::{read_tx, sessions};
use crate::read::{self, Scope};
use crate::rows::backend;
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::access::Relation;
use rebound_domain::{Mistake, MistakeId, UserId};
use rebound_store::{Holder, OpenAs, Opened, Presented, StoreError};
use sqlx::PgConnection;

#[async_trait]
impl OpenAs for PgStore {
    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError> {
        let mut tx = read_tx(&self.pool).await?;
        let found = match presented {
            Presented::ApiToken(hash) => sessions::live_token(&mut *tx, hash, now)
                .await?
                .map(|(t, u)| (Holder::ApiToken(t), u)),
            Presented::Session(hash) => sessions::session_user(&mut *tx, hash, now)
                .await?
                .map(|(s, u)| (Holder::Session(s), u)),
        };
        let Some((mut holder, user)) = found else {
            return Ok(None);
        };
        let mistake = match read::load(&mut tx, Scope::One(id)).await?.pop() {
            Some(m) => {
                let relation = relation(&mut tx, &user.id, &m).await?;
                Some((m, relation))
            }
            None => None,
        };
        tx.commit().await.map_err(backend)?;
        if let (Holder::ApiToken(token), Presented::ApiToken(hash)) = (&mut holder, presented)
            && !sessions::note_use(&self.pool, hash, token, now).await?
        {
            return Ok(None);
        }
        Ok(Some(Opened {
            holder,
            user,
            mistake,
        }))
    }
}

/// How `viewer` stands to `m`, as `Guard::relation` reads it from separate
/// queries: the owner is nobody else; an owner with no account relates to
/// nobody.
async fn relation(
    conn: &mut PgConnection,
    viewer: &UserId,
    m: &Mistake,
) -> Result<Relation, StoreError> {
    let Some(owner) = &m.owner else {
        return Ok(Relation::default());
    };
    if owner == viewer {
        return Ok(Relation {
            owner: true,
            ..Relation::default()
        });
    }
    let facts: Option<(bool, bool, bool)> = sqlx::query_as(
        "SELECT COALESCE(o.manager_id = $2, false),
                EXISTS (SELECT 1 FROM stakeholders WHERE mistake_id = $3 AND user_id = $2),
                EXISTS (SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
                         WHERE x.user_id = $2 AND y.user_id = o.id)
         FROM users o WHERE o.id = $1",
    )
    .bind(owner.as_str())
    .bind(viewer.as_str())
    .bind(m.id.as_str())
    .fetch_optional(conn)
    .await
    .map_err(backend)?;
    Ok(
        facts.map_or_else(Relation::default, |(manager, stakeholder, teammate)| {
            Relation {
                owner: false,
                owners_manager: manager,
                stakeholder,
                teammate,
            }
        }),
    )
}
