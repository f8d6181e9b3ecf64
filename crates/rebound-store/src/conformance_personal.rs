//! The behaviour every [`PersonalStore`] backend must show: what one
//! person wrote or chose, found by the person, and nobody else's.

use crate::conformance::fresh5;
use crate::conformance_recovery::{RecoveryBackend, full_plan};
use crate::conformance_sharing::{fresh_comment_id, now, stored_mistake, stored_person};
use crate::personal::PersonalStore;
use crate::sharing::NewComment;
use jiff::SignedDuration;
use rebound_domain::id::PrivateNoteId;
use rebound_domain::recovery::PrivateNote;
use rebound_domain::{Actor, Author, CommentBody, MistakeId, User};

/// Everything the checks need from one backend.
pub trait PersonalBackend: RecoveryBackend + PersonalStore {}
impl<T: RecoveryBackend + PersonalStore> PersonalBackend for T {}

pub async fn run_all(store: &dyn PersonalBackend) {
    comments_and_votes_are_found_by_their_author_only(store).await;
    private_notes_about_a_report_are_every_managers(store).await;
}

async fn comment(
    store: &dyn PersonalBackend,
    m: &MistakeId,
    who: &User,
    minute: i64,
) -> NewComment {
    let c = NewComment {
        id: fresh_comment_id(),
        mistake: m.clone(),
        parent: None,
        author: Author::Account(who.id.clone()),
        body: CommentBody::parse(&format!("Comment at minute {minute}")).unwrap(),
        created_at: now() + SignedDuration::from_mins(minute),
    };
    crate::SharingStore::add_comment(store, &c).await.unwrap();
    c
}

pub async fn comments_and_votes_are_found_by_their_author_only(store: &dyn PersonalBackend) {
    let ana = stored_person(store, "Ana Author").await;
    let ben = stored_person(store, "Ben Other").await;
    let bens = stored_mistake(store, &ben, "Ben's mistake").await;
    let anas = stored_mistake(store, &ana, "Ana's own").await;
    let later = comment(store, &bens.id, &ana, 2).await;
    let first = comment(store, &anas.id, &ana, 1).await;
    let not_hers = comment(store, &bens.id, &ben, 3).await;

    let found = store.comments_by(&ana.id).await.unwrap();
    let ids: Vec<_> = found.iter().map(|c| c.id.clone()).collect();
    assert_eq!(
        ids,
        [first.id.clone(), later.id.clone()],
        "hers, oldest first, on any mistake"
    );
    assert_eq!(found[1].mistake, bens.id);
    assert_eq!(found[1].body, "Comment at minute 2");
    assert_eq!(found[1].author_name.as_str(), ana.display_name.as_str());

    let at = now() + SignedDuration::from_mins(5);
    crate::SharingStore::vote(
        store,
        &bens.id,
        &not_hers.id,
        &Actor::Account(ana.id.clone()),
        at,
    )
    .await
    .unwrap();
    crate::SharingStore::vote(
        store,
        &bens.id,
        &later.id,
        &Actor::Account(ben.id.clone()),
        at,
    )
    .await
    .unwrap();
    let votes = store.votes_by(&ana.id).await.unwrap();
    assert_eq!(votes.len(), 1, "only her own upvote: {votes:?}");
    assert_eq!(
        (&votes[0].mistake, &votes[0].comment, votes[0].at),
        (&bens.id, &not_hers.id, at)
    );
    let nobody = stored_person(store, "Nia Nothing").await;
    assert!(store.comments_by(&nobody.id).await.unwrap().is_empty());
    assert!(store.votes_by(&nobody.id).await.unwrap().is_empty());
}

pub async fn private_notes_about_a_report_are_every_managers(store: &dyn PersonalBackend) {
    let manager = stored_person(store, "Mia Manager").await;
    let next = stored_person(store, "Nell Next").await;
    let report = stored_person(store, "Rui Report").await;
    let other = stored_person(store, "Oz Otherreport").await;
    let mut p = full_plan(&manager, &report, None);
    p.end(None, manager.id.clone(), now()).expect("ends");
    let q = full_plan(&next, &report, None);
    let elsewhere = full_plan(&manager, &other, None);
    for plan in [&p, &q, &elsewhere] {
        crate::RecoveryStore::create_plan(store, plan)
            .await
            .unwrap();
    }
    let note = |plan: &rebound_domain::recovery::RecoveryPlan, author: &User, day: i64| {
        PrivateNote::new(
            PrivateNoteId::from_random(fresh5()),
            plan.id.clone(),
            author.id.clone(),
            now() + SignedDuration::from_hours(24 * day),
            &format!("Note on day {day}"),
        )
        .unwrap()
    };
    let (a, b, c) = (
        note(&q, &next, 2),
        note(&p, &manager, 1),
        note(&elsewhere, &manager, 0),
    );
    for n in [&a, &b, &c] {
        crate::RecoveryStore::add_private_note(store, n)
            .await
            .unwrap();
    }
    let about = store.private_notes_about(&report.id).await.unwrap();
    assert_eq!(
        about,
        [b, a],
        "both managers', both plans, oldest first; not another report's"
    );
    assert!(
        store
            .private_notes_about(&manager.id)
            .await
            .unwrap()
            .is_empty()
    );
}
