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

mod digest;
mod erasure;
pub(crate) mod export;
mod granted;
mod journal;
mod list;
mod notify;
mod patterns;
pub(crate) mod recovery;
mod reflections;
mod sharing;

pub use digest::DigestReads;
pub use granted::Granted;
pub use notify::part_told_of;
pub use recovery::PlanGrant;

use crate::audit::AuditSink;
use crate::clock::Clock;
use crate::error::{ApiError, ApiResult};
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, Relation, Viewer};
use rebound_domain::audit::AuditEvent;
use rebound_domain::{Author, Mistake, MistakeId, TokenHash, User};
use rebound_store::AuditStore;
use rebound_store::accounts::AccountStore;
use rebound_store::{Holder, Presented, SharingStore, Store, StoreError};
use std::sync::Arc;

/// Everything storage-backed the server needs, from one backend.
pub trait Backend:
    Store
    + rebound_store::OpenAs
    + AccountStore
    + SharingStore
    + AuditStore
    + rebound_store::ReflectionStore
    + rebound_store::JournalStore
    + rebound_store::RecoveryStore
    + rebound_store::DeliveryStore
    + rebound_store::WebhookStore
    + rebound_store::PlaybookStore
    + rebound_store::InsightStore
    + rebound_store::digest::DigestStore
    + rebound_store::PersonalStore
    + rebound_store::ErasureStore
    + rebound_store::Scrub
    + rebound_store::RetentionStore
{
}
impl<
    T: Store
        + rebound_store::OpenAs
        + AccountStore
        + SharingStore
        + AuditStore
        + rebound_store::ReflectionStore
        + rebound_store::JournalStore
        + rebound_store::RecoveryStore
        + rebound_store::DeliveryStore
        + rebound_store::WebhookStore
        + rebound_store::PlaybookStore
        + rebound_store::InsightStore
        + rebound_store::digest::DigestStore
        + rebound_store::PersonalStore
        + rebound_store::ErasureStore
        + rebound_store::Scrub
        + rebound_store::RetentionStore,
> Backend for T
{
}

/// Who acts through a grant: an account or a guest, never a removed
/// comment's author (the guard makes grants only for the first two).
fn acting(author: &Author) -> rebound_domain::Actor {
    author
        .actor()
        .expect("a grant's author is an account or a guest")
}

/// Shared by every request. The mistake and sharing stores are private to
/// this module. Every read it allows is written to the audit log before the
/// answer, and every write's event in the write's own transaction.
#[derive(Clone)]
pub struct Guard {
    backend: Arc<dyn Backend>,
    audit: AuditSink,
    clock: Clock,
    /// Woken when a change queues a message, so it leaves at once.
    delivery_due: Arc<tokio::sync::Notify>,
    /// What messages a change may queue (mail set up or not, links).
    delivery: Arc<crate::delivery::DeliverySettings>,
}

impl Guard {
    pub fn new(backend: Arc<dyn Backend>, audit: AuditSink, clock: Clock) -> Self {
        Guard {
            backend,
            audit,
            clock,
            delivery_due: Arc::default(),
            delivery: Arc::default(),
        }
    }

    /// This guard, queuing messages as `delivery` allows.
    pub fn with_delivery(mut self, delivery: crate::delivery::DeliverySettings) -> Self {
        self.delivery = Arc::new(delivery);
        self
    }

    /// What the delivery worker waits on between rounds.
    pub fn delivery_due(&self) -> Arc<tokio::sync::Notify> {
        self.delivery_due.clone()
    }

    /// The audit writer, for the layer that holds each response until its
    /// events are written (`audit::HoldUntilDurable`).
    pub fn audit_sink(&self) -> AuditSink {
        self.audit.clone()
    }

    /// Who read or changed `m` (the caller holds an `Audit` grant on it).
    pub async fn audit_of(&self, granted: &Granted, limit: u32) -> ApiResult<Vec<AuditEvent>> {
        granted.require(Part::Audit, Action::Read)?;
        Ok(self
            .backend
            .audit_of("mistake", granted.mistake().id.as_str(), limit)
            .await?)
    }

    /// Who changed what reaches a person or a team (their preferences and
    /// chat webhooks), newest first; for admins only (the caller checks),
    /// and the reading is itself an event.
    pub async fn reach_audit(
        &self,
        admin: &User,
        whose: rebound_domain::audit::Whose<'_>,
        limit: u32,
    ) -> ApiResult<Vec<AuditEvent>> {
        let events = self
            .backend
            .audit_of(whose.kind(), whose.id(), limit)
            .await?;
        self.audit.event(AuditEvent {
            at: self.clock.now(),
            actor: rebound_domain::audit::AuditActor::User(admin.id.to_string()),
            action: "read".into(),
            part: "audit".into(),
            resource_kind: whose.kind().into(),
            resource_id: whose.id().into(),
        });
        Ok(events)
    }

    /// The outbox, for the delivery worker alone: it asks [`Guard::may`]
    /// before each send. People see their messages through
    /// [`Guard::messages_about`].
    pub(crate) fn outbox(&self) -> &dyn rebound_store::DeliveryStore {
        &*self.backend
    }

    /// Chat webhooks of people and teams: for `webhooks.rs` (which decides
    /// who may change which) and the delivery worker (which posts to them).
    pub(crate) fn webhooks(&self) -> &dyn rebound_store::WebhookStore {
        &*self.backend
    }

    /// The organisation's playbooks: for `playbooks/` (anyone signed in
    /// reads them; it lets only admins write, and audits each write).
    pub(crate) fn playbooks(&self) -> &dyn rebound_store::PlaybookStore {
        &*self.backend
    }

    /// The groups whose insights were shown: for `insights.rs`, which
    /// decides by the domain's rule whether another may be.
    pub(crate) fn insight_groups(&self) -> &dyn rebound_store::InsightStore {
        &*self.backend
    }

    /// What `user` sent about mistake `id` from Rebound (they must still
    /// read its record), newest first, with how each went.
    pub async fn messages_about(
        &self,
        user: &User,
        id: &str,
    ) -> ApiResult<Vec<rebound_store::SentMessage>> {
        let granted = self.open(user, id, Part::Record, Action::Read).await?;
        let id = &granted.mistake().id;
        Ok(self
            .backend
            .messages_sent_by(&user.id, Some(id), 50)
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
            // A write is recorded with the change (by `Granted`), never on opening.
            if action == Action::Read {
                self.audit.mistake(&acting(&author), &m, part, action);
            }
            Ok(Granted::new(
                self.clone(),
                viewer,
                author,
                m,
                (part, action),
            ))
        } else {
            Err(ApiError::not_found())
        }
    }

    /// Stores a new mistake; only ever the caller's own. Its audit event
    /// commits with it.
    pub async fn create(&self, user: &User, m: &Mistake) -> ApiResult<()> {
        if m.owner.as_ref() != Some(&user.id) {
            return Err(ApiError::forbidden(
                "a mistake can only be recorded by its owner",
            ));
        }
        let actor = rebound_domain::Actor::Account(user.id.clone());
        let event = self
            .audit
            .mistake_event(&actor, &m.id, Part::Record, Action::Create);
        let caused = rebound_store::Effects {
            audit: vec![event],
            jobs: crate::delivery::reminder_job(user, m).into_iter().collect(),
            ..Default::default()
        };
        match self
            .audit
            .carrying_effects(caused, self.backend.create(m))
            .await
        {
            Err(StoreError::IdTaken(_)) => Err(ApiError::new(
                axum::http::StatusCode::CONFLICT,
                "conflict",
                "that id is taken; try again",
            )),
            other => Ok(other?),
        }
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
