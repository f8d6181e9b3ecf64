//! What the guard hands out: one mistake, opened for one viewer. Every
//! method asks `access::allows` for its own part and action before it
//! reads or writes, and names this mistake to the store, so a child id
//! (comment, link, stakeholder) from elsewhere finds nothing.
//!
//! Saving the mistake itself exists only here ([`Granted::save`]), and a
//! `Granted` is made only by the guard after the policy allowed the part
//! and action it was opened for (its fields are private): so no write
//! reaches the store without a grant for it, by type rather than by habit.

use super::Guard;
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, Viewer};
use rebound_domain::{
    Actor, Author, Change, FollowUpNote, Mistake, NotificationId, NotificationKind, ProgressUpdate,
    ShareLinkId, TokenHash, UserId,
};
use rebound_store::{
    Acknowledgement, Effects, NewMessage, NewShareLink, ShareLinkInfo, Stakeholder, StoreError,
};
use std::future::Future;

mod comments;
mod delete;
mod updates;

pub struct Granted {
    /// The guard that granted it (its stores, audit sink and clock).
    guard: Guard,
    viewer: Viewer,
    author: Author,
    mistake: Mistake,
    /// What the policy allowed when this was opened; `save` needs a write.
    opened_for: (Part, Action),
}

impl Granted {
    pub(super) fn new(
        guard: Guard,
        viewer: Viewer,
        author: Author,
        mistake: Mistake,
        opened_for: (Part, Action),
    ) -> Self {
        Granted {
            guard,
            viewer,
            author,
            mistake,
            opened_for,
        }
    }

    /// Changes the mistake in memory with `f` (which returns the appended
    /// rows; refusing leaves everything as it was), saves it with the
    /// version check, its audit event, and what the stakeholders who may
    /// read it hear of (`notify.rs`), all in one transaction. Only a grant opened for a write on a part kept in
    /// the mistake itself saves; one opened to read, or for a part stored
    /// apart (a comment, a vote, a link), is refused like any "no": 404.
    pub async fn save<F>(self, f: F) -> ApiResult<Mistake>
    where
        F: FnOnce(&mut Mistake) -> ApiResult<Vec<Change>>,
    {
        self.save_sending(|m| Ok((f(m)?, Vec::new()))).await
    }

    /// [`Granted::save`], queuing the messages `f` returns in the save's
    /// own transaction: sent exactly when the change is stored.
    pub async fn save_sending<F>(mut self, f: F) -> ApiResult<Mistake>
    where
        F: FnOnce(&mut Mistake) -> ApiResult<(Vec<Change>, Vec<NewMessage>)>,
    {
        if !saves_the_mistake(self.opened_for) {
            return Err(ApiError::not_found());
        }
        let (changes, mut messages) = f(&mut self.mistake)?;
        let (part, action) = self.opened_for;
        let (notifications, mail) = self.guard.notices(&self.mistake, &changes).await?;
        messages.extend(mail);
        let jobs = self
            .guard
            .reminder_for(&self.mistake)
            .await?
            .into_iter()
            .collect();
        let caused = Effects {
            outbox: messages,
            notifications,
            jobs,
            ..Effects::default()
        };
        let save = self.guard.backend.save(&self.mistake, &changes);
        self.done_sending(part, action, caused, save).await
    }

    /// Asks the policy for one more part or action (audited); a "no" is 404.
    pub fn require(&self, part: Part, action: Action) -> ApiResult<()> {
        self.check(part, action)
    }

