//! Recovery plans as issue 17 asks: one open plan per report (a second is
//! refused with the open one's id; an ended plan does not count), "my
//! reports" (`GET /api/v1/me/reports`: my reports only, what a manager may
//! see of them), check-ins dated in the past, and a partial check-in
//! naming the missing signs in words.

use crate::recovery::{open_plan, signs, world};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_second_open_plan_for_one_report_is_refused_naming_the_open_one() {
    let w = world().await;
    let app = &w.app;
    let first = open_plan(&w).await;
    let again = app
        .post("/api/v1/plans", &w.manager, json!({"report": w.report.id}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.body["error"]["code"], "plan_open");
    let message = again.body["error"]["message"].as_str().unwrap();
    assert!(message.contains(&first), "{message}");
    assert!(
        message.starts_with("Remi already has a recovery plan open"),
        "{message}"
    );
    let listed = app.get("/api/v1/plans", &w.manager).await;
    assert_eq!(
        listed.body["managing"].as_array().unwrap().len(),
        1,
        "nothing stored"
    );

    // Ended plans do not count.
    let ended = app
        .post(&format!("/api/v1/plans/{first}/end"), &w.manager, json!({}))
        .await;
    assert!(ended.status.is_success(), "{}", ended.body);
    let second = open_plan(&w).await;
    assert_ne!(second, first);
}

#[tokio::test]
async fn my_reports_are_mine_only_with_their_open_plan() {
    let w = world().await;
    let app = &w.app;
    let none = app.get("/api/v1/me/reports", &w.manager).await;
    assert_eq!(none.status, StatusCode::OK, "{}", none.body);
    let line = &none.body["reports"][0];
    assert_eq!(line["id"], w.report.id.as_str());
    assert_eq!(line["name"], "Remi");
    assert_eq!(line["email"], w.report.email.as_str());
    assert_eq!(line["open_plan"], json!(null));
    assert_eq!(none.body["reports"].as_array().unwrap().len(), 1);

    let plan = open_plan(&w).await;
    let r = app.get("/api/v1/me/reports", &w.manager).await;
    let line = r.body["reports"][0].as_object().unwrap();
    let mut keys: Vec<&str> = line.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "email",
            "id",
            "last_check_in",
            "name",
            "next_check_in",
            "open_plan"
        ],
        "what a manager may see of a report, and nothing else"
    );
    assert_eq!(line["open_plan"], plan.as_str());
    assert!(line["next_check_in"].is_string(), "{r:?}", r = r.body);

    // Nobody else's people: not a member's, not another manager's, not an admin's.
    for who in [&w.report, &w.stranger, &w.admin, &w.next_manager] {
        let r = app.get("/api/v1/me/reports", who).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body, json!({"reports": []}), "{}", who.email);
    }
    let otto = app.get("/api/v1/me/reports", &w.other_manager).await;
    let names: Vec<&str> = otto.body["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Tess"]);
    assert!(!otto.body.to_string().contains(&plan));

    let doc = app
        .call(reqwest::Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert!(doc.body["paths"]["/api/v1/me/reports"]["get"].is_object());
}

