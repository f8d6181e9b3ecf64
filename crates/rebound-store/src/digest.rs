//! What the Monday digests of a page of people need, read for the whole
//! page at once: one statement per kind of item instead of several per
//! person. It decides nothing: the caller still asks the access policy
//! about every item, with the relation facts each row carries.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::account::Timestamp;
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::{DisplayName, MistakeId, Principle, Reflection, User, UserId};

/// One person named as a stakeholder on a mistake, with the stored facts
/// the policy needs about that mistake's owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stake {
    /// The stakeholder.
    pub user: UserId,
    pub mistake: MistakeId,
    pub added_at: Timestamp,
    /// When they acknowledged the note; `None` while they have not.
    pub acknowledged_at: Option<Timestamp>,
    /// The owner's account, `None` when the mistake has no owner or the
    /// owner's account is gone.
    pub owner: Option<StakeOwner>,
}

/// The owner of a stake's mistake, as the stakeholder relates to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeOwner {
    pub id: UserId,
    pub display_name: DisplayName,
    pub manager: Option<UserId>,
    /// Whether the stakeholder and the owner share a team now.
    pub shares_a_team: bool,
}

#[async_trait]
pub trait DigestStore: Send + Sync {
    /// Every stake held by any of `users` (open or closed mistakes alike).
    async fn stakes_of(&self, users: &[UserId]) -> Result<Vec<Stake>, StoreError>;

    /// The people whose current manager is one of `managers`.
    async fn reports_of_any(&self, managers: &[UserId]) -> Result<Vec<User>, StoreError>;

    /// Every plan about any of `reports`, newest first (as `plans_about`).
    async fn plans_about_any(&self, reports: &[UserId]) -> Result<Vec<RecoveryPlan>, StoreError>;

    /// The reflections and principles of any of `owners`, for counting the
    /// lessons that are back in each person's own note (only the count
    /// leaves; the caller reads them as their owner's).
    async fn lessons_of_any(
        &self,
        owners: &[UserId],
    ) -> Result<(Vec<Reflection>, Vec<Principle>), StoreError>;
}
