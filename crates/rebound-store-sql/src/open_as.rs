//! [`rebound_store::OpenAs`] in one statement: the live credential and its
//! account, the mistake with its children, and the relation facts, in one
//! row from one snapshot, on either database. The credential part is the
//! same `live_token!` / `live_session!` text `token_user` and
//! `session_user` run, so the two cannot disagree about what is live.

use crate::accounts::sessions::{live_session, live_token, session_columns, token_columns};
use crate::accounts::user_columns;
use crate::prelude::*;
use crate::read;
use crate::rows::{Cols, ms};
use jiff::Timestamp;
use rebound_domain::MistakeId;
use rebound_domain::access::Relation;
use rebound_store::{Holder, Opened, Presented, StoreError};

/// How the credential's account (`c.u_id`) stands to the mistake's owner
/// (`o`, absent when the mistake names nobody or nobody stored), as
/// `Guard::relation` reads it from separate queries: the owner is nobody
/// else; otherwise an owner with no account relates to nobody. Each is a
/// boolean expression (SQLite answers 0 or 1).
const RELATION_COLUMNS: &str = "COALESCE(m.owner_id = c.u_id, FALSE) AS r_owner,
     (o.id IS NOT NULL AND o.id <> c.u_id AND COALESCE(o.manager_id = c.u_id, FALSE)) AS r_manager,
     (o.id IS NOT NULL AND o.id <> c.u_id AND EXISTS (
         SELECT 1 FROM stakeholders st WHERE st.mistake_id = m.id AND st.user_id = c.u_id))
         AS r_stakeholder,
     (o.id IS NOT NULL AND o.id <> c.u_id AND EXISTS (
         SELECT 1 FROM team_members x JOIN team_members y ON y.team_id = x.team_id
          WHERE x.user_id = c.u_id AND y.user_id = o.id)) AS r_teammate";

/// The open-as statement for one dialect around its `document_columns`:
/// by API token or by session (`credential_columns` and `live`), with the
/// hash as `$1`, now as `$2` and the mistake's id as `$3`.
pub(crate) fn build(document_columns: &str, by_token: bool) -> String {
    let (credential_columns, live) = if by_token {
        (token_columns!(), live_token!())
    } else {
        (session_columns!(), live_session!())
    };
    format!(
        "SELECT c.*, {document_columns}, {RELATION_COLUMNS}
         FROM (SELECT {credential_columns}, {}{live}) c
         LEFT JOIN mistakes m ON m.id = $3 LEFT JOIN users o ON o.id = m.owner_id",
        user_columns!(),
    )
}

/// Decodes the one row of an open-as statement.
pub fn decode(presented: Presented<'_>, c: &Cols<'_>) -> Result<Opened, StoreError> {
    let holder = match presented {
        Presented::ApiToken(_) => Holder::ApiToken(c.api_token()?),
        Presented::Session(_) => Holder::Session(c.session()?),
    };
    let user = c.user()?;
    // `version` is never NULL on a stored mistake, so NULL here means the
    // LEFT JOIN found none (and reading it allocates nothing).
    let mistake = match c.opt_int("version")? {
        None => None,
        Some(_) => {
            let m = read::decode(c)?;
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
}

/// The statement for `presented`, and the hash it binds.
pub fn statement<D: Dialect>(presented: Presented<'_>) -> (&'static str, &str) {
    let sql = D::statements();
    match presented {
        Presented::ApiToken(hash) => (sql.open_as_by_token, hash.as_str()),
        Presented::Session(hash) => (sql.open_as_by_session, hash.as_str()),
    }
}

pub(crate) async fn read<D: Dialect>(
    pool: &Pool<D>,
    presented: Presented<'_>,
    id: &MistakeId,
    now: Timestamp,
) -> Result<Option<Opened>, StoreError> {
    let (sql, hash) = statement::<D>(presented);
    query::<D>(sql)
        .arg(hash)
        .arg(ms(now))
        .arg(id.as_str())
        .maybe_on(pool)
        .await?
        .map(|row| decode(presented, &Cols(&row)))
        .transpose()
}
