//! The heads-up sent from Rebound, through a real SMTP server on loopback
//! (aiosmtpd, in its own process): what arrives, what is refused, and what
//! happens when the mail server is down or refuses for good.

use crate::harness::{Person, TestApp, spawn_app};
use rebound_deliver::testing::smtp::SmtpReceiver;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Long enough for a loaded CI machine; a wait, never a measurement.
const PATIENCE: Duration = Duration::from_secs(60);

async fn owner_with_mistake(app: &TestApp) -> (Person, String) {
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let id = app
        .mistake(&ana, "Sent the invoice run twice", "stakeholders")
        .await;
    (ana, id)
}

/// The sender's messages about `id` once `done` holds for them.
async fn messages_once(
    app: &TestApp,
    who: &Person,
    id: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let r = app
            .get(&format!("/api/v1/mistakes/{id}/messages"), who)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let list = r.body.as_array().unwrap().clone();
        if done(&list) {
            return list;
        }
        assert!(tokio::time::Instant::now() < deadline, "still: {list:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_heads_up_sent_from_rebound_arrives_and_marks_it_sent() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let (ana, id) = owner_with_mistake(&app).await;
    let before = app.get(&format!("/api/v1/mistakes/{id}"), &ana).await;
    let text = before.body["heads_up"]["text"].as_str().unwrap().to_owned();

    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/heads-up/send"),
            &ana,
            json!({"to": ["bo@example.com", "BO@example.com", "cy@example.com"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body["heads_up"]["sent_at"].is_string(),
        "marked sent: {}",
        r.body
    );
    assert_eq!(
        r.body["heads_up"]["sent_to"],
        "bo@example.com, cy@example.com"
    );
    assert_eq!(r.body["state"], "owned", "time to own follows");

    let mail = receiver.wait_for(2, PATIENCE).await;
    assert_eq!(mail.len(), 2, "one each, the repeated address once");
    let to_bo = mail
        .iter()
        .find(|m| m.envelope_to() == ["bo@example.com"])
        .expect("bo's");
    assert_eq!(
        to_bo.header("Subject").as_deref(),
        Some("Heads-up: Sent the invoice run twice")
    );
    let from = to_bo.header("From").unwrap();
    assert!(
        from.contains("Ana (via Rebound)") && from.contains("<rebound@rebound.example>"),
        "{from}"
    );
    assert_eq!(to_bo.header("Reply-To").as_deref(), Some("ana@example.com"));
    let message_id = to_bo.header("Message-ID").unwrap();
    assert!(
        message_id.starts_with('<') && message_id.ends_with("@rebound.example>"),
        "{message_id}"
    );
    assert_eq!(
        to_bo.header("List-Unsubscribe"),
        None,
        "a person's own send has no unsubscribe"
    );
    let plain = to_bo.text().unwrap();
    assert!(
        plain.contains(text.trim()),
        "the two sentences, as sent: {plain}"
    );
    assert!(to_bo.html().unwrap().contains("Ana"), "both bodies");

    let list = messages_once(&app, &ana, &id, |l| {
        l.iter().all(|m| m["state"] == "delivered")
    })
    .await;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["kind"], "heads_up");
    assert_eq!(list[0]["error"], Value::Null);
}

#[tokio::test]
async fn a_send_refused_changes_nothing_and_says_why() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let (ana, id) = owner_with_mistake(&app).await;
    let send = |to: Value| {
        let path = format!("/api/v1/mistakes/{id}/heads-up/send");
        let app = &app;
        let ana = &ana;
        async move { app.post(&path, ana, json!({ "to": to })).await }
    };
    let r = send(json!([])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.body["error"]["message"],
        "to: give at least one email address or @team"
    );
    let r = send(json!(["bo@example.com", "not an address"])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("to: 'not an address' is not an email address"),
        "{}",
        r.body
    );
    let r = app.get(&format!("/api/v1/mistakes/{id}"), &ana).await;
    assert!(
        r.body["heads_up"]["sent_at"].is_null(),
        "nothing marked sent"
    );

    assert_eq!(send(json!(["bo@example.com"])).await.status, StatusCode::OK);
    let again = send(json!(["cy@example.com"])).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    receiver.wait_for(1, PATIENCE).await;
    let list = messages_once(&app, &ana, &id, |l| {
        l.iter().all(|m| m["state"] == "delivered")
    })
    .await;
    assert_eq!(list.len(), 1, "the refused sends queued nothing");
}

#[tokio::test]
async fn someone_else_cannot_send_or_see_the_messages() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let id = app.mistake(&ana, "Private one", "private").await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/heads-up/send"),
            &bo,
            json!({"to": ["x@example.com"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/v1/mistakes/{id}/messages"), &bo)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn without_mail_settings_sending_says_what_the_operator_must_set() {
    let app = spawn_app().await;
    let (ana, id) = owner_with_mistake(&app).await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/heads-up/send"),
            &ana,
            json!({"to": ["bo@example.com"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("smtp_url"),
        "{}",
        r.body
    );
    let r = app.get(&format!("/api/v1/mistakes/{id}"), &ana).await;
    assert!(r.body["heads_up"]["sent_at"].is_null());
}

#[tokio::test]
async fn mail_waits_while_the_server_is_down_and_goes_when_it_returns() {
    let mut receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let (ana, id) = owner_with_mistake(&app).await;
    receiver.stop();
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/heads-up/send"),
            &ana,
            json!({"to": ["bo@example.com"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = messages_once(&app, &ana, &id, |l| l[0]["attempts"] == 1).await;
    assert_eq!(list[0]["state"], "pending", "waiting to try again");
    assert!(
        list[0]["error"]
            .as_str()
            .unwrap()
            .contains("could not reach the mail server"),
        "{:?}",
        list[0]
    );

    receiver.start_again();
    // The retry is five minutes on: step the clock instead of waiting.
    app.clock.step(jiff::SignedDuration::from_mins(5));
    let list = messages_once(&app, &ana, &id, |l| l[0]["state"] == "delivered").await;
    assert_eq!(list[0]["attempts"], 2);
    receiver.wait_for(1, PATIENCE).await;
    // Stepping five minutes may cross a quarter-hour: on a Monday from
    // 08:00 the digest sweep then sends Ana her Monday note too.
    let heads_ups = crate::harness::eventually("the heads-up", || {
        let m: Vec<_> = receiver
            .messages()
            .into_iter()
            .filter(|m| {
                !m.header("Subject")
                    .unwrap_or_default()
                    .starts_with("Your Monday note")
            })
            .collect();
        (!m.is_empty()).then_some(m)
    })
    .await;
    assert_eq!(heads_ups.len(), 1, "sent once it could be");
}

#[tokio::test]
async fn a_permanent_refusal_shows_the_owner_why() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let (ana, id) = owner_with_mistake(&app).await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/heads-up/send"),
            &ana,
            json!({"to": ["nobody@refused.invalid"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = messages_once(&app, &ana, &id, |l| l[0]["state"] == "failed").await;
    assert_eq!(list[0]["attempts"], 1, "not retried");
    assert!(
        list[0]["error"]
            .as_str()
            .unwrap()
            .contains("refused an address"),
        "{:?}",
        list[0]
    );
    assert!(list[0]["done_at"].is_string());
}
