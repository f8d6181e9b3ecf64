//! The behaviour every [`SharingStore`] backend must show, as async
//! functions a backend's own tests call: `run_all(&store).await`, on a
//! store that also keeps mistakes and accounts (sharing hangs off both).
//!
//! Each function makes its own people, mistakes and links (fresh ids,
//! unique emails) and checks only those, so they can share one store and
//! run in any order. Times are fixed, explicit and of millisecond
//! precision: expiry is checked by passing `now`, never by waiting.

use crate::accounts::AccountStore;
use crate::conformance::fresh5;
use crate::conformance_accounts::{fresh_token_hash, person};
use crate::sharing::{NewComment, NewGuestSession, NewShareLink, SharingStore};
use crate::{Store, StoreError};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{
    Actor, Author, CommentBody, CommentId, DisplayName, GuestId, Mistake, MistakeId, NewMistake,
    NotificationId, NotificationKind, ShareLinkId, User, Visibility,
};

// Kept apart: this file is long enough.
pub mod read_all;

/// Everything the checks need from one backend.
pub trait SharingBackend: Store + AccountStore + SharingStore {}
impl<T: Store + AccountStore + SharingStore> SharingBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn SharingBackend) {
    stakeholders_are_named_once_notified_once_and_removed(store).await;
    missing_mistake_or_user_is_refused(store).await;
    the_affected_list_is_replaced_whole_in_order(store).await;
    acknowledging_keeps_the_first_time(store).await;
    comments_and_replies_stay_on_their_mistake(store).await;
    editing_a_comment_needs_its_author_and_its_mistake(store).await;
    votes_count_once_per_person_and_can_be_taken_back(store).await;
    share_links_live_until_revoked_or_expired(store).await;
    a_link_dies_with_its_creators_account(store).await;
    guest_sessions_end_with_their_link(store).await;
    notifications_are_each_persons_own(store).await;
    read_all::marking_all_read_touches_only_ones_own_unread(store).await;
    purging_ends_guests_and_old_links_but_keeps_what_guests_wrote(store).await;
}

/// The fixed "now" of every check.
pub fn now() -> Timestamp {
    "2026-11-22T13:30:00.123Z"
        .parse()
        .expect("a valid timestamp")
}

fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

pub fn fresh_comment_id() -> CommentId {
    CommentId::from_random(fresh5())
}

pub fn fresh_link_id() -> ShareLinkId {
    ShareLinkId::from_random(fresh5())
}

pub fn fresh_guest_id() -> GuestId {
    GuestId::from_random(fresh5())
}

pub fn fresh_notification_id() -> NotificationId {
    NotificationId::from_random(fresh5())
}

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

pub async fn stored_person(store: &dyn SharingBackend, name: &str) -> User {
    let u = person(name);
    store.create_user(&u, HASH).await.expect("user created");
    u
}

/// A stored mistake owned by `owner`.
pub async fn stored_mistake(store: &dyn SharingBackend, owner: &User, title: &str) -> Mistake {
    let now = crate::conformance::now();
    let m = Mistake::new(
        NewMistake {
            title: title.into(),
            owner: Some(owner.id.clone()),
            visibility: Some(Visibility::Stakeholders),
            ..NewMistake::default()
        },
        crate::conformance::fresh_id(),
        &now,
    )
    .expect("a valid mistake");
    store.create(&m).await.expect("mistake created");
    m
}

fn body(text: &str) -> CommentBody {
    CommentBody::parse(text).expect("a valid body")
}

fn by(user: &User) -> Actor {
    Actor::Account(user.id.clone())
}

fn new_comment(
    m: &MistakeId,
    author: Author,
    parent: Option<&CommentId>,
    minute: i64,
) -> NewComment {
    NewComment {
        id: fresh_comment_id(),
        mistake: m.clone(),
        parent: parent.cloned(),
        author,
        body: body("Thanks for the quick note — which reports were affected?"),
        created_at: at(minute),
    }
}

