//! The behaviour every [`OpenAs`] backend must show: the one read answers
//! exactly what the separate reads it replaces answer (`token_user` or
//! `session_user`, `get`, and the relation facts), for every relation, for
//! dead credentials and for missing mistakes. A backend's tests call
//! `run_all(&store).await` on a store that also keeps mistakes, accounts
//! and sharing.

use crate::accounts::{NewApiToken, NewSession};
use crate::conformance_accounts::{
    fresh_session_id, fresh_team_id, fresh_token_hash, fresh_token_id, now,
};
use crate::conformance_sharing::{SharingBackend, fresh_notification_id, stored_person};
use crate::open_as::{Holder, OpenAs, Opened, Presented};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::access::Relation;
use rebound_domain::{
    ApiTokenId, Mistake, NewMistake, ProgressUpdate, Team, TeamName, TimelineEntry, TokenHash,
    User, Visibility,
};

/// Everything the checks need from one backend.
pub trait OpenAsBackend: SharingBackend + OpenAs {}
impl<T: SharingBackend + OpenAs> OpenAsBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn OpenAsBackend) {
    every_relation_matches_the_separate_reads(store).await;
    a_full_mistake_opens_whole(store).await;
    a_missing_mistake_still_names_the_holder(store).await;
    dead_credentials_open_nothing(store).await;
    a_token_s_use_is_recorded(store).await;
    a_mistake_of_nobody_relates_to_nobody(store).await;
}

fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

/// A live API token for `user`; returns its hash.
async fn token_for(store: &dyn OpenAsBackend, user: &User, expires: Option<i64>) -> TokenHash {
    issue_token(store, user, expires).await.1
}

async fn issue_token(
    store: &dyn OpenAsBackend,
    user: &User,
    expires: Option<i64>,
) -> (ApiTokenId, TokenHash) {
    let (id, hash) = (fresh_token_id(), fresh_token_hash());
    store
        .create_api_token(&NewApiToken {
            id: id.clone(),
            token_hash: hash.clone(),
            user: user.id.clone(),
            name: "laptop CLI".into(),
            created_at: at(-60),
            expires_at: expires.map(at),
        })
        .await
        .expect("token created");
    (id, hash)
}

/// A session for `user` expiring `expires` minutes from now; returns its hash.
async fn session_for(store: &dyn OpenAsBackend, user: &User, expires: i64) -> TokenHash {
    let hash = fresh_token_hash();
    store
        .create_session(&NewSession {
            id: fresh_session_id(),
            token_hash: hash.clone(),
            user: user.id.clone(),
            created_at: at(-60),
            expires_at: at(expires),
            user_agent: None,
        })
        .await
        .expect("session created");
    hash
}

async fn mistake_of(store: &dyn OpenAsBackend, owner: Option<&User>, title: &str) -> Mistake {
    let m = Mistake::new(
        NewMistake {
            title: title.into(),
            owner: owner.map(|o| o.id.clone()),
            visibility: Some(Visibility::Team),
            ..NewMistake::default()
        },
        crate::conformance::fresh_id(),
        &crate::conformance::now(),
    )
    .expect("a valid mistake");
    store.create(&m).await.expect("mistake created");
    m
}

/// How `viewer` relates to `m`, from the separate reads `Guard` used.
async fn relation_from_parts(store: &dyn OpenAsBackend, viewer: &User, m: &Mistake) -> Relation {
    let Some(owner) = &m.owner else {
        return Relation::default();
    };
    if *owner == viewer.id {
        return Relation {
            owner: true,
            ..Relation::default()
        };
    }
    let Ok(o) = store.user(owner).await else {
        return Relation::default();
    };
    Relation {
        owner: false,
        owners_manager: o.manager.as_ref() == Some(&viewer.id),
        stakeholder: store.is_stakeholder(&m.id, &viewer.id).await.unwrap(),
        teammate: store.share_a_team(&viewer.id, owner).await.unwrap(),
    }
}

fn opened_mistake(opened: &Opened) -> &(Mistake, Relation) {
    opened.mistake.as_ref().expect("the mistake is found")
}

