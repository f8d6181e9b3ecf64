//! The audit log: who read or changed a mistake, seen by its owner alone.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The audit is written in the background: ask until `want` holds, or give
/// up after many tries (this bounds the wait; it asserts no timing).
async fn audit_until(
    app: &TestApp,
    id: &str,
    owner: &Person,
    want: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let mut events = Vec::new();
    for _ in 0..200 {
        let r = app
            .get(&format!("/api/v1/mistakes/{id}/audit"), owner)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        events = r.body["events"].as_array().unwrap().clone();
        if want(&events) {
            return events;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the audit never showed what was expected: {events:?}");
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

    let events = audit_until(&app, &id, &owner, |e| {
        by(e, &manager, "read") >= 2 && by(e, &owner, "change") >= 1
    })
    .await;
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
