//! Setup, signing in and out, sessions, tokens, throttling, disabling.

use crate::harness::{PASSWORD, session_cookie, spawn_app, spawn_app_with};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn setup_runs_once_and_makes_an_admin() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["role"], "admin");
    let again = app
        .call(
            Method::POST,
            "/api/v1/setup",
            None,
            Some(json!({"email": "eve@example.com", "display_name": "Eve", "password": PASSWORD})),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let short = spawn_app().await;
    let r = short
        .call(
            Method::POST,
            "/api/v1/setup",
            None,
            Some(json!({"email": "a@example.com", "display_name": "A", "password": "short"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at least 10")
    );
}

#[tokio::test]
async fn signing_in_sets_a_strict_cookie_and_rotates_the_session() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let login = |cookie: Option<String>| {
        let mut req = app
            .http
            .post(format!("{}/api/v1/session", app.base))
            .json(&json!({"email": admin.email, "password": PASSWORD}));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let first = login(None).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let raw = first
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(raw.contains(attr), "{raw}");
    }
    let cookie = session_cookie(first.headers()).unwrap();
    assert!(
        cookie.len() > "rebound_session=".len() + 40,
        "≥ 128-bit token: {cookie}"
    );
    let me = |c: String| {
        app.http
            .get(format!("{}/api/v1/me", app.base))
            .header("cookie", c)
            .send()
    };
    assert_eq!(me(cookie.clone()).await.unwrap().status(), StatusCode::OK);

    // Signing in again from that browser ends the old session.
    let second = login(Some(cookie.clone())).await.unwrap();
    let cookie2 = session_cookie(second.headers()).unwrap();
    assert_ne!(cookie, cookie2);
    assert_eq!(
        me(cookie.clone()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(me(cookie2.clone()).await.unwrap().status(), StatusCode::OK);

    // My sessions; end one by id; sign out.
    let sessions: serde_json::Value = app
        .http
        .get(format!("{}/api/v1/me/sessions", app.base))
        .header("cookie", &cookie2)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list = sessions["sessions"].as_array().unwrap();
    assert!(list.iter().any(|s| s["current"] == true));
    let other = list
        .iter()
        .find(|s| s["current"] == false)
        .expect("the setup session is still live");
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{}", other["id"].as_str().unwrap()),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        me(admin.cookie.clone()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "the ended session no longer works"
    );
    let out = app
        .http
        .delete(format!("{}/api/v1/session", app.base))
        .header("cookie", &cookie2)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me(cookie2).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_and_throttled() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let attempt = |email: &str, password: &str| {
        app.call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": email, "password": password})),
        )
    };
    let wrong = attempt(&admin.email, "not the password").await;
    let unknown = attempt("nobody@example.com", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.body, unknown.body,
        "the answer does not say which was wrong"
    );
    for _ in 0..9 {
        attempt(&admin.email, "still wrong").await;
    }
    let limited = attempt(&admin.email, PASSWORD).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert_eq!(limited.body["error"]["code"], "too_many_attempts");
}

#[tokio::test]
async fn tokens_are_shown_once_listed_and_revocable() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app
        .post("/api/v1/me/tokens", &admin, json!({"name": "laptop CLI"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let token = r.body["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("rbt_"));
    let id = r.body["id"].as_str().unwrap().to_string();
    let list = app.get("/api/v1/me/tokens", &admin).await;
    assert!(list.body.to_string().contains("laptop CLI"));
    assert!(!list.body.to_string().contains(&token), "never shown again");
    let mut cli = admin.clone();
    cli.token = token;
    assert_eq!(app.get("/api/v1/me", &cli).await.status, StatusCode::OK);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &cli).await.status,
        StatusCode::UNAUTHORIZED
    );
    cli.token = "rbt_forged".into();
    assert_eq!(
        app.get("/api/v1/me", &cli).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_tokens_at_once() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    assert_eq!(app.get("/api/v1/me", &bo).await.status, StatusCode::OK);
    app.disable(&admin, &bo).await;
    assert_eq!(
        app.get("/api/v1/me", &bo).await.status,
        StatusCode::UNAUTHORIZED
    );
    let by_cookie = app
        .http
        .get(format!("{}/api/v1/me", app.base))
        .header("cookie", &bo.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(by_cookie.status(), StatusCode::UNAUTHORIZED);
    let login = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": bo.email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    // Only admins manage people.
    let al = app.join(&admin, "Al", "manager", None, None).await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/users/{}/disable", admin.id),
            Some(&al),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/me", &admin).await.status, StatusCode::OK);
}

#[tokio::test]
async fn invitations_are_single_use_and_admin_only() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let cy = app.join(&admin, "Cy", "member", None, None).await;
    let r = app
        .post(
            "/api/v1/invitations",
            &cy,
            json!({"email": "dee@example.com"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let invite = app
        .post(
            "/api/v1/invitations",
            &admin,
            json!({"email": "dee@example.com"}),
        )
        .await;
    let accept =
        json!({"token": invite.body["token"], "display_name": "Dee", "password": PASSWORD});
    let first = app
        .call(
            Method::POST,
            "/api/v1/invitations/accept",
            None,
            Some(accept.clone()),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let second = app
        .call(
            Method::POST,
            "/api/v1/invitations/accept",
            None,
            Some(accept),
        )
        .await;
    assert_eq!(second.status, StatusCode::NOT_FOUND);
    let dup = app
        .post(
            "/api/v1/invitations",
            &admin,
            json!({"email": "dee@example.com"}),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
}

/// Ten wrong passwords for different emails from one address.
async fn fail_from(app: &crate::harness::TestApp, forwarded_for: &str, n: usize) {
    for i in 0..n {
        let r = app
            .http
            .post(format!("{}/api/v1/session", app.base))
            .header("x-forwarded-for", forwarded_for)
            .json(
                &json!({"email": format!("nobody{i}@example.com"), "password": "not the password"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
}

async fn attempt_from(app: &crate::harness::TestApp, forwarded_for: &str) -> StatusCode {
    app.http
        .post(format!("{}/api/v1/session", app.base))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": "someone@example.com", "password": "not the password"}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn addresses_are_throttled_and_forwarded_for_is_believed_only_from_the_proxy() {
    // Behind a trusted proxy (the test client's own address), each client
    // address is limited on its own.
    let app = spawn_app_with(|s| s.trusted_proxy = Some("127.0.0.1".parse().unwrap())).await;
    app.setup_admin().await;
    fail_from(&app, "203.0.113.5", 10).await;
    assert_eq!(
        attempt_from(&app, "203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt_from(&app, "198.51.100.7").await,
        StatusCode::UNAUTHORIZED
    );

    // Without a trusted proxy the header is ignored: a client cannot dodge
    // the limit by inventing addresses.
    let app = spawn_app().await;
    app.setup_admin().await;
    fail_from(&app, "203.0.113.5", 10).await;
    assert_eq!(
        attempt_from(&app, "198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// GET one mistake and its export check the credential in the same read as
/// the mistake (`Caller::open`): the answers must be those of every other
/// endpoint — 401 for no or a dead credential whatever the id, then 404 for
/// an id that is malformed, unknown or not theirs — by token and by cookie.
#[tokio::test]
async fn reading_one_mistake_checks_who_asks_before_what_is_asked() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let bo = app.join(&admin, "Bo", "member", None, None).await;
    let mine = app
        .mistake(&bo, "Dropped the staging table", "private")
        .await;
    let theirs = app.mistake(&admin, "Paged the wrong rota", "private").await;
    let by_cookie = |path: String, cookie: String| {
        let req = app.http.get(format!("{}{path}", app.base));
        async move { req.header("cookie", cookie).send().await.unwrap().status() }
    };
    let nobody = |path: String| {
        let req = app.http.get(format!("{}{path}", app.base));
        async move { req.send().await.unwrap().status() }
    };
    let mut forged = bo.clone();
    forged.token = "rbt_forged".into();
    for suffix in ["", "/export"] {
        let at = |id: &str| format!("/api/v1/mistakes/{id}{suffix}");
        for id in [mine.as_str(), theirs.as_str(), "zzzzzzzz", "not-an-id!"] {
            assert_eq!(nobody(at(id)).await, StatusCode::UNAUTHORIZED, "{id}");
            assert_eq!(
                app.get(&at(id), &forged).await.status,
                StatusCode::UNAUTHORIZED,
                "{id}"
            );
        }
        assert_eq!(app.get(&at(&mine), &bo).await.status, StatusCode::OK);
        assert_eq!(
            by_cookie(at(&mine), bo.cookie.clone()).await,
            StatusCode::OK
        );
        for id in [theirs.as_str(), "zzzzzzzz", "not-an-id!"] {
            let r = app.get(&at(id), &bo).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}: {}", r.body);
            assert_eq!(
                by_cookie(at(id), bo.cookie.clone()).await,
                StatusCode::NOT_FOUND,
                "{id}"
            );
        }
    }
    let r = app.get(&format!("/api/v1/mistakes/{mine}"), &bo).await;
    assert_eq!(r.body["title"], "Dropped the staging table");
    // Disabled: the very next read of the mistake is refused, both ways.
    app.disable(&admin, &bo).await;
    let path = format!("/api/v1/mistakes/{mine}");
    assert_eq!(app.get(&path, &bo).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        by_cookie(path, bo.cookie.clone()).await,
        StatusCode::UNAUTHORIZED
    );
}
