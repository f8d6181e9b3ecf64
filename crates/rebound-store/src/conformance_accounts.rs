//! The behaviour every [`AccountStore`] backend must show, as async
//! functions a backend's own tests call: `run_all(&store).await` on a
//! fresh, empty database (the first check sets up the first account).
//!
//! After that first check, each function makes its own people, teams and
//! tokens (fresh ids, unique emails) and checks only those, so the rest can
//! share one store and run in any order. A failure panics with what differed.
//!
//! Times are fixed and of millisecond precision, the precision stores keep.

use crate::StoreError;
use crate::accounts::{
    AccountStore, ApiTokenInfo, Invitation, NewApiToken, NewSession, Profile, SessionInfo,
};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{
    AccountError, ApiTokenId, DisplayName, Email, Role, SessionId, Team, TeamId, TeamName,
    TokenHash, User, UserId, WorkingHours,
};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs every check below, in order. The store must be empty.
pub async fn run_all(store: &dyn AccountStore) {
    first_user_is_created_only_on_an_empty_store(store).await;
    create_then_read_round_trips_every_field(store).await;
    duplicate_email_or_id_is_refused_and_writes_nothing(store).await;
    unknown_user_is_user_not_found(store).await;
    a_person_cannot_be_their_own_manager(store).await;
    manager_set_cleared_and_loops_refused(store).await;
    role_email_profile_and_password_change(store).await;
    session_is_found_by_hash_until_it_expires_or_ends(store).await;
    sessions_are_listed_live_and_newest_first(store).await;
    ending_someone_elses_session_is_refused(store).await;
    ending_all_sessions_can_keep_the_current_one(store).await;
    disabling_ends_sessions_and_tokens_at_once(store).await;
    api_token_resolves_until_revoked_or_expired(store).await;
    revoking_someone_elses_token_is_refused(store).await;
    teams_members_and_sharing(store).await;
    team_names_and_ids_are_unique(store).await;
    invitation_is_single_use_and_expires(store).await;
    invitation_references_must_exist(store).await;
    login_failures_are_counted_by_window(store).await;
    login_attempts_hold_their_limit_in_parallel(&[store]).await;
    purge_removes_only_what_has_expired(store).await;
}

/// The fixed "now" of every check, at millisecond precision.
pub fn now() -> Timestamp {
    "2026-11-22T13:30:00.123Z"
        .parse()
        .expect("a valid timestamp")
}

/// `minutes` from [`now`] (negative: before).
fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

/// Random enough that checks sharing a database never collide. No RNG
/// crate needed: std's `RandomState` is randomly keyed.
fn fresh_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

fn fresh5() -> [u8; 5] {
    let b = fresh_u64().to_le_bytes();
    [b[0], b[1], b[2], b[3], b[4]]
}

pub fn fresh_user_id() -> UserId {
    UserId::from_random(fresh5())
}

pub fn fresh_team_id() -> TeamId {
    TeamId::from_random(fresh5())
}

pub fn fresh_session_id() -> SessionId {
    SessionId::from_random(fresh5())
}

pub fn fresh_token_id() -> ApiTokenId {
    ApiTokenId::from_random(fresh5())
}

/// A hash of no token in particular.
pub fn fresh_token_hash() -> TokenHash {
    let mut digest = [0u8; 32];
    for chunk in digest.chunks_mut(8) {
        chunk.copy_from_slice(&fresh_u64().to_le_bytes());
    }
    TokenHash::from_sha256(digest)
}

/// Stores keep password hashes as given; this one need not verify.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

/// A member with a unique email such as `sam-lee.7kq3x9mz@example.com`.
pub fn person(name: &str) -> User {
    let id = fresh_user_id();
    let local = name.to_lowercase().replace(' ', "-");
    User {
        email: Email::parse(&format!("{local}.{id}@example.com")).expect("a valid email"),
        display_name: DisplayName::parse(name).expect("a valid name"),
        role: Role::Member,
        manager: None,
        time_zone: "Europe/Paris".into(),
        working_hours: None,
        disabled_at: None,
        created_at: at(-60 * 24),
        id,
    }
}

async fn stored(store: &dyn AccountStore, name: &str) -> User {
    let u = person(name);
    store.create_user(&u, HASH).await.expect("user created");
    u
}

fn team(name: &str) -> Team {
    let id = fresh_team_id();
    Team {
        name: TeamName::parse(&format!("{name} {id}")).expect("a valid team name"),
        id,
    }
}

fn new_session(user: &User, created: i64, expires: i64) -> NewSession {
    NewSession {
        id: fresh_session_id(),
        token_hash: fresh_token_hash(),
        user: user.id.clone(),
        created_at: at(created),
        expires_at: at(expires),
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0".into()),
    }
}

fn info_of(s: &NewSession) -> SessionInfo {
    SessionInfo {
        id: s.id.clone(),
        user: s.user.clone(),
        created_at: s.created_at,
        expires_at: s.expires_at,
        last_seen_at: s.created_at,
        user_agent: s.user_agent.clone(),
    }
}