async fn every_relation_matches_the_separate_reads(store: &dyn OpenAsBackend) {
    let owner = stored_person(store, "Owner").await;
    let manager = stored_person(store, "Manager").await;
    let stakeholder = stored_person(store, "Stakeholder").await;
    let teammate = stored_person(store, "Teammate").await;
    let stranger = stored_person(store, "Stranger").await;
    // Someone who is all three at once, to show the facts are independent.
    let everything = stored_person(store, "Everything").await;
    store
        .set_manager(&owner.id, Some(&manager.id))
        .await
        .unwrap();
    let id = fresh_team_id();
    let team = Team {
        name: TeamName::parse(&format!("Payments {id}")).unwrap(),
        id,
    };
    store.create_team(&team).await.unwrap();
    for member in [&owner, &teammate, &everything] {
        store.add_member(&team.id, &member.id).await.unwrap();
    }
    let m = mistake_of(store, Some(&owner), "Sent the wrong dashboard").await;
    for who in [&stakeholder, &everything] {
        store
            .add_stakeholder(&m.id, &who.id, at(0), &fresh_notification_id())
            .await
            .unwrap();
    }
    let stored = store.get(&m.id).await.unwrap();
    let expected = [
        (&owner, "owner"),
        (&manager, "manager"),
        (&stakeholder, "stakeholder"),
        (&teammate, "teammate"),
        (&stranger, "stranger"),
        (&everything, "stakeholder and teammate"),
    ];
    for (who, label) in expected {
        let want = relation_from_parts(store, who, &stored).await;
        for presented in ["token", "session"] {
            let hash = if presented == "token" {
                token_for(store, who, None).await
            } else {
                session_for(store, who, 60).await
            };
            let credential = if presented == "token" {
                Presented::ApiToken(&hash)
            } else {
                Presented::Session(&hash)
            };
            let opened = store
                .open_as(credential, &m.id, now())
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("{label}'s live {presented} opens"));
            let account = store.user(&who.id).await.unwrap();
            assert_eq!(opened.user, account, "{label} by {presented}: the holder");
            let (got, relation) = opened_mistake(&opened);
            assert_eq!(*got, stored, "{label} by {presented}: the whole mistake");
            assert_eq!(*relation, want, "{label} by {presented}: the relation");
            match (&opened.holder, presented) {
                (Holder::ApiToken(t), "token") => assert_eq!(t.user, who.id),
                (Holder::Session(s), "session") => assert_eq!(s.user, who.id),
                (other, _) => panic!("{label} by {presented}: held as {other:?}"),
            }
        }
    }
    // The relations themselves, so a wrong `relation_from_parts` cannot
    // make the comparison above pass.
    let of = |owner, owners_manager, stakeholder, teammate| Relation {
        owner,
        owners_manager,
        stakeholder,
        teammate,
    };
    let rel = |who: &User| {
        let who = who.clone();
        let id = m.id.clone();
        async move {
            let hash = token_for(store, &who, None).await;
            let opened = store.open_as(Presented::ApiToken(&hash), &id, now());
            opened_mistake(&opened.await.unwrap().unwrap()).1
        }
    };
    assert_eq!(rel(&owner).await, of(true, false, false, false));
    assert_eq!(rel(&manager).await, of(false, true, false, false));
    assert_eq!(rel(&stakeholder).await, of(false, false, true, false));
    assert_eq!(rel(&teammate).await, of(false, false, false, true));
    assert_eq!(rel(&stranger).await, of(false, false, false, false));
    assert_eq!(rel(&everything).await, of(false, false, true, true));
    // A fact changed counts on the next read.
    store.set_manager(&owner.id, None).await.unwrap();
    store
        .remove_stakeholder(&m.id, &stakeholder.id)
        .await
        .unwrap();
    store.remove_member(&team.id, &teammate.id).await.unwrap();
    assert_eq!(rel(&manager).await, of(false, false, false, false));
    assert_eq!(rel(&stakeholder).await, of(false, false, false, false));
    assert_eq!(rel(&teammate).await, of(false, false, false, false));
}

/// Every field and every child list (timeline, updates, transitions,
/// prevention, commits) comes back as `get` returns it.
async fn a_full_mistake_opens_whole(store: &dyn OpenAsBackend) {
    let owner = stored_person(store, "Owner").await;
    let now = crate::conformance::now();
    let mut m = crate::conformance::full_mistake(&now);
    m.owner = Some(owner.id.clone());
    m.timeline.push(TimelineEntry {
        id: 0,
        at: now.timestamp() - SignedDuration::from_mins(15),
        text: "Customer asked why they were charged twice".into(),
        starred: true,
        recorded_at: now.timestamp() - SignedDuration::from_mins(9),
        removed_at: None,
        earlier: Vec::new(),
    });
    m.updates.push(ProgressUpdate {
        id: 0,
        at: now.timestamp() - SignedDuration::from_mins(5),
        text: "Refunds queued".into(),
    });
    store.create(&m).await.expect("mistake created");
    let stored = store.get(&m.id).await.unwrap();
    assert!(
        !stored.timeline.is_empty()
            && !stored.updates.is_empty()
            && stored.transitions.len() == 2
            && !stored.note.prevention.is_empty()
            && stored.commits.len() == 2,
        "the check needs every child list filled: {stored:?}"
    );
    let hash = token_for(store, &owner, None).await;
    let opened = store
        .open_as(Presented::ApiToken(&hash), &m.id, self::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened_mistake(&opened).0, stored);
}

