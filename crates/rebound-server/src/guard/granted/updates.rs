//! Reading past the updates a request's read carries: older ones a page at
//! a time, and every one for an export. Both go through the policy like
//! reading the updates themselves.

use super::Granted;
use crate::error::{ApiError, ApiResult};
use rebound_domain::Mistake;
use rebound_domain::access::{self, Action, Part};
use rebound_store::UpdatePage;
use std::borrow::Cow;

impl Granted {
    /// Up to `limit` updates older than update `before` (from the newest
    /// when None), newest first; `None` when `before` is not one of this
    /// mistake's updates.
    pub async fn update_page(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> ApiResult<Option<UpdatePage>> {
        self.check(Part::Updates, Action::Read)?;
        Ok(self
            .guard
            .backend
            .updates(&self.mistake.id, before, limit)
            .await?)
    }

    /// The mistake with every update, for an export: as opened when that
    /// read carried them all, else read again whole (and asked of the
    /// policy again, should its visibility have changed in between).
    pub async fn whole(&self) -> ApiResult<Cow<'_, Mistake>> {
        if self.mistake.older_updates == 0 {
            return Ok(Cow::Borrowed(&self.mistake));
        }
        let m = self.guard.backend.get_whole(&self.mistake.id).await?;
        let (part, action) = self.opened_for;
        if !access::allows(self.viewer, m.visibility, part, action) {
            return Err(ApiError::not_found());
        }
        Ok(Cow::Owned(m))
    }
}
