//! The accounts boundary: people, their sessions and API tokens, teams,
//! invitations and sign-in throttling. Like [`crate::Store`], no SQL or
//! driver type appears here; each backend fills [`AccountStore`] with its own.
//!
//! Secrets never reach this trait: sessions, API tokens and invitations are
//! stored and found by [`TokenHash`] (the SHA-256 of the token), and
//! passwords arrive already hashed (a PHC string).
//!
//! Times are kept at millisecond precision; pass times at that precision to
//! get them back unchanged. Something that is missing is an error naming
//! what (`UserNotFound`, …), except where the method is a lookup by secret
//! (`session_user`, `token_user`, `take_invitation`, `user_by_email`): there
//! `None` means "no such live thing", which callers answer as a failed
//! sign-in without saying why.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::{
    ApiTokenId, DisplayName, Email, Role, SessionId, Team, TeamId, TokenHash, User, UserId,
    WorkingHours,
};

/// What a person may change about themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub display_name: DisplayName,
    /// An IANA time zone name, already checked by the caller.
    pub time_zone: String,
    pub working_hours: Option<WorkingHours>,
}

/// A session to store. The caller draws `id` (public, shown in "my
/// sessions") and the token (secret, of which only the hash comes here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id: SessionId,
    pub token_hash: TokenHash,
    pub user: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// As the browser sent it; the caller trims it to a sensible length.
    pub user_agent: Option<String>,
}

/// A session as its owner sees it (never with its token hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub id: SessionId,
    pub user: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// `created_at` until the first [`AccountStore::touch_session`].
    pub last_seen_at: Timestamp,
    pub user_agent: Option<String>,
}

/// An API token to store. The caller draws `id` and the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub id: ApiTokenId,
    pub token_hash: TokenHash,
    pub user: UserId,
    /// What the person called it ("laptop CLI").
    pub name: String,
    pub created_at: Timestamp,
    /// `None`: until revoked.
    pub expires_at: Option<Timestamp>,
}

/// An API token as its owner sees it (never with its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenInfo {
    pub id: ApiTokenId,
    pub user: UserId,
    pub name: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// An invitation to create an account, found by the hash of the token in
