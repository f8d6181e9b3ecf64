//! Every write carries its effects ([`crate::effects`]) into its own
//! transaction: a write of each kind, carrying an audit event, stores both;
//! a write that fails (not found, a duplicate, someone else's) or finds
//! nothing to do (nobody to remove, a stale plan) stores neither.
//!
//! Each check tags its event with its own resource id, so the log shows
//! exactly which writes committed theirs.

use crate::conformance::fresh5;
use crate::conformance_recovery::full_plan;
use crate::conformance_sharing::{
    SharingBackend, fresh_comment_id, fresh_link_id, fresh_notification_id, stored_mistake,
    stored_person,
};
use crate::delivery::DeliveryStore;
use crate::effects::{Effects, carrying};
use crate::recovery::{PlanSaved, RecoveryStore};
use crate::reflections::ReflectionStore;
use crate::sharing::{NewComment, NewShareLink};
use crate::webhooks::{ChatFormat, WebhookOwner, WebhookStore};
use crate::{AuditStore, StoreError};
use jiff::Timestamp;
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::id::PrivateNoteId;
use rebound_domain::recovery::PrivateNote;
use rebound_domain::{
    Actor, Author, CommentBody, Mistake, NewReflection, Principle, PrincipleId, Reflection,
    ReflectionId, SelfCarePlan, User, Win, WinId,
};
use std::future::Future;

/// Everything the checks need from one backend.
pub trait CarryBackend:
    SharingBackend + RecoveryStore + ReflectionStore + AuditStore + DeliveryStore + WebhookStore
{
}
impl<
    T: SharingBackend + RecoveryStore + ReflectionStore + AuditStore + DeliveryStore + WebhookStore,
> CarryBackend for T
{
}

fn now() -> Timestamp {
    crate::conformance_sharing::now()
}

/// The event a check carries, told apart by `tag`.
fn event(tag: &str) -> AuditEvent {
    AuditEvent {
        at: now(),
        actor: AuditActor::User("ana0sam1".into()),
        action: "change".into(),
        part: "carried".into(),
        resource_kind: "carried".into(),
        resource_id: tag.into(),
    }
}

async fn logged(store: &dyn CarryBackend, tag: &str) -> Vec<AuditEvent> {
    store.audit_of("carried", tag, 10).await.expect("read")
}

/// Runs `write` carrying the event tagged `tag`; asserts the write was
/// done and its event is in the log, in the same transaction (nothing
/// else wrote it). Returns the write's output.
async fn done<T: std::fmt::Debug>(
    store: &dyn CarryBackend,
    tag: &str,
    write: impl Future<Output = Result<T, StoreError>>,
) -> T {
    let (out, left) = carrying(Effects::audit(vec![event(tag)]), write).await;
    let out = out.unwrap_or_else(|e| panic!("{tag}: the write failed: {e}"));
    assert_eq!(left, None, "{tag}: the write took its events");
    assert_eq!(logged(store, tag).await, vec![event(tag)], "{tag}: stored");
    out
}

/// Runs `write` carrying the event tagged `tag`; asserts it was refused
/// (`Err`, or an `Ok` that `did_nothing` says changed nothing) and that
/// its event is not in the log.
async fn refused<T: std::fmt::Debug>(
    store: &dyn CarryBackend,
    tag: &str,
    write: impl Future<Output = Result<T, StoreError>>,
    did_nothing: impl FnOnce(&T) -> bool,
) {
    let (out, left) = carrying(Effects::audit(vec![event(tag)]), write).await;
    if let Ok(v) = &out {
        assert!(did_nothing(v), "{tag}: expected a refusal, got {out:?}");
        // The caller cannot tell "did nothing" from "did not carry" by
        // what is left, so a write that did nothing drops it itself.
        assert_eq!(left, None, "{tag}: what a no-op carried is dropped");
    }
    assert_eq!(logged(store, tag).await, vec![], "{tag}: nothing stored");
}

fn err<T>(_: &T) -> bool {
    false
}

/// Runs every check below.
pub async fn run_all(store: &dyn CarryBackend) {
    mistakes_carry_their_events(store).await;
    sharing_writes_carry_their_events(store).await;
    recovery_writes_carry_their_events(store).await;
    personal_writes_carry_their_events(store).await;
    reach_writes_carry_their_events(store).await;
}

pub async fn mistakes_carry_their_events(store: &dyn CarryBackend) {
    let ana = stored_person(store, "Ana").await;
    let m = stored_mistake(store, &ana, "Dropped a table").await;
    let mut fresh = m.clone();
    fresh.id = crate::conformance::fresh_id();
    done(store, "mistake-create", store.create(&fresh)).await;
    refused(store, "mistake-create-taken", store.create(&m), err).await;
    done(store, "mistake-save", store.save(&m, &[])).await;
    refused(store, "mistake-save-stale", store.save(&m, &[]), err).await;
}

