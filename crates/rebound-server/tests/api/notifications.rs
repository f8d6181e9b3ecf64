//! In-app notifications for stakeholders beyond being named: a progress
//! update posted, the mistake closed — each only to stakeholders who may
//! read the mistake when it happens.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The kinds `who` was notified of about `mistake`, newest first.
async fn kinds(app: &TestApp, who: &Person, mistake: &str) -> Vec<String> {
    let r = app.get("/api/v1/me/notifications", who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["mistake"] == mistake)
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn ok(app: &TestApp, method: Method, path: &str, who: &Person, body: Value) {
    let r = app.call(method, path, Some(who), Some(body)).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
}

/// Marks the heads-up sent, fills the note and ticks both checkboxes, so
/// the mistake may close.
async fn ready_to_close(app: &TestApp, owner: &Person, base: &str) {
    let sent = format!("{base}/heads-up/sent");
    ok(app, Method::POST, &sent, owner, json!({})).await;
    let note = json!({
        "impact": {"who": "the finance leads", "what_wrong": "refunds counted twice"},
        "containment": "Pulled v42",
        "prevention": [{"kind": "preventive", "text": "Compare with the ledger before publishing"}],
    });
    ok(app, Method::PUT, &format!("{base}/note"), owner, note).await;
    for cb in ["impact", "prevention"] {
        let path = format!("{base}/checks/{cb}");
        ok(app, Method::PUT, &path, owner, json!({})).await;
    }
}

/// A server, an owner, a mistake of theirs at `stakeholders` visibility
/// with these people named, and its API path.
async fn shared_with(names: [&str; 2]) -> (TestApp, Person, [Person; 2], String, String) {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let [a, b] = names;
    let named = [
        app.join(&admin, a, "member", None, None).await,
        app.join(&admin, b, "member", None, None).await,
    ];
    let id = app
        .mistake(&owner, "Wrong totals sent", "stakeholders")
        .await;
    let base = format!("/api/v1/mistakes/{id}");
    for who in &named {
        let path = format!("{base}/stakeholders/{}", who.id);
        ok(&app, Method::PUT, &path, &owner, json!({})).await;
    }
    (app, owner, named, id, base)
}

#[tokio::test]
async fn stakeholders_who_may_read_hear_of_updates_and_closing_and_nobody_else_does() {
    let (app, owner, [stella, lou], id, base) = shared_with(["Stella", "Lou"]).await;
    let update = |text: &str| json!({ "text": text });
    let updates = format!("{base}/updates");
    ok(&app, Method::POST, &updates, &owner, update("v41 back")).await;
    for who in [&stella, &lou] {
        assert_eq!(
            kinds(&app, who, &id).await,
            ["update_posted", "stakeholder_added"]
        );
    }

    // Lou is no longer a stakeholder; while the visibility is narrowed,
    // Stella cannot read it either.
    let lou_named = format!("{base}/stakeholders/{}", lou.id);
    ok(&app, Method::DELETE, &lou_named, &owner, json!({})).await;
    ok(&app, Method::POST, &updates, &owner, update("fix at 16:00")).await;
    let narrowed = json!({"visibility": "manager"});
    ok(&app, Method::PATCH, &base, &owner, narrowed).await;
    ok(&app, Method::POST, &updates, &owner, update("fix deployed")).await;
    ready_to_close(&app, &owner, &base).await;
    let moves = format!("{base}/transitions");
    ok(&app, Method::POST, &moves, &owner, json!({"to": "closed"})).await;

    // Given access back, they find only what they could read at the time.
    let widened = json!({"visibility": "stakeholders"});
    ok(&app, Method::PATCH, &base, &owner, widened).await;
    ok(&app, Method::PUT, &lou_named, &owner, json!({})).await;
    assert_eq!(
        kinds(&app, &stella, &id).await,
        ["update_posted", "update_posted", "stakeholder_added"],
        "the update while she could read it, nothing after"
    );
    assert_eq!(
        kinds(&app, &lou, &id).await,
        ["stakeholder_added", "update_posted", "stakeholder_added"],
        "named again: nothing from the time he was not a stakeholder"
    );
    assert!(kinds(&app, &owner, &id).await.is_empty(), "not the owner");
}

#[tokio::test]
async fn closing_notifies_the_stakeholders_who_may_read_it_and_only_them() {
    let (app, owner, [stella, eli], id, base) = shared_with(["Stella", "Eli"]).await;
    let eli_named = format!("{base}/stakeholders/{}", eli.id);
    ok(&app, Method::DELETE, &eli_named, &owner, json!({})).await;
    ready_to_close(&app, &owner, &base).await;
    let moves = format!("{base}/transitions");
    ok(&app, Method::POST, &moves, &owner, json!({"to": "closed"})).await;
    assert_eq!(
        kinds(&app, &stella, &id).await,
        ["closed", "stakeholder_added"]
    );
    let r = app.get("/api/v1/me/notifications", &stella).await;
    assert_eq!(r.body["notifications"][0]["title"], "Wrong totals sent");
    assert_eq!(r.body["unread"], 2);
    // Eli, removed before, hears nothing once named again.
    ok(&app, Method::PUT, &eli_named, &owner, json!({})).await;
    assert_eq!(
        kinds(&app, &eli, &id).await,
        ["stakeholder_added", "stakeholder_added"]
    );
}

/// The ids of `who`'s notifications and whether each is read, newest first.
async fn read_states(app: &TestApp, who: &Person) -> Vec<(String, bool)> {
    let r = app.get("/api/v1/me/notifications", who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                !n["read_at"].is_null(),
            )
        })
        .collect()
}

