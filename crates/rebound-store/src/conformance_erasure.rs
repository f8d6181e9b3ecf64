//! Erasure on any backend: deleting a mistake takes everything under it
//! and leaves the owner's own records, pointing at nothing; erasing an
//! account takes the person's records and keeps what is other people's —
//! their comments on others' mistakes as removed ones, a plan they opened
//! for a report, the audit log's events without who.
//!
//! `run_all` wants a fresh store: the first check counts its admins.

use crate::StoreError;
use crate::accounts::NewSession;
use crate::audit::AuditStore;
use crate::conformance_accounts::{fresh_session_id, fresh_token_hash, person};
use crate::conformance_delivery::message;
use crate::conformance_recovery::full_plan;
use crate::conformance_sharing::{
    SharingBackend, fresh_comment_id, fresh_link_id, fresh_notification_id, now, stored_mistake,
    stored_person,
};
use crate::delivery::{DeliveryStore, NewJob};
use crate::erasure::{ErasureStore, REMOVED_ACCOUNT};
use crate::recovery::RecoveryStore;
use crate::reflections::ReflectionStore;
use crate::sharing::{NewComment, NewShareLink};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::access::{Action, Part};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::{
    Actor, Author, CommentBody, CommentId, MistakeId, Role, User, UserId, Win, WinId,
};

/// Everything the checks need from one backend.
pub trait ErasureBackend:
    SharingBackend + ReflectionStore + RecoveryStore + DeliveryStore + AuditStore + ErasureStore
{
}
impl<T> ErasureBackend for T where
    T: SharingBackend + ReflectionStore + RecoveryStore + DeliveryStore + AuditStore + ErasureStore
{
}

/// Runs every check below, in order, on a fresh store.
pub async fn run_all(store: &dyn ErasureBackend) {
    the_last_admin_cannot_be_erased(store).await;
    a_deleted_mistake_takes_its_children_and_frees_the_owners_records(store).await;
    only_the_owner_deletes_and_a_refusal_changes_nothing(store).await;
    an_erased_account_leaves_others_what_is_theirs(store).await;
    erasing_nobody_is_refused(store).await;
}

fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

async fn comment(
    store: &dyn ErasureBackend,
    m: &MistakeId,
    by: &User,
    parent: Option<&CommentId>,
    text: &str,
) -> CommentId {
    let id = fresh_comment_id();
    store
        .add_comment(&NewComment {
            id: id.clone(),
            mistake: m.clone(),
            parent: parent.cloned(),
            author: Author::Account(by.id.clone()),
            body: CommentBody::parse(text).expect("a valid body"),
            created_at: at(1),
        })
        .await
        .expect("comment added");
    id
}

fn reminder(m: &MistakeId, owner: &UserId) -> NewJob {
    NewJob {
        key: format!("reminder:{m}:{}", fresh_comment_id()),
        kind: "reminder".into(),
        payload: format!("{{\"mistake\":\"{m}\",\"owner\":\"{owner}\"}}"),
        due: at(30),
    }
}

/// The keys of every pending job, due by a far future.
async fn pending_job_keys(store: &dyn ErasureBackend) -> Vec<String> {
    let far = now() + SignedDuration::from_hours(24 * 365 * 30);
    let worker = format!("erasure-{}", fresh_comment_id());
    let claimed = store
        .claim_jobs(&worker, far, far + SignedDuration::from_mins(1), 1000)
        .await
        .expect("jobs claimed");
    claimed.into_iter().map(|j| j.job.key).collect()
}

pub async fn the_last_admin_cannot_be_erased(store: &dyn ErasureBackend) {
    let mut ada = person("Ada Admin");
    ada.role = Role::Admin;
    store.create_user(&ada, "x").await.unwrap();
    match store.erase_account(&ada.id, at(0)).await {
        Err(StoreError::LastAdmin) => {}
        other => panic!("the last admin must stay: {other:?}"),
    }
    assert_eq!(store.user(&ada.id).await.unwrap().id, ada.id);
    let mut bea = person("Bea Admin");
    bea.role = Role::Admin;
    store.create_user(&bea, "x").await.unwrap();
    store.erase_account(&ada.id, at(0)).await.unwrap();
    assert!(matches!(
        store.user(&ada.id).await,
        Err(StoreError::UserNotFound(_))
    ));
}

