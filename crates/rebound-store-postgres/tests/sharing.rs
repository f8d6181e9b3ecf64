//! Sharing on PostgreSQL: the backend-agnostic suite, then what several
//! server processes (here: several stores, each with its own pool) doing
//! the same thing at once must not double or lose.

use rebound_domain::{Actor, Author, CommentBody};
use rebound_store::conformance_sharing::{
    self, fresh_comment_id, fresh_notification_id, now, stored_mistake, stored_person,
};
use rebound_store::{NewComment, SharingStore};
use rebound_store_postgres::testing::TestDatabase;

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_sharing_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_sharing::run_all(&store).await;
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn naming_a_stakeholder_on_two_servers_at_once_notifies_once() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    let owner = stored_person(&a, "Owner").await;
    for round in 0..8 {
        let dana = stored_person(&a, "Dana").await;
        let m = stored_mistake(&a, &owner, "Twice named").await;
        let (na, nb) = (fresh_notification_id(), fresh_notification_id());
        let (ra, rb) = tokio::join!(
            a.add_stakeholder(&m.id, &dana.id, now(), &na),
            b.add_stakeholder(&m.id, &dana.id, now(), &nb),
        );
        let added = [ra.unwrap(), rb.unwrap()];
        assert_eq!(
            added.iter().filter(|x| **x).count(),
            1,
            "round {round}: {added:?}"
        );
        assert_eq!(b.stakeholders(&m.id).await.unwrap().len(), 1);
        assert_eq!(a.notifications(&dana.id).await.unwrap().len(), 1);
        let (ka, kb) = tokio::join!(
            a.acknowledge(&m.id, &dana.id, now()),
            b.acknowledge(&m.id, &dana.id, now()),
        );
        let (ka, kb) = (ka.unwrap(), kb.unwrap());
        assert_eq!((ka.0, kb.0), (now(), now()));
        assert!(ka.1 ^ kb.1, "round {round}: exactly one records it");
    }
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn votes_racing_through_two_servers_are_each_counted_once() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    let owner = stored_person(&a, "Owner").await;
    let m = stored_mistake(&a, &owner, "Popular").await;
    let c = NewComment {
        id: fresh_comment_id(),
        mistake: m.id.clone(),
        parent: None,
        author: Author::Account(owner.id.clone()),
        body: CommentBody::parse("Which reports?").unwrap(),
        created_at: now(),
    };
    a.add_comment(&c).await.unwrap();
    let mut voters = Vec::new();
    for i in 0..10 {
        voters.push(Actor::Account(
            stored_person(&a, &format!("Voter {i}")).await.id,
        ));
    }
    // Everyone votes at once, half through each server, each twice.
    let votes = voters.iter().flat_map(|v| {
        [
            a.vote(&m.id, &c.id, v, now()),
            b.vote(&m.id, &c.id, v, now()),
        ]
    });
    for r in futures_join_all(votes).await {
        r.unwrap();
    }
    let listed = b.comment(&m.id, &c.id, &voters[0]).await.unwrap();
    assert_eq!(listed.comment.score, 10);
    assert!(listed.voted);
    // And all take it back at once.
    let unvotes = voters.iter().map(|v| b.unvote(&m.id, &c.id, v));
    for r in futures_join_all(unvotes).await {
        r.unwrap();
    }
    assert_eq!(
        a.comment(&m.id, &c.id, &voters[0])
            .await
            .unwrap()
            .comment
            .score,
        0
    );
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn replacing_the_affected_list_on_two_servers_at_once_keeps_one_whole() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    let owner = stored_person(&a, "Owner").await;
    let m = stored_mistake(&a, &owner, "Who was hit").await;
    let one: Vec<String> = vec!["finance leads".into(), "ana@client.com".into()];
    let two: Vec<String> = vec!["support".into(), "ops".into(), "sales".into()];
    for round in 0..8 {
        let (ra, rb) = tokio::join!(a.set_affected(&m.id, &one), b.set_affected(&m.id, &two));
        ra.unwrap();
        rb.unwrap();
        let now = a.affected(&m.id).await.unwrap();
        assert!(now == one || now == two, "round {round}: {now:?}");
    }
    a.close().await;
    b.close().await;
}

/// Polls every future to completion on this thread, all in flight at once
/// (no extra crate for `join_all`).
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.map(|f| Some(Box::pin(f))).collect();
    let mut out: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (slot, result) in pending.iter_mut().zip(out.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        *result = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.into_iter()
        .map(|v| v.expect("polled to completion"))
        .collect()
}