/// The ids of `mistake`'s links, as listed (newest first).
pub async fn link_ids(store: &dyn SharingBackend, mistake: &MistakeId) -> Vec<ShareLinkId> {
    let links = store.share_links(mistake).await.expect("links listed");
    links.into_iter().map(|l| l.id).collect()
}

fn new_link(m: &Mistake, owner: &User, expires_minutes: i64) -> NewShareLink {
    NewShareLink {
        id: fresh_link_id(),
        mistake: m.id.clone(),
        token_hash: fresh_token_hash(),
        label: Some("client team".into()),
        created_by: owner.id.clone(),
        created_at: at(0),
        expires_at: at(expires_minutes),
    }
}

pub async fn stakeholders_are_named_once_notified_once_and_removed(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let eli = stored_person(store, "Eli Client").await;
    let m = stored_mistake(store, &owner, "EUR shown as USD").await;
    let other = stored_mistake(store, &owner, "Another one").await;

    assert!(
        store
            .add_stakeholder(&m.id, &dana.id, at(1), &fresh_notification_id())
            .await
            .unwrap()
    );
    assert!(
        !store
            .add_stakeholder(&m.id, &dana.id, at(5), &fresh_notification_id())
            .await
            .unwrap(),
        "naming again changes nothing"
    );
    assert!(
        store
            .add_stakeholder(&m.id, &eli.id, at(2), &fresh_notification_id())
            .await
            .unwrap()
    );
    let list = store.stakeholders(&m.id).await.unwrap();
    let names: Vec<_> = list.iter().map(|s| s.display_name.as_str()).collect();
    assert_eq!(names, ["Dana Finance", "Eli Client"], "in the order named");
    assert_eq!(list[0].added_at, at(1), "the first time is kept");
    assert_eq!(list[0].acknowledged_at, None);
    assert!(store.is_stakeholder(&m.id, &dana.id).await.unwrap());
    assert!(!store.is_stakeholder(&other.id, &dana.id).await.unwrap());
    assert_eq!(
        store.stakeholder_on(&dana.id).await.unwrap(),
        vec![m.id.clone()]
    );

    let notes = store.notifications(&dana.id).await.unwrap();
    assert_eq!(notes.len(), 1, "notified once: {notes:?}");
    assert_eq!(notes[0].kind, NotificationKind::StakeholderAdded);
    assert_eq!((&notes[0].mistake, notes[0].created_at), (&m.id, at(1)));
    assert_eq!(notes[0].read_at, None);

    // A stakeholder of another mistake is not one here.
    assert!(!store.remove_stakeholder(&other.id, &dana.id).await.unwrap());
    assert!(store.is_stakeholder(&m.id, &dana.id).await.unwrap());
    assert!(store.remove_stakeholder(&m.id, &dana.id).await.unwrap());
    assert!(!store.remove_stakeholder(&m.id, &dana.id).await.unwrap());
    assert!(!store.is_stakeholder(&m.id, &dana.id).await.unwrap());
    assert!(store.stakeholder_on(&dana.id).await.unwrap().is_empty());
    assert_eq!(store.stakeholders(&m.id).await.unwrap().len(), 1);
}

