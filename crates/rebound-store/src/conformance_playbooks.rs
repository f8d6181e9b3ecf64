//! An organisation's playbooks, on any backend: created at version 1 with
//! its first revision, edited with every version kept (who, when, what),
//! a stale or missing edit refused, a taken slug refused, deleted with its
//! revisions, an erased author's versions kept as nobody's; each write
//! carries its event into its own transaction, a refused one none.

use crate::conformance_sharing::{SharingBackend, stored_person};
use crate::effects::{Effects, carrying};
use crate::erasure::ErasureStore;
use crate::playbooks::{NewPlaybook, PlaybookEdit, PlaybookEdited, PlaybookStore};
use crate::{AuditStore, StoreError};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::User;
use rebound_domain::audit::{AuditActor, AuditEvent};

/// Everything the checks need from one backend.
pub trait PlaybookBackend: SharingBackend + PlaybookStore + ErasureStore + AuditStore {}
impl<T: SharingBackend + PlaybookStore + ErasureStore + AuditStore> PlaybookBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn PlaybookBackend) {
    created_edited_and_every_version_kept(store).await;
    refusals_write_nothing(store).await;
    deleting_takes_the_revisions(store).await;
    an_erased_authors_versions_stay(store).await;
}

fn at(minutes: i64) -> Timestamp {
    let t0: Timestamp = "2026-12-07T08:00:00Z".parse().expect("a valid time");
    t0 + SignedDuration::from_mins(minutes)
}

fn new(slug: &str, author: &User) -> NewPlaybook {
    NewPlaybook {
        slug: slug.into(),
        title: "Our release checklist".into(),
        summary: "What we check before shipping.".into(),
        body: "## Before\n\n- <b>tests</b> pass\n".into(),
        author: author.id.clone(),
        at: at(0),
    }
}

fn edit(author: &User, body: &str, minutes: i64, expected: Option<i64>) -> PlaybookEdit {
    PlaybookEdit {
        title: "Our release checklist".into(),
        summary: "What we check before and after shipping.".into(),
        body: body.into(),
        author: author.id.clone(),
        at: at(minutes),
        expected,
    }
}

fn event(tag: &str) -> AuditEvent {
    AuditEvent {
        at: at(0),
        actor: AuditActor::User("ana0sam1".into()),
        action: "change".into(),
        part: "playbook".into(),
        resource_kind: "carried".into(),
        resource_id: tag.into(),
    }
}

async fn logged(store: &dyn PlaybookBackend, tag: &str) -> usize {
    store
        .audit_of("carried", tag, 10)
        .await
        .expect("read")
        .len()
}

async fn created_edited_and_every_version_kept(store: &dyn PlaybookBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    assert!(store.org_playbooks().await.unwrap().is_empty());
    let arg = new("release", &ana);
    let write = store.create_playbook(&arg);
    let (made, left) = carrying(Effects::audit(vec![event("create")]), write).await;
    let made = made.expect("created");
    assert_eq!(left, None, "the create took its event");
    assert_eq!(logged(store, "create").await, 1);
    assert_eq!(
        (made.version, made.created_at, made.updated_at),
        (1, at(0), at(0))
    );
    assert_eq!(made.updated_by.as_ref().map(|a| &a.id), Some(&ana.id));
    assert_eq!(
        made.updated_by.as_ref().unwrap().name,
        ana.display_name.as_str()
    );
    // The Markdown comes back exactly as written.
    assert_eq!(made.body, "## Before\n\n- <b>tests</b> pass\n");

    let arg = edit(&ben, "v2", 5, Some(1));
    let write = store.edit_playbook("release", &arg);
    let (saved, _) = carrying(Effects::audit(vec![event("edit")]), write).await;
    let PlaybookEdited::Saved(v2) = saved.expect("edited") else {
        panic!("an edit over the current version is saved")
    };
    assert_eq!(logged(store, "edit").await, 1);
    assert_eq!((v2.version, v2.body.as_str()), (2, "v2"));
    assert_eq!((v2.created_at, v2.updated_at), (at(0), at(5)));
    assert_eq!(v2.updated_by.as_ref().map(|a| &a.id), Some(&ben.id));
    // Without an expected version, the last writer wins.
    let PlaybookEdited::Saved(v3) = store
        .edit_playbook("release", &edit(&ana, "v3", 9, None))
        .await
        .unwrap()
    else {
        panic!("an edit over any version is saved")
    };
    assert_eq!(v3.version, 3);
    assert_eq!(
        store.org_playbook("release").await.unwrap(),
        Some(v3.clone())
    );
    assert_eq!(store.org_playbooks().await.unwrap(), vec![v3]);

    let revs = store.playbook_revisions("release").await.unwrap();
    let seen: Vec<(i64, &str, Timestamp, &str)> = revs
        .iter()
        .map(|r| {
            let who = r.author.as_ref().map_or("", |a| a.id.as_str());
            (r.version, r.body.as_str(), r.at, who)
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (3, "v3", at(9), ana.id.as_str()),
            (2, "v2", at(5), ben.id.as_str()),
            (
                1,
                "## Before\n\n- <b>tests</b> pass\n",
                at(0),
                ana.id.as_str()
            ),
        ]
    );
    assert_eq!(revs[1].summary, "What we check before and after shipping.");
    assert_eq!(revs[2].summary, "What we check before shipping.");
    assert!(
        store
            .playbook_revisions("nothing")
            .await
            .unwrap()
            .is_empty()
    );
}

