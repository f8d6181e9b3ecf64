//! Erasure (issue 18) through the API, on either backend: an owner deletes
//! a mistake (only they may; stakeholders lose it at once, the owner's win
//! stays, pointing at nothing); a person deletes their account with their
//! password (their records go; their comment on another's mistake stays
//! as a removed one; the audit keeps the event, not who; a plan about them
//! goes, one they opened for their report stays); the last admin is
//! refused; an admin deletes someone's account.

use crate::harness::{PASSWORD, Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn delete(app: &TestApp, path: &str, who: &Person, body: Option<Value>) -> StatusCode {
    app.call(Method::DELETE, path, Some(who), body).await.status
}

async fn delete_me(app: &TestApp, who: &Person, password: &str) -> crate::harness::Reply {
    let body = json!({ "password": password });
    app.call(Method::DELETE, "/api/v1/me", Some(who), Some(body))
        .await
}

async fn name(app: &TestApp, owner: &Person, mistake: &str, who: &Person) {
    let path = format!("/api/v1/mistakes/{mistake}/stakeholders/{}", who.id);
    let r = app.put(&path, owner, json!({})).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
}

async fn comment(app: &TestApp, who: &Person, mistake: &str, body: Value) -> String {
    let path = format!("/api/v1/mistakes/{mistake}/comments");
    let r = app.post(&path, who, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn only_the_owner_deletes_a_mistake_and_nothing_dangles() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let stella = app.join(&admin, "Stella", "member", None, None).await;
    let m = app
        .mistake(&owner, "Wrong totals sent", "stakeholders")
        .await;
    let kept = app.mistake(&owner, "Another slip", "stakeholders").await;
    name(&app, &owner, &m, &stella).await;
    name(&app, &owner, &kept, &stella).await;
    comment(&app, &stella, &m, json!({"body": "Which reports?"})).await;
    let win = json!({"text": "Caught it before the invoices went out", "mistake": m});
    assert_eq!(
        app.post("/api/v1/wins", &owner, win).await.status,
        StatusCode::CREATED
    );
    let path = format!("/api/v1/mistakes/{m}");
    assert_eq!(app.get(&path, &stella).await.status, StatusCode::OK);

    // Nobody else deletes it, whatever they may read: 404, and it stays.
    for who in [&stella, &admin] {
        assert_eq!(delete(&app, &path, who, None).await, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.get(&path, &stella).await.status, StatusCode::OK);

    assert_eq!(
        delete(&app, &path, &owner, None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get(&path, &stella).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&path, &owner).await.status, StatusCode::NOT_FOUND);
    let comments = format!("{path}/comments");
    assert_eq!(
        app.get(&comments, &stella).await.status,
        StatusCode::NOT_FOUND
    );
    let notes = app.get("/api/v1/me/notifications", &stella).await.body;
    let notes = notes["notifications"].as_array().unwrap().clone();
    assert!(
        notes.iter().all(|n| n["mistake"] != m.as_str()),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n["mistake"] == kept.as_str()),
        "{notes:?}"
    );
    let wins = app.get("/api/v1/wins", &owner).await.body;
    assert_eq!(wins["wins"].as_array().unwrap().len(), 1, "{wins}");
    assert!(wins["wins"][0]["mistake"].is_null(), "{wins}");
    assert_eq!(
        delete(&app, &path, &owner, None).await,
        StatusCode::NOT_FOUND
    );
    let other = format!("/api/v1/mistakes/{kept}");
    assert_eq!(app.get(&other, &stella).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_deleted_account_leaves_others_what_is_theirs() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let boss = app.join(&admin, "Bo", "manager", None, None).await;
    let mara = app.join(&admin, "Mara", "manager", Some(&boss), None).await;
    let remi = app.join(&admin, "Remi", "member", Some(&mara), None).await;
    let owen = app.join(&admin, "Owen", "member", None, None).await;
    let own = app.mistake(&mara, "My own slip", "private").await;
    let theirs = app.mistake(&owen, "Owen's slip", "stakeholders").await;
    name(&app, &owen, &theirs, &mara).await;
    let said = comment(
        &app,
        &mara,
        &theirs,
        json!({"body": "I saw it first, at 9"}),
    )
    .await;
    let reply = json!({"body": "Thanks, Mara", "parent": said});
    comment(&app, &owen, &theirs, reply).await;
    let plan = |who: &Person| json!({"report": who.id, "topics": ["The demo"]});
    let about = app.post("/api/v1/plans", &boss, plan(&mara)).await;
    assert_eq!(about.status, StatusCode::CREATED, "{}", about.body);
    let about = about.body["plan"]["id"].as_str().unwrap().to_string();
    let opened = app.post("/api/v1/plans", &mara, plan(&remi)).await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let opened = opened.body["plan"]["id"].as_str().unwrap().to_string();

    // The wrong password: refused in words, and nothing goes.
    let wrong = delete_me(&app, &mara, "not my password").await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN, "{}", wrong.body);
    assert!(
        wrong.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("password")
    );
    assert_eq!(
        app.get(&format!("/api/v1/mistakes/{own}"), &mara)
            .await
            .status,
        StatusCode::OK
    );

    let done = delete_me(&app, &mara, PASSWORD).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    assert_eq!(
        app.get("/api/v1/me", &mara).await.status,
        StatusCode::UNAUTHORIZED
    );
    let users = app.get("/api/v1/users", &admin).await.body.to_string();
    assert!(!users.contains(&mara.id), "{users}");
    assert_eq!(
        app.get(&format!("/api/v1/mistakes/{own}"), &admin)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Her comment stays in Owen's thread, without her text or name.
    let thread = app
        .get(&format!("/api/v1/mistakes/{theirs}/comments"), &owen)
        .await
        .body;
    let list = thread["comments"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{thread}");
    let removed = list.iter().find(|c| c["id"] == said.as_str()).unwrap();
    assert_eq!(removed["author"]["kind"], "removed", "{removed}");
    assert_eq!(removed["body"], "", "{removed}");
    assert!(removed["author"]["user"].is_null(), "{removed}");
    let text = thread.to_string();
    assert!(
        !text.contains("I saw it first") && !text.contains("\"Mara\""),
        "{text}"
    );
    let answer = list.iter().find(|c| c["id"] != said.as_str()).unwrap();
    assert_eq!(answer["parent"], said.as_str(), "the reply stays under it");

    // The audit keeps her events on Owen's mistake, not who.
    let log = app
        .get(&format!("/api/v1/mistakes/{theirs}/audit?limit=500"), &owen)
        .await
        .body;
    let log = log.to_string();
    assert!(!log.contains(&mara.id), "{log}");
    assert!(log.contains("\"removed\""), "{log}");

    // The plan about her went; the one she opened for Remi is his.
    assert_eq!(
        app.get(&format!("/api/v1/plans/{about}"), &boss)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let his = app.get(&format!("/api/v1/plans/{opened}"), &remi).await;
    assert_eq!(his.status, StatusCode::OK, "{}", his.body);
    assert!(!his.body.to_string().contains(&mara.id), "{}", his.body);
    let remi_now = app.get("/api/v1/me", &remi).await.body;
    assert!(remi_now["manager"].is_null(), "{remi_now}");
}

#[tokio::test]
async fn the_last_admin_cannot_delete_their_account() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let last = delete_me(&app, &admin, PASSWORD).await;
    assert_eq!(last.status, StatusCode::CONFLICT, "{}", last.body);
    assert!(
        last.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("last admin")
    );
    assert_eq!(app.get("/api/v1/me", &admin).await.status, StatusCode::OK);
    let other = app.join(&admin, "Bea", "admin", None, None).await;
    assert_eq!(
        delete_me(&app, &admin, PASSWORD).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get("/api/v1/me", &other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_admin_deletes_someones_account_and_nobody_else_does() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let sam = app.join(&admin, "Sam", "member", None, None).await;
    let kim = app.join(&admin, "Kim", "manager", None, None).await;
    let m = app.mistake(&sam, "Sam's slip", "team").await;
    let sams = format!("/api/v1/users/{}", sam.id);
    assert_eq!(delete(&app, &sams, &kim, None).await, StatusCode::FORBIDDEN);
    let own = format!("/api/v1/users/{}", admin.id);
    assert_eq!(
        delete(&app, &own, &admin, None).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        delete(&app, "/api/v1/users/nosuchid", &admin, None).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        delete(&app, &sams, &admin, None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get("/api/v1/me", &sam).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        delete(&app, &sams, &admin, None).await,
        StatusCode::NOT_FOUND
    );
    let gone = app.get(&format!("/api/v1/mistakes/{m}"), &kim).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}
