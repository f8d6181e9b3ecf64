//! [`SharingStore`]: one file per part (stakeholders,
//! the affected list and acknowledgements; comments and votes; share links
//! and guests; notifications), and here the trait's wiring and what the
//! parts share.
//!
//! Every statement about a child names its mistake too (`WHERE id = … AND
//! mistake_id = …`), so a child id under the wrong mistake finds nothing.
//!
//! With several servers on the database, what must not double is decided
//! by the database: naming a stakeholder, acknowledging and voting insert
//! `ON CONFLICT DO NOTHING` (a racing twin waits, then does nothing, so one
//! notification and one vote), a score moves in the vote's transaction
//! under the comment's row lock, and replacing the affected list first
//! locks its mistake's row.

use crate::prelude::*;
pub mod comments;
pub mod links;
pub mod notifications;
pub mod stakeholders;

use crate::accounts::exists;
use crate::rows::{Cols, corrupt};
use crate::{HotPaths, SqlStore};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::{
    Actor, CommentBody, CommentId, DisplayName, GuestId, MistakeId, NotificationId,
    NotificationKind, ShareLinkId, TokenHash, UserId,
};
use rebound_store::{
    Acknowledgement, GuestSession, ListedComment, NewComment, NewGuestSession, NewShareLink,
    Notification, ShareLinkInfo, SharingStore, Stakeholder, StoreError,
};

pub(crate) async fn require_mistake<D: Dialect>(
    conn: &mut Tx<D>,
    mistake: &MistakeId,
) -> Result<(), StoreError> {
    if exists(
        conn,
        "SELECT 1 FROM mistakes WHERE id = $1",
        mistake.as_str(),
    )
    .await?
    {
        Ok(())
    } else {
        Err(StoreError::NotFound(mistake.clone()))
    }
}

/// How an actor sits in `(voter_kind, voter_id)` columns.
pub(crate) fn actor_columns(actor: &Actor) -> (&'static str, &str) {
    match actor {
        Actor::Account(u) => ("user", u.as_str()),
        Actor::Guest(g) => ("guest", g.as_str()),
    }
}

macro_rules! id_decoder {
    ($fn:ident, $opt:ident, $ty:ty) => {
        pub fn $fn(&self, column: &'static str) -> Result<$ty, StoreError> {
            let v = self.text(column)?;
            <$ty>::parse(&v).map_err(|_| corrupt(column, v))
        }

        #[allow(dead_code)]
        pub fn $opt(&self, column: &'static str) -> Result<Option<$ty>, StoreError> {
            self.opt_text(column)?
                .map(|v| <$ty>::parse(&v).map_err(|_| corrupt(column, v)))
                .transpose()
        }
    };
}

impl Cols<'_> {
    id_decoder!(mistake_id, opt_mistake_id, MistakeId);
    id_decoder!(comment_id, opt_comment_id, CommentId);
    id_decoder!(share_link_id, opt_share_link_id, ShareLinkId);
    id_decoder!(guest_id, opt_guest_id, GuestId);
    id_decoder!(notification_id, opt_notification_id, NotificationId);

    pub fn display_name(&self, column: &'static str) -> Result<DisplayName, StoreError> {
        let v = self.text(column)?;
        match DisplayName::parse(&v) {
            Ok(n) if n.as_str() == v => Ok(n),
            _ => Err(corrupt(column, v)),
        }
    }
}

/// Sharing: each method is one function in the files above.
#[async_trait]
impl<D: Dialect, H: HotPaths<D>> SharingStore for SqlStore<D, H> {
    async fn add_stakeholder(
        &self,
        mistake: &MistakeId,
        user: &UserId,
        at: Timestamp,
        notification: &NotificationId,
    ) -> Result<bool, StoreError> {
        stakeholders::add(&self.pool, mistake, user, at, notification).await
    }

    async fn remove_stakeholder(
        &self,
        mistake: &MistakeId,
        user: &UserId,
    ) -> Result<bool, StoreError> {
        stakeholders::remove(&self.pool, mistake, user).await
    }

    async fn is_stakeholder(&self, mistake: &MistakeId, user: &UserId) -> Result<bool, StoreError> {
        self.hot.is_stakeholder(mistake, user).await
    }

    async fn stakeholder_on(&self, user: &UserId) -> Result<Vec<MistakeId>, StoreError> {
        stakeholders::stakeholder_on(&self.pool, user).await
    }

    async fn stakeholders(&self, mistake: &MistakeId) -> Result<Vec<Stakeholder>, StoreError> {
        stakeholders::list(&self.pool, mistake).await
    }