#[tokio::test]
async fn marking_all_read_marks_only_ones_own() {
    let (app, owner, [stella, lou], _, base) = shared_with(["Stella", "Lou"]).await;
    let updates = format!("{base}/updates");
    ok(
        &app,
        Method::POST,
        &updates,
        &owner,
        json!({"text": "v41 back"}),
    )
    .await;
    let stellas = read_states(&app, &stella).await;
    assert_eq!(stellas.len(), 2);
    assert!(stellas.iter().all(|(_, read)| !read));

    let r = app
        .post("/api/v1/me/notifications/read", &stella, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let after = read_states(&app, &stella).await;
    assert!(after.iter().all(|(_, read)| *read), "{after:?}");
    let listed = app.get("/api/v1/me/notifications", &stella).await;
    assert_eq!(listed.body["unread"], 0);
    // Again: nothing left to mark, still 204.
    let again = app
        .post("/api/v1/me/notifications/read", &stella, json!({}))
        .await;
    assert_eq!(again.status, StatusCode::NO_CONTENT);

    // Lou's are untouched.
    let lous = read_states(&app, &lou).await;
    assert_eq!(lous.len(), 2);
    assert!(lous.iter().all(|(_, read)| !read), "{lous:?}");

    // Nobody signed in: 401.
    let anon = app
        .call(Method::POST, "/api/v1/me/notifications/read", None, None)
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn someone_elses_notification_is_not_found_and_stays_unread() {
    let (app, _owner, [stella, lou], _, _) = shared_with(["Stella", "Lou"]).await;
    let (lous_id, _) = read_states(&app, &lou).await.remove(0);
    let path = format!("/api/v1/me/notifications/{lous_id}/read");
    let r = app.post(&path, &stella, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(read_states(&app, &lou).await, [(lous_id.clone(), false)]);
    // Stella marking all of hers read leaves Lou's unread too.
    let all = app
        .post("/api/v1/me/notifications/read", &stella, json!({}))
        .await;
    assert_eq!(all.status, StatusCode::NO_CONTENT);
    assert_eq!(read_states(&app, &lou).await, [(lous_id.clone(), false)]);
    // Lou may.
    let mine = app.post(&path, &lou, json!({})).await;
    assert_eq!(mine.status, StatusCode::NO_CONTENT, "{}", mine.body);
    assert_eq!(read_states(&app, &lou).await, [(lous_id, true)]);
}

#[tokio::test]
async fn marking_all_read_is_described() {
    let app = spawn_app().await;
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let op = &r.body["paths"]["/api/v1/me/notifications/read"]["post"];
    assert!(op["responses"]["204"].is_object(), "{op}");
    assert!(op["responses"]["401"].is_object(), "{op}");
}
