//! `GET /api/v1/me/waiting` (issue 17): what the home page's "Waiting on
//! you" and "Your reports' mistakes" show, as JSON, from the same
//! operation; in the same order; nothing the policy keeps from the asker.

use crate::recovery::world;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn kinds(body: &Value) -> Vec<(String, String)> {
    (body["needs"].as_array().unwrap().iter())
        .map(|n| {
            let what = n["plan"].as_str().or(n["mistake"].as_str()).unwrap();
            (n["kind"].as_str().unwrap().to_string(), what.to_string())
        })
        .collect()
}

#[tokio::test]
async fn what_waits_on_a_manager_is_json_too_most_urgent_first() {
    let w = world().await;
    let app = &w.app;
    let path = "/api/v1/me/waiting";
    let r = app.call(Method::GET, path, None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let r = app.get(path, &w.manager).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body,
        json!({"needs": [], "manages": true, "reports_mistakes": []})
    );

    let shared = app
        .mistake(&w.report, "Deployed the wrong branch", "manager")
        .await;
    let private = app
        .mistake(&w.report, "Private draft of a worry", "private")
        .await;
    let asked = app
        .mistake(&w.teammate, "Broke the staging login", "stakeholders")
        .await;
    crate::web_home::name(app, &w.teammate, &asked, &w.manager).await;
    let (plan, first) = crate::recovery::open_plan_checking_in_tomorrow(&w).await;

    let r = app.get(path, &w.manager).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        kinds(&r.body),
        vec![
            ("acknowledge".into(), asked.clone()),
            ("check_in_soon".into(), plan.clone()),
        ],
        "{}",
        r.body
    );
    assert_eq!(r.body["needs"][0]["title"], "Broke the staging login");
    assert_eq!(r.body["needs"][1]["report"], "Remi");
    assert_eq!(r.body["needs"][1]["at"], json!(first.to_string()));
    let listed = r.body["reports_mistakes"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{}", r.body);
    assert_eq!(listed[0]["mistake"], shared.as_str());
    assert_eq!(listed[0]["owner"], "Remi");
    assert_eq!(listed[0]["state"], "detected");
    assert!(
        !r.body.to_string().contains(&private),
        "the policy keeps a private mistake out"
    );

    // Missed: it comes first, with since when.
    app.step_past(first + jiff::SignedDuration::from_hours(24));
    let r = app.get(path, &w.manager).await;
    assert_eq!(
        kinds(&r.body),
        vec![
            ("check_in_overdue".into(), plan.clone()),
            ("acknowledge".into(), asked.clone()),
        ],
        "{}",
        r.body
    );
    assert_eq!(r.body["needs"][0]["since"], json!(first.to_string()));

    // Acknowledged, it no longer waits.
    let r = app
        .post(
            &format!("/api/v1/mistakes/{asked}/acknowledgements"),
            &w.manager,
            json!({}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = app.get(path, &w.manager).await;
    assert_eq!(kinds(&r.body), vec![("check_in_overdue".into(), plan)]);

    // Nobody else's: the report, the stranger see nothing of Mara's.
    for who in [&w.report, &w.stranger] {
        let r = app.get(path, who).await;
        assert_eq!(
            r.body,
            json!({"needs": [], "manages": false, "reports_mistakes": []}),
            "{}",
            who.id
        );
    }

    // Documented in the OpenAPI document the server serves.
    let doc = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .body;
    let op = &doc["paths"]["/api/v1/me/waiting"]["get"];
    assert!(op["responses"]["200"].is_object(), "{op}");
    let need = &doc["components"]["schemas"]["Need"];
    assert!(need.to_string().contains("check_in_overdue"), "{need}");
}
