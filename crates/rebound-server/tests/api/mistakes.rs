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
        "fix_due": "2099-01-01T16:00:00Z",
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
