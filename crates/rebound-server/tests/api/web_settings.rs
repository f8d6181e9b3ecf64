//! Settings as pages (no browser): the profile saves through the API, a new
//! API token is shown once and revoking it works, ending another session
//! signs that browser out, and forms without the token change nothing.

use crate::harness::{PASSWORD, session_cookie, spawn_app};
use crate::web_jar::{Jar, input_value};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_profile_saves_name_time_zone_and_working_hours_and_explains_a_refusal() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let page = app.page("/settings", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.len() < 100 * 1024);
    assert!(page.html.contains("admin@example.com"));

    let saved = app
        .submit(
            "/settings",
            "/settings/profile",
            &admin,
            &[
                ("display_name", "Ada L."),
                ("time_zone", "Europe/Paris"),
                ("mon", "on"),
                ("wed", "on"),
                ("start", "09:30"),
                ("end", "00:00"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    assert_eq!(saved.location(), "/settings?saved=profile#profile");
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["display_name"], "Ada L.");
    assert_eq!(me.body["time_zone"], "Europe/Paris");
    assert_eq!(me.body["working_hours"]["start_minute"], 570);
    assert_eq!(me.body["working_hours"]["end_minute"], 1440);
    assert_eq!(
        me.body["working_hours"]["days"],
        json!([true, false, true, false, false, false, false])
    );
    let after = app.page("/settings?saved=profile", Some(&admin)).await;
    assert!(after.html.contains("Your profile is saved."));
    assert!(
        after.html.contains("value=\"09:30\""),
        "the hours are shown back"
    );

    // A bad time zone: the reason on the page, the words kept, nothing saved.
    let refused = app
        .submit(
            "/settings",
            "/settings/profile",
            &admin,
            &[("display_name", "Ada Again"), ("time_zone", "Mars/Olympus")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("Mars/Olympus"), "{}", refused.html);
    assert!(refused.html.contains("role=\"alert\""));
    // Half-given working hours are explained too.
    let half = app
        .submit(
            "/settings",
            "/settings/profile",
            &admin,
            &[("display_name", "Ada"), ("time_zone", "UTC"), ("fri", "on")],
        )
        .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["display_name"], "Ada L.");
}

#[tokio::test]
async fn a_new_api_token_is_shown_once_works_and_stops_when_revoked() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let made = app
        .submit(
            "/settings",
            "/settings/tokens",
            &admin,
            &[("name", "laptop CLI")],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.html);
    let token = input_value(&made.html, "new-token").expect("the token is on the page");
    assert!(token.starts_with("rbt_"), "{token}");
    assert!(made.html.contains("data-copy=\"new-token\""));
    assert!(made.html.contains("shown only this once"));

    // It works as a Bearer token, and is never shown again.
    let mut bearer = admin.clone();
    bearer.token = token.clone();
    assert_eq!(app.get("/api/v1/me", &bearer).await.status, StatusCode::OK);
    let again = app.page("/settings", Some(&admin)).await;
    assert!(!again.html.contains(&token));
    assert!(again.html.contains("laptop CLI"));

    // Revoke it from the list.
    let list = app.get("/api/v1/me/tokens", &admin).await;
    let id = list.body["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "laptop CLI")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        again
            .html
            .contains(&format!("/settings/tokens/{id}/revoke"))
    );
    let revoked = app
        .submit(
            "/settings",
            &format!("/settings/tokens/{id}/revoke"),
            &admin,
            &[],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.html);
    assert_eq!(
        app.get("/api/v1/me", &bearer).await.status,
        StatusCode::UNAUTHORIZED
    );
    let after = app.page("/settings?saved=revoked", Some(&admin)).await;
    assert!(after.html.contains("Revoked"));

    // A nameless token is explained; without the form token nothing is made.
    let nameless = app
        .submit("/settings", "/settings/tokens", &admin, &[("name", "  ")])
        .await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nameless.html.contains("role=\"alert\""));
    let forged = app
        .post_form(
            "/settings/tokens",
            Some(&admin.cookie),
            &[("name", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let list = app.get("/api/v1/me/tokens", &admin).await;
    assert!(
        !list.body["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "forged")
    );
}

#[tokio::test]
async fn ending_another_session_signs_that_browser_out() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    // A second browser signs in.
    let other = app
        .with_cookie(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": admin.email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
    let other_cookie = session_cookie(&other.headers).unwrap();
    let other_id = other.body["session"].as_str().unwrap().to_string();
    let mut phone = Jar::with(&other_cookie);
    assert_eq!(phone.get_page(&app, "/").await.status, StatusCode::OK);

    let page = app.page("/settings", Some(&admin)).await;
    assert_eq!(
        page.html.matches("This browser").count(),
        1,
        "{}",
        page.html
    );
    let end = format!("/settings/sessions/{other_id}/end");
    assert!(page.html.contains(&end));
    let ended = app.submit("/settings", &end, &admin, &[]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.html);
    assert_eq!(ended.location(), "/settings?saved=ended#sessions");

    // That browser is signed out; this one is not.
    let r = phone.get_page(&app, "/settings").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/signin"));
    assert_eq!(
        app.page("/settings", Some(&admin)).await.status,
        StatusCode::OK
    );
    // Someone else's session id ends nothing of theirs: 404.
    let stranger = app
        .submit("/settings", "/settings/sessions/ZZZZZZZZ/end", &admin, &[])
        .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
}
