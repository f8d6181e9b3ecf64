//! Chat webhooks, on any backend: one per person and one per team, replaced
//! in place (the id stays), read by owner, by id and for many people, and
//! refused for an owner that does not exist.

use crate::StoreError;
use crate::conformance_accounts::{fresh_team_id, fresh_user_id};
use crate::conformance_sharing::{SharingBackend, stored_person};
use crate::webhooks::{ChatFormat, NewWebhook, WebhookOwner, WebhookStore};
use jiff::{SignedDuration, Timestamp};
use rebound_domain::{Team, TeamName};

/// Everything the checks need from one backend.
pub trait WebhookBackend: SharingBackend + WebhookStore {}
impl<T: SharingBackend + WebhookStore> WebhookBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn WebhookBackend) {
    one_per_person_replaced_in_place(store).await;
    one_per_team_apart_from_people(store).await;
    many_people_at_once(store).await;
    owners_must_exist(store).await;
}

fn t0() -> Timestamp {
    "2026-12-07T08:00:00Z".parse().expect("a valid time")
}

fn fresh_hook_id() -> String {
    format!("wh_{}", fresh_user_id().as_str())
}

pub(crate) fn hook(owner: WebhookOwner, url: &str, format: ChatFormat) -> NewWebhook {
    NewWebhook {
        id: fresh_hook_id(),
        owner,
        format,
        url: url.to_owned(),
        label: "mine".to_owned(),
        created: t0(),
    }
}

pub(crate) async fn stored_team<S: crate::accounts::AccountStore + ?Sized>(
    store: &S,
    name: &str,
) -> Team {
    let id = fresh_team_id();
    let team = Team {
        name: TeamName::parse(&format!("{name} {}", id.as_str())).expect("a valid name"),
        id,
    };
    store.create_team(&team).await.expect("team created");
    team
}

async fn one_per_person_replaced_in_place(store: &dyn WebhookBackend) {
    let ana = stored_person(store, "ana").await;
    let me = WebhookOwner::User(ana.id.clone());
    assert_eq!(store.webhook(&me).await.unwrap(), None);
    let first = hook(
        me.clone(),
        "https://hooks.example.com/a/SECRET1",
        ChatFormat::Slack,
    );
    let stored = store.set_webhook(&first).await.unwrap();
    assert_eq!(stored.id, first.id);
    assert_eq!(stored.owner, me);
    assert_eq!(stored.url, first.url);
    assert_eq!(stored.format, ChatFormat::Slack);
    assert_eq!(stored.label, "mine");
    assert_eq!(stored.created_at, t0());
    assert_eq!(store.webhook(&me).await.unwrap(), Some(stored.clone()));

    // Replacing keeps the id and changes the rest.
    let mut second = hook(
        me.clone(),
        "https://chat.example.org/hooks/S2",
        ChatFormat::Mattermost,
    );
    second.label = "team chat".into();
    second.created = t0() + SignedDuration::from_mins(5);
    let replaced = store.set_webhook(&second).await.unwrap();
    assert_eq!(replaced.id, first.id, "the id stays");
    assert_eq!(replaced.url, second.url);
    assert_eq!(replaced.format, ChatFormat::Mattermost);
    assert_eq!(replaced.label, "team chat");
    assert_eq!(replaced.created_at, second.created);
    assert_eq!(
        store.webhook_by_id(&first.id).await.unwrap(),
        Some(replaced.clone())
    );
    assert_eq!(store.webhook_by_id(&second.id).await.unwrap(), None);

    assert!(store.remove_webhook(&me).await.unwrap());
    assert!(!store.remove_webhook(&me).await.unwrap(), "already gone");
    assert_eq!(store.webhook(&me).await.unwrap(), None);
    assert_eq!(store.webhook_by_id(&first.id).await.unwrap(), None);
}

async fn one_per_team_apart_from_people(store: &dyn WebhookBackend) {
    let bo = stored_person(store, "bo").await;
    let team = stored_team(store, "Payments").await;
    let ours = WebhookOwner::Team(team.id.clone());
    let mine = WebhookOwner::User(bo.id.clone());
    let t = store
        .set_webhook(&hook(
            ours.clone(),
            "https://hooks.example.com/t/T",
            ChatFormat::Slack,
        ))
        .await
        .unwrap();
    let p = store
        .set_webhook(&hook(
            mine.clone(),
            "https://hooks.example.com/p/P",
            ChatFormat::Slack,
        ))
        .await
        .unwrap();
    assert_ne!(t.id, p.id);
    assert_eq!(store.webhook(&ours).await.unwrap().unwrap().url, t.url);
    assert_eq!(store.webhook(&mine).await.unwrap().unwrap().url, p.url);
    // A team's webhook is no one's personal one.
    assert_eq!(
        store
            .webhooks_for_users(std::slice::from_ref(&bo.id))
            .await
            .unwrap(),
        vec![p.clone()]
    );
    assert!(store.remove_webhook(&ours).await.unwrap());
    assert_eq!(
        store.webhook(&mine).await.unwrap(),
        Some(p),
        "the person's stays"
    );
}

async fn many_people_at_once(store: &dyn WebhookBackend) {
    let a = stored_person(store, "cy").await;
    let b = stored_person(store, "di").await;
    let none = stored_person(store, "ed").await;
    for u in [&a, &b] {
        let url = format!("https://hooks.example.com/{}", u.id.as_str());
        store
            .set_webhook(&hook(
                WebhookOwner::User(u.id.clone()),
                &url,
                ChatFormat::Slack,
            ))
            .await
            .unwrap();
    }
    let mut found = store
        .webhooks_for_users(&[a.id.clone(), b.id.clone(), none.id.clone()])
        .await
        .unwrap();
    found.sort_by(|x, y| x.url.cmp(&y.url));
    let mut want = vec![
        WebhookOwner::User(a.id.clone()),
        WebhookOwner::User(b.id.clone()),
    ];
    want.sort_by_key(|o| match o {
        WebhookOwner::User(u) => u.as_str().to_owned(),
        WebhookOwner::Team(t) => t.as_str().to_owned(),
    });
    let owners: Vec<_> = found.iter().map(|w| w.owner.clone()).collect();
    assert_eq!(owners, want);
    assert!(store.webhooks_for_users(&[]).await.unwrap().is_empty());
    assert!(
        store
            .webhooks_for_users(std::slice::from_ref(&none.id))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn owners_must_exist(store: &dyn WebhookBackend) {
    let nobody = fresh_user_id();
    let e = store
        .set_webhook(&hook(
            WebhookOwner::User(nobody.clone()),
            "https://hooks.example.com/x",
            ChatFormat::Slack,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::UserNotFound(ref u) if *u == nobody),
        "{e:?}"
    );
    let no_team = fresh_team_id();
    let e = store
        .set_webhook(&hook(
            WebhookOwner::Team(no_team.clone()),
            "https://hooks.example.com/x",
            ChatFormat::Slack,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::TeamNotFound(ref t) if *t == no_team),
        "{e:?}"
    );
}
