//! The web pages over HTTP (no browser): the headers every page carries,
//! forms refused without the anti-forgery token or from another origin,
//! first-run setup and the "I made a mistake" form, and a stranger's 404.

use crate::harness::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn pages_carry_the_security_headers_and_private_pages_are_not_cached() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let home = app.page("/", Some(&admin)).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.html);
    let h = |k: &str| home.headers.get(k).unwrap().to_str().unwrap().to_string();
    let csp = h("content-security-policy");
    for part in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("referrer-policy"), "no-referrer");
    assert_eq!(h("cache-control"), "no-store");
    assert!(h("content-type").starts_with("text/html"));
}

#[tokio::test]
async fn first_run_setup_then_sign_in_page_and_back_to_where_you_were() {
    let app = spawn_app().await;
    // Nobody yet: sign-in sends you to setup.
    let signin = app.page("/signin", None).await;
    assert_eq!(signin.status, StatusCode::SEE_OTHER);
    assert_eq!(signin.location(), "/setup");
    let setup = app.page("/setup", None).await;
    assert_eq!(setup.status, StatusCode::OK);
    let guard_cookie = setup.headers.get("set-cookie").unwrap().to_str().unwrap();
    let guard_cookie = guard_cookie.split(';').next().unwrap().to_string();
    let done = app
        .post_form(
            "/setup",
            Some(&guard_cookie),
            &[
                ("csrf", &setup.csrf()),
                ("email", "ada@example.com"),
                ("display_name", "Ada"),
                ("password", "correct horse battery"),
                ("time_zone", "Europe/Paris"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert!(crate::harness::session_cookie(&done.headers).is_some());
    // Setup is done: the page now sends people to sign in.
    assert_eq!(app.page("/setup", None).await.location(), "/signin");
    // A page needing a session remembers where you were going.
    let away = app.page("/new", None).await;
    assert_eq!(away.status, StatusCode::SEE_OTHER);
    assert_eq!(away.location(), "/signin?next=%2Fnew");
}

#[tokio::test]
async fn a_form_without_the_token_or_from_another_site_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let missing = app
        .post_form("/new", Some(&admin.cookie), &[("title", "Forged")])
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(
        missing
            .html
            .contains("expired or did not come from Rebound"),
        "{}",
        missing.html
    );
    let csrf = app.page("/new", Some(&admin)).await.csrf();
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/new", app.base))
        .header("cookie", &admin.cookie)
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&title=Forged"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let list = app.get("/api/v1/mistakes", &admin).await;
    assert_eq!(list.body["mistakes"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn one_form_gives_a_copyable_heads_up_and_text_is_escaped() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app
        .submit(
            "/new",
            "/new",
            &admin,
            &[
                ("title", "The export sent <script>alert(1)</script> totals"),
                ("affected", "the finance leads"),
                ("doing", "rolling back the export job"),
                ("severity", "high"),
                ("visibility", "manager"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let path = r.location().split('#').next().unwrap().to_string();
    assert!(path.starts_with("/m/"), "{path}");
    let page = app.page(&path, Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("data-copy=\"heads-up-text\""));
    assert!(
        page.html.contains("rolling back the export job"),
        "{}",
        page.html
    );
    assert!(!page.html.contains("<script>alert(1)"), "unescaped title");
    assert!(page.html.contains("&lt;script&gt;alert(1)"));
}

#[tokio::test]
async fn a_bad_choice_on_the_form_is_explained_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app
        .submit(
            "/new",
            "/new",
            &admin,
            &[("title", "Something"), ("severity", "apocalyptic")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.html.contains("role=\"alert\""), "{}", r.html);
    let empty = app.submit("/new", "/new", &admin, &[("title", "  ")]).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.html
    );
    let list = app.get("/api/v1/mistakes", &admin).await;
    assert_eq!(list.body["mistakes"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn someone_who_may_not_see_a_mistake_gets_the_same_404_as_for_none() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let other = app.join(&admin, "Bo", "member", None, None).await;
    let id = app.mistake(&admin, "Private slip", "private").await;
    let refused = app.page(&format!("/m/{id}"), Some(&other)).await;
    let missing = app.page("/m/zzzzzzzz", Some(&other)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(!refused.html.contains("Private slip"));
    // Posting to it is refused the same way, and changes nothing.
    let csrf = app.page("/", Some(&other)).await.csrf();
    let post = app
        .post_form(
            &format!("/m/{id}/heads-up"),
            Some(&other.cookie),
            &[("csrf", &csrf), ("text", "hijacked")],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &admin).await;
    assert_ne!(m.body["heads_up"]["text"], "hijacked");
}

#[tokio::test]
async fn an_opaque_origin_leaves_the_decision_to_the_token() {
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with
    // our own forms: the token decides.
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let csrf = app.page("/new", Some(&admin)).await.csrf();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |body: String| {
        client
            .post(format!("{}/new", app.base))
            .header("cookie", &admin.cookie)
            .header("origin", "null")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let forged = post("csrf=0000&title=Forged".into()).await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let ours = post(format!("csrf={csrf}&title=Ours")).await.unwrap();
    assert_eq!(ours.status(), StatusCode::SEE_OTHER);
    let list = app.get("/api/v1/mistakes", &admin).await;
    assert_eq!(list.body["mistakes"].as_array().unwrap().len(), 1);
}
