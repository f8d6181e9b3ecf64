//! What stakeholders hear by email, through a real SMTP server: being
//! named, updates and closing, each only while they may read it (the policy
//! asked again when the message is sent), each with a one-click
//! unsubscribe that works without signing in; and the preferences behind it.

use crate::harness::{Person, TestApp};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

struct World {
    app: TestApp,
    admin: Person,
    owner: Person,
    bo: Person,
    id: String,
}

async fn world(receiver: &SmtpReceiver) -> World {
    let app = crate::harness::spawn_mailing(receiver).await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Ana", "member", None, None).await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let id = app
        .mistake(&owner, "Dropped the nightly backup", "stakeholders")
        .await;
    World {
        app,
        admin,
        owner,
        bo,
        id,
    }
}

impl World {
    async fn ok(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let r = self
            .app
            .call(method, path, Some(&self.owner), Some(body))
            .await;
        assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
        r.body
    }

    async fn name(&self, who: &Person) {
        let path = format!("/api/v1/mistakes/{}/stakeholders/{}", self.id, who.id);
        self.ok(reqwest::Method::PUT, &path, json!({})).await;
    }

    async fn update(&self, text: &str) {
        let path = format!("/api/v1/mistakes/{}/updates", self.id);
        self.ok(reqwest::Method::POST, &path, json!({ "text": text }))
            .await;
    }
}

/// The mail to `who` among `all` whose subject starts with `subject`.
fn to<'a>(all: &'a [Received], who: &str, subject: &str) -> Vec<&'a Received> {
    all.iter()
        .filter(|m| {
            m.envelope_to() == [who] && m.header("Subject").unwrap_or_default().starts_with(subject)
        })
        .collect()
}

/// The path of the one-click link in `List-Unsubscribe`.
fn unsubscribe_path(m: &Received) -> String {
    let header = m.header("List-Unsubscribe").expect("List-Unsubscribe");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    url.strip_prefix("https://rebound.example")
        .expect("on public_url")
        .to_owned()
}

