//! [`AccountStore`] for [`SqlStore`]: each method is one function in
//! `accounts/`, or a hot path.

use crate::prelude::*;
use crate::{HotPaths, SqlStore, accounts};
use async_trait::async_trait;
use jiff::Timestamp;
use rebound_domain::{ApiTokenId, Email, Role, SessionId, Team, TeamId, TokenHash, User, UserId};
use rebound_store::{
    AccountStore, ApiTokenInfo, Invitation, NewApiToken, NewSession, Profile, SessionInfo,
    StoreError,
};

/// Accounts: each method is one function in `accounts/`.
#[async_trait]
impl<D: Dialect, H: HotPaths<D>> AccountStore for SqlStore<D, H> {
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        accounts::users::create(&self.pool, user, password_hash).await
    }

    async fn create_first_user(
        &self,
        user: &User,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        accounts::users::create_first(&self.pool, user, password_hash).await
    }

    async fn user(&self, id: &UserId) -> Result<User, StoreError> {
        self.hot
            .user(id)
            .await?
            .ok_or_else(|| StoreError::UserNotFound(id.clone()))
    }

    async fn user_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError> {
        accounts::users::by_email(&self.pool, email).await
    }

    async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users::list(&self.pool).await
    }

    async fn count_users(&self) -> Result<u64, StoreError> {
        accounts::users::count(&self.pool).await
    }

    async fn reports_of(&self, manager: &UserId) -> Result<Vec<User>, StoreError> {
        accounts::users::reports_of(&self.pool, manager).await
    }

    async fn set_manager(&self, user: &UserId, manager: Option<&UserId>) -> Result<(), StoreError> {
        accounts::users::set_manager(&self.pool, user, manager).await
    }

    async fn set_role(&self, user: &UserId, role: Role) -> Result<(), StoreError> {
        accounts::users::set_role(&self.pool, user, role).await
    }

    async fn set_email(&self, user: &UserId, email: &Email) -> Result<(), StoreError> {
        accounts::users::set_email(&self.pool, user, email).await
    }

    async fn set_profile(&self, user: &UserId, profile: &Profile) -> Result<(), StoreError> {
        accounts::users::set_profile(&self.pool, user, profile).await
    }

    async fn set_password_hash(
        &self,
        user: &UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        accounts::users::set_password_hash(&self.pool, user, password_hash).await
    }

    async fn disable_user(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        accounts::users::disable(&self.pool, user, at).await
    }

    async fn enable_user(&self, user: &UserId) -> Result<(), StoreError> {
        accounts::users::enable(&self.pool, user).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        accounts::sessions::create_session(&self.pool, session).await
    }

    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError> {
        self.hot.session_user(token_hash, now).await
    }

    async fn touch_session(
        &self,
        token_hash: &TokenHash,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        accounts::sessions::touch_session(&self.pool, token_hash, at).await
    }

    async fn list_sessions(
        &self,
        user: &UserId,
        now: Timestamp,
    ) -> Result<Vec<SessionInfo>, StoreError> {
        accounts::sessions::list_sessions(&self.pool, user, now).await
    }

    async fn end_session(&self, user: &UserId, session: &SessionId) -> Result<(), StoreError> {
        accounts::sessions::end_session(&self.pool, user, session).await
    }

    async fn end_session_by_hash(&self, token_hash: &TokenHash) -> Result<bool, StoreError> {
        accounts::sessions::end_session_by_hash(&self.pool, token_hash).await
    }

    async fn end_all_sessions(
        &self,
        user: &UserId,
        keep: Option<&SessionId>,
    ) -> Result<u64, StoreError> {
        accounts::sessions::end_all_sessions(&self.pool, user, keep).await
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<(), StoreError> {
        accounts::sessions::create_api_token(&self.pool, token).await
    }

    async fn token_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
        let Some((mut token, user)) = self.hot.live_token(token_hash, now).await? else {
            return Ok(None);
        };
        Ok(
            accounts::sessions::note_use(&self.pool, token_hash, &mut token, now)
                .await?
                .then_some((token, user)),
        )
    }

    async fn list_api_tokens(&self, user: &UserId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        accounts::sessions::list_api_tokens(&self.pool, user).await
    }

    async fn revoke_api_token(
        &self,
        user: &UserId,
        token: &ApiTokenId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        accounts::sessions::revoke_api_token(&self.pool, user, token, at).await
    }

    async fn create_team(&self, team: &Team) -> Result<(), StoreError> {
        accounts::teams::create(&self.pool, team).await
    }

    async fn team(&self, id: &TeamId) -> Result<Team, StoreError> {
        accounts::teams::get(&self.pool, id).await
    }

    async fn list_teams(&self) -> Result<Vec<Team>, StoreError> {
        accounts::teams::list(&self.pool).await
    }

    async fn add_member(&self, team: &TeamId, user: &UserId) -> Result<(), StoreError> {
        accounts::teams::add_member(&self.pool, team, user).await
    }

    async fn remove_member(&self, team: &TeamId, user: &UserId) -> Result<bool, StoreError> {
        accounts::teams::remove_member(&self.pool, team, user).await
    }

    async fn teams_of(&self, user: &UserId) -> Result<Vec<Team>, StoreError> {
        accounts::teams::teams_of(&self.pool, user).await
    }

    async fn members(&self, team: &TeamId) -> Result<Vec<User>, StoreError> {
        accounts::teams::members(&self.pool, team).await
    }

    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
        self.hot.share_a_team(a, b).await
    }

    async fn create_invitation(&self, invitation: &Invitation) -> Result<(), StoreError> {
        accounts::invitations::create(&self.pool, invitation).await
    }

    async fn take_invitation(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<Invitation>, StoreError> {
        accounts::invitations::take(&self.pool, token_hash, now).await
    }

    async fn begin_login_attempt(
        &self,
        keys: &[&str],
        at: Timestamp,
        since: Timestamp,
        limit: u32,
    ) -> Result<Option<Timestamp>, StoreError> {
        accounts::throttle::begin_attempt(&self.pool, keys, at, since, limit).await
    }

    async fn forget_login_attempt(&self, key: &str, at: Timestamp) -> Result<(), StoreError> {
        accounts::throttle::forget_attempt(&self.pool, key, at).await
    }

    async fn login_failures_since(&self, key: &str, since: Timestamp) -> Result<u32, StoreError> {
        accounts::throttle::failures_since(&self.pool, key, since).await
    }

    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        accounts::throttle::clear_failures(&self.pool, key).await
    }

    async fn purge_expired(
        &self,
        now: Timestamp,
        failures_before: Timestamp,
    ) -> Result<u64, StoreError> {
        accounts::throttle::purge_expired(&self.pool, now, failures_before).await
    }
}
