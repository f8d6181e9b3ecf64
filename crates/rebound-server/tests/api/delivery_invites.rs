//! Calendar invitations by email, through a real SMTP server: opening a
//! plan invites the manager and the report to the one-on-ones
//! (`method=REQUEST`, a stable UID); changing the schedule sends them again
//! under the same UID with a higher SEQUENCE; a change that moves no
//! meeting sends nothing; and nobody else is invited.

use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

/// The unfolded lines of a message's calendar part.
fn calendar(m: &Received) -> Vec<String> {
    let ics = m.calendar().expect("a calendar part");
    rebound_domain::ics::unfold(&ics.replace("\r\n", "\n").replace('\n', "\r\n"))
}

fn field(lines: &[String], name: &str) -> String {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_owned))
        .unwrap_or_default()
}

#[tokio::test]
async fn opening_and_rescheduling_a_plan_invites_the_two_of_them_and_updates_the_meeting() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let lee = app.join(&admin, "Lee", "manager", None, None).await;
    let ana = app.join(&admin, "Ana", "member", Some(&lee), None).await;
    let schedule =
        json!({"first_at": "2030-01-07T09:30:00Z", "every_weeks": 1, "minutes": 30, "count": 6});
    let r = app
        .post(
            "/api/v1/plans",
            &lee,
            json!({"report": ana.id, "schedule": schedule}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["plan"]["id"].as_str().unwrap().to_owned();

    let mail = receiver.wait_for(2, PATIENCE).await;
    let mut to: Vec<_> = mail.iter().map(|m| m.envelope_to()[0].clone()).collect();
    to.sort();
    assert_eq!(to, ["ana@example.com", "lee@example.com"]);
    let first = calendar(&mail[0]);
    assert!(mail[0].header("Content-Type").is_some());
    assert_eq!(field(&first, "METHOD"), "REQUEST");
    assert!(
        mail[0].raw().contains("method=REQUEST"),
        "the MIME part says it too"
    );
    let uid = field(&first, "UID");
    assert_eq!(uid, format!("check-ins-{id}@rebound.example"));
    assert_eq!(field(&first, "DTSTART"), "20300107T093000Z");
    assert_eq!(field(&first, "RRULE"), "FREQ=WEEKLY;INTERVAL=1;COUNT=6");
    assert_eq!(
        field(&first, "SUMMARY"),
        "One-on-one",
        "nothing about the plan in a calendar"
    );
    assert_eq!(
        first.iter().filter(|l| l.starts_with("ATTENDEE")).count(),
        2
    );
    assert!(
        first
            .iter()
            .any(|l| l.starts_with("ORGANIZER") && l.ends_with("mailto:lee@example.com"))
    );
    let first_sequence: u32 = field(&first, "SEQUENCE").parse().unwrap();
    assert_eq!(
        mail[0].header("Reply-To").as_deref(),
        Some("lee@example.com")
    );

    // Topics move no meeting: no new invitation. Then the schedule moves.
    let r = app
        .post(
            &format!("/api/v1/plans/{id}/topics"),
            &lee,
            json!({"topics": ["The demo"]}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let moved =
        json!({"first_at": "2030-01-08T10:00:00Z", "every_weeks": 2, "minutes": 45, "count": 4});
    let r = app
        .put(&format!("/api/v1/plans/{id}/schedule"), &lee, moved)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mail = receiver.wait_for(4, PATIENCE).await;
    assert_eq!(
        mail.len(),
        4,
        "two for opening, two for the move; none for the topics"
    );
    let later: Vec<_> = mail
        .iter()
        .map(calendar)
        .filter(|c| field(c, "DTSTART") == "20300108T100000Z")
        .collect();
    assert_eq!(later.len(), 2);
    for c in &later {
        assert_eq!(field(c, "UID"), uid, "the same meeting, updated");
        assert!(field(c, "SEQUENCE").parse::<u32>().unwrap() > first_sequence);
        assert_eq!(field(c, "RRULE"), "FREQ=WEEKLY;INTERVAL=2;COUNT=4");
    }
}
