//! [`OpenAs`] in one statement, inline (`readers.rs`): the live credential
//! and its account, the mistake with its children, and the relation facts,
//! in one row from one snapshot. The credential part is the same
//! `live_token!` / `live_session!` query `token_user` and `session_user`
//! run, so the two cannot disagree about what is live.

use crate::SqliteStore;
use crate::accounts::sessions::{
    live_session, live_token, note_use, session_columns, token_columns,
};
use crate::accounts::user_columns;
use crate::read::{self, document_columns};
use crate::rows::{Cols, ms};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::MistakeId;
use rebound_domain::access::Relation;
use rebound_store::{Holder, OpenAs, Opened, Presented, StoreError};

/// How the credential's account (`c.u_id`) stands to the mistake's owner
/// (`o`, absent when the mistake names nobody or nobody stored), as
/// `Guard::relation` reads it from separate queries: the owner is nobody
/// else; otherwise an owner with no account relates to nobody.
macro_rules! relation_columns {
    () => {
        "CASE WHEN m.owner_id = c.u_id THEN 1 ELSE 0 END AS r_owner,
         CASE WHEN o.id IS NULL OR o.id = c.u_id THEN 0
              WHEN o.manager_id = c.u_id THEN 1 ELSE 0 END AS r_manager,
         CASE WHEN o.id IS NULL OR o.id = c.u_id THEN 0
              WHEN EXISTS (SELECT 1 FROM stakeholders st
                            WHERE st.mistake_id = m.id AND st.user_id = c.u_id) THEN 1
              ELSE 0 END AS r_stakeholder,
         CASE WHEN o.id IS NULL OR o.id = c.u_id THEN 0
              WHEN EXISTS (SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
                            WHERE x.user_id = c.u_id AND y.user_id = o.id) THEN 1
              ELSE 0 END AS r_teammate"
    };
}

macro_rules! open_as {
    ($credential_columns:ident, $live:ident) => {
        concat!(
            "SELECT c.*, ",
            document_columns!(),
            ", ",
            relation_columns!(),
            " FROM (SELECT ",
            $credential_columns!(),
            ", ",
            user_columns!(),
            $live!(),
            ") c LEFT JOIN mistakes m ON m.id = ?3 LEFT JOIN users o ON o.id = m.owner_id"
        )
    };
}

const BY_TOKEN: &str = open_as!(token_columns, live_token);
const BY_SESSION: &str = open_as!(session_columns, live_session);

#[async_trait]
impl OpenAs for SqliteStore {
    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError> {
        let (sql, hash) = match presented {
            Presented::ApiToken(hash) => (BY_TOKEN, hash),
            Presented::Session(hash) => (BY_SESSION, hash),
        };
        let params = (hash.as_str(), ms(now), id.as_str());
        let found = self.readers.row(sql, params, |row| {
            let c = Cols(row);
            let holder = match presented {
                Presented::ApiToken(_) => Holder::ApiToken(c.api_token()?),
                Presented::Session(_) => Holder::Session(c.session()?),
            };
            let user = c.user()?;
            // `version` is never NULL on a stored mistake, so NULL here means
            // the LEFT JOIN found none (and reading it allocates nothing).
            let mistake = match c.opt_int("version")? {
                None => None,
                Some(_) => {
                    let m = read::decode(&c)?;
                    let relation = Relation {
                        owner: c.flag("r_owner")?,
                        owners_manager: c.flag("r_manager")?,
                        stakeholder: c.flag("r_stakeholder")?,
                        teammate: c.flag("r_teammate")?,
                    };
                    Some((m, relation))
                }
            };
            Ok(Opened {
                holder,
                user,
                mistake,
            })
        })?;
        let Some(mut opened) = found else {
            return Ok(None);
        };
        if let Holder::ApiToken(token) = &mut opened.holder
            && !note_use(&self.pool, hash, token, now).await?
        {
            return Ok(None);
        }
        Ok(Some(opened))
    }
}
