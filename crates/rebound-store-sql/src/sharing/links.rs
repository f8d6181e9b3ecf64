//! Share links and the guest sessions opened through them. Liveness is one
//! condition, written once (`LIVE`), and checked on every lookup: not
//! revoked, not expired, its creator still the owner and enabled.

use super::require_mistake;
use crate::accounts::{exists, require_user};
use crate::prelude::*;
use crate::rows::{Cols, ms};
use jiff::Timestamp;
use rebound_domain::{MistakeId, ShareLinkId, TokenHash};
use rebound_store::{GuestSession, NewGuestSession, NewShareLink, ShareLinkInfo, StoreError};

/// Expects aliases `l` (share_links), `m` (mistakes), `u` (users: the
/// creator) and `now` bound as `$2`.
macro_rules! live {
    () => {
        " l.revoked_at IS NULL AND l.expires_at > $2 \
          AND m.owner_id = l.created_by AND u.disabled_at IS NULL "
    };
}

macro_rules! link_columns {
    () => {
        "l.id, l.mistake_id, l.label, l.created_by, l.created_at, l.expires_at, l.revoked_at"
    };
}

impl Cols<'_> {
    fn share_link(&self) -> Result<ShareLinkInfo, StoreError> {
        Ok(ShareLinkInfo {
            id: self.share_link_id("id")?,
            mistake: self.mistake_id("mistake_id")?,
            label: self.opt_text("label")?,
            created_by: self.user_id("created_by")?,
            created_at: self.at("created_at")?,
            expires_at: self.at("expires_at")?,
            revoked_at: self.opt_at("revoked_at")?,
        })
    }
}

pub(crate) async fn create<D: Dialect>(pool: &Pool<D>, l: &NewShareLink) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    require_mistake(&mut tx, &l.mistake).await?;
    require_user(&mut tx, &l.created_by).await?;
    let inserted = query::<D>(
        "INSERT INTO share_links (id, mistake_id, token_hash, label, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING",
    )
    .arg(l.id.as_str())
    .arg(l.mistake.as_str())
    .arg(l.token_hash.as_str())
    .arg(l.label.as_deref())
    .arg(l.created_by.as_str())
    .arg(ms(l.created_at))
    .arg(ms(l.expires_at))
    .run(&mut *tx).await?;
    if inserted == 0 {
        let id_taken = exists(
            &mut tx,
            "SELECT 1 FROM share_links WHERE id = $1",
            l.id.as_str(),
        )
        .await?;
        return Err(StoreError::AlreadyExists {
            what: if id_taken { "share link" } else { "token" },
            id: if id_taken {
                l.id.to_string()
            } else {
                "(hidden)".to_string()
            },
        });
    }
    commit_write(tx).await
}

pub(crate) async fn list<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
) -> Result<Vec<ShareLinkInfo>, StoreError> {
    let rows = query::<D>(concat!(
        "SELECT ",
        link_columns!(),
        " FROM share_links l WHERE l.mistake_id = $1 ORDER BY l.created_at DESC, l.id"
    ))
    .arg(mistake.as_str())
    .all_on(pool)
    .await?;
    rows.iter().map(|r| Cols(r).share_link()).collect()
}

pub(crate) async fn revoke<D: Dialect>(
    pool: &Pool<D>,
    mistake: &MistakeId,
    link: &ShareLinkId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    let done = query::<D>(
        "UPDATE share_links SET revoked_at = COALESCE(revoked_at, $3)
         WHERE id = $1 AND mistake_id = $2",
    )
    .arg(link.as_str())
    .arg(mistake.as_str())
    .arg(ms(at))
    .run(&mut *tx)
    .await?;
    if done == 0 {
        return Err(StoreError::ShareLinkNotFound(link.clone()));
    }
    commit_write(tx).await
}

pub(crate) async fn live<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<ShareLinkInfo>, StoreError> {
    let row = query::<D>(concat!(
        "SELECT ",
        link_columns!(),
        " FROM share_links l JOIN mistakes m ON m.id = l.mistake_id
          JOIN users u ON u.id = l.created_by
          WHERE l.token_hash = $1 AND",
        live!()
    ))
    .arg(token_hash.as_str())
    .arg(ms(now))
    .maybe_on(pool)
    .await?;
    row.map(|r| Cols(&r).share_link()).transpose()
}

pub(crate) async fn create_guest<D: Dialect>(
    pool: &Pool<D>,
    g: &NewGuestSession,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    if !exists(
        &mut tx,
        "SELECT 1 FROM share_links WHERE id = $1",
        g.link.as_str(),
    )
    .await?
    {
        return Err(StoreError::ShareLinkNotFound(g.link.clone()));
    }
    let inserted = query::<D>(
        "INSERT INTO guest_sessions (token_hash, guest_id, link_id, display_name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING",
    )
    .arg(g.token_hash.as_str())
    .arg(g.guest.as_str())
    .arg(g.link.as_str())
    .arg(g.name.as_str())
    .arg(ms(g.created_at))
    .arg(ms(g.expires_at))
    .run(&mut *tx).await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists {
            what: "token",
            id: "(hidden)".to_string(),
        });
    }
    commit_write(tx).await
}

pub(crate) async fn guest<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<GuestSession>, StoreError> {
    let row = query::<D>(concat!(
        "SELECT g.guest_id, g.display_name, g.link_id, l.mistake_id,
                CASE WHEN g.expires_at < l.expires_at THEN g.expires_at
                     ELSE l.expires_at END AS expires_at
         FROM guest_sessions g JOIN share_links l ON l.id = g.link_id
         JOIN mistakes m ON m.id = l.mistake_id
         JOIN users u ON u.id = l.created_by
         WHERE g.token_hash = $1 AND g.expires_at > $2 AND",
        live!()
    ))
    .arg(token_hash.as_str())
    .arg(ms(now))
    .maybe_on(pool)
    .await?;
    row.map(|r| {
        let c = Cols(&r);
        Ok(GuestSession {
            guest: c.guest_id("guest_id")?,
            name: c.display_name("display_name")?,
            link: c.share_link_id("link_id")?,
            mistake: c.mistake_id("mistake_id")?,
            expires_at: c.at("expires_at")?,
        })
    })
    .transpose()
}

pub(crate) async fn end_guest<D: Dialect>(
    pool: &Pool<D>,
    token_hash: &TokenHash,
) -> Result<bool, StoreError> {
    query::<D>("DELETE FROM guest_sessions WHERE token_hash = $1")
        .arg(token_hash.as_str())
        .run_on(pool)
        .await
        .map(|done| done > 0)
}

/// See [`rebound_store::SharingStore::purge_ended_share_links`].
pub(crate) async fn purge<D: Dialect>(
    pool: &Pool<D>,
    now: Timestamp,
    links_ended_before: Timestamp,
) -> Result<u64, StoreError> {
    crate::purge::delete_all(
        pool,
        &[
            (
                "DELETE FROM guest_sessions WHERE expires_at <= $1 OR link_id IN
                    (SELECT id FROM share_links WHERE expires_at <= $1 OR revoked_at IS NOT NULL)",
                now,
            ),
            (
                "DELETE FROM share_links WHERE expires_at < $1 OR revoked_at < $1",
                links_ended_before,
            ),
        ],
    )
    .await
}
