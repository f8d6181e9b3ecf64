//! Two servers on one database, each with its own delivery worker, one
//! clock: every reminder and every Monday note goes out once, whichever
//! worker claims it (on PostgreSQL when the suite runs there, as CI does).

use crate::harness::{TestApp, spawn_two_with};
use jiff::{SignedDuration, tz::TimeZone};
use rebound_deliver::testing::smtp::SmtpReceiver;
use std::time::Duration;

async fn until(receiver: &SmtpReceiver, n: usize) {
    let what = format!("{n} messages");
    crate::harness::eventually(&what, || (receiver.messages().len() >= n).then_some(())).await;
}

#[tokio::test]
async fn two_servers_send_each_reminder_and_each_digest_once() {
    let receiver = SmtpReceiver::start();
    let (a, b): (TestApp, TestApp) = spawn_two_with(|s| {
        crate::harness::mail_through(s, &receiver);
        // Short, so a lease held by a worker that lost the race frees quickly.
        s.delivery.lease = SignedDuration::from_secs(5);
    })
    .await;
    // Start on a Tuesday: six hours on must not reach a Monday 08:00, or
    // this week's note would go out before next week's (run on a Monday
    // morning, the test saw two).
    let start = a.clock.now().to_zoned(TimeZone::UTC);
    let days = (i64::from(start.weekday().to_monday_one_offset()) - 2).rem_euclid(7);
    let tuesday = start
        .date()
        .checked_add(jiff::Span::new().days(if days == 0 { 0 } else { 7 - days }))
        .unwrap()
        .to_zoned(TimeZone::UTC)
        .unwrap();
    a.step_past(tuesday.timestamp());
    let admin = a.setup_admin().await;
    let mut people = Vec::new();
    for (i, name) in ["Ana", "Bo", "Cy", "Di"].into_iter().enumerate() {
        let app = if i % 2 == 0 { &a } else { &b };
        let p = app.join(&admin, name, "member", None, None).await;
        app.mistake(&p, &format!("{name}'s slip"), "private").await;
        people.push(p);
    }

    // Every update is due within the default cadence: step past them all.
    a.clock.step(SignedDuration::from_hours(6));
    until(&receiver, 4).await;
    // Monday 08:00 UTC (everyone's clock here): one note each.
    let now = a.clock.now().to_zoned(TimeZone::UTC);
    let monday = rebound_domain::digest::next_digest_at(&now).timestamp();
    a.step_past(monday);
    until(&receiver, 8).await;
    // Both workers had every chance to send again; give them a moment more.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mail = receiver.messages();
    for p in &people {
        let to: Vec<_> = mail
            .iter()
            .filter(|m| m.envelope_to() == [p.email.as_str()])
            .collect();
        let subjects: Vec<_> = to
            .iter()
            .map(|m| m.header("Subject").unwrap_or_default())
            .collect();
        let reminders = subjects.iter().filter(|s| s.contains("slip")).count();
        assert_eq!(reminders, 1, "{}: {subjects:?}", p.email);
        assert_eq!(
            to.len(),
            2,
            "one reminder and one Monday note: {subjects:?}"
        );
        let ids: std::collections::BTreeSet<_> =
            to.iter().map(|m| m.header("Message-ID")).collect();
        assert_eq!(ids.len(), 2);
    }
}
