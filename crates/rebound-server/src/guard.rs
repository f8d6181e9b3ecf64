//! The only door to mistakes and everything on them. Handlers never hold
//! the mistake or sharing store: they ask here, naming the part and the
//! action, and get a [`Granted`] only if `rebound_domain::access` allows it
//! — otherwise 404, as if it did not exist. Every operation on a `Granted`
//! asks the policy again for its own part and action, and reaches children
//! (comments, votes, links, stakeholders) only through that mistake.
//!
//! Relations are worked out from stored facts on every request, so a
//! manager change, a removed teammate or stakeholder, a disabled account,
//! or a revoked or expired share link counts at once.

mod granted;
mod notify;
mod recovery;
mod reflections;

pub use granted::Granted;
pub use recovery::PlanGrant;

use crate::audit::AuditSink;
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, Relation, Viewer};
use rebound_domain::audit::AuditEvent;
use rebound_domain::{Author, Mistake, MistakeId, NotificationId, TokenHash, User, UserId};
use rebound_store::AuditStore;
use rebound_store::accounts::AccountStore;
use rebound_store::{
    Candidates, GuestSession, Holder, ListFilter, NewGuestSession, Notification, Presented,
    ShareLinkInfo, SharingStore, Store, StoreError,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Everything storage-backed the server needs, from one backend.
pub trait Backend:
    Store
    + rebound_store::OpenAs
    + AccountStore
    + SharingStore
    + AuditStore
    + rebound_store::ReflectionStore
    + rebound_store::RecoveryStore
{
}
impl<
    T: Store
        + rebound_store::OpenAs
        + AccountStore
        + SharingStore
        + AuditStore
        + rebound_store::ReflectionStore
        + rebound_store::RecoveryStore,
> Backend for T
{
}

/// Shared by every request. The mistake and sharing stores are private to
/// this module. Every decision it allows is written to the audit log.
#[derive(Clone)]
pub struct Guard {
    backend: Arc<dyn Backend>,
    audit: AuditSink,
}

impl Guard {
    pub fn new(backend: Arc<dyn Backend>, audit: AuditSink) -> Self {
        Guard { backend, audit }
    }

    /// Who read or changed `m` (the caller holds an `Audit` grant on it).
    pub async fn audit_of(&self, granted: &Granted, limit: u32) -> ApiResult<Vec<AuditEvent>> {
        granted.require(Part::Audit, Action::Read)?;
        Ok(self
            .backend
            .audit_of("mistake", granted.mistake().id.as_str(), limit)
            .await?)
    }

    /// Accounts, sessions and tokens (not records about people's mistakes).
    pub fn accounts(&self) -> &dyn AccountStore {
        &*self.backend
    }

    /// Opens a mistake for `user` if they may do `action` on `part` of it.
    pub async fn open(
        &self,
        user: &User,
        id: &str,
        part: Part,
        action: Action,
    ) -> ApiResult<Granted> {
        let id = MistakeId::parse(id).map_err(|_| ApiError::not_found())?;
        let m = self.backend.get(&id).await?;
        let viewer = Viewer::Account(self.relation(user, &m).await?);
        self.grant(viewer, Author::Account(user.id.clone()), m, part, action)
    }

    /// Opens mistake `id` for whoever holds the `presented` credential, in
    /// one read of the store (`OpenAs`): the credential, the mistake and the
    /// facts that relate them come from one snapshot, then the policy
    /// decides as in [`Guard::open`]. 401 when the credential is dead; else
    /// the holder, their account, and the grant or its 404.
    pub async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        part: Part,
        action: Action,
        now: Timestamp,
    ) -> ApiResult<(Holder, User, ApiResult<Granted>)> {
        let opened = self
            .backend
            .open_as(presented, id, now)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        let granted = match opened.mistake {
            Some((m, relation)) => self.grant(
                Viewer::Account(relation),
                Author::Account(opened.user.id.clone()),
                m,
                part,
                action,
            ),
            None => Err(ApiError::not_found()),
        };
        Ok((opened.holder, opened.user, granted))
    }

    /// Opens the mistake a guest's session is for. A session that does not
    /// resolve to a live link (none, expired, revoked, its owner disabled)
    /// makes the asker `Viewer::Nobody`, whom the policy refuses.
    pub async fn open_as_guest(
        &self,
        session: Option<&TokenHash>,
        part: Part,
        action: Action,
    ) -> ApiResult<Granted> {
        let live = match session {
            Some(hash) => self.guest_session(hash).await?,
            None => None,
        };
        let Some(s) = live else {
            // Viewer::Nobody: no mistake to speak of, and nothing allowed.
            debug_assert!(!access::allows(
                Viewer::Nobody,
                rebound_domain::Visibility::Team,
                part,
                action
            ));
            return Err(ApiError::not_found());
        };
        let m = self.backend.get(&s.mistake).await?;
        let author = Author::Guest {
            id: s.guest.clone(),
            name: s.name.clone(),
        };
        self.grant(Viewer::Guest, author, m, part, action)
    }

    fn grant(
        &self,
        viewer: Viewer,
        author: Author,
        m: Mistake,
        part: Part,
        action: Action,
    ) -> ApiResult<Granted> {
        if access::allows(viewer, m.visibility, part, action) {
            self.audit.mistake(&author.actor(), &m, part, action);
            Ok(Granted::new(
                self.backend.clone(),
                self.audit.clone(),
                viewer,
                author,
                m,
                (part, action),
            ))
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

    /// The mistakes `user` may read. The facts that decide relations are
    /// read once for the whole list (my reports, my teammates, where I am a
    /// stakeholder), not once per mistake.
    pub async fn list(&self, user: &User, filter: ListFilter) -> ApiResult<Vec<Mistake>> {
        let facts = self.facts_about(user).await?;
        let mut out = Vec::new();
        for m in self.backend.list_among(filter, &facts.candidates()).await? {
            if access::allows(
                Viewer::Account(facts.relation(&m)),
                m.visibility,
                Part::Record,
                Action::Read,
            ) {
                self.audit.listed(user, &m);
                out.push(m);
            }
        }
        Ok(out)
    }

    async fn facts_about(&self, user: &User) -> ApiResult<Facts> {
        let reports = self
            .backend
            .reports_of(&user.id)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let mut teammates = HashSet::new();
        for team in self.backend.teams_of(&user.id).await? {
            teammates.extend(
                self.backend
                    .members(&team.id)
                    .await?
                    .into_iter()
                    .map(|u| u.id),
            );
        }
        teammates.remove(&user.id);
        let stakes = self
            .backend
            .stakeholder_on(&user.id)
            .await?
            .into_iter()
            .collect();
        Ok(Facts {
            me: user.id.clone(),
            reports,
            teammates,
            stakes,
        })
    }

    /// `user`'s notifications about mistakes they may still read: one they
    /// can no longer see (removed as stakeholder, visibility narrowed) drops
    /// out of the list on the next request.
    pub async fn notifications(&self, user: &User) -> ApiResult<Vec<(Notification, Mistake)>> {
        let mut readable: HashMap<MistakeId, Option<Mistake>> = HashMap::new();
        let mut out = Vec::new();
        for n in self.backend.notifications(&user.id).await? {
            if !readable.contains_key(&n.mistake) {
                let m = match self.backend.get(&n.mistake).await {
                    Ok(m) => {
                        let rel = self.relation(user, &m).await?;
                        let viewer = Viewer::Account(rel);
                        access::allows(viewer, m.visibility, Part::Record, Action::Read)
                            .then_some(m)
                    }
                    Err(StoreError::NotFound(_)) => None,
                    Err(e) => return Err(e.into()),
                };
                readable.insert(n.mistake.clone(), m);
            }
            if let Some(Some(m)) = readable.get(&n.mistake) {
                out.push((n, m.clone()));
            }
        }
        Ok(out)
    }

    pub async fn mark_notification_read(
        &self,
        user: &User,
        id: &NotificationId,
        at: Timestamp,
    ) -> ApiResult<()> {
        Ok(self
            .backend
            .mark_notification_read(&user.id, id, at)
            .await?)
    }

    /// The share link with this token, if it is live now; 404 otherwise,
    /// whichever the reason.
    pub async fn live_link(&self, token: &TokenHash) -> ApiResult<ShareLinkInfo> {
        self.backend
            .live_share_link(token, crate::clock::ms(Timestamp::now()))
            .await?
            .ok_or_else(ApiError::not_found)
    }

    pub async fn start_guest_session(&self, s: &NewGuestSession) -> ApiResult<()> {
        Ok(self.backend.create_guest_session(s).await?)
    }

    /// The live guest session with this token hash, if any.
    pub async fn guest_session(&self, hash: &TokenHash) -> ApiResult<Option<GuestSession>> {
        Ok(self
            .backend
            .guest_session(hash, crate::clock::ms(Timestamp::now()))
            .await?)
    }

    pub async fn end_guest_session(&self, hash: &TokenHash) -> ApiResult<()> {
        self.backend.end_guest_session(hash).await?;
        Ok(())
    }

    /// How `user` relates to `m`, from stored facts now.
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
            stakeholder: self.backend.is_stakeholder(&m.id, &user.id).await?,
            teammate: self.backend.share_a_team(&user.id, owner_id).await?,
        })
    }
}

