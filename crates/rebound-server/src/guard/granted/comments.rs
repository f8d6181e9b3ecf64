//! Comments and votes on the mistake a grant opened. A reply tells the
//! author of the comment it answers, by email if they want it, composed
//! when sent from what they may read then (`delivery::queue::reply`).

use super::Granted;
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::{Author, CommentBody, CommentId};
use rebound_store::{Effects, ListedComment, NewComment, NewMessage, StoreError};

impl Granted {
    /// Every comment with its score (so votes are read too).
    pub async fn comments(&self) -> ApiResult<Vec<ListedComment>> {
        self.check(Part::Comments, Action::Read)?;
        self.check(Part::Votes, Action::Read)?;
        Ok(self
            .guard
            .backend
            .comments(&self.mistake.id, &self.actor())
            .await?)
    }

    pub async fn comment(&self, id: &CommentId) -> ApiResult<ListedComment> {
        self.check(Part::Comments, Action::Read)?;
        self.check(Part::Votes, Action::Read)?;
        Ok(self
            .guard
            .backend
            .comment(&self.mistake.id, id, &self.actor())
            .await?)
    }

    /// Adds a comment or (with `parent`, a comment on this mistake) a reply.
    pub async fn add_comment(
        &self,
        parent: Option<CommentId>,
        body: CommentBody,
        at: Timestamp,
    ) -> ApiResult<ListedComment> {
        self.check(Part::Comments, Action::Create)?;
        let id = CommentId::from_random(crate::random::bytes5()?);
        let comment = NewComment {
            id: id.clone(),
            mistake: self.mistake.id.clone(),
            parent,
            author: self.author.clone(),
            body,
            created_at: at,
        };
        let reply = self.reply_mail(comment.parent.as_ref()).await?;
        let caused = Effects {
            outbox: reply,
            ..Effects::default()
        };
        let add = self.guard.backend.add_comment(&comment);
        self.done_sending(Part::Comments, Action::Create, caused, add)
            .await?;
        Ok(self
            .guard
            .backend
            .comment(&self.mistake.id, &id, &self.actor())
            .await?)
    }

    /// Edits a comment the viewer wrote; anyone else's answers 404.
    pub async fn edit_comment(
        &self,
        id: &CommentId,
        body: CommentBody,
        at: Timestamp,
    ) -> ApiResult<ListedComment> {
        self.check(Part::Comments, Action::Change)?;
        let actor = self.actor();
        let edit = (self.guard.backend).edit_comment(&self.mistake.id, id, &actor, &body, at);
        self.done(Part::Comments, Action::Change, edit).await?;
        Ok(self
            .guard
            .backend
            .comment(&self.mistake.id, id, &self.actor())
            .await?)
    }

    /// Upvotes (once per person); returns the score.
    pub async fn vote(&self, comment: &CommentId, at: Timestamp) -> ApiResult<u32> {
        self.check(Part::Votes, Action::Create)?;
        let actor = self.actor();
        // An upvote says someone else found it useful: not one's own.
        // (A comment not here is the store's 404, as before.)
        if let Ok(c) = (self.guard.backend)
            .comment(&self.mistake.id, comment, &actor)
            .await
            && c.comment.author.actor().as_ref() == Some(&actor)
        {
            return Err(ApiError::unprocessable(
                "you cannot upvote your own comment",
            ));
        }
        let vote = (self.guard.backend).vote(&self.mistake.id, comment, &actor, at);
        self.done(Part::Votes, Action::Create, vote).await
    }

    /// Takes the viewer's own upvote back; returns the score.
    pub async fn unvote(&self, comment: &CommentId) -> ApiResult<u32> {
        self.check(Part::Votes, Action::Change)?;
        let actor = self.actor();
        let unvote = (self.guard.backend).unvote(&self.mistake.id, comment, &actor);
        self.done(Part::Votes, Action::Change, unvote).await
    }

    /// The messages to the author of `parent` (an account, not the replier),
    /// when there is one to send.
    async fn reply_mail(&self, parent: Option<&CommentId>) -> ApiResult<Vec<NewMessage>> {
        let Some(parent) = parent else {
            return Ok(Vec::new());
        };
        let answered = match self
            .guard
            .backend
            .comment(&self.mistake.id, parent, &self.actor())
            .await
        {
            Ok(c) => c.comment,
            // The store refuses a reply to a comment that is not here.
            Err(StoreError::CommentNotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let Author::Account(to) = &answered.author else {
            return Ok(Vec::new());
        };
        if matches!(&self.author, Author::Account(me) if me == to) {
            return Ok(Vec::new());
        }
        let user = match self.guard.backend.user(to).await {
            Ok(u) if !u.is_disabled() => u,
            _ => return Ok(Vec::new()),
        };
        let (chosen, hook) = self.guard.channels_of(&user).await?;
        let now = self.guard.clock.now();
        let channels = (chosen.as_slice(), hook.as_deref());
        Ok(self
            .guard
            .delivery
            .reply(channels, &user, &self.mistake, parent, now))
    }
}
