//! Ending a recovery plan, through a real SMTP server: the manager ends it
//! and the manager and the report each get a `METHOD:CANCEL` under the
//! same UIDs as the invitations, with a higher SEQUENCE; anyone else gets
//! a 404 and nothing is sent; ending twice and changing an ended plan are
//! refused in words; the Monday note no longer lists its check-ins.

use jiff::{SignedDuration, Timestamp};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

fn calendar(m: &Received) -> Vec<String> {
    let ics = m.calendar().expect("a calendar part");
    rebound_domain::ics::unfold(&ics.replace("\r\n", "\n").replace('\n', "\r\n"))
}

/// Every value of `name` in the calendar's lines, sorted.
fn values(lines: &[String], name: &str) -> Vec<String> {
    let mut v: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_owned))
        .collect();
    v.sort();
    v
}

fn sequence(lines: &[String]) -> u32 {
    values(lines, "SEQUENCE")[0].parse().unwrap()
}

/// The headings of `who`'s Monday note as it would read now.
async fn digest_headings(app: &crate::harness::TestApp, who: &crate::harness::Person) -> String {
    let r = app.get("/api/v1/me/digest", who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["sections"].to_string()
}

fn at(from_now: i64) -> String {
    let t = Timestamp::now() + SignedDuration::from_hours(from_now);
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[tokio::test]
async fn ending_a_plan_cancels_the_one_on_ones_for_both_and_nothing_else() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let lee = app.join(&admin, "Lee", "manager", None, None).await;
    let ana = app.join(&admin, "Ana", "member", Some(&lee), None).await;
    let otto = app.join(&admin, "Otto", "manager", None, None).await;
    // The first one-on-one in two days; the debrief in three.
    let schedule = json!({"first_at": at(48), "every_weeks": 1, "minutes": 30, "count": 6});
    let r = app
        .post(
            "/api/v1/plans",
            &lee,
            json!({"report": ana.id, "schedule": schedule}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["plan"]["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/plans/{id}");
    let r = app
        .post(
            &format!("{base}/tasks"),
            &lee,
            json!({"move": "calm_debrief", "due": at(72)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let invited = receiver.wait_for(4, PATIENCE).await;
    assert_eq!(invited.len(), 4, "opening and the debrief: two each");
    let requests: Vec<_> = invited.iter().map(calendar).collect();
    let latest = requests.iter().max_by_key(|c| sequence(c)).unwrap();
    let uids = values(latest, "UID");
    assert_eq!(
        uids,
        [
            format!("check-ins-{id}@rebound.example"),
            format!("debrief-{id}@rebound.example")
        ]
    );
    let before = digest_headings(&app, &lee).await;
    assert!(before.contains("Check-ins this week"), "{before}");
    assert!(before.contains("With Ana"), "{before}");

    // Anyone but the current manager: as if there were no such plan.
    for who in [&ana, &otto, &admin] {
        let r = app.post(&format!("{base}/end"), who, json!({})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }

    let r = app
        .post(&format!("{base}/end"), &lee, json!({"reason": "recovered"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["plan"]["ended"]["reason"], "recovered");
    assert_eq!(r.body["plan"]["ended"]["by"], lee.id.as_str());
    assert!(r.body["next_check_in"].is_null());
    assert!(r.headers.get("etag").is_some());

    let mail = receiver.wait_for(6, PATIENCE).await;
    let cancels: Vec<&Received> = mail
        .iter()
        .filter(|m| values(&calendar(m), "METHOD") == ["CANCEL"])
        .collect();
    let mut to: Vec<_> = cancels.iter().map(|m| m.envelope_to()[0].clone()).collect();
    to.sort();
    assert_eq!(to, ["ana@example.com", "lee@example.com"]);
    for m in &cancels {
        let c = calendar(m);
        assert_eq!(values(&c, "UID"), uids, "the same meetings");
        assert!(
            sequence(&c) > sequence(latest),
            "newer than every invitation"
        );
        assert_eq!(values(&c, "STATUS"), ["CANCELLED", "CANCELLED"]);
        assert!(
            m.raw().contains("method=CANCEL"),
            "the MIME part says it too"
        );
        assert_eq!(
            m.header("Subject").as_deref(),
            Some("Cancelled: one-on-ones")
        );
        let text = m.text().unwrap();
        assert!(
            text.contains("are cancelled: the plan they belonged to has ended")
                && text.contains("The debrief on"),
            "{text}"
        );
    }

    // Ending twice, and changing an ended plan, are refused in words.
    let r = app.post(&format!("{base}/end"), &lee, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("this plan already ended on "),
        "{}",
        r.body
    );
    let check_in = json!({"signs": crate::recovery::signs(1)});
    let r = app.post(&format!("{base}/check-ins"), &lee, check_in).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("open a new plan to support them again"),
        "{}",
        r.body
    );
    let moved = json!({"first_at": at(96), "every_weeks": 2, "minutes": 30, "count": 4});
    let r = app.put(&format!("{base}/schedule"), &lee, moved).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &lee,
            json!({"move": "paired_work"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // Nothing is due any more; the files hold no meeting after the end.
    let after = digest_headings(&app, &lee).await;
    assert!(!after.contains("Check-ins this week"), "{after}");
    assert!(!after.contains("Next steps in recovery plans"), "{after}");
    let r = app.get(&format!("{base}/check-ins.ics"), &ana).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(r.body.to_string().contains("before its first one-on-one"));
    let listed = app.get("/api/v1/plans", &ana).await;
    assert!(listed.body["about_me"][0]["ended_at"].is_string());

    // The refused requests queued nothing.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.messages().len(), 6, "two cancellations, no more");
}

#[tokio::test]
async fn the_manager_ends_a_plan_from_its_page_after_confirming() {
    let w = crate::recovery::world().await;
    let app = &w.app;
    let id = crate::recovery::open_plan(&w).await;
    let at = format!("/plans/{id}");
    let end = format!("{at}/end");
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(page.html.contains(&format!("action=\"{end}\"")));
    assert!(page.html.contains("End this plan"));
    let report_page = app.page(&at, Some(&w.report)).await;
    assert!(!report_page.html.contains(&format!("action=\"{end}\"")));

    // Without the anti-forgery token nothing happens; the report gets a 404.
    let forged = app
        .post_form(&end, Some(&w.manager.cookie), &[("confirm", "yes")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let r = app
        .submit("/plans", &end, &w.report, &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A reason it does not know is said beside the form.
    let odd = app
        .submit(&at, &end, &w.manager, &[("reason", "fine")])
        .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(odd.html.contains("nknown reason"), "{}", odd.html);

    // The form asks first, and ends nothing yet.
    let ask = app
        .submit(&at, &end, &w.manager, &[("reason", "recovered")])
        .await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.html);
    assert!(ask.html.contains("End the plan with Remi?"), "{}", ask.html);
    assert!(ask.html.contains("cannot be undone"));
    assert!(ask.html.contains("name=\"confirm\" value=\"yes\""));
    let api = app.get(&format!("/api/v1/plans/{id}"), &w.manager).await;
    assert!(api.body["plan"]["ended"].is_null(), "{}", api.body);

    let csrf = ask.csrf();
    let fields = [
        ("csrf", csrf.as_str()),
        ("reason", "recovered"),
        ("confirm", "yes"),
    ];
    let done = app.post_form(&end, Some(&w.manager.cookie), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), format!("{at}#end"));

    // The page says so and keeps no form but the private notes.
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(page.html.contains("Ended on"), "{}", page.html);
    assert!(
        page.html
            .contains("Recovered: back to their usual confidence")
    );
    for gone in [
        "check-ins",
        "debrief",
        "development",
        "context",
        "adopt",
        "end",
    ] {
        let action = format!("action=\"{at}/{gone}\"");
        assert!(!page.html.contains(&action), "{gone}");
    }
    assert!(page.html.contains(&format!("action=\"{at}/notes\"")));
    let report_page = app.page(&at, Some(&w.report)).await;
    assert!(
        report_page
            .html
            .contains("with you back to your usual confidence"),
        "{}",
        report_page.html
    );
    let list = app.page("/plans", Some(&w.report)).await;
    assert!(list.html.contains("Ended"));

    // Confirming again is refused beside the notice, in words.
    let again = app.post_form(&end, Some(&w.manager.cookie), &fields).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again.html.contains("This plan already ended on"),
        "{}",
        again.html
    );
}