    async fn set_affected(
        &self,
        mistake: &MistakeId,
        entries: &[String],
    ) -> Result<(), StoreError> {
        stakeholders::set_affected(&self.pool, mistake, entries).await
    }

    async fn affected(&self, mistake: &MistakeId) -> Result<Vec<String>, StoreError> {
        stakeholders::affected(&self.pool, mistake).await
    }

    async fn acknowledge(
        &self,
        mistake: &MistakeId,
        user: &UserId,
        at: Timestamp,
    ) -> Result<(Timestamp, bool), StoreError> {
        stakeholders::acknowledge(&self.pool, mistake, user, at).await
    }

    async fn acknowledgements(
        &self,
        mistake: &MistakeId,
    ) -> Result<Vec<Acknowledgement>, StoreError> {
        stakeholders::acknowledgements(&self.pool, mistake).await
    }

    async fn add_comment(&self, comment: &NewComment) -> Result<(), StoreError> {
        comments::add(&self.pool, comment).await
    }

    async fn comment(
        &self,
        mistake: &MistakeId,
        id: &CommentId,
        viewer: &Actor,
    ) -> Result<ListedComment, StoreError> {
        comments::list(&self.pool, mistake, Some(id), viewer)
            .await?
            .pop()
            .ok_or_else(|| StoreError::CommentNotFound(id.clone()))
    }

    async fn comments(
        &self,
        mistake: &MistakeId,
        viewer: &Actor,
    ) -> Result<Vec<ListedComment>, StoreError> {
        comments::list(&self.pool, mistake, None, viewer).await
    }

    async fn edit_comment(
        &self,
        mistake: &MistakeId,
        id: &CommentId,
        author: &Actor,
        body: &CommentBody,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        comments::edit(&self.pool, mistake, id, author, body, at).await
    }

    async fn vote(
        &self,
        mistake: &MistakeId,
        comment: &CommentId,
        voter: &Actor,
        at: Timestamp,
    ) -> Result<u32, StoreError> {
        comments::vote(&self.pool, mistake, comment, voter, Some(at)).await
    }

    async fn unvote(
        &self,
        mistake: &MistakeId,
        comment: &CommentId,
        voter: &Actor,
    ) -> Result<u32, StoreError> {
        comments::vote(&self.pool, mistake, comment, voter, None).await
    }

    async fn create_share_link(&self, link: &NewShareLink) -> Result<(), StoreError> {
        links::create(&self.pool, link).await
    }

    async fn share_links(&self, mistake: &MistakeId) -> Result<Vec<ShareLinkInfo>, StoreError> {
        links::list(&self.pool, mistake).await
    }

    async fn revoke_share_link(
        &self,
        mistake: &MistakeId,
        link: &ShareLinkId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        links::revoke(&self.pool, mistake, link, at).await
    }

    async fn live_share_link(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<ShareLinkInfo>, StoreError> {
        links::live(&self.pool, token_hash, now).await
    }

    async fn create_guest_session(&self, session: &NewGuestSession) -> Result<(), StoreError> {
        links::create_guest(&self.pool, session).await
    }

    async fn guest_session(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<GuestSession>, StoreError> {
        links::guest(&self.pool, token_hash, now).await
    }

    async fn end_guest_session(&self, token_hash: &TokenHash) -> Result<bool, StoreError> {
        links::end_guest(&self.pool, token_hash).await
    }

    async fn purge_ended_share_links(
        &self,
        now: Timestamp,
        links_ended_before: Timestamp,
    ) -> Result<u64, StoreError> {
        links::purge(&self.pool, now, links_ended_before).await
    }

    async fn notify(
        &self,
        id: &NotificationId,
        user: &UserId,
        mistake: &MistakeId,
        kind: NotificationKind,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        notifications::notify(&self.pool, id, user, mistake, kind, at).await
    }

    async fn notifications(&self, user: &UserId) -> Result<Vec<Notification>, StoreError> {
        notifications::list(&self.pool, user).await
    }

    async fn mark_notification_read(
        &self,
        user: &UserId,
        id: &NotificationId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        notifications::mark_read(&self.pool, user, id, at).await
    }

    async fn mark_all_notifications_read(
        &self,
        user: &UserId,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        notifications::mark_all_read(&self.pool, user, at).await
    }

    async fn unread_notifications(&self, user: &UserId) -> Result<u64, StoreError> {
        notifications::unread(&self.pool, user).await
    }
}
