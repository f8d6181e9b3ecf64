//! Chat through a real HTTP receiver on loopback: a stakeholder who
//! connected a webhook and chose updates by chat gets each one posted there
//! (Slack's format here), with the idempotency key; nobody's chat gets what
//! they did not choose; and loopback is reachable only because the
//! operator allowed it.

use crate::harness::spawn_app_with;
use rebound_deliver::testing::webhook::WebhookReceiver;
use rebound_deliver::webhook::AllowList;
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn an_update_is_posted_to_the_chat_of_a_stakeholder_who_chose_it() {
    let hooks = WebhookReceiver::start().await;
    let app = spawn_app_with(|s| {
        s.delivery.webhook_allow = AllowList::parse(["127.0.0.1/32"]).unwrap();
    })
    .await;
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let cy = app.join(&admin, "Cy", "member", None, None).await;
    let id = app
        .mistake(&ana, "Paused the wrong queue", "stakeholders")
        .await;
    for (who, path) in [(&bo, "/hooks/bo"), (&cy, "/hooks/cy")] {
        let hook = json!({"url": hooks.url(path), "format": "slack"});
        let r = app.put("/api/v1/me/webhook", who, hook).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let named = format!("/api/v1/mistakes/{id}/stakeholders/{}", who.id);
        assert!(app.put(&named, &ana, json!({})).await.status.is_success());
    }
    // Only Bo chose updates by chat (chat is opt-in).
    let on = json!({"kind": "update", "channel": "chat", "enabled": true});
    assert_eq!(
        app.put("/api/v1/me/preferences", &bo, on).await.status,
        StatusCode::OK
    );
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/updates"),
            &ana,
            json!({"text": "Queue resumed; 40 jobs replayed."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let got = hooks.wait_for(1, Duration::from_secs(60)).await;
    assert_eq!(got[0].path, "/hooks/bo");
    let text = got[0].body["text"].as_str().unwrap_or_default().to_owned();
    assert!(text.contains("Paused the wrong queue"), "{}", got[0].body);
    assert!(
        got[0].raw.contains("Queue resumed; 40 jobs replayed."),
        "{}",
        got[0].raw
    );
    assert!(
        got[0]
            .header("idempotency-key")
            .is_some_and(|k| k.ends_with(":chat"))
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        hooks.received().len(),
        1,
        "Cy did not choose chat; naming sends nothing by chat"
    );
}

#[tokio::test]
async fn a_heads_up_goes_to_a_team_channel_by_its_name() {
    let hooks = WebhookReceiver::start().await;
    let app = spawn_app_with(|s| {
        s.delivery.webhook_allow = AllowList::parse(["127.0.0.1/32"]).unwrap();
    })
    .await;
    let admin = app.setup_admin().await;
    let ops = app.new_team(&admin, "Ops").await;
    let quiet = app.new_team(&admin, "Quiet").await;
    let ana = app.join(&admin, "Ana", "member", None, Some(&ops)).await;
    let r = app
        .post(
            &format!("/api/v1/teams/{quiet}/members"),
            &admin,
            json!({"user": ana.id}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let hook = json!({"url": hooks.url("/hooks/ops"), "format": "mattermost"});
    let r = app
        .put(&format!("/api/v1/teams/{ops}/webhook"), &ana, hook)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = app
        .mistake(&ana, "Deleted the staging bucket", "team")
        .await;
    let send = |to: &str| {
        let (app, ana, id, to) = (&app, &ana, &id, to.to_owned());
        async move {
            app.post(
                &format!("/api/v1/mistakes/{id}/heads-up/send"),
                ana,
                json!({"to": [to]}),
            )
            .await
        }
    };
    // Refused, and nothing changed: a team she is not in; one with no channel.
    let r = send("@Finance").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.body["error"]["message"],
        "to: you are in no team called 'Finance'"
    );
    let r = send("@Quiet").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no chat channel connected")
    );

    let r = send("@ops").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["heads_up"]["sent_to"], "@ops");
    let got = hooks.wait_for(1, Duration::from_secs(60)).await;
    assert_eq!(got[0].path, "/hooks/ops");
    let text = got[0].body["text"].as_str().unwrap();
    assert!(text.contains("Deleted the staging bucket"), "{text}");
}
