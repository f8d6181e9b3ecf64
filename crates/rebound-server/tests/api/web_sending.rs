//! The heads-up sent from the mistake page (issue 15): the owner's form
//! emails it through a real SMTP server on loopback (aiosmtpd) and marks it
//! sent; the owner then sees how each message went, and nobody else does.
//! Refusals re-show the page with the reason and what was typed.

use crate::harness::{Person, TestApp, spawn_app, spawn_app_with};
use crate::hostile_text::unsafe_in;
use crate::web_harness::Page;
use crate::web_jar::input_value;
use rebound_deliver::email::{MailFrom, SmtpSettings};
use rebound_deliver::testing::smtp::SmtpReceiver;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Long enough for a loaded CI machine; a wait, never a measurement.
const PATIENCE: Duration = Duration::from_secs(60);

const SEND_FORM: &str = "heads-up/send\"";

async fn app_mailing_to(receiver: &SmtpReceiver) -> TestApp {
    let smtp = SmtpSettings::parse(&receiver.url()).unwrap();
    let from = MailFrom::parse("Rebound <rebound@rebound.example>").unwrap();
    spawn_app_with(|s| s.delivery.mail = Some((smtp, from))).await
}

/// The owner, their manager, a stakeholder, and the owner's mistake
/// (visible to the team, so all three can read it).
struct World {
    owner: Person,
    manager: Person,
    stakeholder: Person,
    id: String,
}

async fn world(app: &TestApp) -> World {
    let admin = app.setup_admin().await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), None)
        .await;
    let stakeholder = app.join(&admin, "Bea", "member", None, None).await;
    let id = app
        .mistake(&owner, "Sent the invoice run twice", "team")
        .await;
    let named = format!("/api/v1/mistakes/{id}/stakeholders/{}", stakeholder.id);
    let r = app.put(&named, &owner, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    World {
        owner,
        manager,
        stakeholder,
        id,
    }
}

/// Posts the send form as `who` with `to` typed and the version shown now.
async fn send(app: &TestApp, who: &Person, id: &str, to: &str) -> Page {
    let page = app.page(&format!("/m/{id}"), Some(who)).await;
    let version = input_value(&page.html, "heads-up-send-version").expect("the send form");
    send_as_of(app, who, id, to, &version).await
}

async fn send_as_of(app: &TestApp, who: &Person, id: &str, to: &str, version: &str) -> Page {
    app.submit(
        &format!("/m/{id}"),
        &format!("/m/{id}/heads-up/send"),
        who,
        &[("to", to), ("version", version)],
    )
    .await
}

