//! Large histories (issue 20): a mistake's JSON carries its newest updates
//! with how many there are; `GET /api/v1/mistakes/{id}/updates` pages the
//! rest, guarded like the mistake; the page links to the older ones; an
//! export holds them all; a guest pages them too, through the link.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Updates posted: more than a read carries (20).
const POSTED: usize = 23;

async fn with_updates(app: &TestApp, me: &Person) -> String {
    let id = app.mistake(me, "Posted to for weeks", "private").await;
    for i in 0..POSTED {
        let path = format!("/api/v1/mistakes/{id}/updates");
        let r = app
            .post(&path, me, json!({ "text": format!("update {i}") }))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    id
}

fn texts(updates: &Value) -> Vec<String> {
    let list = updates.as_array().unwrap();
    list.iter()
        .map(|u| u["text"].as_str().unwrap().to_string())
        .collect()
}

fn named(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("update {i}")).collect()
}

#[tokio::test]
async fn older_updates_come_a_page_at_a_time_and_only_to_readers() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = with_updates(&app, &me).await;

    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await;
    assert_eq!(m.status, StatusCode::OK);
    assert_eq!(texts(&m.body["updates"]), named(POSTED - 20..POSTED));
    assert_eq!(m.body["updates_total"], POSTED);
    assert_eq!(m.body["older_updates"], POSTED - 20);
    // Without a cursor: the newest, oldest first, as this answer always was.
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/updates"), &me)
        .await;
    assert_eq!(texts(&r.body["updates"]), named(POSTED - 20..POSTED));
    assert_eq!(r.body["older"], true);
    assert_eq!(r.body["next_before"], m.body["updates"][0]["id"]);

    let path = format!("/api/v1/mistakes/{id}/updates");
    let mut seen = Vec::new();
    let mut next = format!("{path}?limit=10");
    loop {
        let r = app.get(&next, &me).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let mut page = texts(&r.body["updates"]);
        assert!(page.len() <= 10);
        page.reverse(); // each page is oldest first
        seen.extend(page);
        match r.body["next_before"].as_i64() {
            Some(b) => {
                assert_eq!(r.body["older"], true);
                next = format!("{path}?limit=10&before={b}");
            }
            None => {
                assert_eq!(r.body["older"], false);
                break;
            }
        }
    }
    assert_eq!(
        seen,
        named((0..POSTED).rev()),
        "every update once, newest first"
    );

    // A stranger (not on the team, not named) learns nothing, even of a bad address.
    let stranger = app.join(&me, "Stranger", "member", None, None).await;
    for p in [path.clone(), format!("{path}?limit=abc")] {
        let r = app.get(&p, &stranger).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{p}: {}", r.body);
    }
    let page = app.page(&format!("/m/{id}/updates"), Some(&stranger)).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bad_limit_or_cursor_is_refused_in_words() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Two histories", "private").await;
    let other = app.mistake(&me, "The other one", "private").await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{other}/updates"),
            &me,
            json!({"text": "elsewhere"}),
        )
        .await;
    let foreign = r.body["updates"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/mistakes/{id}/updates");
    for (query, words) in [
        ("limit=abc", "`limit` must be a whole number"),
        ("limit=-3", "`limit` must be a whole number"),
        ("limit=0", "`limit` must be between 1 and 100; 0 is not"),
        ("limit=500", "`limit` must be between 1 and 100; 500 is not"),
        ("before=soon", "`before` must be a whole number"),
        (
            "page=2",
            "`page` is not something this request takes; it takes: before, limit",
        ),
        (
            &format!("before={foreign}"),
            "`before` must be the id of one of this mistake's updates",
        ),
    ] {
        let r = app.get(&format!("{path}?{query}"), &me).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            r.body
        );
        let message = r.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{query}: {message}");
    }
}