fn new_token(user: &User, name: &str, expires: Option<i64>) -> NewApiToken {
    NewApiToken {
        id: fresh_token_id(),
        token_hash: fresh_token_hash(),
        user: user.id.clone(),
        name: name.into(),
        created_at: at(-30),
        expires_at: expires.map(at),
    }
}

fn invitation(by: &User) -> Invitation {
    Invitation {
        token_hash: fresh_token_hash(),
        email: Email::parse(&format!("new.{}@example.com", fresh_user_id())).expect("valid"),
        role: Role::Manager,
        manager: Some(by.id.clone()),
        team: None,
        invited_by: by.id.clone(),
        created_at: at(-10),
        expires_at: at(60 * 24 * 7),
    }
}

fn ids(users: &[User]) -> Vec<UserId> {
    users.iter().map(|u| u.id.clone()).collect()
}

pub async fn first_user_is_created_only_on_an_empty_store(store: &dyn AccountStore) {
    assert_eq!(
        store.count_users().await.unwrap(),
        0,
        "the store must start empty"
    );
    assert_eq!(store.list_users().await.unwrap(), vec![]);
    let mut admin = person("admin");
    admin.role = Role::Admin;
    assert!(store.create_first_user(&admin, HASH).await.unwrap());
    assert_eq!(store.count_users().await.unwrap(), 1);
    let second = person("second");
    assert!(!store.create_first_user(&second, HASH).await.unwrap());
    assert_eq!(store.count_users().await.unwrap(), 1);
    assert_eq!(store.list_users().await.unwrap(), vec![admin.clone()]);
    assert!(matches!(
        store.user(&second.id).await,
        Err(StoreError::UserNotFound(id)) if id == second.id
    ));
}

pub async fn create_then_read_round_trips_every_field(store: &dyn AccountStore) {
    let boss = stored(store, "boss").await;
    let mut u = person("Sam Lee");
    u.role = Role::Manager;
    u.manager = Some(boss.id.clone());
    u.time_zone = "America/New_York".into();
    u.working_hours = Some(
        WorkingHours::new(
            22 * 60,
            6 * 60,
            [true, false, true, false, true, false, true],
        )
        .expect("valid hours"),
    );
    u.disabled_at = Some(at(-5));
    u.created_at = at(-90);
    store.create_user(&u, HASH).await.unwrap();

    assert_eq!(store.user(&u.id).await.unwrap(), u);
    let (by_email, hash) = store.user_by_email(&u.email).await.unwrap().expect("found");
    assert_eq!((by_email, hash.as_str()), (u.clone(), HASH));
    // Emails are one per person whatever their case.
    let shouted = Email::parse(&u.email.as_str().to_uppercase()).unwrap();
    assert_eq!(store.user_by_email(&shouted).await.unwrap().unwrap().0, u);
    let all = store.list_users().await.unwrap();
    assert!(all.contains(&u) && all.contains(&boss));
    let emails: Vec<&str> = all.iter().map(|x| x.email.as_str()).collect();
    let mut sorted = emails.clone();
    sorted.sort();
    assert_eq!(emails, sorted, "list_users is ordered by email");
    assert_eq!(store.reports_of(&boss.id).await.unwrap(), vec![u.clone()]);
    let nobody = Email::parse("nobody.at.all@example.com").unwrap();
    assert!(store.user_by_email(&nobody).await.unwrap().is_none());
}