async fn record(app: &TestApp, who: &Person, id: &str) -> Value {
    let r = app.get(&format!("/api/v1/mistakes/{id}"), who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

async fn messages(app: &TestApp, who: &Person, id: &str) -> Vec<Value> {
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/messages"), who)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body.as_array().unwrap().clone()
}

/// Nothing marked sent and nothing queued.
async fn nothing_sent(app: &TestApp, who: &Person, id: &str) {
    let m = record(app, who, id).await;
    assert!(m["heads_up"]["sent_at"].is_null(), "marked sent: {m}");
    assert_eq!(messages(app, who, id).await, Vec::<Value>::new());
}

/// The owner's page once `done` holds for it (the worker runs on its own).
async fn page_once(app: &TestApp, who: &Person, id: &str, done: impl Fn(&str) -> bool) -> String {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let p = app.page(&format!("/m/{id}"), Some(who)).await;
        assert_eq!(p.status, StatusCode::OK);
        if done(&p.html) {
            return p.html;
        }
        assert!(tokio::time::Instant::now() < deadline, "still: {}", p.html);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn delivered_line(address: &str) -> String {
    format!("<span class=\"address\">{address}</span> — Delivered <time")
}

#[tokio::test]
async fn web_sending_the_owner_sends_it_and_sees_it_delivered_and_nobody_else_sees_either() {
    let receiver = SmtpReceiver::start();
    let app = app_mailing_to(&receiver).await;
    let w = world(&app).await;
    let page = format!("/m/{}", w.id);

    let mine = app.page(&page, Some(&w.owner)).await;
    assert!(mine.html.contains(SEND_FORM), "{}", mine.html);
    assert!(mine.html.contains("Send it from Rebound"));
    assert!(
        mine.html.contains("Send the heads-up from here"),
        "next step"
    );
    for other in [&w.manager, &w.stakeholder] {
        let theirs = app.page(&page, Some(other)).await;
        assert_eq!(theirs.status, StatusCode::OK);
        assert!(!theirs.html.contains(SEND_FORM), "{}", theirs.html);
        assert!(!theirs.html.contains("smtp_url"), "{}", theirs.html);
    }

    // Three addresses, on lines and after a comma, with stray space.
    let typed = " bo@example.com\r\ncy@example.com, dee@example.com \r\n";
    let r = send(&app, &w.owner, &w.id, typed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert_eq!(r.location(), format!("/m/{}#heads-up", w.id));
    let m = record(&app, &w.owner, &w.id).await;
    assert!(m["heads_up"]["sent_at"].is_string(), "{m}");
    assert_eq!(
        m["heads_up"]["sent_to"],
        "bo@example.com, cy@example.com, dee@example.com"
    );

    // (The stakeholder named above also got a note of their own: not a heads-up.)
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let heads_up = |m: &rebound_deliver::testing::smtp::Received| {
        m.header("Subject")
            .unwrap_or_default()
            .starts_with("Heads-up:")
    };
    let mail = loop {
        let mail: Vec<_> = receiver.messages().into_iter().filter(heads_up).collect();
        if mail.len() >= 3 || tokio::time::Instant::now() > deadline {
            break mail;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let mut to: Vec<_> = mail.iter().map(|m| m.envelope_to()).collect();
    to.sort();
    assert_eq!(
        to,
        [["bo@example.com"], ["cy@example.com"], ["dee@example.com"]]
    );

    let html = page_once(&app, &w.owner, &w.id, |h| {
        ["bo", "cy", "dee"]
            .iter()
            .all(|n| h.contains(&delivered_line(&format!("{n}@example.com"))))
    })
    .await;
    assert!(html.contains("Sent from Rebound"), "{html}");
    assert!(!html.contains(SEND_FORM), "sent: no second send offered");

    // A second send (from a page open before the first) is refused on the page.
    let version = m["version"].to_string();
    let again = send_as_of(&app, &w.owner, &w.id, "eve@example.com", &version).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.html
    );
    assert!(again.html.contains("already marked sent"), "{}", again.html);
    assert_eq!(messages(&app, &w.owner, &w.id).await.len(), 3);

    for other in [&w.manager, &w.stakeholder] {
        let theirs = app.page(&page, Some(other)).await;
        assert!(
            !theirs.html.contains("Sent from Rebound"),
            "{}",
            theirs.html
        );
        assert!(!theirs.html.contains("Delivered"), "{}", theirs.html);
    }
}

#[tokio::test]
async fn web_sending_a_bad_address_reshows_the_page_with_why_and_what_was_typed() {
    let receiver = SmtpReceiver::start();
    let app = app_mailing_to(&receiver).await;
    let w = world(&app).await;

    let typed = "bo@example.com\n<script>alert(1)</script>";
    let r = send(&app, &w.owner, &w.id, typed).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("is not an email address"), "{}", r.html);
    assert!(
        r.html
            .contains("bo@example.com\n&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
        "what was typed, kept and escaped: {}",
        r.html
    );
    assert_eq!(unsafe_in(&r.html), None, "{}", r.html);

    let r = send(&app, &w.owner, &w.id, " ,\n ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(
        r.html.contains("give at least one email address"),
        "{}",
        r.html
    );
    nothing_sent(&app, &w.owner, &w.id).await;
}

#[tokio::test]
async fn web_sending_from_a_stale_page_sends_nothing_and_says_so() {
    let receiver = SmtpReceiver::start();
    let app = app_mailing_to(&receiver).await;
    let w = world(&app).await;
    let page = app.page(&format!("/m/{}", w.id), Some(&w.owner)).await;
    let shown = input_value(&page.html, "heads-up-send-version").unwrap();
    // Someone changes the record meanwhile (an addition moves the version on).
    let r = app
        .post(
            &format!("/api/v1/mistakes/{}/timeline", w.id),
            &w.owner,
            json!({"text": "Meanwhile"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let r = send_as_of(&app, &w.owner, &w.id, "bo@example.com", &shown).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("Someone else changed this"), "{}", r.html);
    assert!(
        r.html.contains(">bo@example.com</textarea>"),
        "kept: {}",
        r.html
    );
    nothing_sent(&app, &w.owner, &w.id).await;

    // From the page as it is now, it goes.
    let r = send(&app, &w.owner, &w.id, "bo@example.com").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert_eq!(receiver.wait_for(1, PATIENCE).await.len(), 1);
}

#[tokio::test]
async fn web_sending_without_mail_settings_offers_no_form_and_one_quiet_line() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let p = app.page(&format!("/m/{}", w.id), Some(&w.owner)).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.html.contains(SEND_FORM), "{}", p.html);
    assert!(
        p.html.contains("its operator can set it up (smtp_url)"),
        "{}",
        p.html
    );
    assert!(p.html.contains("I have sent it"), "marking it sent stays");
    assert!(p.html.contains("Send the heads-up, then mark it sent."));
    let theirs = app.page(&format!("/m/{}", w.id), Some(&w.manager)).await;
    assert!(!theirs.html.contains("smtp_url"), "{}", theirs.html);

    // Posted anyway (an old page): refused on the page, naming the setting.
    let r = send_as_of(&app, &w.owner, &w.id, "bo@example.com", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("smtp_url"), "{}", r.html);
    assert!(
        record(&app, &w.owner, &w.id).await["heads_up"]["sent_at"].is_null(),
        "nothing marked sent"
    );
}

#[tokio::test]
async fn web_sending_needs_the_forms_token() {
    let receiver = SmtpReceiver::start();
    let app = app_mailing_to(&receiver).await;
    let w = world(&app).await;
    let action = format!("/m/{}/heads-up/send", w.id);
    let cookie = Some(w.owner.cookie.as_str());
    let r = app
        .post_form(&action, cookie, &[("to", "bo@example.com")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.html);
    let forged = [("csrf", "not-the-token"), ("to", "bo@example.com")];
    let r = app.post_form(&action, cookie, &forged).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.html);
    nothing_sent(&app, &w.owner, &w.id).await;

    // A stakeholder with a good token of their own is told nothing exists.
    let r = send_as_of(&app, &w.stakeholder, &w.id, "bo@example.com", "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.html);
    nothing_sent(&app, &w.owner, &w.id).await;
}

/// The line for `address` in the sent list, up to the end of its item.
fn sent_line(html: &str, address: &str) -> String {
    let start = format!("<span class=\"address\">{address}</span>");
    let at = html.find(&start).unwrap_or_else(|| panic!("{html}"));
    let rest = &html[at..];
    rest[..rest.find("</li>").unwrap()].to_string()
}

#[tokio::test]
async fn web_sending_the_owner_sees_a_retry_and_a_refusal_in_words() {
    let mut receiver = SmtpReceiver::start();
    let app = app_mailing_to(&receiver).await;
    let w = world(&app).await;
    receiver.stop();
    let typed = "bo@example.com, nobody@refused.invalid";
    let r = send(&app, &w.owner, &w.id, typed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);

    let html = page_once(&app, &w.owner, &w.id, |h| {
        // Both tried once, so one step of the clock reaches both retries.
        ["bo@example.com", "nobody@refused.invalid"]
            .iter()
            .all(|a| h.contains(&format!("{a}</span> — Waiting to try again")))
    })
    .await;
    let line = sent_line(&html, "bo@example.com");
    assert!(
        line.contains("Waiting to try again — could not reach the mail server"),
        "{line}"
    );

    // Back up: bo's goes on the retry (stepped to, not waited for), and the
    // receiver refuses the other address for good.
    receiver.start_again();
    app.clock.step(jiff::SignedDuration::from_mins(5));
    let html = page_once(&app, &w.owner, &w.id, |h| {
        h.contains(&delivered_line("bo@example.com")) && h.contains("Failed <time")
    })
    .await;
    let line = sent_line(&html, "nobody@refused.invalid");
    assert!(line.contains("Failed <time"), "{line}");
    assert!(line.contains("refused an address"), "{line}");
    assert_eq!(unsafe_in(&html), None);
}