/// the invitation link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub token_hash: TokenHash,
    pub email: Email,
    pub role: Role,
    /// Who will manage the new account.
    pub manager: Option<UserId>,
    /// The team the new account joins.
    pub team: Option<TeamId>,
    pub invited_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    // ---- people -------------------------------------------------------

    /// Stores a new account. `EmailTaken` if another account has the
    /// email, `AlreadyExists` if the id is taken, `UserNotFound` if the
    /// manager does not exist, `AccountRule` if the user is their own manager.
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError>;

    /// First-run setup: stores the account only if there is no account at
    /// all, atomically (two servers racing through setup make one admin).
    /// Returns whether it was stored.
    async fn create_first_user(&self, user: &User, password_hash: &str)
    -> Result<bool, StoreError>;

    async fn user(&self, id: &UserId) -> Result<User, StoreError>;

    /// The account with this email and its password hash (a PHC string),
    /// disabled or not.
    async fn user_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError>;

    /// Every account, disabled ones included, ordered by email.
    async fn list_users(&self) -> Result<Vec<User>, StoreError>;

    /// Every account, disabled ones included (first-run setup checks 0).
    async fn count_users(&self) -> Result<u64, StoreError>;

    /// The accounts `manager` manages directly, ordered by email.
    async fn reports_of(&self, manager: &UserId) -> Result<Vec<User>, StoreError>;

    /// Sets or clears (`None`) who manages `user`. Checked atomically with
    /// the domain's rule: not themselves, no loop of managers
    /// (`AccountRule`). `UserNotFound` names whichever account is missing.
    async fn set_manager(&self, user: &UserId, manager: Option<&UserId>) -> Result<(), StoreError>;

    async fn set_role(&self, user: &UserId, role: Role) -> Result<(), StoreError>;

    /// `EmailTaken` if another account has it.
    async fn set_email(&self, user: &UserId, email: &Email) -> Result<(), StoreError>;

    async fn set_profile(&self, user: &UserId, profile: &Profile) -> Result<(), StoreError>;

    async fn set_password_hash(&self, user: &UserId, password_hash: &str)
    -> Result<(), StoreError>;

    /// Disables the account and, in the same transaction, deletes all its
    /// sessions and revokes all its API tokens (at `at`). Disabling a
    /// disabled account keeps the first time.
    async fn disable_user(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError>;

    /// Lets the account sign in again (its old sessions and tokens stay ended).
    async fn enable_user(&self, user: &UserId) -> Result<(), StoreError>;

    // ---- sessions -----------------------------------------------------

    /// `UserNotFound` if the user does not exist, `AlreadyExists` if the id
    /// or the token hash is taken.
    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;

    /// The live session with this token hash and its account; `None` when
    /// there is none, it has expired (`expires_at <= now`), or the account
    /// is disabled.
    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError>;

    /// Records activity on the session (last seen never goes backwards).
    /// Returns whether the session exists.
    async fn touch_session(
        &self,
        token_hash: &TokenHash,
        at: Timestamp,
    ) -> Result<bool, StoreError>;

    /// The account's sessions that have not expired at `now`, newest first.
    async fn list_sessions(
        &self,
        user: &UserId,
        now: Timestamp,
    ) -> Result<Vec<SessionInfo>, StoreError>;

    /// Ends one of `user`'s sessions by its public id. `SessionNotFound`
    /// if there is no such session *of this user*: someone else's session
    /// id is answered exactly like an unknown one.
    async fn end_session(&self, user: &UserId, session: &SessionId) -> Result<(), StoreError>;

    /// Signing out: ends the session with this token hash. Returns whether
    /// there was one.
    async fn end_session_by_hash(&self, token_hash: &TokenHash) -> Result<bool, StoreError>;

    /// Ends all of `user`'s sessions but `keep` (the current one, for "sign
    /// out everywhere else"). Returns how many ended.
    async fn end_all_sessions(
        &self,
        user: &UserId,
        keep: Option<&SessionId>,
    ) -> Result<u64, StoreError>;

    // ---- API tokens ---------------------------------------------------

    /// `UserNotFound` if the user does not exist, `AlreadyExists` if the id
    /// or the token hash is taken.
    async fn create_api_token(&self, token: &NewApiToken) -> Result<(), StoreError>;

    /// The token with this hash and its account, recording `now` as its
    /// last use; `None` when there is none, it was revoked, it has expired,
    /// or the account is disabled. A backend may skip writing the last use
    /// when the recorded one is under a minute old (so reads stay reads).
    async fn token_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError>;

    /// All of `user`'s tokens, revoked and expired ones included, newest first.
    async fn list_api_tokens(&self, user: &UserId) -> Result<Vec<ApiTokenInfo>, StoreError>;

    /// Revokes one of `user`'s tokens at `at` (a revoked one keeps its first
    /// time). `ApiTokenNotFound` if `user` has no such token: someone
    /// else's token id is answered like an unknown one.
    async fn revoke_api_token(
        &self,
        user: &UserId,
        token: &ApiTokenId,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    // ---- teams --------------------------------------------------------

    /// `AlreadyExists` if the id is taken, `TeamNameTaken` if another team
    /// has the name (compared without regard to ASCII case).
    async fn create_team(&self, team: &Team) -> Result<(), StoreError>;

    async fn team(&self, id: &TeamId) -> Result<Team, StoreError>;

    /// Every team, ordered by name.
    async fn list_teams(&self) -> Result<Vec<Team>, StoreError>;

    /// Adds `user` to `team`; adding a member again changes nothing.
    /// `TeamNotFound` / `UserNotFound` when either is missing.
    async fn add_member(&self, team: &TeamId, user: &UserId) -> Result<(), StoreError>;

    /// Removes `user` from `team`; returns whether they were a member.
    /// `TeamNotFound` when the team is missing.
    async fn remove_member(&self, team: &TeamId, user: &UserId) -> Result<bool, StoreError>;

    /// The teams `user` belongs to, ordered by name.
    async fn teams_of(&self, user: &UserId) -> Result<Vec<Team>, StoreError>;

    /// The members of `team`, ordered by email. `TeamNotFound` when missing.
    async fn members(&self, team: &TeamId) -> Result<Vec<User>, StoreError>;

    /// Whether the two accounts are members of at least one common team.
    /// An account shares no team with itself unless it is in one.
    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError>;

    // ---- invitations --------------------------------------------------

    /// `UserNotFound` (inviter or manager) / `TeamNotFound` when a
    /// reference is missing; `AlreadyExists` if the token hash is taken.
    async fn create_invitation(&self, invitation: &Invitation) -> Result<(), StoreError>;

    /// Takes the invitation with this token hash, marking it used in the
    /// same statement: a second take gets `None`, as do an expired
    /// invitation and one whose inviter has since been disabled.
    async fn take_invitation(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<Invitation>, StoreError>;

    // ---- sign-in throttling (shared by every server on the database) --

    /// Counts one sign-in attempt under each of `keys` (e.g.
    /// `account:<email>`, `addr:<ip>`) before the password is checked,
    /// atomically for every server on the database: `None`, recording
    /// nothing, if any key already has `limit` attempts at or after
    /// `since`; else the time the attempt was stamped with (`at`, or just
    /// after the key's latest attempt, so that each is unique), which
    /// [`AccountStore::forget_login_attempt`] takes back. An attempt counts
    /// as a failure until then.
    async fn begin_login_attempt(
        &self,
        keys: &[&str],
        at: Timestamp,
        since: Timestamp,
        limit: u32,
    ) -> Result<Option<Timestamp>, StoreError>;

    /// Takes back the attempt stamped `at` under `key` (it succeeded).
    async fn forget_login_attempt(&self, key: &str, at: Timestamp) -> Result<(), StoreError>;

    /// How many attempts `key` has at or after `since`.
    async fn login_failures_since(&self, key: &str, since: Timestamp) -> Result<u32, StoreError>;

    /// Forgets `key`'s failures (after a successful sign-in).
    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError>;

    // ---- housekeeping -------------------------------------------------

    /// Deletes sessions and invitations (used or not) that have expired at
    /// `now`, and login failures before `failures_before`. Returns how many
    /// rows went.
    async fn purge_expired(
        &self,
        now: Timestamp,
        failures_before: Timestamp,
    ) -> Result<u64, StoreError>;
}
