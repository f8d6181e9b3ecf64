//! The boundary for recovery plans: a manager's plan for one of their
//! reports, and the manager's private notes on it. No SQL or driver type
//! appears here; each backend fills [`RecoveryStore`].
//!
//! The store does not decide who may ask: the server's guard does, from
//! the report's current manager at the moment of the request. Private notes
//! are kept apart from the plan and read only by plan and author together,
//! so reading a plan never touches them. Times are kept at millisecond
//! precision.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::id::RecoveryPlanId;
use rebound_domain::recovery::{PrivateNote, RecoveryPlan};

/// What [`RecoveryStore::save_plan`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanSaved {
    /// Written; the plan as stored now (its version bumped).
    Saved(Box<RecoveryPlan>),
    /// Someone saved the plan since it was read: nothing was written.
    Stale,
}

#[async_trait]
pub trait RecoveryStore: Send + Sync {
    /// Stores a new plan at version 0. An unknown report or opener is
    /// `UserNotFound`, an unknown mistake `NotFound`, a drawn id already
    /// taken `AlreadyExists`.
    async fn create_plan(&self, plan: &RecoveryPlan) -> Result<(), StoreError>;

    /// The plan, whole; `None` if there is no such plan.
    async fn plan(&self, id: &RecoveryPlanId) -> Result<Option<RecoveryPlan>, StoreError>;

    /// Every plan about `report`, most recently opened first.
    async fn plans_about(&self, report: &UserId) -> Result<Vec<RecoveryPlan>, StoreError>;

    /// Writes the plan whole if the stored version is still `plan.version`
    /// (optimistic concurrency); `Stale` otherwise, writing nothing. The
    /// plan's report, opener, mistake and opening time never change.
    async fn save_plan(&self, plan: &RecoveryPlan) -> Result<PlanSaved, StoreError>;

    /// Stores a private note on a stored plan (`AlreadyExists` if the id is
    /// taken; an unknown plan or author is refused).
    async fn add_private_note(&self, note: &PrivateNote) -> Result<(), StoreError>;

    /// `author`'s private notes on `plan`, oldest first; nobody else's.
    async fn private_notes(
        &self,
        plan: &RecoveryPlanId,
        author: &UserId,
    ) -> Result<Vec<PrivateNote>, StoreError>;
}
