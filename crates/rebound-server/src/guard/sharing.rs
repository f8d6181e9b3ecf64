//! What the guard keeps beside mistakes: notifications (filtered by what
//! their reader may still see), live share links and guest sessions.

use super::Guard;
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, Viewer};
use rebound_domain::{Mistake, MistakeId, NotificationId, TokenHash, User};
use rebound_store::{GuestSession, NewGuestSession, Notification, ShareLinkInfo, StoreError};
use std::collections::HashMap;

impl Guard {
    /// `user`'s notifications about mistakes they may still read: one they
    /// can no longer see (removed as stakeholder, visibility narrowed) drops
    /// out of the list on the next request.
    pub async fn notifications(&self, user: &User) -> ApiResult<Vec<(Notification, Mistake)>> {
        let mut readable: HashMap<MistakeId, Option<Mistake>> = HashMap::new();
        let mut out = Vec::new();
        for n in self.backend.notifications(&user.id).await? {
            if !readable.contains_key(&n.mistake) {
                let m = match self.backend.get(&n.mistake).await {
                    Ok(m) => {
                        let rel = self.relation(user, &m).await?;
                        let viewer = Viewer::Account(rel);
                        access::allows(viewer, m.visibility, Part::Record, Action::Read)
                            .then_some(m)
                    }
                    Err(StoreError::NotFound(_)) => None,
                    Err(e) => return Err(e.into()),
                };
                readable.insert(n.mistake.clone(), m);
            }
            if let Some(Some(m)) = readable.get(&n.mistake) {
                out.push((n, m.clone()));
            }
        }
        Ok(out)
    }

    pub async fn mark_notification_read(
        &self,
        user: &User,
        id: &NotificationId,
        at: Timestamp,
    ) -> ApiResult<()> {
        Ok(self
            .backend
            .mark_notification_read(&user.id, id, at)
            .await?)
    }

    /// Marks every one of `user`'s notifications read, those about
    /// mistakes they can no longer read included (the header counts them).
    pub async fn mark_all_notifications_read(&self, user: &User, at: Timestamp) -> ApiResult<u64> {
        Ok(self
            .backend
            .mark_all_notifications_read(&user.id, at)
            .await?)
    }

    /// How many of `user`'s notifications are unread: one count for the
    /// page header, without reading the mistakes (the list filters those).
    /// How many of `user`'s notifications are unread, counting only those
    /// about mistakes they may still read (a count must not tell of one
    /// they lost access to). None unread, the usual case, is one count.
    pub async fn unread_notifications(&self, user: &User) -> ApiResult<u64> {
        if self.backend.unread_notifications(&user.id).await? == 0 {
            return Ok(0);
        }
        let listed = self.notifications(user).await?;
        Ok(listed.iter().filter(|(n, _)| n.read_at.is_none()).count() as u64)
    }

    /// The share link with this token, if it is live now; 404 otherwise,
    /// whichever the reason.
    pub async fn live_link(&self, token: &TokenHash) -> ApiResult<ShareLinkInfo> {
        self.backend
            .live_share_link(token, self.clock.now())
            .await?
            .ok_or_else(ApiError::not_found)
    }

    pub async fn start_guest_session(&self, s: &NewGuestSession) -> ApiResult<()> {
        Ok(self.backend.create_guest_session(s).await?)
    }

    /// The live guest session with this token hash, if any.
    pub async fn guest_session(&self, hash: &TokenHash) -> ApiResult<Option<GuestSession>> {
        Ok(self.backend.guest_session(hash, self.clock.now()).await?)
    }

    pub async fn end_guest_session(&self, hash: &TokenHash) -> ApiResult<()> {
        self.backend.end_guest_session(hash).await?;
        Ok(())
    }
}