pub async fn a_deleted_mistake_takes_its_children_and_frees_the_owners_records(
    store: &dyn ErasureBackend,
) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let m = stored_mistake(store, &owner, "EUR shown as USD").await;
    let kept = stored_mistake(store, &owner, "Another one").await;
    for mistake in [&m, &kept] {
        store
            .add_stakeholder(&mistake.id, &dana.id, at(1), &fresh_notification_id())
            .await
            .unwrap();
    }
    store.acknowledge(&m.id, &dana.id, at(2)).await.unwrap();
    let c = comment(store, &m.id, &dana, None, "Which reports?").await;
    store
        .vote(&m.id, &c, &Actor::Account(owner.id.clone()), at(3))
        .await
        .unwrap();
    let link = NewShareLink {
        id: fresh_link_id(),
        mistake: m.id.clone(),
        token_hash: fresh_token_hash(),
        label: None,
        created_by: owner.id.clone(),
        created_at: at(0),
        expires_at: at(600),
    };
    store.create_share_link(&link).await.unwrap();
    let win = Win::new(
        WinId::from_random(crate::conformance::fresh5()),
        Some(owner.id.clone()),
        Some(m.id.clone()),
        "Caught it before the invoices went out",
        at(4),
    )
    .unwrap();
    store.add_win(&win).await.unwrap();
    let (gone_job, kept_job) = (reminder(&m.id, &owner.id), reminder(&kept.id, &owner.id));
    store
        .schedule(&[gone_job.clone(), kept_job.clone()])
        .await
        .unwrap();

    store.delete_mistake(&m.id, Some(&owner.id)).await.unwrap();

    assert!(matches!(
        store.get(&m.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(!store.is_stakeholder(&m.id, &dana.id).await.unwrap());
    assert_eq!(
        store.stakeholder_on(&dana.id).await.unwrap(),
        vec![kept.id.clone()]
    );
    let notes = store.notifications(&dana.id).await.unwrap();
    assert!(notes.iter().all(|n| n.mistake != m.id), "{notes:?}");
    assert_eq!(notes.len(), 1, "the other mistake's notification stays");
    let dana_actor = Actor::Account(dana.id.clone());
    assert!(
        store
            .comments(&m.id, &dana_actor)
            .await
            .map(|c| c.is_empty())
            .unwrap_or(true)
    );
    assert!(
        store
            .live_share_link(&link.token_hash, at(5))
            .await
            .unwrap()
            .is_none()
    );
    let wins = store.wins(Some(&owner.id)).await.unwrap();
    assert_eq!(wins.len(), 1, "the owner's win stays");
    assert_eq!(wins[0].mistake, None, "pointing at nothing");
    let jobs = pending_job_keys(store).await;
    assert!(!jobs.contains(&gone_job.key), "its reminder went");
    assert!(jobs.contains(&kept_job.key), "the other's stays");
    assert_eq!(store.get(&kept.id).await.unwrap().id, kept.id);
    // Deleting again finds nothing.
    assert!(matches!(
        store.delete_mistake(&m.id, Some(&owner.id)).await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn only_the_owner_deletes_and_a_refusal_changes_nothing(store: &dyn ErasureBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let other = stored_person(store, "Olga Other").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    assert!(matches!(
        store.delete_mistake(&m.id, Some(&other.id)).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.get(&m.id).await.unwrap().title, m.title);
}

pub async fn an_erased_account_leaves_others_what_is_theirs(store: &dyn ErasureBackend) {
    let gone = stored_person(store, "Gil Gone").await;
    let owner = stored_person(store, "Owen Owner").await;
    let mut report = person("Rae Report");
    report.manager = Some(gone.id.clone());
    store.create_user(&report, "x").await.unwrap();
    let mut boss = person("Bo Boss");
    boss.role = Role::Manager;
    store.create_user(&boss, "x").await.unwrap();
    store.set_manager(&gone.id, Some(&boss.id)).await.unwrap();

    // Theirs: a mistake, a session, a plan about them with a private note.
    let own = stored_mistake(store, &gone, "My own slip").await;
    let session = NewSession {
        id: fresh_session_id(),
        token_hash: fresh_token_hash(),
        user: gone.id.clone(),
        created_at: at(0),
        expires_at: at(600),
        user_agent: None,
    };
    store.create_session(&session).await.unwrap();
    let about = full_plan(&boss, &gone, None);
    store.create_plan(&about).await.unwrap();
    // Others': a plan they opened for their report, a comment thread on
    // Owen's mistake, Owen's vote on their comment, their vote on Owen's.
    let opened = full_plan(&gone, &report, None);
    store.create_plan(&opened).await.unwrap();
    let theirs = stored_mistake(store, &owner, "Owen's slip").await;
    store
        .add_stakeholder(&theirs.id, &gone.id, at(1), &fresh_notification_id())
        .await
        .unwrap();
    let said = comment(store, &theirs.id, &gone, None, "I saw this first").await;
    let owens = comment(store, &theirs.id, &owner, None, "Thanks").await;
    let reply = comment(store, &theirs.id, &owner, Some(&said), "Good catch").await;
    let owen = Actor::Account(owner.id.clone());
    store.vote(&theirs.id, &said, &owen, at(2)).await.unwrap();
    store
        .vote(&theirs.id, &owens, &Actor::Account(gone.id.clone()), at(2))
        .await
        .unwrap();
    let job = reminder(&own.id, &gone.id);
    store.schedule(std::slice::from_ref(&job)).await.unwrap();
    let mut to_them = message(&format!("erasure:{}", fresh_comment_id()), at(30));
    to_them.recipient = Some(gone.id.clone());
    to_them.sender = Some(owner.id.clone());
    store.enqueue(&[to_them]).await.unwrap();
    let actor = AuditActor::User(gone.id.to_string());
    let read = AuditEvent::mistake(at(3), actor, theirs.id.as_str(), Part::Record, Action::Read);
    store.record_audit(vec![read]).await.unwrap();

    store.erase_account(&gone.id, at(10)).await.unwrap();

    assert!(matches!(
        store.user(&gone.id).await,
        Err(StoreError::UserNotFound(_))
    ));
    assert!(matches!(
        store.get(&own.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        store
            .session_user(&session.token_hash, at(11))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store.plan(&about.id).await.unwrap(),
        None,
        "the plan about them went"
    );
    let stays = store
        .plan(&opened.id)
        .await
        .unwrap()
        .expect("the report's plan stays");
    assert_eq!((stays.report, stays.opened_by), (report.id.clone(), None));
    assert_eq!(store.user(&report.id).await.unwrap().manager, None);
    assert!(!store.is_stakeholder(&theirs.id, &gone.id).await.unwrap());

    let thread = store.comments(&theirs.id, &owen).await.unwrap();
    assert_eq!(thread.len(), 3, "the thread keeps its place: {thread:?}");
    let removed = &thread
        .iter()
        .find(|c| c.comment.id == said)
        .unwrap()
        .comment;
    assert_eq!(removed.author, Author::Removed { at: at(10) });
    assert_eq!(removed.body, "", "no text");
    assert!(!removed.author_name.as_str().contains("Gil"), "no name");
    let answer = thread.iter().find(|c| c.comment.id == reply).unwrap();
    assert_eq!(answer.comment.parent, Some(said.clone()), "the reply stays");
    let thanks = thread.iter().find(|c| c.comment.id == owens).unwrap();
    assert_eq!(thanks.comment.score, 0, "their vote went");

    assert!(!pending_job_keys(store).await.contains(&job.key));
    let sent = store.messages_sent_by(&owner.id, None, 100).await.unwrap();
    assert!(sent.is_empty(), "the message to them went: {sent:?}");

    let log = store
        .audit_of("mistake", theirs.id.as_str(), 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "the event stays");
    assert_eq!(
        log[0].actor,
        AuditActor::User(REMOVED_ACCOUNT.into()),
        "not who"
    );
    // Owen, his mistake and his other comment are untouched.
    assert_eq!(store.user(&owner.id).await.unwrap().id, owner.id);
    assert_eq!(thanks.comment.body, "Thanks");
}

pub async fn erasing_nobody_is_refused(store: &dyn ErasureBackend) {
    let ghost = crate::conformance_accounts::fresh_user_id();
    assert!(matches!(
        store.erase_account(&ghost, at(0)).await,
        Err(StoreError::UserNotFound(_))
    ));
}
