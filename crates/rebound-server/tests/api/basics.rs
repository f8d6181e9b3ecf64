//! Health, the OpenAPI document, and bad input answered in JSON with a 4xx.

use crate::harness::spawn_app;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn health_answers_without_signing_in() {
    let app = spawn_app().await;
    let r = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["status"], "ok");
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = r.body["paths"].as_object().unwrap();
    for p in [
        "/healthz",
        "/api/v1/setup",
        "/api/v1/session",
        "/api/v1/me",
        "/api/v1/me/tokens",
        "/api/v1/me/profile",
        "/api/v1/me/attention",
        "/api/v1/me/sessions/{id}",
        "/api/v1/invitations",
        "/api/v1/invitations/accept",
        "/api/v1/users/{id}/manager",
        "/api/v1/teams/{id}/members",
        "/api/v1/mistakes",
        "/api/v1/mistakes/{id}",
        "/api/v1/mistakes/{id}/heads-up",
        "/api/v1/mistakes/{id}/heads-up/sent",
        "/api/v1/mistakes/{id}/timeline",
        "/api/v1/mistakes/{id}/timeline/{entry}",
        "/api/v1/mistakes/{id}/note",
        "/api/v1/mistakes/{id}/commits/{role}",
        "/api/v1/mistakes/{id}/checks/{checkbox}",
        "/api/v1/mistakes/{id}/transitions",
        "/api/v1/mistakes/{id}/updates",
        "/api/v1/mistakes/{id}/schedule",
        "/api/v1/mistakes/{id}/export",
        "/api/v1/mistakes/{id}/audit",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    let schemas = r.body["components"]["schemas"].as_object().unwrap();
    // Every reference resolves, and every body-taking operation documents
    // the errors any JSON body can meet.
    let mut refs = Vec::new();
    collect_refs(&r.body, &mut refs);
    for reference in refs {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .expect("a schema reference");
        assert!(schemas.contains_key(name), "{reference} does not resolve");
    }
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            if op.get("requestBody").is_some() {
                for code in ["400", "413", "415", "422"] {
                    assert!(
                        op["responses"].get(code).is_some(),
                        "{method} {path} lacks {code}"
                    );
                }
            }
        }
    }
    for s in ["MistakeView", "ErrorBody", "FollowUpNote", "NewMistakeBody"] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
}

#[tokio::test]
async fn bad_input_gets_a_json_4xx_never_a_500() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let url = format!("{}/api/v1/mistakes", app.base);
    let send = |body: String, ct: &'static str| {
        app.http
            .post(&url)
            .bearer_auth(&me.token)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    let cases = [
        (
            send("{not json".into(), "application/json").await.unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            send(json!({"title": 42}).to_string(), "application/json")
                .await
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            send(
                json!({"title": "x", "colour": "red"}).to_string(),
                "application/json",
            )
            .await
            .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            send(json!({"title": "   "}).to_string(), "application/json")
                .await
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "refused",
        ),
        (
            send(
                json!({"title": "x", "severity": "apocalyptic"}).to_string(),
                "application/json",
            )
            .await
            .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            send(json!({"title": "x"}).to_string(), "text/plain")
                .await
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            send(
                json!({"title": "x".repeat(70 * 1024)}).to_string(),
                "application/json",
            )
            .await
            .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
    ];
    for (res, status, code) in cases {
        assert_eq!(res.status(), status);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], code, "{body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    let r = app
        .patch(
            "/api/v1/mistakes/zzzzzzzz/timeline/abc",
            &me,
            json!({"starred": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for path in [
        "/api/v1/mistakes/zzzzzzzz",
        "/api/v1/mistakes/not-an-id",
        "/api/v1/nowhere",
    ] {
        let r = app.get(path, &me).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.body["error"]["code"], "not_found");
    }
    let r = app.call(Method::GET, "/api/v1/mistakes", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .call(Method::DELETE, "/api/v1/mistakes", Some(&me), None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.body["error"]["code"], "method_not_allowed");
    // Nothing was stored by any of it.
    let r = app.get("/api/v1/mistakes", &me).await;
    assert_eq!(r.body["mistakes"].as_array().unwrap().len(), 0);
}

fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", serde_json::Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}