pub async fn sharing_writes_carry_their_events(store: &dyn CarryBackend) {
    let owner = stored_person(store, "Owen").await;
    let dana = stored_person(store, "Dana").await;
    let m = stored_mistake(store, &owner, "EUR shown as USD").await;
    let other: Mistake = stored_mistake(store, &owner, "Another one").await;
    let (n1, n2) = (fresh_notification_id(), fresh_notification_id());
    let nowhere = crate::conformance::fresh_id();

    let add = store.add_stakeholder(&m.id, &dana.id, now(), &n1);
    assert!(done(store, "stakeholder-add", add).await);
    let missing = store.add_stakeholder(&nowhere, &dana.id, now(), &n2);
    refused(store, "stakeholder-add-missing", missing, err).await;
    let remove = store.remove_stakeholder(&m.id, &dana.id);
    assert!(done(store, "stakeholder-remove", remove).await);
    let again = store.remove_stakeholder(&m.id, &dana.id);
    refused(store, "stakeholder-remove-none", again, |removed| !removed).await;

    let entries = ["Finance".to_string()];
    done(store, "affected-set", store.set_affected(&m.id, &entries)).await;
    let missing = store.set_affected(&nowhere, &entries);
    refused(store, "affected-set-missing", missing, err).await;

    done(store, "ack", store.acknowledge(&m.id, &dana.id, now())).await;
    let again = store.acknowledge(&m.id, &dana.id, now());
    refused(store, "ack-again", again, |(_, first)| !first).await;
    let stranger = crate::conformance_accounts::fresh_user_id();
    let ack = store.acknowledge(&m.id, &stranger, now());
    refused(store, "ack-nobody", ack, err).await;

    let comment = NewComment {
        id: fresh_comment_id(),
        mistake: m.id.clone(),
        parent: None,
        author: Author::Account(dana.id.clone()),
        body: CommentBody::parse("Thanks").expect("a valid comment"),
        created_at: now(),
    };
    done(store, "comment-add", store.add_comment(&comment)).await;
    let twice = store.add_comment(&comment);
    refused(store, "comment-add-duplicate", twice, err).await;
    let body = CommentBody::parse("Thanks, again").expect("a valid comment");
    let dana_ = Actor::Account(dana.id.clone());
    let edit = store.edit_comment(&m.id, &comment.id, &dana_, &body, now());
    done(store, "comment-edit", edit).await;
    let owner_ = Actor::Account(owner.id.clone());
    let not_theirs = store.edit_comment(&m.id, &comment.id, &owner_, &body, now());
    refused(store, "comment-edit-not-theirs", not_theirs, err).await;

    let vote = store.vote(&m.id, &comment.id, &owner_, now());
    assert_eq!(done(store, "vote", vote).await, 1);
    let again = store.vote(&m.id, &comment.id, &owner_, now());
    refused(store, "vote-again", again, |score| *score == 1).await;
    let elsewhere = store.vote(&other.id, &comment.id, &owner_, now());
    refused(store, "vote-elsewhere", elsewhere, err).await;
    let unvote = store.unvote(&m.id, &comment.id, &owner_);
    assert_eq!(done(store, "unvote", unvote).await, 0);
    let again = store.unvote(&m.id, &comment.id, &owner_);
    refused(store, "unvote-again", again, |score| *score == 0).await;

    let link = NewShareLink {
        id: fresh_link_id(),
        mistake: m.id.clone(),
        token_hash: crate::conformance_accounts::fresh_token_hash(),
        label: None,
        created_by: owner.id.clone(),
        created_at: now(),
        expires_at: now() + jiff::SignedDuration::from_hours(1),
    };
    done(store, "link-create", store.create_share_link(&link)).await;
    let twice = store.create_share_link(&link);
    refused(store, "link-create-duplicate", twice, err).await;
    let revoke = store.revoke_share_link(&m.id, &link.id, now());
    done(store, "link-revoke", revoke).await;
    let elsewhere = store.revoke_share_link(&other.id, &link.id, now());
    refused(store, "link-revoke-elsewhere", elsewhere, err).await;
}

pub async fn recovery_writes_carry_their_events(store: &dyn CarryBackend) {
    let manager = stored_person(store, "Mara").await;
    let report: User = stored_person(store, "Remi").await;
    let plan = full_plan(&manager, &report, None);
    done(store, "plan-create", store.create_plan(&plan)).await;
    let twice = store.create_plan(&plan);
    refused(store, "plan-create-duplicate", twice, err).await;
    let saved = done(store, "plan-save", store.save_plan(&plan)).await;
    assert!(matches!(saved, PlanSaved::Saved(_)), "{saved:?}");
    // `plan` is at version 0 still: stale now.
    let stale = store.save_plan(&plan);
    refused(store, "plan-save-stale", stale, |s| {
        matches!(s, PlanSaved::Stale)
    })
    .await;

    let note = PrivateNote::new(
        PrivateNoteId::from_random(fresh5()),
        plan.id.clone(),
        manager.id.clone(),
        now(),
        "Seemed tired",
    )
    .expect("a valid note");
    done(store, "note-add", store.add_private_note(&note)).await;
    let twice = store.add_private_note(&note);
    refused(store, "note-add-duplicate", twice, err).await;
}