pub async fn missing_mistake_or_user_is_refused(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let ghost_mistake = crate::conformance::fresh_id();
    let ghost_user = crate::conformance_accounts::fresh_user_id();
    match store
        .add_stakeholder(&ghost_mistake, &owner.id, at(0), &fresh_notification_id())
        .await
    {
        Err(StoreError::NotFound(id)) => assert_eq!(id, ghost_mistake),
        other => panic!("expected NotFound, got {other:?}"),
    }
    match store
        .add_stakeholder(&m.id, &ghost_user, at(0), &fresh_notification_id())
        .await
    {
        Err(StoreError::UserNotFound(id)) => assert_eq!(id, ghost_user),
        other => panic!("expected UserNotFound, got {other:?}"),
    }
    assert!(matches!(
        store.acknowledge(&m.id, &ghost_user, at(0)).await,
        Err(StoreError::UserNotFound(_))
    ));
    assert!(matches!(
        store.set_affected(&ghost_mistake, &["x".into()]).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store
            .add_comment(&new_comment(
                &ghost_mistake,
                Author::Account(owner.id.clone()),
                None,
                0
            ))
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store
            .add_comment(&new_comment(
                &m.id,
                Author::Account(ghost_user.clone()),
                None,
                0
            ))
            .await,
        Err(StoreError::UserNotFound(_))
    ));
    let mut link = new_link(&m, &owner, 60);
    link.mistake = ghost_mistake;
    assert!(matches!(
        store.create_share_link(&link).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.stakeholders(&m.id).await.unwrap().is_empty());
    assert!(store.comments(&m.id, &by(&owner)).await.unwrap().is_empty());
}

pub async fn the_affected_list_is_replaced_whole_in_order(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    assert!(store.affected(&m.id).await.unwrap().is_empty());
    let first: Vec<String> = vec!["the finance leads".into(), "ana@client.com".into()];
    store.set_affected(&m.id, &first).await.unwrap();
    assert_eq!(store.affected(&m.id).await.unwrap(), first);
    let second: Vec<String> = vec!["ana@client.com".into(), "Zed's team".into(), "b".into()];
    store.set_affected(&m.id, &second).await.unwrap();
    assert_eq!(store.affected(&m.id).await.unwrap(), second);
    store.set_affected(&m.id, &[]).await.unwrap();
    assert!(store.affected(&m.id).await.unwrap().is_empty());
}

pub async fn acknowledging_keeps_the_first_time(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let mara = stored_person(store, "Mara Manager").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let other = stored_mistake(store, &owner, "Other").await;
    store
        .add_stakeholder(&m.id, &dana.id, at(0), &fresh_notification_id())
        .await
        .unwrap();
    assert_eq!(
        store.acknowledge(&m.id, &dana.id, at(3)).await.unwrap(),
        (at(3), true)
    );
    assert_eq!(
        store.acknowledge(&m.id, &dana.id, at(9)).await.unwrap(),
        (at(3), false),
        "acknowledging again keeps the first time"
    );
    store.acknowledge(&m.id, &mara.id, at(4)).await.unwrap();
    let acks = store.acknowledgements(&m.id).await.unwrap();
    let who: Vec<_> = acks
        .iter()
        .map(|a| (a.display_name.as_str(), a.at))
        .collect();
    assert_eq!(who, [("Dana Finance", at(3)), ("Mara Manager", at(4))]);
    let list = store.stakeholders(&m.id).await.unwrap();
    assert_eq!(list.len(), 1, "acknowledging does not make a stakeholder");
    assert_eq!(list[0].acknowledged_at, Some(at(3)));
    assert!(store.acknowledgements(&other.id).await.unwrap().is_empty());
}

pub async fn comments_and_replies_stay_on_their_mistake(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let other = stored_mistake(store, &owner, "Other").await;

    let top = new_comment(&m.id, Author::Account(dana.id.clone()), None, 1);
    store.add_comment(&top).await.unwrap();
    let guest = Author::Guest {
        id: fresh_guest_id(),
        name: DisplayName::parse("Ana (client)").unwrap(),
    };
    let mut reply = new_comment(&m.id, guest.clone(), Some(&top.id), 2);
    reply.body = body("  <script>kept as given</script>\n");
    store.add_comment(&reply).await.unwrap();
    let elsewhere = new_comment(&other.id, Author::Account(owner.id.clone()), None, 3);
    store.add_comment(&elsewhere).await.unwrap();

    // A reply under another mistake's comment is refused, writing nothing.
    let stray = new_comment(
        &m.id,
        Author::Account(owner.id.clone()),
        Some(&elsewhere.id),
        4,
    );
    match store.add_comment(&stray).await {
        Err(StoreError::CommentNotFound(id)) => assert_eq!(id, elsewhere.id),
        other => panic!("expected CommentNotFound, got {other:?}"),
    }
    match store.add_comment(&top).await {
        Err(StoreError::AlreadyExists { what, .. }) => assert_eq!(what, "comment"),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }

    let listed = store.comments(&m.id, &by(&owner)).await.unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    let (a, b) = (&listed[0].comment, &listed[1].comment);
    assert_eq!((&a.id, &a.parent, &a.author), (&top.id, &None, &top.author));
    assert_eq!(a.author_name.as_str(), "Dana Finance");
    assert_eq!((a.created_at, a.edited_at, a.score), (at(1), None, 0));
    assert_eq!(a.mistake, m.id);
    assert_eq!((&b.id, b.parent.as_ref()), (&reply.id, Some(&top.id)));
    assert_eq!(b.author, guest);
    assert_eq!(b.author_name.as_str(), "Ana (client)");
    assert_eq!(b.body, "  <script>kept as given</script>\n");
    assert!(!listed[0].voted);

    assert_eq!(
        store
            .comment(&m.id, &top.id, &by(&dana))
            .await
            .unwrap()
            .comment,
        *a
    );
    assert!(matches!(
        store.comment(&other.id, &top.id, &by(&dana)).await,
        Err(StoreError::CommentNotFound(_))
    ));
    assert_eq!(
        store.comments(&other.id, &by(&owner)).await.unwrap().len(),
        1
    );
}

pub async fn editing_a_comment_needs_its_author_and_its_mistake(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let other = stored_mistake(store, &owner, "Other").await;
    let c = new_comment(&m.id, Author::Account(dana.id.clone()), None, 1);
    store.add_comment(&c).await.unwrap();
    let guest_id = fresh_guest_id();
    let g = new_comment(
        &m.id,
        Author::Guest {
            id: guest_id.clone(),
            name: DisplayName::parse("Ana").unwrap(),
        },
        None,
        2,
    );
    store.add_comment(&g).await.unwrap();

    let new_body = body("Edited: only the EUR reports.");
    for (mistake, author, what) in [
        (&m.id, by(&owner), "the mistake's owner"),
        (&other.id, by(&dana), "the author, under another mistake"),
        (&m.id, Actor::Guest(guest_id.clone()), "a guest"),
        (
            &m.id,
            Actor::Guest(GuestId::parse(dana.id.as_str()).unwrap()),
            "a guest with the author's id string",
        ),
    ] {
        assert!(
            matches!(
                store
                    .edit_comment(mistake, &c.id, &author, &new_body, at(5))
                    .await,
                Err(StoreError::CommentNotFound(_))
            ),
            "{what} cannot edit it"
        );
    }
    let unchanged = store
        .comment(&m.id, &c.id, &by(&dana))
        .await
        .unwrap()
        .comment;
    assert_eq!(
        (unchanged.body.as_str(), unchanged.edited_at),
        (c.body.as_str(), None)
    );

    store
        .edit_comment(&m.id, &c.id, &by(&dana), &new_body, at(6))
        .await
        .unwrap();
    let edited = store
        .comment(&m.id, &c.id, &by(&dana))
        .await
        .unwrap()
        .comment;
    assert_eq!(edited.body, new_body.as_str());
    assert_eq!((edited.created_at, edited.edited_at), (at(1), Some(at(6))));
    store
        .edit_comment(&m.id, &g.id, &Actor::Guest(guest_id), &new_body, at(7))
        .await
        .unwrap();
}

pub async fn votes_count_once_per_person_and_can_be_taken_back(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let other = stored_mistake(store, &owner, "Other").await;
    let c = new_comment(&m.id, Author::Account(dana.id.clone()), None, 1);
    store.add_comment(&c).await.unwrap();
    let guest = Actor::Guest(fresh_guest_id());
    // The same id string as an account and as a guest: two different voters.
    let twin = Actor::Guest(GuestId::parse(owner.id.as_str()).unwrap());

    assert_eq!(
        store.vote(&m.id, &c.id, &by(&owner), at(2)).await.unwrap(),
        1
    );
    assert_eq!(
        store.vote(&m.id, &c.id, &by(&owner), at(3)).await.unwrap(),
        1
    );
    assert_eq!(store.vote(&m.id, &c.id, &guest, at(3)).await.unwrap(), 2);
    assert_eq!(store.vote(&m.id, &c.id, &twin, at(3)).await.unwrap(), 3);
    assert!(matches!(
        store.vote(&other.id, &c.id, &by(&dana), at(4)).await,
        Err(StoreError::CommentNotFound(_))
    ));
    assert!(matches!(
        store.unvote(&other.id, &c.id, &by(&owner)).await,
        Err(StoreError::CommentNotFound(_))
    ));
    let seen = store.comment(&m.id, &c.id, &by(&owner)).await.unwrap();
    assert_eq!((seen.comment.score, seen.voted), (3, true));
    let seen = store.comment(&m.id, &c.id, &by(&dana)).await.unwrap();
    assert_eq!((seen.comment.score, seen.voted), (3, false));

    assert_eq!(store.unvote(&m.id, &c.id, &by(&owner)).await.unwrap(), 2);
    assert_eq!(store.unvote(&m.id, &c.id, &by(&owner)).await.unwrap(), 2);
    assert_eq!(store.unvote(&m.id, &c.id, &by(&dana)).await.unwrap(), 2);
    let listed = store.comments(&m.id, &guest).await.unwrap();
    assert_eq!((listed[0].comment.score, listed[0].voted), (2, true));
    assert!(
        !store
            .comment(&m.id, &c.id, &by(&owner))
            .await
            .unwrap()
            .voted
    );
}

pub async fn share_links_live_until_revoked_or_expired(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let other = stored_mistake(store, &owner, "Other").await;
    let week = new_link(&m, &owner, 7 * 24 * 60);
    let mut hour = new_link(&m, &owner, 60);
    hour.created_at = at(1);
    hour.label = None;
    store.create_share_link(&week).await.unwrap();
    store.create_share_link(&hour).await.unwrap();
    let mut dup = new_link(&m, &owner, 60);
    dup.token_hash = week.token_hash.clone();
    assert!(matches!(
        store.create_share_link(&dup).await,
        Err(StoreError::AlreadyExists { .. })
    ));

    let listed = store.share_links(&m.id).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|l| &l.id).collect();
    assert_eq!(ids, [&hour.id, &week.id], "newest first");
    assert_eq!(listed[1].label.as_deref(), Some("client team"));
    assert_eq!(
        (listed[0].label.as_deref(), listed[0].revoked_at),
        (None, None)
    );
    assert!(store.share_links(&other.id).await.unwrap().is_empty());

    // Live until the instant of expiry, not at it.
    let live = |t| store.live_share_link(&hour.token_hash, t);
    assert_eq!(
        live(at(0)).await.unwrap().map(|l| l.id),
        Some(hour.id.clone())
    );
    assert!(
        live(at(60) - SignedDuration::from_millis(1))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        live(at(60)).await.unwrap().is_none(),
        "expired at expires_at"
    );
    assert!(live(at(61)).await.unwrap().is_none());
    assert!(
        store
            .live_share_link(&fresh_token_hash(), at(0))
            .await
            .unwrap()
            .is_none()
    );

    // Revoking under another mistake finds nothing and leaves it live.
    assert!(matches!(
        store.revoke_share_link(&other.id, &week.id, at(2)).await,
        Err(StoreError::ShareLinkNotFound(_))
    ));
    assert!(
        store
            .live_share_link(&week.token_hash, at(2))
            .await
            .unwrap()
            .is_some()
    );
    store
        .revoke_share_link(&m.id, &week.id, at(3))
        .await
        .unwrap();
    store
        .revoke_share_link(&m.id, &week.id, at(9))
        .await
        .unwrap();
    assert!(
        store
            .live_share_link(&week.token_hash, at(3))
            .await
            .unwrap()
            .is_none()
    );
    let revoked = store.share_links(&m.id).await.unwrap();
    assert_eq!(revoked[1].revoked_at, Some(at(3)), "the first time is kept");
    assert!(!revoked[1].is_live(at(4)));
    assert!(revoked[0].is_live(at(4)));
    assert!(matches!(
        store
            .revoke_share_link(&m.id, &fresh_link_id(), at(3))
            .await,
        Err(StoreError::ShareLinkNotFound(_))
    ));
}