    /// Asks the policy; a "no" is 404. An allowed read is audited here; a
    /// write by the method that does it, in the write's transaction.
    fn check(&self, part: Part, action: Action) -> ApiResult<()> {
        if access::allows(self.viewer, self.mistake.visibility, part, action) {
            if action == Action::Read {
                self.guard
                    .audit
                    .mistake(&self.actor(), &self.mistake, part, action);
            }
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }

    /// Runs the store write `write` carrying its event (`action` on `part`
    /// by this viewer): the event commits with the change, or neither does.
    async fn done<T>(
        &self,
        part: Part,
        action: Action,
        write: impl Future<Output = Result<T, StoreError>>,
    ) -> ApiResult<T> {
        self.done_sending(part, action, Default::default(), write)
            .await
    }

    /// [`Granted::done`], carrying what the change causes too (its
    /// notifications, messages and jobs); the worker is woken for them.
    async fn done_sending<T>(
        &self,
        part: Part,
        action: Action,
        mut caused: Effects,
        write: impl Future<Output = Result<T, StoreError>>,
    ) -> ApiResult<T> {
        let actor = self.actor();
        let event = (self.guard.audit).mistake_event(&actor, &self.mistake.id, part, action);
        let queued = !caused.outbox.is_empty() || !caused.jobs.is_empty();
        caused.audit.push(event);
        let done = self.guard.audit.carrying_effects(caused, write).await?;
        if queued {
            self.guard.delivery_due.notify_one();
        }
        Ok(done)
    }

    pub fn mistake(&self) -> &Mistake {
        &self.mistake
    }

    pub fn into_mistake(self) -> Mistake {
        self.mistake
    }

    /// Who is acting: their votes and comments are keyed by this.
    pub fn actor(&self) -> Actor {
        super::acting(&self.author)
    }

    pub fn is_guest(&self) -> bool {
        self.viewer == Viewer::Guest
    }

    /// The owner's time zone, for a reader with none of their own (a guest
    /// before the browser has said): times shown in it, named. A zone name
    /// is no part of the record, so whoever may read the part this was
    /// opened for may have it, with no event of its own: the read that
    /// opened it is the one audited.
    pub async fn owner_time_zone(&self) -> ApiResult<Option<String>> {
        let (part, _) = self.opened_for;
        if !access::allows(self.viewer, self.mistake.visibility, part, Action::Read) {
            return Err(ApiError::not_found());
        }
        let Some(owner) = &self.mistake.owner else {
            return Ok(None);
        };
        match self.guard.backend.user(owner).await {
            Ok(u) => Ok(Some(u.time_zone)),
            Err(StoreError::RecordNotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    // ---- the shared parts ---------------------------------------------

    pub fn note(&self) -> ApiResult<&FollowUpNote> {
        self.check(Part::Note, Action::Read)?;
        Ok(&self.mistake.note)
    }

    pub fn updates(&self) -> ApiResult<&[ProgressUpdate]> {
        self.check(Part::Updates, Action::Read)?;
        Ok(&self.mistake.updates)
    }

    // ---- stakeholders and the affected list ---------------------------

    pub async fn stakeholders(&self) -> ApiResult<Vec<Stakeholder>> {
        self.check(Part::Sharing, Action::Read)?;
        Ok(self.guard.backend.stakeholders(&self.mistake.id).await?)
    }

    pub async fn affected(&self) -> ApiResult<Vec<String>> {
        self.check(Part::Sharing, Action::Read)?;
        Ok(self.guard.backend.affected(&self.mistake.id).await?)
    }

    /// Names `user` a stakeholder (notifying them); returns whether they
    /// were newly named.
    pub async fn add_stakeholder(&self, user: &UserId, at: Timestamp) -> ApiResult<bool> {
        self.check(Part::Sharing, Action::Change)?;
        if self.mistake.owner.as_ref() == Some(user) {
            return Err(ApiError::unprocessable(
                "you own this mistake: name someone else as a stakeholder",
            ));
        }
        let named = self.guard.backend.user(user).await?;
        if named.is_disabled() {
            return Err(ApiError::unprocessable(
                "that account is disabled: it cannot be a stakeholder",
            ));
        }
        let kind = NotificationKind::StakeholderAdded;
        let mail = self.guard.notice_mail(&self.mistake, &named, kind).await?;
        let notification = NotificationId::from_random(crate::random::bytes5()?);
        let add = (self.guard.backend).add_stakeholder(&self.mistake.id, user, at, &notification);
        let caused = Effects {
            outbox: mail.into_iter().collect(),
            ..Effects::default()
        };
        self.done_sending(Part::Sharing, Action::Change, caused, add)
            .await
    }

    /// 404 when `user` is not a stakeholder on this mistake.
    pub async fn remove_stakeholder(&self, user: &UserId) -> ApiResult<()> {
        self.check(Part::Sharing, Action::Change)?;
        // Nobody removed: the store drops the event with the no-op.
        let remove = self
            .guard
            .backend
            .remove_stakeholder(&self.mistake.id, user);
        if self.done(Part::Sharing, Action::Change, remove).await? {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }

    pub async fn set_affected(&self, entries: &[String]) -> ApiResult<()> {
        self.check(Part::Sharing, Action::Change)?;
        let set = self.guard.backend.set_affected(&self.mistake.id, entries);
        self.done(Part::Sharing, Action::Change, set).await
    }

    // ---- acknowledgements ---------------------------------------------

    /// The stored time and whether this call recorded it.
    pub async fn acknowledge(&self, at: Timestamp) -> ApiResult<(Timestamp, bool)> {
        self.check(Part::Acknowledgements, Action::Create)?;
        let Author::Account(user) = &self.author else {
            return Err(ApiError::not_found());
        };
        let ack = self.guard.backend.acknowledge(&self.mistake.id, user, at);
        self.done(Part::Acknowledgements, Action::Create, ack).await
    }

    pub async fn acknowledgements(&self) -> ApiResult<Vec<Acknowledgement>> {
        self.check(Part::Acknowledgements, Action::Read)?;
        Ok(self
            .guard
            .backend
            .acknowledgements(&self.mistake.id)
            .await?)
    }

    // ---- share links --------------------------------------------------

    pub async fn share_links(&self) -> ApiResult<Vec<ShareLinkInfo>> {
        self.check(Part::ShareLinks, Action::Read)?;
        Ok(self.guard.backend.share_links(&self.mistake.id).await?)
    }

    pub async fn create_share_link(
        &self,
        token_hash: TokenHash,
        label: Option<String>,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> ApiResult<ShareLinkInfo> {
        self.check(Part::ShareLinks, Action::Create)?;
        let Author::Account(user) = &self.author else {
            return Err(ApiError::not_found());
        };
        let link = NewShareLink {
            id: ShareLinkId::from_random(crate::random::bytes5()?),
            mistake: self.mistake.id.clone(),
            token_hash,
            label,
            created_by: user.clone(),
            created_at: at,
            expires_at,
        };
        let create = self.guard.backend.create_share_link(&link);
        self.done(Part::ShareLinks, Action::Create, create).await?;
        Ok(ShareLinkInfo {
            id: link.id,
            mistake: link.mistake,
            label: link.label,
            created_by: link.created_by,
            created_at: link.created_at,
            expires_at: link.expires_at,
            revoked_at: None,
        })
    }

    /// 404 when the link is not one of this mistake's.
    pub async fn revoke_share_link(&self, link: &ShareLinkId, at: Timestamp) -> ApiResult<()> {
        self.check(Part::ShareLinks, Action::Change)?;
        let revoke = (self.guard.backend).revoke_share_link(&self.mistake.id, link, at);
        self.done(Part::ShareLinks, Action::Change, revoke).await
    }
}

/// Whether a grant for `part` and `action` may write the mistake itself:
/// a write on the record, its note, its updates, or its visibility.
fn saves_the_mistake((part, action): (Part, Action)) -> bool {
    // A grant to delete deletes (`Granted::delete`); it saves nothing.
    !matches!(action, Action::Read | Action::Delete)
        && matches!(
            part,
            Part::Record | Part::Note | Part::Updates | Part::Sharing
        )
}

#[cfg(test)]
#[path = "granted_tests.rs"]
mod tests;
