//! Reminders that an update is due, through a real SMTP server: one per
//! due moment, only inside the owner's working hours (an update due at
//! 22:00 local waits for the morning), a reminder made moot by a later
//! change never sent, and the signed links in it snoozing or stopping the
//! reminders, each recorded on the mistake's timeline.

use crate::harness::{Person, TestApp};
use jiff::{SignedDuration, Timestamp, tz::TimeZone};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

/// A fixed-offset zone in which `at` is 22:xx.
fn zone_where_it_is_ten_at_night(at: Timestamp) -> String {
    let hour = i32::from(at.to_zoned(TimeZone::UTC).hour());
    let mut offset = (22 - hour).rem_euclid(24);
    if offset > 14 {
        offset -= 24;
    }
    // The Etc zones' signs are the other way round.
    match offset {
        0 => "UTC".into(),
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

async fn update_due(app: &TestApp, who: &Person, id: &str) -> Timestamp {
    let m = app.get(&format!("/api/v1/mistakes/{id}"), who).await.body;
    m["clocks"]["next_update"]["due"]
        .as_str()
        .expect("an update is due")
        .parse()
        .unwrap()
}

/// The reminders to Ana about `title` (a heads-up is not one).
fn reminders<'a>(mail: &'a [Received], title: &str) -> Vec<&'a Received> {
    mail.iter()
        .filter(|m| m.envelope_to() == ["ana@example.com"])
        .filter(|m| m.header("Subject").unwrap_or_default().contains(title))
        .collect()
}

/// The path of the link labelled `label` in a reminder's plain text.
fn link(m: &Received, label: &str) -> String {
    let text = m.text().unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("{label} in {text}"));
    let url = line.split_once(": ").unwrap().1.trim();
    url.strip_prefix("https://rebound.example")
        .unwrap()
        .to_owned()
}

async fn timeline(app: &TestApp, who: &Person, id: &str) -> Vec<String> {
    let m = app.get(&format!("/api/v1/mistakes/{id}"), who).await.body;
    m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_update_due_at_ten_at_night_is_reminded_the_next_morning_and_its_links_work() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let ana = app.join(&admin, "Ana", "member", None, None).await;
    let title = "Mislabelled the refund batch";
    let id = app.mistake(&ana, title, "private").await;
    let due = update_due(&app, &ana, &id).await;

    // Ana works 09:00–17:00 every day, somewhere the update falls due at 22:xx.
    let zone = zone_where_it_is_ten_at_night(due);
    let hours = json!({"start_minute": 540, "end_minute": 1020, "days": [true, true, true, true, true, true, true]});
    let profile = json!({"display_name": "Ana", "time_zone": zone, "working_hours": hours});
    let r = app.put("/api/v1/me/profile", &ana, profile).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Any save schedules the reminder by the owner's hours as they are now.
    let entry = json!({"text": "Paused the refund job"});
    let r = app
        .post(&format!("/api/v1/mistakes/{id}/timeline"), &ana, entry)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        update_due(&app, &ana, &id).await,
        due,
        "the entry is not an update"
    );

    // 22:01 local: overdue, but outside working hours. A heads-up sent now
    // shows the worker has run a round after the step (a round runs due jobs
    // before it sends); a reminder made then would follow it within
    // milliseconds, so a short grace after it finds none.
    app.step_past(due + SignedDuration::from_mins(1));
    // (Another person's, so that nothing about Ana's mistake changes.)
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let bos = app.mistake(&bo, "Bo's own", "private").await;
    let send = json!({"to": ["lead@example.com"]});
    let r = app
        .post(&format!("/api/v1/mistakes/{bos}/heads-up/send"), &bo, send)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !receiver
        .messages()
        .iter()
        .any(|m| m.envelope_to() == ["lead@example.com"])
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the heads-up never came"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // Ana's Monday note may go too when this runs on a Monday (her zone is
    // chosen by the hour, so her Monday 08:00 can have passed); it is not a
    // reminder.
    let mail = receiver.messages();
    let subjects: Vec<String> = mail
        .iter()
        .filter_map(|m| m.header("Subject"))
        .filter(|s| !s.starts_with("Your Monday note"))
        .collect();
    assert_eq!(
        subjects,
        ["Heads-up: Bo's own"],
        "only the heads-up, no reminder at night"
    );

    // The next morning at 09:00 local, it goes.
    let local = due.to_zoned(TimeZone::get(&zone).unwrap());
    let morning = local
        .date()
        .tomorrow()
        .unwrap()
        .at(9, 0, 0, 0)
        .to_zoned(local.time_zone().clone())
        .unwrap();
    app.step_past(morning.timestamp());
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let mail = loop {
        let mail = receiver.messages();
        if !reminders(&mail, title).is_empty() {
            break mail;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no reminder in the morning"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let found = reminders(&mail, title);
    assert_eq!(found.len(), 1, "one reminder for the one due moment");
    let reminder = found[0];
    let text = reminder.text().unwrap();
    assert!(
        text.contains(&format!("https://rebound.example/m/{id}")),
        "{text}"
    );
    assert!(
        reminder.header("List-Unsubscribe").is_some(),
        "not a direct send"
    );
    assert!(
        !text.contains("Paused the refund job"),
        "no more than it needs"
    );

    // "Remind me in an hour": recorded on the timeline, the update promised later.
    let snooze = link(reminder, "Remind me in an hour");
    let page = app.follow(reqwest::Method::GET, &snooze).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        !timeline(&app, &ana, &id)
            .await
            .iter()
            .any(|t| t.contains("snoozed")),
        "a GET only asks"
    );
    let done = app.follow(reqwest::Method::POST, &snooze).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        timeline(&app, &ana, &id)
            .await
            .contains(&"Update reminders snoozed for an hour".to_owned())
    );
    assert!(
        update_due(&app, &ana, &id).await > morning.timestamp(),
        "the next update is promised later"
    );

    // "Stop reminding me about this one": recorded, and no update is expected any more.
    let stop = link(reminder, "Stop reminding me about this one");
    let done = app.follow(reqwest::Method::POST, &stop).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        timeline(&app, &ana, &id)
            .await
            .contains(&"Update reminders turned off for this mistake".to_owned())
    );
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &ana).await.body;
    assert_eq!(m["clocks"]["next_update"], Value::Null, "{}", m["clocks"]);
}