#[tokio::test]
async fn the_page_links_to_older_updates_and_an_export_holds_them_all() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = with_updates(&app, &me).await;

    let page = app.page(&format!("/m/{id}"), Some(&me)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("update 22"), "the newest is shown");
    assert!(!page.html.contains("update 2<"), "an older one is not");
    let at = page
        .html
        .find(&format!("/m/{id}/updates?before="))
        .expect("a link to older ones");
    assert!(
        page.html.contains("Older updates (3)"),
        "{}",
        &page.html[at..at + 200]
    );
    let link = &page.html[at..];
    let link = link[..link.find('"').unwrap()].replace("&amp;", "&");

    let older = app.page(&link, Some(&me)).await;
    assert_eq!(older.status, StatusCode::OK);
    for i in 0..3 {
        assert!(older.html.contains(&format!("update {i}<")), "update {i}");
    }
    assert!(!older.html.contains("update 3<"), "only the older ones");
    assert!(
        !older.html.contains("Older updates"),
        "nothing older than the first"
    );
    let bad = app
        .page(&format!("/m/{id}/updates?limit=0"), Some(&me))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("between 1 and 100"), "{}", bad.html);

    let md = app
        .get(
            &format!("/api/v1/mistakes/{id}/export?format=markdown"),
            &me,
        )
        .await;
    let md = md.body.as_str().unwrap();
    for i in 0..POSTED {
        assert!(md.contains(&format!("— update {i}\n")), "update {i}: {md}");
    }
    let json = app
        .get(&format!("/api/v1/mistakes/{id}/export?format=json"), &me)
        .await;
    assert_eq!(texts(&json.body["updates"]).len(), POSTED);
    assert_eq!(json.body["older_updates"], 0);
}

#[tokio::test]
async fn a_guest_pages_the_older_updates_of_the_links_mistake_only() {
    use reqwest::Method;
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = with_updates(&app, &me).await;
    let link = app.share_link(&me, &id, None).await;
    let guest = app.guest(&link, "Dana").await;

    let view = app
        .as_guest(Method::GET, "/api/v1/guest/mistake", &guest, None)
        .await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(texts(&view.body["updates"]), named(POSTED - 20..POSTED));
    assert_eq!(view.body["older_updates"], POSTED - 20);
    let first = view.body["updates"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/guest/mistake/updates?before={first}");
    let r = app.as_guest(Method::GET, &path, &guest, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(texts(&r.body["updates"]), named(0..POSTED - 20));
    assert_eq!(r.body["older"], false);

    // Another mistake's update is no cursor here; no live session learns nothing.
    let other = app.mistake(&me, "Not shared", "private").await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{other}/updates"),
            &me,
            json!({"text": "not for guests"}),
        )
        .await;
    let foreign = r.body["updates"][0]["id"].as_i64().unwrap();
    let r = app
        .as_guest(
            Method::GET,
            &format!("/api/v1/guest/mistake/updates?before={foreign}"),
            &guest,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for p in [path.as_str(), "/api/v1/guest/mistake/updates?limit=abc"] {
        let r = app.with_cookie(Method::GET, p, None, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{p}: {}", r.body);
    }

    // The guest's page links to the older ones, and that page shows them.
    let page = app
        .with_cookie(Method::GET, "/s", Some(&guest.cookie), None)
        .await;
    let html = page.body.as_str().unwrap();
    let older = format!("/s/updates?before={first}");
    assert!(html.contains(&older), "{html}");
    assert!(html.contains("Older updates (3)"), "{html}");
    let page = app
        .with_cookie(Method::GET, &older, Some(&guest.cookie), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap();
    assert!(
        html.contains("update 0") && html.contains("update 2"),
        "{html}"
    );
    assert!(!html.contains("update 22"), "{html}");
    let page = app.with_cookie(Method::GET, &older, None, None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    // Times are in the owner's zone until the browser says its own, then in
    // the browser's, as on the page that links here; always named.
    let profile = json!({"display_name": "Ana", "time_zone": "Asia/Tokyo"});
    let r = app.put("/api/v1/me/profile", &me, profile).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for (cookie, zone) in [
        (guest.cookie.clone(), "(Asia/Tokyo)"),
        (
            format!("{}; rebound_tz=America/Lima", guest.cookie),
            "(America/Lima)",
        ),
    ] {
        let page = app
            .with_cookie(Method::GET, &older, Some(&cookie), None)
            .await;
        let html = page.body.as_str().unwrap();
        assert!(html.contains(zone) && !html.contains("(UTC)"), "{html}");
    }
}
