//! Every change to what reaches people is an audit event, stored with the
//! change: a person's preferences, their chat webhook, a team's channel.
//! Each names who, what kind of change and whose (the person or the
//! team), never the URL or any part of it; a refused change leaves none.
//! Admins read them (`/api/v1/users/{id}/audit`, `/api/v1/teams/{id}/audit`);
//! nobody else does.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const SECRET: &str = "T0001/B0002/sEcReTpAtH";

fn url(host: &str) -> String {
    format!("https://{host}/services/{SECRET}?token=qUeRy")
}

/// (actor, part, action) of each event, oldest first.
fn changes(log: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            (
                e["actor"]["id"].as_str().unwrap().to_owned(),
                s("part"),
                s("action"),
            )
        })
        .collect();
    out.reverse();
    out
}

/// Nothing of any URL ever sent: not its path, query, host or scheme.
fn no_url(log: &Value) {
    let text = log.to_string();
    for part in ["sEcReT", "qUeRy", "services", "93.184", "10.1.2.3", "https"] {
        assert!(!text.contains(part), "{part} in the audit log: {text}");
    }
}

async fn log(app: &TestApp, admin: &Person, path: &str) -> Value {
    let r = app.get(path, admin).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    no_url(&r.body);
    r.body
}

fn ev(who: &Person, part: &str, action: &str) -> (String, String, String) {
    (who.id.clone(), part.into(), action.into())
}

#[tokio::test]
async fn a_persons_preferences_and_webhook_changes_are_audited_without_the_url() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let cy = app.join(&admin, "Cy", "member", None, None).await;

    let choice = json!({"kind": "update", "channel": "chat", "enabled": true});
    let r = app.put("/api/v1/me/preferences", &cy, choice).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let hook = json!({"url": url("93.184.215.14"), "format": "slack"});
    assert_eq!(
        app.put("/api/v1/me/webhook", &cy, hook).await.status,
        StatusCode::OK
    );
    // Refused: a private address, a kind that cannot be turned off.
    let private = json!({"url": url("10.1.2.3"), "format": "slack"});
    let r = app.put("/api/v1/me/webhook", &cy, private).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let direct = json!({"kind": "heads_up", "channel": "email", "enabled": false});
    let r = app.put("/api/v1/me/preferences", &cy, direct).await;
    assert!(r.status.is_client_error(), "{}", r.body);
    let r = app
        .call(Method::DELETE, "/api/v1/me/webhook", Some(&cy), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    // Nothing left to remove: nothing done, nothing logged.
    let r = app
        .call(Method::DELETE, "/api/v1/me/webhook", Some(&cy), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let path = format!("/api/v1/users/{}/audit", cy.id);
    let body = log(&app, &admin, &path).await;
    assert_eq!(
        changes(&body),
        vec![
            ev(&cy, "preferences", "change"),
            ev(&cy, "webhook_set", "change"),
            ev(&cy, "webhook_removed", "change"),
        ]
    );
    for e in body["events"].as_array().unwrap() {
        assert_eq!(e["resource_kind"], "account");
        assert_eq!(e["resource_id"], cy.id.as_str());
    }
    // Reading it is itself recorded, for the next reader.
    let again = log(&app, &admin, &path).await;
    assert_eq!(
        changes(&again).last().unwrap(),
        &ev(&admin, "audit", "read")
    );

    // Only admins read it; a missing person is a 404.
    assert_eq!(app.get(&path, &cy).await.status, StatusCode::FORBIDDEN);
    let r = app.get("/api/v1/users/nosuchid/audit", &admin).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&format!("{path}?limit=0"), &admin).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_teams_channel_changes_are_audited_by_who_made_them() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Payments").await;
    let cy = app.join(&admin, "Cy", "member", None, Some(&team)).await;
    let di = app.join(&admin, "Di", "member", None, None).await;
    let path = format!("/api/v1/teams/{team}/webhook");

    let hook = json!({"url": url("93.184.215.14"), "format": "slack", "label": "#payments"});
    assert_eq!(
        app.put(&path, &cy, hook.clone()).await.status,
        StatusCode::OK
    );
    // Someone outside the team is refused, and leaves no trace.
    assert_eq!(
        app.put(&path, &di, hook).await.status,
        StatusCode::NOT_FOUND
    );
    let other = json!({"url": url("93.184.215.15"), "format": "mattermost"});
    assert_eq!(app.put(&path, &admin, other).await.status, StatusCode::OK);
    let r = app.call(Method::DELETE, &path, Some(&cy), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    let audit = format!("/api/v1/teams/{team}/audit");
    let body = log(&app, &admin, &audit).await;
    assert_eq!(
        changes(&body),
        vec![
            ev(&cy, "webhook_set", "change"),
            ev(&admin, "webhook_set", "change"),
            ev(&cy, "webhook_removed", "change"),
        ]
    );
    for e in body["events"].as_array().unwrap() {
        assert_eq!(e["resource_kind"], "team");
        assert_eq!(e["resource_id"], team.as_str());
    }
    // A team's channel is not in its members' own logs.
    let cys = log(&app, &admin, &format!("/api/v1/users/{}/audit", cy.id)).await;
    assert_eq!(changes(&cys), vec![]);
    assert_eq!(app.get(&audit, &cy).await.status, StatusCode::FORBIDDEN);
    let r = app.get("/api/v1/teams/nosuchteam/audit", &admin).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
