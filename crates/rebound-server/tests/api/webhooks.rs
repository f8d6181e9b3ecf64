//! Chat webhooks through the API: a person's own and a team's, checked by
//! the webhook guard when set, never shown whole, and a team's only to its
//! members and admins (anyone else: 404).

use crate::harness::{Person, TestApp, spawn_app, spawn_app_with};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const SECRET: &str = "T0001/B0002/sEcReTpAtH";

fn public_url() -> String {
    // An IP literal is judged without DNS, so the test needs no network.
    format!("https://93.184.215.14/services/{SECRET}?x=1")
}

/// Asserts the secret part appears nowhere in what came back.
fn no_secret(body: &Value) {
    let text = body.to_string();
    assert!(!text.contains("sEcReT"), "the URL came back whole: {text}");
}

async fn delete(app: &TestApp, path: &str, who: &Person) -> crate::harness::Reply {
    app.call(Method::DELETE, path, Some(who), None).await
}

#[tokio::test]
async fn my_webhook_is_set_shown_redacted_replaced_and_removed() {
    let app = spawn_app().await;
    let ana = app.setup_admin().await;
    let r = app.get("/api/v1/me/webhook", &ana).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, json!({"webhook": null}));

    let body = json!({"url": public_url(), "format": "slack", "label": "me, in Slack"});
    let r = app.put("/api/v1/me/webhook", &ana, body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    no_secret(&r.body);
    assert_eq!(r.body["url"], "https://93.184.215.14/…");
    assert_eq!(r.body["format"], "slack");
    assert_eq!(r.body["label"], "me, in Slack");
    assert_eq!(r.body["team"], Value::Null);
    let shown = app.get("/api/v1/me/webhook", &ana).await;
    no_secret(&shown.body);
    assert_eq!(shown.body["webhook"], r.body);

    // Registering turns nothing on: chat stays off until chosen.
    let prefs = app.get("/api/v1/me/preferences", &ana).await.body;
    let chat_on = prefs
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["channel"] == "chat" && c["enabled"] == true)
        .count();
    assert_eq!(chat_on, 0, "{prefs}");

    let other = json!({"url": format!("https://93.184.215.15:8443/hooks/{SECRET}"), "format": "mattermost"});
    let r = app.put("/api/v1/me/webhook", &ana, other).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    no_secret(&r.body);
    assert_eq!(r.body["url"], "https://93.184.215.15:8443/…");
    assert_eq!(r.body["format"], "mattermost");
    assert_eq!(r.body["label"], "");

    // Someone else sees only their own (none).
    let bo = app.join(&ana, "Bo", "member", None, None).await;
    let theirs = app.get("/api/v1/me/webhook", &bo).await;
    assert_eq!(theirs.body, json!({"webhook": null}));
    assert_eq!(
        delete(&app, "/api/v1/me/webhook", &bo).await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        delete(&app, "/api/v1/me/webhook", &ana).await.status,
        StatusCode::NO_CONTENT
    );
    let r = delete(&app, "/api/v1/me/webhook", &ana).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.body["error"]["message"],
        "there is no chat webhook to remove"
    );
    let gone = app.get("/api/v1/me/webhook", &ana).await;
    assert_eq!(gone.body, json!({"webhook": null}));
}

