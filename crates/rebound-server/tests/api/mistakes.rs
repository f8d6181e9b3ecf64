//! The contain flow through the API, as the CLI's remote mode and the web UI use it.

use crate::harness::spawn_app;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_first_thirty_minutes_over_the_api() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let r = app
        .post("/api/v1/mistakes", &me, json!({"title": "Sent the wrong dashboard version to finance", "affected": "the finance leads", "severity": "high"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_string();
    assert!(
        r.body["heads_up"]["text"]
            .as_str()
            .unwrap()
            .contains("wrong dashboard version")
    );
    assert_eq!(r.body["heads_up_missing"], json!(["doing"]));
    assert_eq!(r.body["visibility"], "private");
    let base = format!("/api/v1/mistakes/{id}");

    let r = app
        .put(
            &format!("{base}/heads-up"),
            &me,
            json!({"doing": "re-sending v41"}),
        )
        .await;
    assert!(
        r.body["heads_up"]["text"]
            .as_str()
            .unwrap()
            .contains("re-sending v41"),
        "{}",
        r.body
    );
    let r = app
        .post(&format!("{base}/heads-up/sent"), &me, json!({"to": "Dana"}))
        .await;
    assert_eq!(r.body["state"], "owned", "{}", r.body);

    let r = app
        .post(
            &format!("{base}/timeline"),
            &me,
            json!({"text": "v42 published", "at": "2026-01-05T09:00:00Z", "starred": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let entry = r.body["timeline"][0]["id"].as_i64().unwrap();
    let r = app
        .patch(
            &format!("{base}/timeline/{entry}"),
            &me,
            json!({"starred": false}),
        )
        .await;
    assert_eq!(r.body["timeline"][0]["starred"], false);
    let r = app
        .patch(
            &format!("{base}/timeline/999999"),
            &me,
            json!({"starred": true}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a child id not on this mistake"
    );

    let note = json!({
        "impact": {"who": "the finance leads", "how_many": "6", "since": "2026-01-05T09:00:00Z", "what_wrong": "refunds counted twice"},
        "containment": "Pulled v42",
        "fix": "Correct the refund join",
        "fix_due": "2030-01-01T16:00:00Z",
        "prevention": [{"kind": "preventive", "text": "Compare with the ledger before publishing"}],
        "owner": "me"
    });
    let r = app.put(&format!("{base}/note"), &me, note).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["note_missing"], json!([]));

    let r = app
        .put(
            &format!("{base}/commits/hotfix"),
            &me,
            json!({"sha": "3F2A91C", "message": "fix"}),
        )
        .await;
    assert_eq!(r.body["commits"][0]["sha"], "3f2a91c");
    assert!(
        !r.body["warnings"].as_array().unwrap().is_empty(),
        "a thin message is flagged"
    );

    let r = app
        .post(&format!("{base}/transitions"), &me, json!({"to": "closed"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("impact documented")
    );
    for cb in ["impact", "prevention"] {
        let r = app
            .call(Method::PUT, &format!("{base}/checks/{cb}"), Some(&me), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = app
        .post(
            &format!("{base}/updates"),
            &me,
            json!({"text": "v41 back; fix at 16:00"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .put(
            &format!("{base}/schedule"),
            &me,
            json!({"cadence": {"kind": "every", "minutes": 45}}),
        )
        .await;
    assert_eq!(
        r.body["clocks"]["next_update"]["every_secs"], 2700,
        "{}",
        r.body
    );
    let r = app
        .post(&format!("{base}/transitions"), &me, json!({"to": "closed"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["state"], "closed");
    let r = app
        .post(&format!("{base}/transitions"), &me, json!({"to": "owned"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let md = app
        .call(
            Method::GET,
            &format!("{base}/export?format=markdown"),
            Some(&me),
            None,
        )
        .await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert!(md.body.as_str().unwrap().contains("refunds counted twice"));
    let email = app
        .call(
            Method::GET,
            &format!("{base}/export?format=email"),
            Some(&me),
            None,
        )
        .await;
    assert!(email.body.as_str().unwrap().starts_with("Subject: "));
    let bad = app
        .call(
            Method::GET,
            &format!("{base}/export?format=pdf"),
            Some(&me),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let open = app.get("/api/v1/mistakes", &me).await;
    assert_eq!(open.body["mistakes"].as_array().unwrap().len(), 0);
    let all = app.get("/api/v1/mistakes?all=true", &me).await;
    assert_eq!(all.body["mistakes"].as_array().unwrap().len(), 1);
    let bad = app.get("/api/v1/mistakes?all=perhaps", &me).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn stale_writes_and_refusals_change_nothing() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app
        .mistake(&me, "Deleted the staging bucket", "private")
        .await;
    let before = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    for (path, body) in [
        ("transitions", json!({"to": "fixed"})),
        ("timeline", json!({"text": "  "})),
        (
            "timeline",
            json!({"text": "later", "at": "2999-01-01T00:00:00Z"}),
        ),
        ("heads-up/sent", json!({"at": "2000-01-01T00:00:00Z"})),
    ] {
        let r = app
            .post(&format!("/api/v1/mistakes/{id}/{path}"), &me, body)
            .await;
        assert!(r.status.is_client_error(), "{path}: {}", r.status);
    }
    let after = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(before["version"], after["version"]);
    assert_eq!(before["timeline"], after["timeline"]);
}

#[tokio::test]
async fn needs_attention_lists_what_is_late_and_respects_working_hours() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let other = app.join(&me, "Bo", "member", None, None).await;
    let detected = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(5)).to_string();
    let r = app
        .post(
            "/api/v1/mistakes",
            &me,
            json!({"title": "Took checkout down", "detected_at": detected}),
        )
        .await;
    let id = r.body["id"].as_str().unwrap().to_string();
    app.mistake(&other, "Someone else's", "team").await;

    let r = app.get("/api/v1/me/attention", &me).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let entries = r.body["mistakes"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "only my own: {}", r.body);
    assert_eq!(entries[0]["mistake"], id);
    let kinds: Vec<&str> = entries[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "heads_up_not_sent",
            "timeline_late",
            "note_late",
            "update_overdue"
        ]
    );
    assert_eq!(r.body["may_remind"], true, "no working hours set: any time");

    // Working hours that exclude this moment (every day, starting two hours
    // from now for one hour): shown if asked, but not to be pushed.
    let minute_now = {
        let t = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
        i32::from(t.hour()) * 60 + i32::from(t.minute())
    };
    let start = (minute_now + 120) % 1440;
    let end = (start + 60) % 1440;
    let hours = json!({"start_minute": start, "end_minute": end, "days": [true, true, true, true, true, true, true]});
    let r = app
        .put(
            "/api/v1/me/profile",
            &me,
            json!({"display_name": "Ada", "time_zone": "UTC", "working_hours": hours}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.get("/api/v1/me/attention", &me).await;
    assert_eq!(r.body["may_remind"], false);
    assert_eq!(r.body["mistakes"].as_array().unwrap().len(), 1);

    let r = app
        .put(
            "/api/v1/me/profile",
            &me,
            json!({"display_name": "Ada", "time_zone": "Mars/Olympus"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.put("/api/v1/me/profile", &me, json!({"display_name": "Ada", "time_zone": "UTC", "working_hours": {"start_minute": 9999, "end_minute": 1, "days": [true, true, true, true, true, true, true]}})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
