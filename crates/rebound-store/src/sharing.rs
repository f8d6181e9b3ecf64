//! The sharing boundary: stakeholders and the affected list,
//! acknowledgements, comments and votes, share links and the guests who
//! open them, and in-app notifications. Like [`crate::Store`], no SQL or
//! driver type appears here; each backend fills [`SharingStore`].
//!
//! Everything on a mistake is reached *through* the mistake: every method
//! about a comment, a vote, a link or a stakeholder names the mistake too,
//! and a child that exists under another mistake is answered exactly like
//! one that does not exist (`CommentNotFound`, `ShareLinkNotFound`, `false`).
//! Who may call what is the caller's business (the server's guard).
//!
//! Share-link tokens and guest-session tokens never reach this trait: both
//! are stored and found by [`TokenHash`]. Times are kept at millisecond
//! precision, as in [`crate::accounts`].

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::{
    Actor, Author, Comment, CommentBody, CommentId, DisplayName, GuestId, MistakeId,
    NotificationId, NotificationKind, ShareLinkId, TokenHash, UserId,
};

/// A named stakeholder on a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    pub user: UserId,
    pub display_name: DisplayName,
    pub added_at: Timestamp,
    /// When they acknowledged the note; `None` while they have not.
    pub acknowledged_at: Option<Timestamp>,
}

/// Someone (stakeholder or not) who acknowledged a mistake's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    pub user: UserId,
    pub display_name: DisplayName,
    pub at: Timestamp,
}

/// A comment to store. The caller draws `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub id: CommentId,
    pub mistake: MistakeId,
    /// Must be a comment on the same mistake (`CommentNotFound` otherwise).
    pub parent: Option<CommentId>,
    pub author: Author,
    pub body: CommentBody,
    pub created_at: Timestamp,
}

/// A comment as one viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedComment {
    pub comment: Comment,
    /// Whether the viewer has upvoted it.
    pub voted: bool,
}