async fn refusals_write_nothing(store: &dyn PlaybookBackend) {
    let ana = stored_person(store, "Ana").await;
    store.create_playbook(&new("taken", &ana)).await.unwrap();
    let arg = new("taken", &ana);
    let write = store.create_playbook(&arg);
    let (out, _) = carrying(Effects::audit(vec![event("taken")]), write).await;
    assert!(
        matches!(
            out,
            Err(StoreError::AlreadyExists {
                what: "playbook",
                ..
            })
        ),
        "{out:?}"
    );
    assert_eq!(logged(store, "taken").await, 0);

    let arg = edit(&ana, "late", 1, Some(7));
    let write = store.edit_playbook("taken", &arg);
    let (out, left) = carrying(Effects::audit(vec![event("stale")]), write).await;
    assert_eq!(out.unwrap(), PlaybookEdited::Stale(1));
    assert_eq!(left, None, "a stale edit drops what it carried");
    assert_eq!(logged(store, "stale").await, 0);
    assert_eq!(store.playbook_revisions("taken").await.unwrap().len(), 1);

    let arg = edit(&ana, "x", 1, None);
    let write = store.edit_playbook("missing", &arg);
    let (out, _) = carrying(Effects::audit(vec![event("missing")]), write).await;
    assert!(
        matches!(
            out,
            Err(StoreError::RecordNotFound {
                what: "playbook",
                ..
            })
        ),
        "{out:?}"
    );
    assert_eq!(logged(store, "missing").await, 0);

    let mut nobody = new("orphan", &ana);
    nobody.author = crate::conformance_accounts::fresh_user_id();
    assert!(matches!(
        store.create_playbook(&nobody).await,
        Err(StoreError::UserNotFound(_))
    ));
    assert_eq!(store.org_playbook("orphan").await.unwrap(), None);
}

async fn deleting_takes_the_revisions(store: &dyn PlaybookBackend) {
    let ana = stored_person(store, "Ana").await;
    store.create_playbook(&new("gone", &ana)).await.unwrap();
    store
        .edit_playbook("gone", &edit(&ana, "v2", 1, None))
        .await
        .unwrap();
    let (out, _) = carrying(
        Effects::audit(vec![event("delete")]),
        store.delete_playbook("gone"),
    )
    .await;
    assert!(out.unwrap());
    assert_eq!(logged(store, "delete").await, 1);
    assert_eq!(store.org_playbook("gone").await.unwrap(), None);
    assert!(store.playbook_revisions("gone").await.unwrap().is_empty());
    let (out, left) = carrying(
        Effects::audit(vec![event("delete-again")]),
        store.delete_playbook("gone"),
    )
    .await;
    assert!(!out.unwrap());
    assert_eq!(left, None);
    assert_eq!(logged(store, "delete-again").await, 0);
    // The slug is free again.
    store.create_playbook(&new("gone", &ana)).await.unwrap();
}

async fn an_erased_authors_versions_stay(store: &dyn PlaybookBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    store.create_playbook(&new("kept", &ana)).await.unwrap();
    store
        .edit_playbook("kept", &edit(&ben, "by ben", 1, None))
        .await
        .unwrap();
    store
        .edit_playbook("kept", &edit(&ana, "by ana", 2, None))
        .await
        .unwrap();
    store.erase_account(&ana.id, at(3)).await.unwrap();
    let p = store.org_playbook("kept").await.unwrap().expect("kept");
    assert_eq!(
        (p.version, p.body.as_str(), p.updated_by),
        (3, "by ana", None)
    );
    let who: Vec<Option<String>> = store
        .playbook_revisions("kept")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.author.map(|a| a.id.to_string()))
        .collect();
    assert_eq!(who, vec![None, Some(ben.id.to_string()), None]);
}
