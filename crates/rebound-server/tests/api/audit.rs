//! The audit log: who read or changed a mistake, seen by its owner alone.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::Method;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The log of mistake `id` as its owner reads it, newest first. Read once,
/// never polled: every event is written before its request is answered.
async fn audit(app: &TestApp, id: &str, owner: &Person) -> Vec<Value> {
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/audit?limit=500"), owner)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["events"].as_array().unwrap().clone()
}

/// Events with this action on this part, by anyone.
fn on(events: &[Value], action: &str, part: &str) -> usize {
    events
        .iter()
        .filter(|e| e["action"] == action && e["part"] == part)
        .count()
}

fn by(events: &[Value], who: &Person, action: &str) -> usize {
    events
        .iter()
        .filter(|e| {
            e["actor"]["kind"] == "user"
                && e["actor"]["id"] == who.id.as_str()
                && e["action"] == action
        })
        .count()
}

#[tokio::test]
async fn reads_and_changes_are_audited_and_only_the_owner_sees_the_log() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), None)
        .await;
    let stranger = app.join(&admin, "Sid", "member", None, None).await;
    let id = app
        .mistake(
            &owner,
            "Emailed the salary sheet to the wrong list",
            "manager",
        )
        .await;

    assert_eq!(
        app.get(&format!("/api/v1/mistakes/{id}"), &manager)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/mistakes", &manager).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/api/v1/mistakes/{id}"), &stranger)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/timeline"),
            &owner,
            json!({"text": "Recalled the email"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);

    // Each answer above left only after its events were written.
    let events = audit(&app, &id, &owner).await;
    assert_eq!(by(&events, &manager, "read"), 2, "{events:?}");
    assert_eq!(by(&events, &owner, "change"), 1, "{events:?}");
    assert_eq!(
        by(&events, &stranger, "read"),
        0,
        "a refused read is not a read"
    );
    let text = serde_json::to_string(&events).unwrap();
    assert!(
        !text.contains("salary sheet") && !text.contains("Recalled"),
        "never the content: {text}"
    );
    assert!(
        events
            .iter()
            .all(|e| e["resource_id"] == id.as_str() && e["at"].is_string())
    );

    // The log is the owner's alone: even the manager who may read the mistake gets 404.
    for who in [&manager, &stranger, &admin] {
        assert_eq!(
            app.get(&format!("/api/v1/mistakes/{id}/audit"), who)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/audit?limit=lots"), &owner)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn creating_a_mistake_is_audited_with_it() {
    let app = spawn_app().await;
    let owner = app.setup_admin().await;
    let id = app
        .mistake(&owner, "Dropped the staging table", "private")
        .await;
    let events = audit(&app, &id, &owner).await;
    assert_eq!(
        on(&events, "create", "record"),
        1,
        "the creation is in the log the moment it is answered: {events:?}"
    );
    assert_eq!(by(&events, &owner, "create"), 1);
}

#[tokio::test]
async fn a_refused_timeline_entry_is_not_audited() {
    let app = spawn_app().await;
    let owner = app.setup_admin().await;
    let id = app
        .mistake(&owner, "Paused the wrong queue", "private")
        .await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/timeline"),
            &owner,
            json!({"text": "Later", "at": "2999-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "change", "record"), 0, "refused: {events:?}");

    // The same entry, accepted, is one change.
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/timeline"),
            &owner,
            json!({"text": "Resumed it"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "change", "record"), 1, "done: {events:?}");
}

#[tokio::test]
async fn a_refused_guest_comment_is_not_audited() {
    let app = spawn_app().await;
    let owner = app.setup_admin().await;
    let id = app
        .mistake(&owner, "Shipped a broken build", "private")
        .await;
    let link = app.share_link(&owner, &id, None).await;
    let guest = app.guest(&link, "Gail").await;
    let comment = |parent: Option<&str>| json!({"body": "Thanks for telling us", "parent": parent});
    let r = app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest,
            Some(comment(Some("00000000"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "create", "comments"), 0, "refused: {events:?}");

    let r = app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest,
            Some(comment(None)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "create", "comments"), 1, "done: {events:?}");
    assert!(
        events
            .iter()
            .any(|e| e["actor"]["kind"] == "guest" && e["action"] == "create"),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_refused_change_to_the_stakeholders_is_not_audited() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let id = app
        .mistake(&owner, "Rotated the wrong key", "private")
        .await;
    // Naming oneself is refused (422) after the policy allowed the change.
    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/stakeholders/{}", owner.id),
            &owner,
            json!(null),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "change", "sharing"), 0, "refused: {events:?}");

    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/stakeholders/{}", admin.id),
            &owner,
            json!(null),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let events = audit(&app, &id, &owner).await;
    assert_eq!(on(&events, "change", "sharing"), 1, "done: {events:?}");
}