pub async fn personal_writes_carry_their_events(store: &dyn CarryBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let m = stored_mistake(store, &ana, "Date promised").await;
    let r = Reflection::new(
        ReflectionId::from_random(fresh5()),
        NewReflection {
            owner: Some(ana.id.clone()),
            mistake: Some(m.id.clone()),
            memory_title: None,
            account: "I promised a date without engineering.".into(),
        },
        None,
        now(),
    )
    .expect("a valid reflection");
    done(
        store,
        "reflection-create",
        store.create_reflection(&r, None),
    )
    .await;
    let twice = store.create_reflection(&r, None);
    refused(store, "reflection-create-duplicate", twice, err).await;
    let update = store.update_reflection(&r, None);
    done(store, "reflection-update", update).await;
    let mut bens = r.clone();
    bens.owner = Some(ben.id.clone());
    let not_theirs = store.update_reflection(&bens, None);
    refused(store, "reflection-update-not-theirs", not_theirs, err).await;

    let p = Principle::new(
        PrincipleId::from_random(fresh5()),
        Some(ana.id.clone()),
        "I will not promise dates alone",
        Some(&r),
        now(),
    )
    .expect("a valid principle");
    done(store, "principle-create", store.create_principle(&p)).await;
    done(store, "principle-save", store.save_principle(&p)).await;
    let mut bens = p.clone();
    bens.owner = Some(ben.id.clone());
    let not_theirs = store.save_principle(&bens);
    refused(store, "principle-save-not-theirs", not_theirs, err).await;

    let w = Win::new(
        WinId::from_random(fresh5()),
        Some(ana.id.clone()),
        None,
        "Shipped",
        now(),
    )
    .expect("a valid win");
    done(store, "win-add", store.add_win(&w)).await;
    refused(store, "win-add-duplicate", store.add_win(&w), err).await;

    let plan = SelfCarePlan::new(Some(ana.id.clone()), None, &["Sleep".to_string()], now())
        .expect("a valid plan");
    done(store, "self-care-set", store.set_self_care_plan(&plan)).await;
    let nobody = crate::conformance_accounts::fresh_user_id();
    let theirs =
        SelfCarePlan::new(Some(nobody), None, &["Sleep".to_string()], now()).expect("a valid plan");
    let missing = store.set_self_care_plan(&theirs);
    refused(store, "self-care-set-nobody", missing, err).await;

    let delete = store.delete_reflection(Some(&ben.id), &r.id);
    refused(store, "reflection-delete-not-theirs", delete, err).await;
    let delete = store.delete_reflection(Some(&ana.id), &r.id);
    done(store, "reflection-delete", delete).await;
}

/// What reaches people: a preference, a person's and a team's webhook.
pub async fn reach_writes_carry_their_events(store: &dyn CarryBackend) {
    use rebound_domain::delivery::{Channel, MessageKind, Preference};
    let ana = stored_person(store, "Ana").await;
    let off = Preference {
        kind: MessageKind::Digest,
        channel: Channel::Email,
        enabled: false,
    };
    let set = store.set_preference(&ana.id, off, now());
    done(store, "preference-set", set).await;
    let nobody = crate::conformance_accounts::fresh_user_id();
    let missing = store.set_preference(&nobody, off, now());
    refused(store, "preference-set-nobody", missing, err).await;

    let team = crate::conformance_webhooks::stored_team(store, "Payments").await;
    for (tag, owner) in [
        ("person", WebhookOwner::User(ana.id.clone())),
        ("team", WebhookOwner::Team(team.id.clone())),
    ] {
        let url = "https://hooks.example.com/a/SECRET1";
        let new = crate::conformance_webhooks::hook(owner.clone(), url, ChatFormat::Slack);
        done(
            store,
            &format!("{tag}-webhook-set"),
            store.set_webhook(&new),
        )
        .await;
        let removal = store.remove_webhook(&owner);
        assert!(done(store, &format!("{tag}-webhook-remove"), removal).await);
        let again = store.remove_webhook(&owner);
        refused(
            store,
            &format!("{tag}-webhook-remove-none"),
            again,
            |gone| !gone,
        )
        .await;
    }
    let nobody = WebhookOwner::Team(crate::conformance_accounts::fresh_team_id());
    let new = crate::conformance_webhooks::hook(nobody, "https://x.example/h", ChatFormat::Slack);
    refused(
        store,
        "team-webhook-set-nobody",
        store.set_webhook(&new),
        err,
    )
    .await;
}