/// A share link to store. The caller draws `id` (public) and the token
/// (secret, of which only the hash comes here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShareLink {
    pub id: ShareLinkId,
    pub mistake: MistakeId,
    pub token_hash: TokenHash,
    pub label: Option<String>,
    /// The owner of the mistake, who made it.
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A share link as its owner sees it (never with its token hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLinkInfo {
    pub id: ShareLinkId,
    pub mistake: MistakeId,
    pub label: Option<String>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

impl ShareLinkInfo {
    /// Neither revoked nor expired at `now`. (Stores also require the
    /// creator to still own the mistake and be enabled: see
    /// [`SharingStore::live_share_link`].)
    pub fn is_live(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// A guest session to store: the browser holds the token (in a cookie),
/// storage its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGuestSession {
    pub token_hash: TokenHash,
    pub guest: GuestId,
    pub name: DisplayName,
    pub link: ShareLinkId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A live guest session: who, under which name, through which link, on
/// which mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestSession {
    pub guest: GuestId,
    pub name: DisplayName,
    pub link: ShareLinkId,
    pub mistake: MistakeId,
    /// The earlier of the session's and the link's expiry.
    pub expires_at: Timestamp,
}

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: NotificationId,
    pub user: UserId,
    pub mistake: MistakeId,
    pub kind: NotificationKind,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

#[async_trait]
pub trait SharingStore: Send + Sync {
    // ---- stakeholders and the affected list ---------------------------

    /// Names `user` a stakeholder on `mistake` and, in the same
    /// transaction, notifies them (`StakeholderAdded`, id `notification`).
    /// Naming someone again changes nothing and notifies nobody; returns
    /// whether they were newly named. `NotFound` / `UserNotFound` when
    /// either is missing.
    async fn add_stakeholder(
        &self,
        mistake: &MistakeId,
        user: &UserId,
        at: Timestamp,
        notification: &NotificationId,
    ) -> Result<bool, StoreError>;

    /// Returns whether `user` was a stakeholder on `mistake`.
    async fn remove_stakeholder(
        &self,
        mistake: &MistakeId,
        user: &UserId,
    ) -> Result<bool, StoreError>;

    async fn is_stakeholder(&self, mistake: &MistakeId, user: &UserId) -> Result<bool, StoreError>;

    /// The mistakes `user` is a stakeholder on (for listing what they see).
    async fn stakeholder_on(&self, user: &UserId) -> Result<Vec<MistakeId>, StoreError>;

    /// The stakeholders, in the order they were named, with whether and
    /// when each acknowledged.
    async fn stakeholders(&self, mistake: &MistakeId) -> Result<Vec<Stakeholder>, StoreError>;

    /// Replaces the affected list (entries already checked by the domain's
    /// `affected_list`). `NotFound` when the mistake is missing.
    async fn set_affected(&self, mistake: &MistakeId, entries: &[String])
    -> Result<(), StoreError>;

    /// The affected list, in the order given.
    async fn affected(&self, mistake: &MistakeId) -> Result<Vec<String>, StoreError>;

    // ---- acknowledgements ---------------------------------------------

    /// Records that `user` acknowledged `mistake`'s note at `at`. Doing it
    /// again keeps the first time. Returns the stored time and whether this
    /// call recorded it. `NotFound` / `UserNotFound` when either is missing.
    async fn acknowledge(
        &self,
        mistake: &MistakeId,
        user: &UserId,
        at: Timestamp,
    ) -> Result<(Timestamp, bool), StoreError>;

    /// Everyone who acknowledged, earliest first.
    async fn acknowledgements(
        &self,
        mistake: &MistakeId,
    ) -> Result<Vec<Acknowledgement>, StoreError>;

    // ---- comments and votes -------------------------------------------

    /// `NotFound` when the mistake is missing, `CommentNotFound(parent)`
    /// when the parent is not a comment on this same mistake,
    /// `UserNotFound` for a missing account author, `AlreadyExists` when
    /// the id is taken.
    async fn add_comment(&self, comment: &NewComment) -> Result<(), StoreError>;

    /// One comment on `mistake`, as `viewer` sees it. `CommentNotFound`
    /// when there is no such comment on this mistake.
    async fn comment(
        &self,
        mistake: &MistakeId,
        id: &CommentId,
        viewer: &Actor,
    ) -> Result<ListedComment, StoreError>;

    /// Every comment and reply on `mistake`, oldest first, with its score
    /// and whether `viewer` upvoted it.
    async fn comments(
        &self,
        mistake: &MistakeId,
        viewer: &Actor,
    ) -> Result<Vec<ListedComment>, StoreError>;

    /// Replaces the body of a comment `author` wrote, marking it edited at
    /// `at`. `CommentNotFound` when there is no such comment on this
    /// mistake *by this author*: someone else's comment is answered like a
    /// missing one.
    async fn edit_comment(
        &self,
        mistake: &MistakeId,
        id: &CommentId,
        author: &Actor,
        body: &CommentBody,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Upvotes; voting again changes nothing. Returns the score after.
    /// `CommentNotFound` when there is no such comment on this mistake.
    async fn vote(
        &self,
        mistake: &MistakeId,
        comment: &CommentId,
        voter: &Actor,
        at: Timestamp,
    ) -> Result<u32, StoreError>;

    /// Takes an upvote back (none to take changes nothing). Returns the
    /// score after. `CommentNotFound` as for [`SharingStore::vote`].
    async fn unvote(
        &self,
        mistake: &MistakeId,
        comment: &CommentId,
        voter: &Actor,
    ) -> Result<u32, StoreError>;

    // ---- share links and guests ---------------------------------------

    /// `NotFound` / `UserNotFound` when the mistake or the creator is
    /// missing; `AlreadyExists` when the id or the token hash is taken.
    async fn create_share_link(&self, link: &NewShareLink) -> Result<(), StoreError>;

    /// All of `mistake`'s links, revoked and expired ones included, newest first.
    async fn share_links(&self, mistake: &MistakeId) -> Result<Vec<ShareLinkInfo>, StoreError>;

    /// Revokes one of `mistake`'s links at `at` (a revoked one keeps its
    /// first time). `ShareLinkNotFound` when the mistake has no such link.
    async fn revoke_share_link(
        &self,
        mistake: &MistakeId,
        link: &ShareLinkId,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// The link with this token hash if it is live at `now`: not revoked,
    /// not expired (`expires_at > now`), its creator still the mistake's
    /// owner and not disabled. `None` otherwise, whichever the reason.
    async fn live_share_link(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<ShareLinkInfo>, StoreError>;

    /// `ShareLinkNotFound` when the link is missing; `AlreadyExists` when
    /// the token hash is taken.
    async fn create_guest_session(&self, session: &NewGuestSession) -> Result<(), StoreError>;

    /// The guest session with this token hash if it and its link are live
    /// at `now` (as for [`SharingStore::live_share_link`]); `None`
    /// otherwise. Checked on every request, so revoking or expiring a link
    /// ends its guests at once.
    async fn guest_session(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<GuestSession>, StoreError>;

    /// Returns whether there was such a session.
    async fn end_guest_session(&self, token_hash: &TokenHash) -> Result<bool, StoreError>;

    /// Housekeeping: deletes every guest session that has ended at `now`
    /// (its own expiry passed, or its link expired or was revoked), and
    /// every share link that expired or was revoked before
    /// `links_ended_before`, with any guest session still on it. Links
    /// that ended since stay listed for their owner. What guests wrote —
    /// comments under the name they gave, and votes — stays. Returns how
    /// many rows went.
    async fn purge_ended_share_links(
        &self,
        now: Timestamp,
        links_ended_before: Timestamp,
    ) -> Result<u64, StoreError>;

    // ---- notifications ------------------------------------------------

    /// Notifies `user` about `mistake` (`kind`, id `id`, at `at`). Whether
    /// they should hear of it is the caller's business (the guard, which
    /// asks the access policy). `NotFound` / `UserNotFound` when either is
    /// missing, `AlreadyExists` when the id is taken.
    async fn notify(
        &self,
        id: &NotificationId,
        user: &UserId,
        mistake: &MistakeId,
        kind: NotificationKind,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// `user`'s notifications, newest first.
    async fn notifications(&self, user: &UserId) -> Result<Vec<Notification>, StoreError>;

    /// Marks one of `user`'s notifications read at `at` (keeping the first
    /// time). `NotificationNotFound` when `user` has no such notification:
    /// someone else's is answered like a missing one.
    async fn mark_notification_read(
        &self,
        user: &UserId,
        id: &NotificationId,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Marks every unread notification of `user` read at `at`; returns how
    /// many were unread. Nobody else's is touched.
    async fn mark_all_notifications_read(
        &self,
        user: &UserId,
        at: Timestamp,
    ) -> Result<u64, StoreError>;

    /// How many of `user`'s notifications are unread: one count, cheap
    /// enough for every page's header.
    async fn unread_notifications(&self, user: &UserId) -> Result<u64, StoreError>;
}
