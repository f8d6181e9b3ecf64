//! The groups whose insights have been shown: what the differencing rule
//! (`rebound_domain::insights::decide`) must count besides the views of
//! now, so that the same view before and after a change cannot be
//! subtracted. Each group is kept once, as the set of its members' ids
//! (opaque ids, as the audit log keeps them); nothing else about it.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::UserId;
use rebound_domain::account::Timestamp;
use std::collections::BTreeSet;

/// A group, by its members.
pub type Group = BTreeSet<UserId>;

/// Decides, from every group shown so far, whether a group may be shown.
pub type MayShow<'a> = &'a (dyn Fn(&[Group]) -> bool + Send + Sync);

#[async_trait]
pub trait InsightStore: Send + Sync {
    /// Every group shown so far, oldest first, each once.
    async fn shown_groups(&self) -> Result<Vec<Group>, StoreError>;

    /// Asks `may_show` with every group shown so far and, when it agrees,
    /// records `group` as shown at `at` (unless it is already); whether it
    /// agreed. One decision at a time across every server on the
    /// database, so two cannot each pass on what the other is adding.
    async fn show_group_if(
        &self,
        group: &Group,
        at: Timestamp,
        may_show: MayShow<'_>,
    ) -> Result<bool, StoreError>;
}
