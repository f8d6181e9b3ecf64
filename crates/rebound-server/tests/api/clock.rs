//! Time is the server's clock in the application state: a test steps it to
//! reach an expiry at once, where it used to sleep until the moment passed.

use crate::harness::{PASSWORD, spawn_app};
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_session_ends_when_its_two_weeks_have_passed_on_the_servers_clock() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let me = |cookie: String| {
        app.http
            .get(format!("{}/api/v1/me", app.base))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(
        me(admin.cookie.clone()).await.unwrap().status(),
        StatusCode::OK
    );

    app.clock.step(SignedDuration::from_hours(24 * 13));
    assert_eq!(
        me(admin.cookie.clone()).await.unwrap().status(),
        StatusCode::OK,
        "still within its 14 days"
    );

    app.clock.step(SignedDuration::from_hours(24 * 2));
    assert_eq!(
        me(admin.cookie.clone()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "past its 14 days"
    );
    // An API token has no lifetime of its own: it still answers.
    assert_eq!(app.get("/api/v1/me", &admin).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_invitation_cannot_be_accepted_once_its_week_has_passed() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let invite = |email: &'static str| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let r = app
                .post("/api/v1/invitations", &admin, json!({"email": email}))
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.body["token"].as_str().unwrap().to_string()
        }
    };
    let accept = |token: String| {
        app.call(
            reqwest::Method::POST,
            "/api/v1/invitations/accept",
            None,
            Some(json!({"token": token, "display_name": "Ivy", "password": PASSWORD})),
        )
    };
    let early = invite("early@example.com").await;
    let late = invite("late@example.com").await;
    assert_eq!(accept(early).await.status, StatusCode::CREATED);

    app.clock.step(SignedDuration::from_hours(24 * 7 + 1));
    assert_eq!(accept(late).await.status, StatusCode::NOT_FOUND);
}