#[tokio::test]
async fn a_named_stakeholder_hears_by_email_with_a_one_click_unsubscribe() {
    let receiver = SmtpReceiver::start();
    let w = world(&receiver).await;
    w.name(&w.bo).await;
    let mail = receiver.wait_for(1, PATIENCE).await;
    let note = to(
        &mail,
        "bo@example.com",
        "You are a stakeholder: Dropped the nightly backup",
    );
    assert_eq!(
        note.len(),
        1,
        "{:?}",
        mail.iter().map(|m| m.header("Subject")).collect::<Vec<_>>()
    );
    let m = note[0];
    assert!(
        m.text().unwrap().contains("Ana named you a stakeholder"),
        "{}",
        m.text().unwrap()
    );
    assert!(
        m.text()
            .unwrap()
            .contains(&format!("https://rebound.example/m/{}", w.id))
    );
    assert!(
        m.html()
            .unwrap()
            .contains(&format!("href=\"https://rebound.example/m/{}\"", w.id))
    );
    assert_eq!(
        m.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        m.header("Message-ID")
            .unwrap()
            .ends_with("@rebound.example>")
    );

    // The in-app notification came with the same change.
    let r = w.app.get("/api/v1/me/notifications", &w.bo).await;
    assert_eq!(r.body["unread"], 1);

    // A link scanner's GET changes nothing; the mail provider's POST does.
    let path = unsubscribe_path(m);
    let page = w.app.follow(reqwest::Method::GET, &path).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("when you are named a stakeholder")
    );
    let choices = w.app.get("/api/v1/me/preferences", &w.bo).await.body;
    assert_eq!(enabled(&choices, "stakeholder_note", "email"), Some(true));
    let one_click = w
        .app
        .http
        .post(format!("{}{path}", w.app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), StatusCode::OK);
    let choices = w.app.get("/api/v1/me/preferences", &w.bo).await.body;
    assert_eq!(enabled(&choices, "stakeholder_note", "email"), Some(false));
    assert_eq!(
        enabled(&choices, "update", "email"),
        Some(true),
        "only that kind"
    );
    // Again: still fine, still off.
    let again = w.app.follow(reqwest::Method::POST, &path).await;
    assert_eq!(again.status(), StatusCode::OK);
    // Each one-click change is Bo's, in the audit log his admin reads.
    let log = w
        .app
        .get(&format!("/api/v1/users/{}/audit", w.bo.id), &w.admin)
        .await
        .body;
    let by_link: Vec<&Value> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["part"] == "preferences")
        .collect();
    assert_eq!(by_link.len(), 2, "{log}");
    assert!(by_link.iter().all(|e| e["actor"]["id"] == w.bo.id.as_str()));

    // A changed link finds nothing.
    let mut bad = path.clone();
    bad.pop();
    let r = w
        .app
        .follow(reqwest::Method::POST, &format!("{bad}x"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

fn enabled(choices: &Value, kind: &str, channel: &str) -> Option<bool> {
    choices
        .as_array()?
        .iter()
        .find(|c| c["kind"] == kind && c["channel"] == channel)
        .and_then(|c| c["enabled"].as_bool())
}

#[tokio::test]
async fn updates_go_to_who_wants_them_and_may_read_them_when_sent() {
    let receiver = SmtpReceiver::start();
    let w = world(&receiver).await;
    // Cy will turn update emails off; Di keeps access and emails throughout.
    let cy = w.app.join(&w.admin, "Cy", "member", None, None).await;
    let di = w.app.join(&w.admin, "Di", "member", None, None).await;
    w.name(&w.bo).await;
    w.name(&cy).await;
    w.name(&di).await;
    receiver.wait_for(3, PATIENCE).await;

    let off = json!({"kind": "update", "channel": "email", "enabled": false});
    let r = w.app.put("/api/v1/me/preferences", &cy, off).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    w.update("Restored from the weekly copy; checking the gap now.")
        .await;
    let mail = receiver.wait_for(5, PATIENCE).await;
    let update = to(
        &mail,
        "bo@example.com",
        "Update: Dropped the nightly backup",
    );
    assert_eq!(update.len(), 1);
    let text = update[0].text().unwrap();
    assert!(
        text.contains("Restored from the weekly copy"),
        "the update itself: {text}"
    );
    assert_eq!(to(&mail, "di@example.com", "Update:").len(), 1);
    assert!(
        to(&mail, "cy@example.com", "Update:").is_empty(),
        "Cy turned them off"
    );

    // Queued for Bo and Di while both may read it and tried while the mail
    // server says "later"; Bo is removed after that first try, before the
    // retry: the policy, asked again at the retry, sends him nothing.
    receiver.defer_all();
    w.update("Gap found: two hours of orders.").await;
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let tried = receiver.deferred();
        if ["bo@example.com", "di@example.com"]
            .iter()
            .all(|a| tried.iter().any(|t| t == a))
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the first try never came: {tried:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let bo_named = format!("/api/v1/mistakes/{}/stakeholders/{}", w.id, w.bo.id);
    w.ok(reqwest::Method::DELETE, &bo_named, json!({})).await;
    receiver.accept_again();
    // The retry is due in minutes: step the clock instead of waiting (again
    // while it is not there yet: a try recorded after a step is due later).
    let gap = |m: &&Received| m.text().unwrap_or_default().contains("Gap found");
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let mut stepped = tokio::time::Instant::now();
    w.app.clock.step(jiff::SignedDuration::from_mins(6));
    while !to(&receiver.messages(), "di@example.com", "Update:")
        .iter()
        .any(gap)
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "Di's second update never came"
        );
        if stepped.elapsed() > Duration::from_secs(1) {
            w.app.clock.step(jiff::SignedDuration::from_mins(6));
            stepped = tokio::time::Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Bo's retry was decided in the same batch: give a send the policy
    // wrongly let through time to land before looking.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mail = receiver.messages();
    let bo = to(&mail, "bo@example.com", "Update:");
    assert_eq!(bo.len(), 1, "nothing after his removal");
    assert!(!bo.iter().any(gap));
}

#[tokio::test]
async fn preferences_name_what_may_be_chosen() {
    let receiver = SmtpReceiver::start();
    let w = world(&receiver).await;
    let r = w.app.get("/api/v1/me/preferences", &w.bo).await;
    assert_eq!(r.status, StatusCode::OK);
    let all = r.body.as_array().unwrap();
    assert_eq!(all.len(), 12, "six kinds by two channels");
    assert!(all.iter().all(|c| c["default"] == true));
    assert_eq!(enabled(&r.body, "digest", "email"), Some(true));
    assert_eq!(
        enabled(&r.body, "reminder", "chat"),
        Some(false),
        "chat is opt-in"
    );
    let r = w
        .app
        .put(
            "/api/v1/me/preferences",
            &w.bo,
            json!({"kind": "heads_up", "channel": "email", "enabled": false}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nothing to turn off")
    );
    let r = w
        .app
        .put(
            "/api/v1/me/preferences",
            &w.bo,
            json!({"kind": "fax", "channel": "email", "enabled": false}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let said = r.body["error"]["message"].as_str().unwrap();
    assert!(
        said.starts_with("kind: 'fax' is not one of stakeholder_note"),
        "{said}"
    );
    let r = w
        .app
        .call(reqwest::Method::GET, "/api/v1/me/preferences", None, None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_reply_reaches_the_author_of_the_comment_it_answers() {
    let receiver = SmtpReceiver::start();
    let w = world(&receiver).await;
    w.name(&w.bo).await;
    receiver.wait_for(1, PATIENCE).await;
    let comments = format!("/api/v1/mistakes/{}/comments", w.id);
    let r = w
        .app
        .post(
            &comments,
            &w.bo,
            json!({"body": "Which nights are missing?"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let question = r.body["id"].as_str().unwrap().to_owned();
    // Bo answering himself tells nobody; Ana's answer tells Bo.
    let own = json!({"body": "Also: since when?", "parent": question});
    assert_eq!(
        w.app.post(&comments, &w.bo, own).await.status,
        StatusCode::CREATED
    );
    let answer = json!({"body": "Tuesday and Wednesday; restored now.", "parent": question});
    let r = w.app.post(&comments, &w.owner, answer).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let reply = loop {
        let mail = receiver.messages();
        if let Some(m) = to(&mail, "bo@example.com", "Reply: Dropped the nightly backup").first() {
            break (*m).clone();
        }
        assert!(tokio::time::Instant::now() < deadline, "no reply mail");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let text = reply.text().unwrap();
    assert!(text.contains("Ana replied to your comment"), "{text}");
    assert!(
        text.contains("Tuesday and Wednesday; restored now."),
        "{text}"
    );
    assert!(reply.header("List-Unsubscribe").is_some());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let replies = to(&receiver.messages(), "bo@example.com", "Reply:").len();
    assert_eq!(replies, 1, "not for his own follow-up");
}

#[tokio::test]
async fn the_stakeholder_note_asks_for_an_acknowledgement_one_click_away() {
    let receiver = SmtpReceiver::start();
    let w = world(&receiver).await;
    w.name(&w.bo).await;
    let mail = receiver.wait_for(1, PATIENCE).await;
    let text = mail[0].text().unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("I have read it (acknowledge): "))
        .expect(&text);
    let path = line
        .rsplit_once(' ')
        .unwrap()
        .1
        .strip_prefix("https://rebound.example")
        .unwrap();
    let acks = format!("/api/v1/mistakes/{}/acknowledgements", w.id);
    let count = |r: &crate::harness::Reply| r.body["acknowledged"].as_u64();
    assert_eq!(count(&w.app.get(&acks, &w.owner).await), Some(0));
    // A GET only asks; the POST acknowledges as Bo, without signing in.
    let page = w.app.follow(reqwest::Method::GET, path).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(count(&w.app.get(&acks, &w.owner).await), Some(0));
    let done = w.app.follow(reqwest::Method::POST, path).await;
    assert_eq!(done.status(), StatusCode::OK);
    let after = w.app.get(&acks, &w.owner).await;
    assert_eq!(count(&after), Some(1), "{}", after.body);
    assert!(after.body["stakeholders"][0]["acknowledged_at"].is_string());
    // Once removed as a stakeholder, the link acts for nobody.
    let named = format!("/api/v1/mistakes/{}/stakeholders/{}", w.id, w.bo.id);
    w.ok(reqwest::Method::DELETE, &named, json!({})).await;
    let gone = w.app.follow(reqwest::Method::POST, path).await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}