#[tokio::test]
async fn a_check_in_is_dated_when_it_was_and_a_partial_one_names_signs_in_words() {
    let w = world().await;
    let app = &w.app;
    let id = open_plan(&w).await;
    let path = format!("/api/v1/plans/{id}/check-ins");

    let mut nine = signs(1);
    nine.as_array_mut().unwrap().pop();
    let r = app.post(&path, &w.manager, json!({"signs": nine})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("“Repeated rework despite guidance”"),
        "{message}"
    );
    assert!(!message.contains("repeated_rework"), "{message}");

    // Not before the plan opened, not in the future.
    let opened: jiff::Timestamp = app
        .get(&format!("/api/v1/plans/{id}"), &w.manager)
        .await
        .body["plan"]["opened_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let before = opened - jiff::SignedDuration::from_hours(1);
    let ahead = app.clock.now() + jiff::SignedDuration::from_hours(2);
    for (at, words) in [
        (before, "before the plan was opened"),
        (ahead, "a minute from now"),
    ] {
        let r = app
            .post(
                &path,
                &w.manager,
                json!({"signs": signs(1), "at": at.to_string()}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let message = r.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }

    // An hour ago, once an hour and a half has passed since it opened.
    app.clock.step(jiff::SignedDuration::from_mins(90));
    let when = app.clock.now() - jiff::SignedDuration::from_hours(1);
    let r = app
        .post(
            &path,
            &w.manager,
            json!({"signs": signs(1), "at": when.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let at: jiff::Timestamp = r.body["plan"]["check_ins"][0]["at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        at,
        jiff::Timestamp::from_millisecond(when.as_millisecond()).unwrap()
    );

    // One now, then one recorded late, dated between the two: it takes its
    // place by date, and the totals and the trend follow the dates.
    let r = app
        .post(&path, &w.manager, json!({"signs": signs(2)}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let between = app.clock.now() - jiff::SignedDuration::from_mins(30);
    let r = app
        .post(
            &path,
            &w.manager,
            json!({"signs": signs(3), "at": between.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let days: Vec<jiff::Timestamp> = (r.body["plan"]["check_ins"].as_array().unwrap().iter())
        .map(|c| c["at"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    assert_eq!(r.body["trend"]["totals"], json!([10, 30, 20]), "{}", r.body);
    assert_eq!(r.body["trend"]["trend"], "stalled", "{}", r.body);

    // A bad time is said in words.
    let r = app
        .post(
            &path,
            &w.manager,
            json!({"signs": signs(1), "at": "last tuesday-ish"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("`at`"), "{message}");
}

/// The pages: "open a plan" for someone with an open one shows why with a
/// link to it; the check-in form starts from the last levels and takes
/// when the one-on-one was.
#[tokio::test]
async fn the_pages_link_the_open_plan_and_start_a_check_in_from_the_last() {
    let w = world().await;
    let app = &w.app;
    let id = open_plan(&w).await;
    let refused = app
        .submit(
            "/plans",
            "/plans",
            &w.manager,
            &[("report", w.report.id.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.html);
    assert!(
        refused
            .html
            .contains("Remi already has a recovery plan open")
    );
    assert!(
        refused.html.contains(&format!(
            "<a href=\"/plans/{id}\">Go to the plan with Remi</a>"
        )),
        "{}",
        refused.html
    );

    let at = format!("/plans/{id}");
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(!page.html.contains("Filled in from the last check-in"));
    assert!(
        !page.html.contains("required checked>"),
        "nothing to start from yet"
    );
    let mut levels: Vec<(String, &str)> = signs(0)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (format!("sign_{}", s["sign"].as_str().unwrap()), "2"))
        .collect();
    levels[3].1 = "3";
    // An hour and a half after opening, dated an hour ago in Remi's
    // manager's zone (UTC in the tests).
    app.clock.step(jiff::SignedDuration::from_mins(90));
    let when = (app.clock.now() - jiff::SignedDuration::from_hours(1))
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M")
        .to_string();
    let mut fields: Vec<(&str, &str)> = levels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    fields.push(("at", &when));
    let saved = app
        .submit(&at, &format!("{at}/check-ins"), &w.manager, &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    let plan = app.get(&format!("/api/v1/plans/{id}"), &w.manager).await;
    let stored = plan.body["plan"]["check_ins"][0]["at"].as_str().unwrap();
    assert!(stored.starts_with(&when), "{stored} vs {when}");

    let page = app.page(&at, Some(&w.manager)).await;
    assert!(page.html.contains("Filled in from the last check-in"));
    assert_eq!(
        page.html.matches("value=\"2\" required checked>").count(),
        9
    );
    assert!(
        page.html
            .contains("name=\"sign_speaking_less\" value=\"3\" required checked>")
    );

    // A time in the future is refused beside the form, in words.
    let later = (app.clock.now() + jiff::SignedDuration::from_hours(3))
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M")
        .to_string();
    let mut fields: Vec<(&str, &str)> = levels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    fields.push(("at", &later));
    let refused = app
        .submit(&at, &format!("{at}/check-ins"), &w.manager, &fields)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("a minute from now"),
        "{}",
        refused.html
    );
}
