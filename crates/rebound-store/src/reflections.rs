//! The boundary for a person's own records from reflecting on mistakes:
//! reflections, the labels they give the auto-diagnosis, principles (the
//! Operating Manual), wins and the self-care plan. Like the other traits,
//! no SQL or driver type appears here; each backend fills
//! [`ReflectionStore`].
//!
//! Every method names the owner, and a record of someone else's is
//! answered exactly like one that does not exist (`RecordNotFound`): the
//! server's guard decides who may ask, and the store keeps each person's
//! rows apart anyway. `owner` is `None` only in a personal CLI database,
//! where the person at the keyboard owns everything. Times are kept at
//! millisecond precision.

use crate::StoreError;
use async_trait::async_trait;
use rebound_domain::{
    DiagnosisFeedback, Principle, PrincipleId, PrincipleStatus, Reflection, ReflectionId,
    SelfCarePlan, UserId, Win,
};

/// Which principles `principles` returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrincipleFilter {
    /// Only those whose current wording contains this, ignoring case.
    pub query: Option<String>,
    /// Only those with this status; both when `None`.
    pub status: Option<PrincipleStatus>,
}

#[async_trait]
pub trait ReflectionStore: Send + Sync {
    /// Stores a new reflection, and the person's label for its diagnosis if
    /// they chose already. An unknown mistake is `NotFound`, an unknown
    /// owner `UserNotFound`, a drawn id already taken `AlreadyExists`.
    async fn create_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError>;

    async fn reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<Reflection, StoreError>;

    /// The owner's reflections, most recently changed first.
    async fn reflections(&self, owner: Option<&UserId>) -> Result<Vec<Reflection>, StoreError>;

    /// Writes the reflection whole, and replaces the label for its
    /// diagnosis when one is given, in one transaction.
    async fn update_reflection(
        &self,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> Result<(), StoreError>;

    /// Removes a reflection and its label; principles drawn from it stay,
    /// no longer pointing at it.
    async fn delete_reflection(
        &self,
        owner: Option<&UserId>,
        id: &ReflectionId,
    ) -> Result<(), StoreError>;

    /// The owner's labels for the diagnosis, oldest first: one per
    /// reflection, the latest choice.
    async fn diagnosis_feedback(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Vec<DiagnosisFeedback>, StoreError>;

    /// Stores a new principle with its history.
    async fn create_principle(&self, p: &Principle) -> Result<(), StoreError>;

    async fn principle(
        &self,
        owner: Option<&UserId>,
        id: &PrincipleId,
    ) -> Result<Principle, StoreError>;

    /// The owner's principles, oldest first (the manual's order).
    async fn principles(
        &self,
        owner: Option<&UserId>,
        filter: &PrincipleFilter,
    ) -> Result<Vec<Principle>, StoreError>;

    /// Writes a revised or retired principle whole (its history included).
    async fn save_principle(&self, p: &Principle) -> Result<(), StoreError>;

    async fn add_win(&self, w: &Win) -> Result<(), StoreError>;

    /// The owner's wins, newest first.
    async fn wins(&self, owner: Option<&UserId>) -> Result<Vec<Win>, StoreError>;

    /// The owner's self-care plan, if they made one.
    async fn self_care_plan(
        &self,
        owner: Option<&UserId>,
    ) -> Result<Option<SelfCarePlan>, StoreError>;

    /// Replaces the owner's self-care plan.
    async fn set_self_care_plan(&self, plan: &SelfCarePlan) -> Result<(), StoreError>;
}

/// The characters a LIKE pattern treats specially, escaped with `\` (use
/// `ESCAPE '\'`), wrapped in `%` so it matches anywhere.
pub fn like_pattern(query: &str) -> String {
    let mut out = String::from("%");
    for c in query.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}
