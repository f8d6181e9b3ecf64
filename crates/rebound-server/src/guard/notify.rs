//! Telling stakeholders what happened on a mistake they follow. After a
//! save, each change they hear of (`NotificationKind::for_change`: an
//! update posted, the mistake closed) becomes one in-app notification for
//! every stakeholder who may read that part of the mistake at this moment,
//! asked of the access policy like any read: someone removed, disabled, or
//! shut out by a narrowed visibility hears nothing.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::access::{self, Action, Part, Viewer};
use rebound_domain::{Change, Mistake, MistakeId, NotificationId, NotificationKind, UserId};
use rebound_store::StoreError;

impl Guard {
    /// Whether account `user` may do `action` on `part` of mistake `id`
    /// now: what a message is checked against when it is sent. A missing or
    /// disabled account, or a missing mistake, may not.
    pub async fn may(
        &self,
        user: &UserId,
        id: &MistakeId,
        part: Part,
        action: Action,
    ) -> ApiResult<bool> {
        let user = match self.backend.user(user).await {
            Ok(u) if !u.is_disabled() => u,
            Ok(_) | Err(StoreError::UserNotFound(_)) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        let m = match self.backend.get(id).await {
            Ok(m) => m,
            Err(StoreError::NotFound(_)) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        let viewer = Viewer::Account(self.relation(&user, &m).await?);
        Ok(access::allows(viewer, m.visibility, part, action))
    }

    /// The change is saved already, so a failure here is logged rather
    /// than turned into an error for a request that did what it asked.
    pub(super) async fn notify_stakeholders(&self, m: &Mistake, changes: &[Change]) {
        let kinds: Vec<_> = changes
            .iter()
            .filter_map(NotificationKind::for_change)
            .collect();
        if kinds.is_empty() {
            return;
        }
        if let Err(e) = self.notify_readers(m, &kinds).await {
            tracing::warn!(mistake = %m.id, error = ?e, "stakeholders not notified");
        }
    }

    async fn notify_readers(&self, m: &Mistake, kinds: &[NotificationKind]) -> ApiResult<()> {
        let at = self.clock.now();
        for s in self.backend.stakeholders(&m.id).await? {
            let user = match self.backend.user(&s.user).await {
                Ok(u) => u,
                Err(StoreError::UserNotFound(_)) => continue,
                Err(e) => return Err(e.into()),
            };
            if user.is_disabled() {
                continue;
            }
            let viewer = Viewer::Account(self.relation(&user, m).await?);
            for &kind in kinds {
                if access::allows(viewer, m.visibility, part_told_of(kind), Action::Read) {
                    let id = NotificationId::from_random(crate::random::bytes5()?);
                    self.backend.notify(&id, &user.id, &m.id, kind, at).await?;
                }
            }
        }
        Ok(())
    }
}

/// The part of the mistake a notification speaks of.
fn part_told_of(kind: NotificationKind) -> Part {
    match kind {
        NotificationKind::UpdatePosted => Part::Updates,
        NotificationKind::StakeholderAdded | NotificationKind::Closed => Part::Record,
    }
}
