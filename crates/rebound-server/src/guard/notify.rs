//! Telling stakeholders what happened on a mistake they follow. Each
//! change they hear of (`NotificationKind::for_change`: an update posted,
//! the mistake closed; being named, in `Granted::add_stakeholder`) becomes
//! an in-app notification and, where they want one, an email, for every
//! stakeholder who may read that part of the mistake at this moment,
//! asked of the access policy like any read: someone removed, disabled, or
//! shut out by a narrowed visibility hears nothing. Both are stored in the
//! change's own transaction; the email is checked again when it is sent.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::access::{self, Action, Part, Viewer};
use rebound_domain::{Change, Mistake, MistakeId, NotificationId, NotificationKind, User, UserId};
use rebound_store::{NewJob, NewMessage, NewNotification, StoreError};

impl Guard {
    /// The account `user` and mistake `id` as they are now, when that
    /// account may do `action` on `part` of it: what a message is checked
    /// against when it is sent. A missing or disabled account, or a
    /// missing mistake, may not.
    pub async fn readable(
        &self,
        user: &UserId,
        id: &MistakeId,
        part: Part,
        action: Action,
    ) -> ApiResult<Option<(User, Mistake)>> {
        let user = match self.backend.user(user).await {
            Ok(u) if !u.is_disabled() => u,
            Ok(_) | Err(StoreError::UserNotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let m = match self.backend.get(id).await {
            Ok(m) => m,
            Err(StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let viewer = Viewer::Account(self.relation(&user, &m).await?);
        let allowed = access::allows(viewer, m.visibility, part, action);
        Ok(allowed.then_some((user, m)))
    }

    /// What `changes` to `m` (as it will be saved) tell its stakeholders:
    /// in-app notifications and emails, to store with the change.
    pub(super) async fn notices(
        &self,
        m: &Mistake,
        changes: &[Change],
    ) -> ApiResult<(Vec<NewNotification>, Vec<NewMessage>)> {
        let kinds: Vec<_> = changes
            .iter()
            .filter_map(NotificationKind::for_change)
            .collect();
        let (mut notes, mut mail) = (Vec::new(), Vec::new());
        if kinds.is_empty() {
            return Ok((notes, mail));
        }
        let now = self.clock.now();
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
            for &kind in &kinds {
                if access::allows(viewer, m.visibility, part_told_of(kind), Action::Read) {
                    notes.push(NewNotification {
                        id: NotificationId::from_random(crate::random::bytes5()?),
                        user: user.id.clone(),
                        mistake: m.id.clone(),
                        kind,
                        at: now,
                    });
                    mail.extend(self.notice_mail(m, &user, kind).await?);
                }
            }
        }
        Ok((notes, mail))
    }

    /// The reminder job for `m` as it is about to be stored, by its owner's
    /// zone and working hours (none for a mistake without an owner here).
    pub(super) async fn reminder_for(&self, m: &Mistake) -> ApiResult<Option<NewJob>> {
        let Some(owner) = &m.owner else {
            return Ok(None);
        };
        let owner = match self.backend.user(owner).await {
            Ok(u) => u,
            Err(StoreError::UserNotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(crate::delivery::reminder_job(&owner, m))
    }

    /// The messages telling `user` of `kind` on `m`, by the channels they
    /// want; composed when sent, from what they may read then.
    pub(super) async fn notice_mail(
        &self,
        m: &Mistake,
        user: &User,
        kind: NotificationKind,
    ) -> ApiResult<Vec<NewMessage>> {
        let (chosen, hook) = self.channels_of(user).await?;
        let now = self.clock.now();
        Ok(self
            .delivery
            .notice((&chosen, hook.as_deref()), user, m, kind, now))
    }

    /// What `user` chose to receive, and their chat webhook's id if any.
    pub(super) async fn channels_of(
        &self,
        user: &User,
    ) -> ApiResult<(Vec<rebound_domain::delivery::Preference>, Option<String>)> {
        let chosen = self.backend.preferences(&user.id).await?;
        let owner = rebound_store::WebhookOwner::User(user.id.clone());
        let hook = self.backend.webhook(&owner).await?.map(|w| w.id);
        Ok((chosen, hook))
    }
}

/// The part of the mistake a notification speaks of.
pub fn part_told_of(kind: NotificationKind) -> Part {
    match kind {
        NotificationKind::UpdatePosted => Part::Updates,
        NotificationKind::StakeholderAdded | NotificationKind::Closed => Part::Record,
    }
}