#[tokio::test]
async fn bad_input_is_one_sentence_naming_the_field_and_never_the_path() {
    let app = spawn_app().await;
    let ana = app.setup_admin().await;
    let cases = [
        (
            json!({"url": format!("http://93.184.215.14/{SECRET}"), "format": "slack"}),
            "url: the webhook URL must start with https:// (http:// is only for addresses listed in webhook_allow_private)",
        ),
        (
            json!({"url": format!("https://127.0.0.1/{SECRET}"), "format": "slack"}),
            "url: the webhook URL points at a private address (127.0.0.1); only public addresses, or those listed in webhook_allow_private, can receive webhooks",
        ),
        (
            json!({"url": format!("https://169.254.169.254/{SECRET}"), "format": "slack"}),
            "url: the webhook URL points at a private address (169.254.169.254); only public addresses, or those listed in webhook_allow_private, can receive webhooks",
        ),
        (
            json!({"url": "https://user:sEcReT@93.184.215.14/hook", "format": "slack"}),
            "url: the webhook URL must not contain a user name or password",
        ),
        (
            json!({"url": public_url(), "format": "teams"}),
            "format: choose slack or mattermost",
        ),
    ];
    for (body, want) in cases {
        let r = app.put("/api/v1/me/webhook", &ana, body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.body["error"]["message"], want);
        no_secret(&r.body);
    }
    let r = app
        .put(
            "/api/v1/me/webhook",
            &ana,
            json!({"url": public_url(), "format": "slack", "label": "a\u{7}bell"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("label"), "{message}");
    // The documented limits (maxLength) are the enforced ones.
    let doc = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .body;
    let props = &doc["components"]["schemas"]["WebhookBody"]["properties"];
    assert_eq!(props["url"]["maxLength"], 2048);
    assert_eq!(props["label"]["maxLength"], 80);
    let long_url = format!("https://93.184.215.14/{}", "a".repeat(2048));
    let r = app
        .put(
            "/api/v1/me/webhook",
            &ana,
            json!({"url": long_url, "format": "slack"}),
        )
        .await;
    assert_eq!(r.body["error"]["message"], "url: at most 2048 characters");
    let label = "é".repeat(80);
    let ok = json!({"url": public_url(), "format": "slack", "label": label});
    assert_eq!(
        app.put("/api/v1/me/webhook", &ana, ok).await.status,
        StatusCode::OK
    );
    let long = json!({"url": public_url(), "format": "slack", "label": format!("{label}x")});
    let r = app.put("/api/v1/me/webhook", &ana, long).await;
    assert_eq!(r.body["error"]["message"], "label: at most 80 characters");
    assert_eq!(
        delete(&app, "/api/v1/me/webhook", &ana).await.status,
        StatusCode::NO_CONTENT
    );
    // Nothing was stored by any of the refused ones.
    let r = app.get("/api/v1/me/webhook", &ana).await;
    assert_eq!(r.body, json!({"webhook": null}));
}

#[tokio::test]
async fn a_loopback_url_needs_the_operator_to_allow_it() {
    let url = format!("https://127.0.0.1:9/hooks/{SECRET}");
    let closed = spawn_app().await;
    let ana = closed.setup_admin().await;
    let body = json!({"url": url, "format": "mattermost"});
    let r = closed.put("/api/v1/me/webhook", &ana, body.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    let open = spawn_app_with(|s| {
        s.delivery.webhook_allow =
            rebound_deliver::webhook::AllowList::parse(["127.0.0.1/32"]).unwrap();
    })
    .await;
    let ana = open.setup_admin().await;
    let r = open.put("/api/v1/me/webhook", &ana, body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["url"], "https://127.0.0.1:9/…");
    no_secret(&r.body);
    // Plain http to a listed address is allowed too.
    let http = json!({"url": format!("http://127.0.0.1:9/hooks/{SECRET}"), "format": "slack"});
    let r = open.put("/api/v1/me/webhook", &ana, http).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // But not to another private address.
    let lan = json!({"url": format!("https://10.0.0.5/hooks/{SECRET}"), "format": "slack"});
    let r = open.put("/api/v1/me/webhook", &ana, lan).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test]
async fn a_teams_webhook_is_for_its_members_and_admins_only() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Payments").await;
    let other_team = app.new_team(&admin, "Search").await;
    let cy = app.join(&admin, "Cy", "member", None, Some(&team)).await;
    let di = app
        .join(&admin, "Di", "member", None, Some(&other_team))
        .await;
    let path = format!("/api/v1/teams/{team}/webhook");

    let body = json!({"url": public_url(), "format": "slack", "label": "#payments"});
    let r = app.put(&path, &cy, body.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    no_secret(&r.body);
    assert_eq!(r.body["team"], team.as_str());
    assert_eq!(r.body["label"], "#payments");

    // Someone outside the team: as if it did not exist, for every verb.
    assert_eq!(app.get(&path, &di).await.status, StatusCode::NOT_FOUND);
    let r = app.put(&path, &di, body.clone()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(delete(&app, &path, &di).await.status, StatusCode::NOT_FOUND);
    // Di's attempt changed nothing; an admin (not a member) reads it.
    let seen = app.get(&path, &admin).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["webhook"]["label"], "#payments");
    no_secret(&seen.body);
    // The team's is not Cy's own.
    let own = app.get("/api/v1/me/webhook", &cy).await;
    assert_eq!(own.body, json!({"webhook": null}));
    // A team that does not exist, even for an admin.
    let r = app.get("/api/v1/teams/nosuchteam/webhook", &admin).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    assert_eq!(
        delete(&app, &path, &admin).await.status,
        StatusCode::NO_CONTENT
    );
    let r = app.get(&path, &cy).await;
    assert_eq!(r.body, json!({"webhook": null}));
}
