//! The Monday note through a real SMTP server: what it says (a preview),
//! sent at 08:00 on Monday on the person's own clock by the sweep, once a
//! week whatever runs it, never when nothing is waiting, and sent at once
//! for everyone by an admin.

use jiff::{Timestamp, tz::TimeZone};
use rebound_deliver::testing::smtp::SmtpReceiver;
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

/// The next Monday 08:00 in `zone` after `now`.
fn next_monday_eight(now: Timestamp, zone: &str) -> Timestamp {
    rebound_domain::digest::next_digest_at(&now.to_zoned(TimeZone::get(zone).unwrap())).timestamp()
}

async fn wait_for_mail_to(receiver: &SmtpReceiver, who: &str, subject_has: &str) -> usize {
    let what = format!("mail to {who} about {subject_has}");
    crate::harness::eventually(&what, || {
        let n = receiver
            .messages()
            .iter()
            .filter(|m| m.envelope_to() == [who])
            .filter(|m| {
                m.header("Subject")
                    .unwrap_or_default()
                    .contains(subject_has)
            })
            .count();
        (n > 0).then_some(n)
    })
    .await
}

#[tokio::test]
async fn the_monday_note_goes_at_eight_on_monday_once_and_only_with_something_in_it() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let id = app
        .mistake(&ana, "Shipped the wrong price list", "private")
        .await;

    // What it says: Ana's open mistake, linked; Bo has nothing, so none.
    let r = app.get("/api/v1/me/digest", &ana).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["would_send"], true);
    let lines: Vec<_> = r.body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["lines"].as_array().unwrap().clone())
        .collect();
    assert!(
        lines.iter().any(|l| l["text"]
            .as_str()
            .unwrap()
            .contains("Shipped the wrong price list")
            && l["link"] == format!("https://rebound.example/m/{id}")),
        "{lines:?}"
    );
    let r = app.get("/api/v1/me/digest", &bo).await;
    assert_eq!(r.body["would_send"], false, "{}", r.body);

    // Monday, 08:00 on Ana's clock (UTC by default): the sweep sends it.
    let monday = next_monday_eight(app.clock.now(), "UTC");
    app.step_past(monday);
    wait_for_mail_to(&receiver, "ana@example.com", "").await;
    let mail = receiver.messages();
    let note = mail
        .iter()
        .find(|m| m.envelope_to() == ["ana@example.com"])
        .unwrap();
    let text = note.text().unwrap();
    assert!(text.contains("Shipped the wrong price list"), "{text}");
    assert!(
        text.contains(&format!("https://rebound.example/m/{id}")),
        "{text}"
    );
    assert!(
        note.header("List-Unsubscribe")
            .unwrap()
            .contains("https://rebound.example/u/")
    );
    assert!(
        !mail.iter().any(|m| m.envelope_to() == ["bo@example.com"]),
        "nothing waiting for Bo"
    );

    // An admin's run the same week sends nobody a second one.
    let r = app.post("/api/v1/digests/run", &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["queued"], 0, "{}", r.body);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.body["next"], serde_json::Value::Null);
}

#[tokio::test]
async fn an_admin_sends_every_digest_now_in_pages() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let mut people = Vec::new();
    for name in ["Ana", "Bo", "Cy"] {
        let p = app.join(&admin, name, "member", None, None).await;
        app.mistake(&p, &format!("{name}'s slip"), "private").await;
        people.push(p);
    }
    let r = app.post("/api/v1/digests/run", &people[0], json!({})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "admins only");
    let r = app
        .post("/api/v1/digests/run", &admin, json!({"limit": 0}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let (mut after, mut queued, mut pages) = (serde_json::Value::Null, 0, 0);
    loop {
        let r = app
            .post(
                "/api/v1/digests/run",
                &admin,
                json!({"after": after, "limit": 2}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        queued += r.body["queued"].as_u64().unwrap();
        pages += 1;
        after = r.body["next"].clone();
        if after.is_null() {
            break;
        }
    }
    assert_eq!(pages, 2, "four people, two a page");
    assert_eq!(queued, 3, "everyone with something waiting; not the admin");
    let mail = receiver.wait_for(3, PATIENCE).await;
    for who in ["ana@example.com", "bo@example.com", "cy@example.com"] {
        assert_eq!(
            mail.iter().filter(|m| m.envelope_to() == [who]).count(),
            1,
            "{who}"
        );
    }
}

/// The titles `who`'s digest names now, and whether it would be sent.
async fn digest_lines(
    app: &crate::harness::TestApp,
    who: &crate::harness::Person,
) -> (Vec<String>, bool) {
    let r = app.get("/api/v1/me/digest", who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let lines = r.body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["lines"].as_array().unwrap().clone())
        .map(|l| l["text"].as_str().unwrap().to_owned())
        .collect();
    (lines, r.body["would_send"] == true)
}

#[tokio::test]
async fn a_shared_note_is_named_only_while_the_policy_lets_the_stakeholder_read_it_unacknowledged()
{
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let id = app
        .mistake(&ana, "Dropped the weekly export", "stakeholders")
        .await;
    let named = app
        .put(
            &format!("/api/v1/mistakes/{id}/stakeholders/{}", bo.id),
            &ana,
            json!({}),
        )
        .await;
    assert!(named.status.is_success(), "{}", named.body);
    let (lines, send) = digest_lines(&app, &bo).await;
    assert!(send, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Dropped the weekly export")),
        "{lines:?}"
    );

    // Private now: a stakeholder may not read the note, so it is not named.
    let path = format!("/api/v1/mistakes/{id}");
    let r = app
        .patch(&path, &ana, json!({"visibility": "private"}))
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let (lines, send) = digest_lines(&app, &bo).await;
    assert!(
        !send && !lines.iter().any(|l| l.contains("weekly export")),
        "{lines:?}"
    );

    // Shared again, then acknowledged: nothing is waiting any more.
    let r = app
        .patch(&path, &ana, json!({"visibility": "stakeholders"}))
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    assert!(digest_lines(&app, &bo).await.1);
    let ack = app
        .post(&format!("{path}/acknowledgements"), &bo, json!({}))
        .await;
    assert_eq!(ack.status, StatusCode::CREATED, "{}", ack.body);
    let (lines, send) = digest_lines(&app, &bo).await;
    assert!(
        !send && !lines.iter().any(|l| l.contains("weekly export")),
        "{lines:?}"
    );
}