/// What decides one person's relation to any mistake, read once.
struct Facts {
    me: UserId,
    /// People I manage directly.
    reports: HashSet<UserId>,
    /// People sharing a team with me.
    teammates: HashSet<UserId>,
    /// Mistakes I am a stakeholder on.
    stakes: HashSet<MistakeId>,
}

impl Facts {
    /// Every mistake these facts could relate to (owned by me, a report or a
    /// teammate, or one I hold a stake in): what the store narrows a list to
    /// before the policy looks at each. Nobody else's relation is ever more
    /// than none, so nothing readable is left out.
    fn candidates(&self) -> Candidates {
        let mut owners: Vec<UserId> =
            Vec::with_capacity(1 + self.reports.len() + self.teammates.len());
        owners.push(self.me.clone());
        owners.extend(self.reports.iter().cloned());
        owners.extend(self.teammates.difference(&self.reports).cloned());
        Candidates {
            owners,
            mistakes: self.stakes.iter().cloned().collect(),
        }
    }

    /// The same relation `Guard::relation` reads from storage, from these facts.
    fn relation(&self, m: &Mistake) -> Relation {
        let Some(owner) = &m.owner else {
            return Relation::default();
        };
        if *owner == self.me {
            return Relation {
                owner: true,
                ..Relation::default()
            };
        }
        Relation {
            owner: false,
            owners_manager: self.reports.contains(owner),
            stakeholder: self.stakes.contains(&m.id),
            teammate: self.teammates.contains(owner),
        }
    }
}