async fn a_missing_mistake_still_names_the_holder(store: &dyn OpenAsBackend) {
    let me = stored_person(store, "Asker").await;
    let hash = token_for(store, &me, None).await;
    let ghost = crate::conformance::fresh_id();
    let opened = store
        .open_as(Presented::ApiToken(&hash), &ghost, now())
        .await
        .unwrap()
        .expect("a live token resolves whatever the mistake");
    assert_eq!(opened.user, me);
    assert!(opened.mistake.is_none(), "no such mistake: {opened:?}");
}

async fn dead_credentials_open_nothing(store: &dyn OpenAsBackend) {
    let owner = stored_person(store, "Owner").await;
    let m = mistake_of(store, Some(&owner), "Dropped the index").await;
    let opens = |hash: TokenHash, session: bool| {
        let id = m.id.clone();
        async move {
            let presented = if session {
                Presented::Session(&hash)
            } else {
                Presented::ApiToken(&hash)
            };
            store
                .open_as(presented, &id, now())
                .await
                .unwrap()
                .is_some()
        }
    };
    // Never issued, as either kind; and one kind's hash is not the other's.
    assert!(!opens(fresh_token_hash(), false).await);
    assert!(!opens(fresh_token_hash(), true).await);
    let token = token_for(store, &owner, None).await;
    let session = session_for(store, &owner, 60).await;
    assert!(opens(token.clone(), false).await);
    assert!(
        !opens(token.clone(), true).await,
        "a token is not a session"
    );
    assert!(opens(session.clone(), true).await);
    assert!(
        !opens(session.clone(), false).await,
        "a session is not a token"
    );
    // Expired: exactly at its expiry it is dead, as in token_user/session_user.
    let expired_token = token_for(store, &owner, Some(0)).await;
    assert!(!opens(expired_token, false).await);
    let expired_session = session_for(store, &owner, 0).await;
    assert!(!opens(expired_session, true).await);
    // Revoked.
    let (revoked_id, revoked) = issue_token(store, &owner, None).await;
    assert!(opens(revoked.clone(), false).await);
    store
        .revoke_api_token(&owner.id, &revoked_id, at(0))
        .await
        .unwrap();
    assert!(!opens(revoked, false).await);
    assert!(
        opens(token.clone(), false).await,
        "only that token is revoked"
    );
    // The account disabled: every credential of it dies.
    store.disable_user(&owner.id, at(0)).await.unwrap();
    assert!(!opens(token, false).await);
    assert!(!opens(session, true).await);
}

async fn a_token_s_use_is_recorded(store: &dyn OpenAsBackend) {
    let me = stored_person(store, "User").await;
    let m = mistake_of(store, Some(&me), "Pushed to main").await;
    let hash = token_for(store, &me, None).await;
    let opened = store
        .open_as(Presented::ApiToken(&hash), &m.id, now())
        .await
        .unwrap()
        .unwrap();
    let Holder::ApiToken(token) = opened.holder else {
        panic!("held as a token");
    };
    assert_eq!(token.last_used_at, Some(now()), "the answer says so");
    let listed = store.list_api_tokens(&me.id).await.unwrap();
    let stored = listed.iter().find(|t| t.id == token.id).unwrap();
    assert_eq!(stored.last_used_at, Some(now()), "and it is stored");
}

async fn a_mistake_of_nobody_relates_to_nobody(store: &dyn OpenAsBackend) {
    let me = stored_person(store, "Reader").await;
    let personal = mistake_of(store, None, "From a personal database").await;
    let hash = session_for(store, &me, 60).await;
    let opened = store
        .open_as(Presented::Session(&hash), &personal.id, now())
        .await
        .unwrap()
        .unwrap();
    let (got, relation) = opened_mistake(&opened);
    assert_eq!(got.id, personal.id);
    assert_eq!(*relation, Relation::default());
}
