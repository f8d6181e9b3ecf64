//! Cross-origin writes by cookie, and HSTS (issue 14, findings 8 and 9).

use crate::harness::{spawn_app, spawn_app_with};
use reqwest::StatusCode;

/// A browser on another site posting with the admin's cookie is refused,
/// and nothing changes; a Bearer request from anywhere, a cookie request
/// from our own origin and one naming no origin (curl) go through.
#[tokio::test]
async fn cookie_writes_from_another_origin_are_refused() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let disable = |headers: &[(&str, &str)]| {
        let mut req = app
            .http
            .post(format!("{}/api/v1/users/{}/disable", app.base, bo.id))
            .json(&serde_json::json!({}));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<serde_json::Value>().await.ok())
        }
    };
    let disabled = || async {
        let users = app.get("/api/v1/users", &admin).await;
        users.body["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == bo.id.as_str())
            .map(|u| !u["disabled_at"].is_null())
            .unwrap()
    };
    let cookie = admin.cookie.as_str();
    for foreign in [
        vec![("cookie", cookie), ("origin", "https://evil.example")],
        vec![("cookie", cookie), ("origin", "null")],
        vec![("cookie", cookie), ("sec-fetch-site", "cross-site")],
        vec![("cookie", cookie), ("sec-fetch-site", "same-site")],
    ] {
        let (status, body) = disable(&foreign).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{foreign:?}");
        assert_eq!(body.unwrap()["error"]["code"], "foreign_origin");
        assert!(!disabled().await, "{foreign:?} changed nothing");
    }
    // Signing in from another site's page is refused too (login CSRF).
    let login = app
        .http
        .post(format!("{}/api/v1/session", app.base))
        .header("origin", "https://evil.example")
        .json(&serde_json::json!({"email": admin.email, "password": crate::harness::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::FORBIDDEN);

    let own = format!("http://{}", app.base.trim_start_matches("http://"));
    let (status, _) = disable(&[("cookie", cookie), ("origin", &own)]).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "our own origin");
    app.post(
        &format!("/api/v1/users/{}/enable", bo.id),
        &admin,
        serde_json::json!({}),
    )
    .await;
    let (status, _) = disable(&[("cookie", cookie)]).await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "no origin named: not a browser"
    );
    app.post(
        &format!("/api/v1/users/{}/enable", bo.id),
        &admin,
        serde_json::json!({}),
    )
    .await;
    let bearer = format!("Bearer {}", admin.token);
    let (status, _) = disable(&[
        ("authorization", &bearer),
        ("origin", "https://evil.example"),
    ])
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "Bearer is not checked");
    assert!(disabled().await);
}

#[tokio::test]
async fn hsts_is_sent_exactly_when_cookies_are_secure() {
    let secure = spawn_app_with(|s| s.secure_cookies = true).await;
    let res = secure
        .http
        .get(format!("{}/healthz", secure.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().unwrap()),
        Some("max-age=31536000; includeSubDomains")
    );
    let plain = spawn_app().await;
    let res = plain
        .http
        .get(format!("{}/healthz", plain.base))
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
}