pub async fn a_link_dies_with_its_creators_account(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let link = new_link(&m, &owner, 60);
    store.create_share_link(&link).await.unwrap();
    let session = new_guest(&link, "Ana", 60);
    store.create_guest_session(&session).await.unwrap();
    assert!(
        store
            .guest_session(&session.token_hash, at(1))
            .await
            .unwrap()
            .is_some()
    );
    store.disable_user(&owner.id, at(2)).await.unwrap();
    assert!(
        store
            .live_share_link(&link.token_hash, at(3))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .guest_session(&session.token_hash, at(3))
            .await
            .unwrap()
            .is_none()
    );
    store.enable_user(&owner.id).await.unwrap();
    assert!(
        store
            .live_share_link(&link.token_hash, at(4))
            .await
            .unwrap()
            .is_some()
    );

    // A link made by someone who does not own the mistake never works.
    let intruder = stored_person(store, "Ivy Intruder").await;
    let foreign = new_link(&m, &intruder, 60);
    store.create_share_link(&foreign).await.unwrap();
    assert!(
        store
            .live_share_link(&foreign.token_hash, at(1))
            .await
            .unwrap()
            .is_none()
    );
}

fn new_guest(link: &NewShareLink, name: &str, expires_minutes: i64) -> NewGuestSession {
    NewGuestSession {
        token_hash: fresh_token_hash(),
        guest: fresh_guest_id(),
        name: DisplayName::parse(name).unwrap(),
        link: link.id.clone(),
        created_at: at(0),
        expires_at: at(expires_minutes),
    }
}

