//! A person's patterns (`GET /api/v1/me/patterns`): their own records and
//! nobody else's — not a report's for their manager, not anyone's for an
//! admin (there is no id in the address to ask for another person's).

use crate::harness::{Person, TestApp, spawn_app};
use jiff::{Timestamp, ToSpan as _};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ACCOUNT: &str = "I promised the customer a launch date in the meeting without asking engineering, and they could not make it.";

async fn ok(app: &TestApp, method: Method, path: &str, who: &Person, body: Value) -> Value {
    let r = app.call(method, path, Some(who), Some(body)).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
    r.body
}

/// A mistake detected `hours` ago whose heads-up went `own` minutes after.
pub async fn owned_after(app: &TestApp, who: &Person, hours: i64, own: i64) -> String {
    let detected = app.clock.now() - hours.hours();
    let m = ok(
        app,
        Method::POST,
        "/api/v1/mistakes",
        who,
        json!({"title": format!("Slip {own}"), "detected_at": detected.to_string(), "visibility": "team"}),
    )
    .await;
    let id = m["id"].as_str().unwrap().to_string();
    let at: Timestamp = detected + own.minutes();
    ok(
        app,
        Method::POST,
        &format!("/api/v1/mistakes/{id}/heads-up/sent"),
        who,
        json!({"at": at.to_string(), "to": "Dana"}),
    )
    .await;
    id
}

/// A reflection on mistake `m` naming `trap` and `failure_type`.
pub async fn reflect(app: &TestApp, who: &Person, m: &str, trap: &str, ft: &str) -> String {
    let r = ok(
        app,
        Method::POST,
        "/api/v1/reflections",
        who,
        json!({"mistake": m, "account": ACCOUNT}),
    )
    .await;
    let id = r["id"].as_str().unwrap().to_string();
    ok(
        app,
        Method::PUT,
        &format!("/api/v1/reflections/{id}"),
        who,
        json!({"trap": trap, "failure_type": ft}),
    )
    .await;
    id
}

#[tokio::test]
async fn patterns_are_the_persons_own_and_nobody_elses() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Platform").await;
    let boss = app.join(&admin, "Mona", "manager", None, Some(&team)).await;
    let olga = app
        .join(&admin, "Olga", "member", Some(&boss), Some(&team))
        .await;
    let tim = app.join(&admin, "Tim", "member", None, Some(&team)).await;

    let a = owned_after(&app, &olga, 3, 10).await;
    let b = owned_after(&app, &olga, 2, 30).await;
    let r = reflect(&app, &olga, &a, "ego", "courage").await;
    reflect(&app, &olga, &b, "ego", "skill").await;
    let p = ok(&app, Method::POST, "/api/v1/principles", &olga, json!({"reflection": r, "text": "I will not promise a date before engineering has estimated the work"})).await;
    let pid = p["id"].as_str().unwrap();
    ok(&app, Method::POST, &format!("/api/v1/principles/{pid}/revise"), &olga, json!({"text": "I will not give a date without an engineering estimate", "note": "shorter"})).await;
    ok(
        &app,
        Method::POST,
        "/api/v1/wins",
        &olga,
        json!({"text": "Ran the launch review"}),
    )
    .await;

    // Tim's records, and a reflection by him on his own: never in Olga's.
    let t = owned_after(&app, &tim, 1, 5).await;
    reflect(&app, &tim, &t, "judgment", "information").await;

    let mine = app.get("/api/v1/me/patterns", &olga).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let p = &mine.body;
    assert_eq!(p["mistakes"], 2);
    assert_eq!(p["time_to_own"]["count"], 2);
    assert_eq!(p["time_to_own"]["median_secs"], 20 * 60);
    assert_eq!(p["time_to_own"]["by_month"].as_array().unwrap().len(), 12);
    assert_eq!(p["reflections"], 2);
    let count = |list: &Value, label: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["label"] == label)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(count(&p["traps"], "ego"), 2);
    assert_eq!(
        count(&p["traps"], "judgment"),
        0,
        "Tim's trap is not Olga's"
    );
    assert_eq!(count(&p["failure_types"], "information"), 0);
    assert_eq!(p["principles"]["added"], 1);
    assert_eq!(p["principles"]["revised"], 1);
    assert_eq!(p["principles"]["active"], 1);
    assert_eq!(p["wins"]["total"], 1);
    // No text of any record: figures only.
    assert!(!p.to_string().contains("launch date"), "{p}");

    let his = app.get("/api/v1/me/patterns", &tim).await.body;
    assert_eq!(his["mistakes"], 1);
    assert_eq!(his["time_to_own"]["median_secs"], 5 * 60);
    assert_eq!(count(&his["traps"], "ego"), 0);

    // Her manager and the admin get their own (empty) patterns, not hers.
    for other in [&boss, &admin] {
        let theirs = app.get("/api/v1/me/patterns", other).await.body;
        assert_eq!(theirs["mistakes"], 0, "{theirs}");
        assert_eq!(theirs["reflections"], 0);
        assert_eq!(theirs["wins"]["total"], 0);
    }
    // There is no door to someone else's.
    for path in [
        format!("/api/v1/users/{}/patterns", olga.id),
        format!("/api/v1/me/patterns/{}", olga.id),
    ] {
        assert_eq!(app.get(&path, &boss).await.status, StatusCode::NOT_FOUND);
    }
    let anon = app
        .call(Method::GET, "/api/v1/me/patterns", None, None)
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}