pub async fn duplicate_email_or_id_is_refused_and_writes_nothing(store: &dyn AccountStore) {
    let first = stored(store, "first").await;
    let before = store.count_users().await.unwrap();

    let mut same_email = person("other");
    same_email.email = first.email.clone();
    match store.create_user(&same_email, HASH).await {
        Err(StoreError::EmailTaken(e)) => assert_eq!(e, first.email),
        other => panic!("expected EmailTaken, got {other:?}"),
    }
    let mut same_id = person("another");
    same_id.id = first.id.clone();
    match store.create_user(&same_id, HASH).await {
        Err(StoreError::AlreadyExists { what: "user", id }) => assert_eq!(id, first.id.as_str()),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert_eq!(store.count_users().await.unwrap(), before);
    assert_eq!(store.user(&first.id).await.unwrap(), first);
    assert!(store.user_by_email(&same_id.email).await.unwrap().is_none());
}

pub async fn unknown_user_is_user_not_found(store: &dyn AccountStore) {
    let ghost = fresh_user_id();
    let real = stored(store, "real").await;
    let is_ghost = |r: Result<(), StoreError>, what: &str| match r {
        Err(StoreError::UserNotFound(id)) => assert_eq!(id, ghost, "{what}"),
        other => panic!("{what}: expected UserNotFound, got {other:?}"),
    };
    is_ghost(store.user(&ghost).await.map(drop), "user");
    is_ghost(store.set_role(&ghost, Role::Admin).await, "set_role");
    let email = Email::parse("ghost.x@example.com").unwrap();
    is_ghost(store.set_email(&ghost, &email).await, "set_email");
    let profile = Profile {
        display_name: DisplayName::parse("Ghost").unwrap(),
        time_zone: "UTC".into(),
        working_hours: None,
    };
    is_ghost(store.set_profile(&ghost, &profile).await, "set_profile");
    is_ghost(
        store.set_password_hash(&ghost, HASH).await,
        "set_password_hash",
    );
    is_ghost(store.disable_user(&ghost, at(0)).await, "disable_user");
    is_ghost(store.enable_user(&ghost).await, "enable_user");
    is_ghost(store.set_manager(&ghost, None).await, "set_manager (user)");
    is_ghost(
        store.set_manager(&real.id, Some(&ghost)).await,
        "set_manager (manager)",
    );
    let mut reporting = person("reporting");
    reporting.manager = Some(ghost.clone());
    is_ghost(
        store.create_user(&reporting, HASH).await,
        "create_user (manager)",
    );
    let s = NewSession {
        user: ghost.clone(),
        ..new_session(&real, -1, 60)
    };
    is_ghost(store.create_session(&s).await, "create_session");
    let t = NewApiToken {
        user: ghost.clone(),
        ..new_token(&real, "x", None)
    };
    is_ghost(store.create_api_token(&t).await, "create_api_token");
    assert_eq!(store.reports_of(&ghost).await.unwrap(), vec![]);
    assert_eq!(store.user(&real.id).await.unwrap().manager, None);
}

pub async fn a_person_cannot_be_their_own_manager(store: &dyn AccountStore) {
    let mut selfish = person("selfish");
    selfish.manager = Some(selfish.id.clone());
    match store.create_user(&selfish, HASH).await {
        Err(StoreError::AccountRule(AccountError::OwnManager)) => {}
        other => panic!("expected OwnManager, got {other:?}"),
    }
    assert!(store.user(&selfish.id).await.is_err());

    let u = stored(store, "solo").await;
    match store.set_manager(&u.id, Some(&u.id)).await {
        Err(StoreError::AccountRule(AccountError::OwnManager)) => {}
        other => panic!("expected OwnManager, got {other:?}"),
    }
    assert_eq!(store.user(&u.id).await.unwrap().manager, None);
}

pub async fn manager_set_cleared_and_loops_refused(store: &dyn AccountStore) {
    // ana manages bob, bob manages cat.
    let ana = stored(store, "ana").await;
    let bob = stored(store, "bob").await;
    let cat = stored(store, "cat").await;
    store.set_manager(&bob.id, Some(&ana.id)).await.unwrap();
    store.set_manager(&cat.id, Some(&bob.id)).await.unwrap();
    assert_eq!(
        store.user(&cat.id).await.unwrap().manager,
        Some(bob.id.clone())
    );
    assert_eq!(
        ids(&store.reports_of(&ana.id).await.unwrap()),
        vec![bob.id.clone()]
    );

    // cat managing ana would close ana → bob → cat → ana.
    match store.set_manager(&ana.id, Some(&cat.id)).await {
        Err(StoreError::AccountRule(AccountError::ManagerCycle { user, manager })) => {
            assert_eq!((user, manager), (ana.id.clone(), cat.id.clone()));
        }
        other => panic!("expected ManagerCycle, got {other:?}"),
    }
    assert_eq!(store.user(&ana.id).await.unwrap().manager, None);

    // Moving someone sideways is fine; clearing is fine.
    store.set_manager(&cat.id, Some(&ana.id)).await.unwrap();
    let reports = ids(&store.reports_of(&ana.id).await.unwrap());
    assert_eq!(reports.len(), 2);
    assert!(reports.contains(&bob.id) && reports.contains(&cat.id));
    store.set_manager(&cat.id, None).await.unwrap();
    assert_eq!(store.user(&cat.id).await.unwrap().manager, None);
    assert_eq!(
        ids(&store.reports_of(&ana.id).await.unwrap()),
        vec![bob.id.clone()]
    );
    // Now cat is outside the chain, and may manage ana.
    store.set_manager(&ana.id, Some(&cat.id)).await.unwrap();
    assert_eq!(
        store.user(&ana.id).await.unwrap().manager,
        Some(cat.id.clone())
    );
}

pub async fn role_email_profile_and_password_change(store: &dyn AccountStore) {
    let mut u = stored(store, "changing").await;
    let other = stored(store, "other").await;

    store.set_role(&u.id, Role::Admin).await.unwrap();
    u.role = Role::Admin;
    assert_eq!(store.user(&u.id).await.unwrap(), u);

    let profile = Profile {
        display_name: DisplayName::parse("Changed Name").unwrap(),
        time_zone: "Asia/Tokyo".into(),
        working_hours: Some(WorkingHours::weekdays(8 * 60, 1440).unwrap()),
    };
    store.set_profile(&u.id, &profile).await.unwrap();
    u.display_name = profile.display_name.clone();
    u.time_zone = profile.time_zone.clone();
    u.working_hours = profile.working_hours;
    assert_eq!(store.user(&u.id).await.unwrap(), u);
    let cleared = Profile {
        working_hours: None,
        ..profile
    };
    store.set_profile(&u.id, &cleared).await.unwrap();
    u.working_hours = None;
    assert_eq!(store.user(&u.id).await.unwrap(), u);

    let new_email = Email::parse(&format!("renamed.{}@example.org", u.id)).unwrap();
    store.set_email(&u.id, &new_email).await.unwrap();
    let old_email = std::mem::replace(&mut u.email, new_email.clone());
    assert!(store.user_by_email(&old_email).await.unwrap().is_none());
    assert_eq!(store.user_by_email(&new_email).await.unwrap().unwrap().0, u);
    // Setting one's own email again is no change; taking another's is refused.
    store.set_email(&u.id, &new_email).await.unwrap();
    match store.set_email(&u.id, &other.email).await {
        Err(StoreError::EmailTaken(e)) => assert_eq!(e, other.email),
        other => panic!("expected EmailTaken, got {other:?}"),
    }
    assert_eq!(store.user(&u.id).await.unwrap().email, new_email);

    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNobmV3aGFzaG5ldw";
    store.set_password_hash(&u.id, new_hash).await.unwrap();
    let (_, hash) = store.user_by_email(&new_email).await.unwrap().unwrap();
    assert_eq!(hash, new_hash);
    let (_, other_hash) = store.user_by_email(&other.email).await.unwrap().unwrap();
    assert_eq!(other_hash, HASH);
}

pub async fn session_is_found_by_hash_until_it_expires_or_ends(store: &dyn AccountStore) {
    let u = stored(store, "session").await;
    let s = new_session(&u, -10, 60);
    store.create_session(&s).await.unwrap();

    let (info, user) = store
        .session_user(&s.token_hash, now())
        .await
        .unwrap()
        .expect("a live session");
    assert_eq!((info, user), (info_of(&s), u.clone()));
    assert!(
        store
            .session_user(&fresh_token_hash(), now())
            .await
            .unwrap()
            .is_none()
    );

    // Activity moves last-seen forward, never back.
    assert!(store.touch_session(&s.token_hash, at(5)).await.unwrap());
    assert!(store.touch_session(&s.token_hash, at(1)).await.unwrap());
    let (info, _) = store
        .session_user(&s.token_hash, at(6))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.last_seen_at, at(5));
    assert!(
        !store
            .touch_session(&fresh_token_hash(), at(5))
            .await
            .unwrap()
    );

    // Live until just before expires_at.
    let just_before = s.expires_at - SignedDuration::from_millis(1);
    assert!(
        store
            .session_user(&s.token_hash, just_before)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .session_user(&s.token_hash, s.expires_at)
            .await
            .unwrap()
            .is_none()
    );

    // A second session with the same id or token hash is refused.
    let same_id = NewSession {
        token_hash: fresh_token_hash(),
        ..s.clone()
    };
    assert!(matches!(
        store.create_session(&same_id).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    let same_hash = NewSession {
        id: fresh_session_id(),
        ..s.clone()
    };
    assert!(matches!(
        store.create_session(&same_hash).await,
        Err(StoreError::AlreadyExists { .. })
    ));

    // Signing out ends it, once.
    assert!(store.end_session_by_hash(&s.token_hash).await.unwrap());
    assert!(!store.end_session_by_hash(&s.token_hash).await.unwrap());
    assert!(
        store
            .session_user(&s.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn sessions_are_listed_live_and_newest_first(store: &dyn AccountStore) {
    let u = stored(store, "lister").await;
    let other = stored(store, "bystander").await;
    let old = new_session(&u, -300, 600);
    let newer = new_session(&u, -100, 600);
    let expired = new_session(&u, -200, -1);
    let not_mine = new_session(&other, -50, 600);
    for s in [&old, &newer, &expired, &not_mine] {
        store.create_session(s).await.unwrap();
    }
    let listed = store.list_sessions(&u.id, now()).await.unwrap();
    assert_eq!(listed, vec![info_of(&newer), info_of(&old)]);
    assert!(
        store
            .session_user(&expired.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn ending_someone_elses_session_is_refused(store: &dyn AccountStore) {
    let victim = stored(store, "victim").await;
    let intruder = stored(store, "intruder").await;
    let s = new_session(&victim, -1, 60);
    store.create_session(&s).await.unwrap();

    match store.end_session(&intruder.id, &s.id).await {
        Err(StoreError::SessionNotFound(id)) => assert_eq!(id, s.id),
        other => panic!("expected SessionNotFound, got {other:?}"),
    }
    assert!(
        store
            .session_user(&s.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );
    // Someone else's id and an unknown id get the same answer.
    let unknown = fresh_session_id();
    assert!(matches!(
        store.end_session(&intruder.id, &unknown).await,
        Err(StoreError::SessionNotFound(id)) if id == unknown
    ));
    // The owner can.
    store.end_session(&victim.id, &s.id).await.unwrap();
    assert!(
        store
            .session_user(&s.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        store.end_session(&victim.id, &s.id).await,
        Err(StoreError::SessionNotFound(_))
    ));
}

pub async fn ending_all_sessions_can_keep_the_current_one(store: &dyn AccountStore) {
    let u = stored(store, "everywhere").await;
    let other = stored(store, "elsewhere").await;
    let current = new_session(&u, -3, 60);
    let a = new_session(&u, -2, 60);
    let b = new_session(&u, -1, 60);
    let theirs = new_session(&other, -1, 60);
    for s in [&current, &a, &b, &theirs] {
        store.create_session(s).await.unwrap();
    }
    assert_eq!(
        store
            .end_all_sessions(&u.id, Some(&current.id))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store.list_sessions(&u.id, now()).await.unwrap(),
        vec![info_of(&current)]
    );
    assert_eq!(store.end_all_sessions(&u.id, None).await.unwrap(), 1);
    assert_eq!(store.list_sessions(&u.id, now()).await.unwrap(), vec![]);
    assert!(
        store
            .session_user(&theirs.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );
}

pub async fn disabling_ends_sessions_and_tokens_at_once(store: &dyn AccountStore) {
    let u = stored(store, "leaving").await;
    let other = stored(store, "staying").await;
    let s1 = new_session(&u, -5, 60);
    let s2 = new_session(&u, -4, 60);
    let kept = new_session(&other, -4, 60);
    for s in [&s1, &s2, &kept] {
        store.create_session(s).await.unwrap();
    }
    let t1 = new_token(&u, "cli", None);
    let t2 = new_token(&u, "ci", Some(60 * 24));
    let kept_token = new_token(&other, "cli", None);
    for t in [&t1, &t2, &kept_token] {
        store.create_api_token(t).await.unwrap();
    }

    store.disable_user(&u.id, at(0)).await.unwrap();
    let disabled = store.user(&u.id).await.unwrap();
    assert_eq!(disabled.disabled_at, Some(at(0)));
    assert!(
        store
            .session_user(&s1.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .session_user(&s2.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.list_sessions(&u.id, now()).await.unwrap(), vec![]);
    assert!(
        store
            .token_user(&t1.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .token_user(&t2.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    let tokens = store.list_api_tokens(&u.id).await.unwrap();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens.iter().all(|t| t.revoked_at == Some(at(0))),
        "{tokens:?}"
    );
    // Nobody else is touched.
    assert!(
        store
            .session_user(&kept.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .token_user(&kept_token.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );

    // Disabling again keeps the first time; a session made meanwhile (a
    // sign-in racing the disabling) still does not resolve.
    store.disable_user(&u.id, at(3)).await.unwrap();
    assert_eq!(store.user(&u.id).await.unwrap().disabled_at, Some(at(0)));
    let late = new_session(&u, 1, 60);
    store.create_session(&late).await.unwrap();
    assert!(
        store
            .session_user(&late.token_hash, at(2))
            .await
            .unwrap()
            .is_none()
    );
    // The account is still found by email (sign-in says "disabled" itself).
    assert_eq!(
        store.user_by_email(&u.email).await.unwrap().unwrap().0,
        disabled
    );

    // Enabling lets it sign in again; what was ended stays ended.
    store.enable_user(&u.id).await.unwrap();
    assert_eq!(store.user(&u.id).await.unwrap().disabled_at, None);
    assert!(
        store
            .session_user(&s1.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .token_user(&t1.token_hash, now())
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn api_token_resolves_until_revoked_or_expired(store: &dyn AccountStore) {
    let u = stored(store, "automator").await;
    let t = new_token(&u, "laptop CLI", None);
    let expiring = new_token(&u, "CI job", Some(60));
    store.create_api_token(&t).await.unwrap();
    store.create_api_token(&expiring).await.unwrap();

    let (info, user) = store
        .token_user(&t.token_hash, now())
        .await
        .unwrap()
        .expect("a live token");
    assert_eq!(user, u);
    assert_eq!(
        info,
        ApiTokenInfo {
            id: t.id.clone(),
            user: u.id.clone(),
            name: "laptop CLI".into(),
            created_at: t.created_at,
            expires_at: None,
            last_used_at: Some(now()),
            revoked_at: None,
        }
    );
    // Use is recorded (at least to the minute).
    let later = at(10);
    let (info, _) = store
        .token_user(&t.token_hash, later)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.last_used_at, Some(later));
    let listed = store.list_api_tokens(&u.id).await.unwrap();
    let listed_t = listed.iter().find(|x| x.id == t.id).expect("listed");
    assert_eq!(listed_t.last_used_at, Some(later));
    assert!(
        store
            .token_user(&fresh_token_hash(), now())
            .await
            .unwrap()
            .is_none()
    );

    // Expiry.
    assert!(
        store
            .token_user(&expiring.token_hash, at(59))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .token_user(&expiring.token_hash, at(60))
            .await
            .unwrap()
            .is_none()
    );

    // Same id or hash again is refused.
    let same_id = NewApiToken {
        token_hash: fresh_token_hash(),
        ..t.clone()
    };
    assert!(matches!(
        store.create_api_token(&same_id).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    let same_hash = NewApiToken {
        id: fresh_token_id(),
        ..t.clone()
    };
    assert!(matches!(
        store.create_api_token(&same_hash).await,
        Err(StoreError::AlreadyExists { .. })
    ));

    // Revoked: stops resolving, stays listed with its time (the first one).
    store.revoke_api_token(&u.id, &t.id, at(20)).await.unwrap();
    assert!(
        store
            .token_user(&t.token_hash, at(21))
            .await
            .unwrap()
            .is_none()
    );
    store.revoke_api_token(&u.id, &t.id, at(30)).await.unwrap();
    let listed = store.list_api_tokens(&u.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    let revoked = listed.iter().find(|x| x.id == t.id).unwrap();
    assert_eq!(revoked.revoked_at, Some(at(20)));
}

pub async fn revoking_someone_elses_token_is_refused(store: &dyn AccountStore) {
    let owner = stored(store, "owner").await;
    let intruder = stored(store, "meddler").await;
    let t = new_token(&owner, "cli", None);
    store.create_api_token(&t).await.unwrap();
    match store.revoke_api_token(&intruder.id, &t.id, now()).await {
        Err(StoreError::ApiTokenNotFound(id)) => assert_eq!(id, t.id),
        other => panic!("expected ApiTokenNotFound, got {other:?}"),
    }
    assert!(
        store
            .token_user(&t.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(store.list_api_tokens(&intruder.id).await.unwrap(), vec![]);
    let unknown = fresh_token_id();
    assert!(matches!(
        store.revoke_api_token(&owner.id, &unknown, now()).await,
        Err(StoreError::ApiTokenNotFound(id)) if id == unknown
    ));

    // Listed newest first.
    let newer = NewApiToken {
        created_at: at(-1),
        ..new_token(&owner, "newer", None)
    };
    store.create_api_token(&newer).await.unwrap();
    let names: Vec<String> = store
        .list_api_tokens(&owner.id)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.name)
        .collect();
    assert_eq!(names, vec!["newer".to_string(), "cli".to_string()]);
}

pub async fn teams_members_and_sharing(store: &dyn AccountStore) {
    let (ana, bob, cat) = (
        stored(store, "t-ana").await,
        stored(store, "t-bob").await,
        stored(store, "t-cat").await,
    );
    let platform = team("Platform");
    let finance = team("Finance");
    store.create_team(&platform).await.unwrap();
    store.create_team(&finance).await.unwrap();
    assert_eq!(store.team(&platform.id).await.unwrap(), platform);
    let all = store.list_teams().await.unwrap();
    let pos = |t: &Team| all.iter().position(|x| x == t).expect("listed");
    assert!(pos(&finance) < pos(&platform), "ordered by name");

    store.add_member(&platform.id, &ana.id).await.unwrap();
    store.add_member(&platform.id, &bob.id).await.unwrap();
    store.add_member(&platform.id, &bob.id).await.unwrap(); // again: no change
    store.add_member(&finance.id, &cat.id).await.unwrap();
    store.add_member(&finance.id, &ana.id).await.unwrap();

    let mut expected = vec![ana.clone(), bob.clone()];
    expected.sort_by(|a, b| a.email.cmp(&b.email));
    assert_eq!(store.members(&platform.id).await.unwrap(), expected);
    assert_eq!(
        store.teams_of(&ana.id).await.unwrap(),
        vec![finance.clone(), platform.clone()]
    );
    assert_eq!(
        store.teams_of(&bob.id).await.unwrap(),
        vec![platform.clone()]
    );

    assert!(store.share_a_team(&ana.id, &bob.id).await.unwrap());
    assert!(store.share_a_team(&bob.id, &ana.id).await.unwrap());
    assert!(store.share_a_team(&ana.id, &cat.id).await.unwrap());
    assert!(!store.share_a_team(&bob.id, &cat.id).await.unwrap());
    assert!(store.share_a_team(&bob.id, &bob.id).await.unwrap());
    let loner = stored(store, "t-loner").await;
    assert!(!store.share_a_team(&loner.id, &loner.id).await.unwrap());

    assert!(store.remove_member(&platform.id, &bob.id).await.unwrap());
    assert!(!store.remove_member(&platform.id, &bob.id).await.unwrap());
    assert!(!store.share_a_team(&ana.id, &bob.id).await.unwrap());
    assert_eq!(store.teams_of(&bob.id).await.unwrap(), vec![]);

    let ghost_team = fresh_team_id();
    let ghost_user = fresh_user_id();
    assert!(matches!(store.team(&ghost_team).await,
        Err(StoreError::TeamNotFound(id)) if id == ghost_team));
    assert!(matches!(store.members(&ghost_team).await,
        Err(StoreError::TeamNotFound(id)) if id == ghost_team));
    assert!(matches!(store.add_member(&ghost_team, &ana.id).await,
        Err(StoreError::TeamNotFound(id)) if id == ghost_team));
    assert!(matches!(store.remove_member(&ghost_team, &ana.id).await,
        Err(StoreError::TeamNotFound(id)) if id == ghost_team));
    assert!(matches!(store.add_member(&platform.id, &ghost_user).await,
        Err(StoreError::UserNotFound(id)) if id == ghost_user));
    assert_eq!(store.teams_of(&ghost_user).await.unwrap(), vec![]);
}

pub async fn team_names_and_ids_are_unique(store: &dyn AccountStore) {
    let t = team("Support");
    store.create_team(&t).await.unwrap();
    let same_name = Team {
        id: fresh_team_id(),
        name: TeamName::parse(&t.name.as_str().to_uppercase()).unwrap(),
    };
    match store.create_team(&same_name).await {
        Err(StoreError::TeamNameTaken(name)) => assert_eq!(name, same_name.name),
        other => panic!("expected TeamNameTaken, got {other:?}"),
    }
    let same_id = Team {
        id: t.id.clone(),
        name: TeamName::parse(&format!("Other {}", fresh_team_id())).unwrap(),
    };
    match store.create_team(&same_id).await {
        Err(StoreError::AlreadyExists { what: "team", id }) => assert_eq!(id, t.id.as_str()),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert!(matches!(
        store.team(&same_name.id).await,
        Err(StoreError::TeamNotFound(_))
    ));
    assert_eq!(store.team(&t.id).await.unwrap(), t);
}

pub async fn invitation_is_single_use_and_expires(store: &dyn AccountStore) {
    let admin = stored(store, "inviter").await;
    let t = team("Onboarding");
    store.create_team(&t).await.unwrap();
    let inv = Invitation {
        team: Some(t.id.clone()),
        ..invitation(&admin)
    };
    store.create_invitation(&inv).await.unwrap();
    assert!(matches!(
        store.create_invitation(&inv).await,
        Err(StoreError::AlreadyExists { .. })
    ));

    assert_eq!(
        store.take_invitation(&inv.token_hash, now()).await.unwrap(),
        Some(inv.clone())
    );
    assert_eq!(
        store.take_invitation(&inv.token_hash, now()).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .take_invitation(&fresh_token_hash(), now())
            .await
            .unwrap(),
        None
    );

    // Expired: live until just before expires_at.
    let short = Invitation {
        expires_at: at(30),
        ..invitation(&admin)
    };
    store.create_invitation(&short).await.unwrap();
    assert_eq!(
        store
            .take_invitation(&short.token_hash, at(30))
            .await
            .unwrap(),
        None
    );
    let short2 = Invitation {
        expires_at: at(30),
        ..invitation(&admin)
    };
    store.create_invitation(&short2).await.unwrap();
    assert_eq!(
        store
            .take_invitation(&short2.token_hash, at(29))
            .await
            .unwrap(),
        Some(short2.clone())
    );

    // An invitation from an account disabled since does not work.
    let leaver = stored(store, "leaving-inviter").await;
    let orphan = invitation(&leaver);
    store.create_invitation(&orphan).await.unwrap();
    store.disable_user(&leaver.id, now()).await.unwrap();
    assert_eq!(
        store
            .take_invitation(&orphan.token_hash, now())
            .await
            .unwrap(),
        None
    );
}

pub async fn invitation_references_must_exist(store: &dyn AccountStore) {
    let admin = stored(store, "referee").await;
    let ghost = fresh_user_id();
    let by_ghost = Invitation {
        invited_by: ghost.clone(),
        ..invitation(&admin)
    };
    assert!(matches!(store.create_invitation(&by_ghost).await,
        Err(StoreError::UserNotFound(id)) if id == ghost));
    let ghost_manager = Invitation {
        manager: Some(ghost.clone()),
        ..invitation(&admin)
    };
    assert!(matches!(store.create_invitation(&ghost_manager).await,
        Err(StoreError::UserNotFound(id)) if id == ghost));
    let ghost_team = fresh_team_id();
    let into_ghost_team = Invitation {
        team: Some(ghost_team.clone()),
        ..invitation(&admin)
    };
    assert!(matches!(store.create_invitation(&into_ghost_team).await,
        Err(StoreError::TeamNotFound(id)) if id == ghost_team));
    for refused in [&by_ghost, &ghost_manager, &into_ghost_team] {
        assert_eq!(
            store
                .take_invitation(&refused.token_hash, now())
                .await
                .unwrap(),
            None
        );
    }
    let plain = Invitation {
        manager: None,
        role: Role::Member,
        ..invitation(&admin)
    };
    store.create_invitation(&plain).await.unwrap();
    assert_eq!(
        store
            .take_invitation(&plain.token_hash, now())
            .await
            .unwrap(),
        Some(plain)
    );
}

pub async fn login_failures_are_counted_by_window(store: &dyn AccountStore) {
    let account = format!("account:someone.{}@example.com", fresh_user_id());
    let addr = format!("addr:203.0.113.{}", fresh_u64() % 250);
    for minutes in [-30, -20, -10, -5, -1] {
        attempt(store, &[&account], at(minutes), 100).await.unwrap();
    }
    attempt(store, &[&addr], at(-1), 100).await.unwrap();

    assert_eq!(
        store.login_failures_since(&account, at(-60)).await.unwrap(),
        5
    );
    assert_eq!(
        store.login_failures_since(&account, at(-10)).await.unwrap(),
        3,
        "inclusive"
    );
    assert_eq!(
        store.login_failures_since(&account, at(0)).await.unwrap(),
        0
    );
    let unknown = format!("account:nobody.{}@example.com", fresh_user_id());
    assert_eq!(
        store.login_failures_since(&unknown, at(-60)).await.unwrap(),
        0
    );

    store.clear_login_failures(&account).await.unwrap();
    assert_eq!(
        store.login_failures_since(&account, at(-60)).await.unwrap(),
        0
    );
    assert!(store.login_failures_since(&addr, at(-60)).await.unwrap() >= 1);
    store.clear_login_failures(&addr).await.unwrap();
}

/// One attempt under `keys` in the minute before `when`, limit `limit`.
async fn attempt(
    store: &dyn AccountStore,
    keys: &[&str],
    when: Timestamp,
    limit: u32,
) -> Option<Timestamp> {
    store
        .begin_login_attempt(keys, when, when - SignedDuration::from_mins(1), limit)
        .await
        .unwrap()
}

/// Attempts are counted before the password is checked, so the limit holds
/// however many arrive at once: of 30 parallel attempts on one account and
/// address, exactly `limit` go on (a check then an insert would let many
/// more through, each counting the same rows). A throttled attempt records
/// nothing, and taking one back removes exactly that one. Given several
/// stores on one database (standing for several servers), the attempts are
/// spread over them and the limit still holds.
pub async fn login_attempts_hold_their_limit_in_parallel(stores: &[&dyn AccountStore]) {
    let store = stores[0];
    let account = format!("account:racer.{}@example.com", fresh_user_id());
    let addr = format!("addr:198.51.100.{}", fresh_u64() % 250);
    let keys = [account.as_str(), addr.as_str()];
    let attempts = (0..30)
        .map(|i| {
            Box::pin(attempt(stores[i % stores.len()], &keys, now(), 10))
                as std::pin::Pin<Box<dyn Future<Output = _> + Send + '_>>
        })
        .collect();
    let stamps: Vec<Timestamp> = all_at_once(attempts).await.into_iter().flatten().collect();
    assert_eq!(stamps.len(), 10, "exactly the limit went on: {stamps:?}");
    let mut unique = stamps.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        10,
        "each attempt is stamped apart: {stamps:?}"
    );
    for key in keys {
        assert_eq!(store.login_failures_since(key, at(-1)).await.unwrap(), 10);
    }

    store.forget_login_attempt(&addr, stamps[3]).await.unwrap();
    assert_eq!(store.login_failures_since(&addr, at(-1)).await.unwrap(), 9);
    assert_eq!(
        store.login_failures_since(&account, at(-1)).await.unwrap(),
        10
    );
    // The account is still at its limit: nothing is recorded for the address.
    assert_eq!(attempt(store, &keys, now(), 10).await, None);
    assert_eq!(store.login_failures_since(&addr, at(-1)).await.unwrap(), 9);
    // An hour later the window is empty again.
    assert!(attempt(store, &keys, at(60), 10).await.is_some());
    store.clear_login_failures(&account).await.unwrap();
    store.clear_login_failures(&addr).await.unwrap();
}

/// Polls every future in turn until all are done (no executor or crate
/// needed), so their statements interleave on the store's connections.
async fn all_at_once<'a, T>(
    mut futures: Vec<std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>>,
) -> Vec<T> {
    let mut done: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (f, out) in futures.iter_mut().zip(done.iter_mut()) {
            if out.is_none()
                && let std::task::Poll::Ready(v) = f.as_mut().poll(cx)
            {
                *out = Some(v);
            }
        }
        if done.iter().all(Option::is_some) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    done.into_iter().flatten().collect()
}

/// Removes rows of every kind; run it last when sharing a store, as it
/// sweeps other checks' expired rows too.
pub async fn purge_removes_only_what_has_expired(store: &dyn AccountStore) {
    let u = stored(store, "sweeper").await;
    let expired = new_session(&u, -120, -60);
    let live = new_session(&u, -120, 60);
    store.create_session(&expired).await.unwrap();
    store.create_session(&live).await.unwrap();
    let old_invite = Invitation {
        created_at: at(-120),
        expires_at: at(-60),
        ..invitation(&u)
    };
    let live_invite = invitation(&u);
    store.create_invitation(&old_invite).await.unwrap();
    store.create_invitation(&live_invite).await.unwrap();
    let key = format!("account:sweep.{}@example.com", fresh_user_id());
    attempt(store, &[&key], at(-120), 10).await.unwrap();
    attempt(store, &[&key], at(-5), 10).await.unwrap();

    let gone = store.purge_expired(now(), at(-60)).await.unwrap();
    assert!(gone >= 3, "{gone}");

    // The expired session's row is gone (ending it finds nothing); the live one stays.
    assert!(matches!(
        store.end_session(&u.id, &expired.id).await,
        Err(StoreError::SessionNotFound(_))
    ));
    assert!(
        store
            .session_user(&live.token_hash, now())
            .await
            .unwrap()
            .is_some()
    );
    // The expired invitation's hash is free again; the live one is still there.
    store.create_invitation(&old_invite).await.unwrap();
    assert!(matches!(
        store.create_invitation(&live_invite).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(store.login_failures_since(&key, at(-600)).await.unwrap(), 1);
}