pub async fn guest_sessions_end_with_their_link(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    let link = new_link(&m, &owner, 60);
    store.create_share_link(&link).await.unwrap();
    let long = new_guest(&link, "Ana (client)", 24 * 60);
    let short = new_guest(&link, "Bo", 30);
    store.create_guest_session(&long).await.unwrap();
    store.create_guest_session(&short).await.unwrap();
    let mut orphan = new_guest(&link, "Cy", 30);
    orphan.link = fresh_link_id();
    assert!(matches!(
        store.create_guest_session(&orphan).await,
        Err(StoreError::ShareLinkNotFound(_))
    ));

    let found = store
        .guest_session(&long.token_hash, at(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.guest, long.guest);
    assert_eq!(found.name.as_str(), "Ana (client)");
    assert_eq!((&found.link, &found.mistake), (&link.id, &m.id));
    assert_eq!(found.expires_at, at(60), "no later than its link");
    let found = store
        .guest_session(&short.token_hash, at(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.expires_at, at(30));

    // Each ends at its own expiry or its link's, whichever comes first.
    assert!(
        store
            .guest_session(&short.token_hash, at(30))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .guest_session(&long.token_hash, at(59))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .guest_session(&long.token_hash, at(60))
            .await
            .unwrap()
            .is_none()
    );

    // Revoking ends every guest of the link at once.
    store
        .revoke_share_link(&m.id, &link.id, at(10))
        .await
        .unwrap();
    assert!(
        store
            .guest_session(&long.token_hash, at(10))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .guest_session(&short.token_hash, at(10))
            .await
            .unwrap()
            .is_none()
    );

    // Signing out as a guest.
    let link2 = new_link(&m, &owner, 60);
    store.create_share_link(&link2).await.unwrap();
    let s = new_guest(&link2, "Di", 60);
    store.create_guest_session(&s).await.unwrap();
    assert!(store.end_guest_session(&s.token_hash).await.unwrap());
    assert!(!store.end_guest_session(&s.token_hash).await.unwrap());
    assert!(
        store
            .guest_session(&s.token_hash, at(1))
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn notifications_are_each_persons_own(store: &dyn SharingBackend) {
    let owner = stored_person(store, "Owen Owner").await;
    let dana = stored_person(store, "Dana Finance").await;
    let eli = stored_person(store, "Eli Client").await;
    let m1 = stored_mistake(store, &owner, "First").await;
    let m2 = stored_mistake(store, &owner, "Second").await;
    for (m, minute) in [(&m1, 1), (&m2, 2)] {
        store
            .add_stakeholder(&m.id, &dana.id, at(minute), &fresh_notification_id())
            .await
            .unwrap();
    }
    store
        .add_stakeholder(&m1.id, &eli.id, at(3), &fresh_notification_id())
        .await
        .unwrap();
    let mine = store.notifications(&dana.id).await.unwrap();
    let order: Vec<_> = mine.iter().map(|n| &n.mistake).collect();
    assert_eq!(order, [&m2.id, &m1.id], "newest first");
    assert!(mine.iter().all(|n| n.user == dana.id));
    let elis = store.notifications(&eli.id).await.unwrap();
    assert_eq!(elis.len(), 1);

    // Someone else's notification is answered like a missing one.
    match store
        .mark_notification_read(&dana.id, &elis[0].id, at(4))
        .await
    {
        Err(StoreError::NotificationNotFound(id)) => assert_eq!(id, elis[0].id),
        other => panic!("expected NotificationNotFound, got {other:?}"),
    }
    assert_eq!(store.notifications(&eli.id).await.unwrap()[0].read_at, None);
    store
        .mark_notification_read(&dana.id, &mine[1].id, at(5))
        .await
        .unwrap();
    store
        .mark_notification_read(&dana.id, &mine[1].id, at(8))
        .await
        .unwrap();
    let after = store.notifications(&dana.id).await.unwrap();
    assert_eq!((after[0].read_at, after[1].read_at), (None, Some(at(5))));

    // The other kinds, stored as given.
    let posted = fresh_notification_id();
    for (id, kind, minute) in [
        (&posted, NotificationKind::UpdatePosted, 9),
        (&fresh_notification_id(), NotificationKind::Closed, 10),
    ] {
        store
            .notify(id, &dana.id, &m1.id, kind, at(minute))
            .await
            .unwrap();
    }
    let kinds: Vec<_> = store
        .notifications(&dana.id)
        .await
        .unwrap()
        .iter()
        .map(|n| (n.kind, n.mistake.clone(), n.created_at))
        .take(2)
        .collect();
    assert_eq!(
        kinds,
        [
            (NotificationKind::Closed, m1.id.clone(), at(10)),
            (NotificationKind::UpdatePosted, m1.id.clone(), at(9)),
        ]
    );
    let kind = NotificationKind::UpdatePosted;
    assert!(matches!(
        store.notify(&posted, &eli.id, &m1.id, kind, at(11)).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    let nobody = person("Nobody Stored");
    assert!(matches!(
        store
            .notify(&fresh_notification_id(), &nobody.id, &m1.id, kind, at(11))
            .await,
        Err(StoreError::UserNotFound(_))
    ));
    let missing = crate::conformance::fresh_id();
    assert!(matches!(
        store
            .notify(&fresh_notification_id(), &eli.id, &missing, kind, at(11))
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.notifications(&eli.id).await.unwrap().len(), 1);
}

/// Sweeps other checks' ended guests and links too: run it last when
/// sharing a store.
pub async fn purging_ends_guests_and_old_links_but_keeps_what_guests_wrote(
    store: &dyn SharingBackend,
) {
    const DAY: i64 = 24 * 60;
    let owner = stored_person(store, "Owen Owner").await;
    let m = stored_mistake(store, &owner, "Wrong totals").await;
    // Links made 40 days ago (newest listed first, so each a minute apart).
    let made = |minute: i64, expires: i64| NewShareLink {
        created_at: at(-40 * DAY + minute),
        ..new_link(&m, &owner, expires)
    };
    let expired_long_ago = made(1, -31 * DAY);
    let revoked_long_ago = made(2, DAY);
    let expired_lately = made(3, -29 * DAY);
    let revoked_lately = made(4, DAY);
    let live = made(5, DAY);
    for l in [
        &expired_long_ago,
        &revoked_long_ago,
        &expired_lately,
        &revoked_lately,
        &live,
    ] {
        store.create_share_link(l).await.unwrap();
    }
    for (l, minutes) in [(&revoked_long_ago, -31 * DAY), (&revoked_lately, -DAY)] {
        store
            .revoke_share_link(&m.id, &l.id, at(minutes))
            .await
            .unwrap();
    }
    let guest_on = |l: &NewShareLink, name: &str, expires: i64| NewGuestSession {
        created_at: at(-40 * DAY),
        ..new_guest(l, name, expires)
    };
    let ended = [
        guest_on(&expired_long_ago, "Ana", 60),
        guest_on(&revoked_long_ago, "Bo", 60),
        guest_on(&expired_lately, "Cy", 60),
        guest_on(&revoked_lately, "Di", 60),
        guest_on(&live, "Ed", -1),
    ];
    let staying = guest_on(&live, "Flo", 60);
    for g in ended.iter().chain([&staying]) {
        store.create_guest_session(g).await.unwrap();
    }
    // Ana wrote a comment and upvoted the owner's, through the link that goes.
    let owners = new_comment(&m.id, Author::Account(owner.id.clone()), None, -50 * DAY);
    store.add_comment(&owners).await.unwrap();
    let ana = Author::Guest {
        id: ended[0].guest.clone(),
        name: ended[0].name.clone(),
    };
    let anas = new_comment(&m.id, ana.clone(), None, -39 * DAY);
    store.add_comment(&anas).await.unwrap();
    store
        .vote(
            &m.id,
            &owners.id,
            &ana.actor().expect("a guest acts"),
            at(-39 * DAY),
        )
        .await
        .unwrap();

    let gone = store
        .purge_ended_share_links(now(), at(-30 * DAY))
        .await
        .unwrap();
    assert!(gone >= 7, "5 guest sessions and 2 links at least: {gone}");

    assert_eq!(
        link_ids(store, &m.id).await,
        [live.id, revoked_lately.id, expired_lately.id],
        "links that ended within the 30 days stay listed for their owner"
    );
    for g in &ended {
        assert!(
            !store.end_guest_session(&g.token_hash).await.unwrap(),
            "{}'s ended session is gone",
            g.name.as_str()
        );
    }
    assert!(
        store
            .guest_session(&staying.token_hash, now())
            .await
            .unwrap()
            .is_some(),
        "a live guest on a live link stays"
    );

    let listed = store
        .comments(&m.id, &ana.actor().expect("a guest acts"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 2, "what guests wrote stays");
    assert_eq!((listed[0].comment.score, listed[0].voted), (1, true));
    assert_eq!(listed[1].comment.author, ana);
    assert_eq!(
        store
            .vote(
                &m.id,
                &owners.id,
                &ana.actor().expect("a guest acts"),
                now()
            )
            .await
            .unwrap(),
        1,
        "the guest's vote still counts once"
    );
}
