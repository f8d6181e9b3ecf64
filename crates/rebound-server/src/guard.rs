//! The only door to mistakes. Handlers never hold the mistake store: they
//! ask here, naming the part and the action, and get the mistake only if
//! `rebound_domain::access` allows it — otherwise 404, as if it did not
//! exist. Relations are worked out from stored facts on every request, so a
//! manager change, a removed teammate or a disabled account counts at once.

use crate::error::{ApiError, ApiResult};
use rebound_domain::User;
use rebound_domain::access::{self, Action, Part, Relation, Viewer};
use rebound_domain::{Change, Mistake, MistakeId};
use rebound_store::accounts::AccountStore;
use rebound_store::{ListFilter, Store, StoreError};
use std::sync::Arc;

/// Everything storage-backed the server needs, from one backend.
pub trait Backend: Store + AccountStore {}
impl<T: Store + AccountStore> Backend for T {}

/// Shared by every request. The mistake store is private to this module.
#[derive(Clone)]
pub struct Guard {
    backend: Arc<dyn Backend>,
}

impl Guard {
    pub fn new(backend: Arc<dyn Backend>) -> Self {
        Guard { backend }
    }

    /// Accounts, sessions and tokens (not records about people's mistakes).
    pub fn accounts(&self) -> &dyn AccountStore {
        &*self.backend
    }

    /// Loads a mistake if `user` may do `action` on `part` of it.
    pub async fn load(
        &self,
        user: &User,
        id: &str,
        part: Part,
        action: Action,
    ) -> ApiResult<Mistake> {
        let id = MistakeId::parse(id).map_err(|_| ApiError::not_found())?;
        let m = self.backend.get(&id).await?;
        let viewer = Viewer::Account(self.relation(user, &m).await?);
        if access::allows(viewer, m.visibility, part, action) {
            Ok(m)
        } else {
            Err(ApiError::not_found())
        }
    }

    /// Stores a new mistake; only ever the caller's own.
    pub async fn create(&self, user: &User, m: &Mistake) -> ApiResult<()> {
        if m.owner.as_ref() != Some(&user.id) {
            return Err(ApiError::forbidden(
                "a mistake can only be recorded by its owner",
            ));
        }
        match self.backend.create(m).await {
            Err(StoreError::IdTaken(_)) => Err(ApiError::new(
                axum::http::StatusCode::CONFLICT,
                "conflict",
                "that id is taken; try again",
            )),
            other => Ok(other?),
        }
    }

    /// Saves a mistake loaded through `load` with a write permission.
    pub async fn save(&self, m: &Mistake, changes: &[Change]) -> ApiResult<Mistake> {
        Ok(self.backend.save(m, changes).await?)
    }

    /// The mistakes `user` may read.
    pub async fn list(&self, user: &User, filter: ListFilter) -> ApiResult<Vec<Mistake>> {
        let mut out = Vec::new();
        for m in self.backend.list(filter).await? {
            let rel = self.relation(user, &m).await?;
            if access::allows(
                Viewer::Account(rel),
                m.visibility,
                Part::Record,
                Action::Read,
            ) {
                out.push(m);
            }
        }
        Ok(out)
    }

    async fn relation(&self, user: &User, m: &Mistake) -> ApiResult<Relation> {
        let Some(owner_id) = &m.owner else {
            // Records from a personal CLI database belong to nobody here.
            return Ok(Relation::default());
        };
        if *owner_id == user.id {
            return Ok(Relation {
                owner: true,
                ..Relation::default()
            });
        }
        let owner = match self.backend.user(owner_id).await {
            Ok(u) => u,
            Err(StoreError::UserNotFound(_)) => return Ok(Relation::default()),
            Err(e) => return Err(e.into()),
        };
        Ok(Relation {
            owner: false,
            owners_manager: owner.manager.as_ref() == Some(&user.id),
            stakeholder: false,
            teammate: self.backend.share_a_team(&user.id, owner_id).await?,
        })
    }
}
