//! Versions over HTTP (issue 14, findings 6 and 7): a versioned record
//! carries its version as an `ETag`, a change with a stale `If-Match` is
//! 412 and changes nothing, and additions racing each other all land.

use crate::harness::{Person, Reply, TestApp, spawn_app};
use crate::recovery::{open_plan, world};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A request with `If-Match` (when given).
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    if_match: Option<&str>,
    body: Value,
) -> Reply {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.base))
        .bearer_auth(&who.token)
        .json(&body);
    if let Some(tag) = if_match {
        req = req.header("if-match", tag);
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(Value::Null);
    Reply {
        status,
        body,
        headers,
    }
}

/// The same request with each body, all at once (each on its own task).
async fn together(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    if_match: Option<&str>,
    bodies: impl Iterator<Item = Value>,
) -> Vec<Reply> {
    let tasks: Vec<_> = bodies
        .map(|body| {
            let mut req = app
                .http
                .request(method.clone(), format!("{}{path}", app.base))
                .bearer_auth(&who.token)
                .json(&body);
            if let Some(tag) = if_match {
                req = req.header("if-match", tag);
            }
            tokio::spawn(async move {
                let res = req.send().await.expect("request");
                let status = res.status();
                let headers = res.headers().clone();
                let body = res.json().await.unwrap_or(Value::Null);
                Reply {
                    status,
                    body,
                    headers,
                }
            })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.expect("a request task"));
    }
    replies
}

fn etag(r: &Reply) -> &str {
    r.headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no ETag on {} {}", r.status, r.body))
}

#[tokio::test]
async fn a_stale_note_save_is_refused_with_the_current_version() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let note = format!("/api/v1/mistakes/{id}/note");

    let read = app.get(&format!("/api/v1/mistakes/{id}"), &me).await;
    let tag = etag(&read).to_string();
    assert_eq!(tag, format!("\"{}\"", read.body["version"]));

    // Two people read the same version and save different fields.
    let first = json!({"impact": {}, "prevention": [], "containment": "Paused the consumer"});
    let r = send(&app, Method::PUT, &note, &me, Some(&tag), first).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let now = etag(&r).to_string();
    assert_ne!(now, tag);
    assert_eq!(now, format!("\"{}\"", r.body["version"]));

    let second =
        json!({"impact": {}, "prevention": [], "fix": "Replay from the dead-letter queue"});
    let r = send(&app, Method::PUT, &note, &me, Some(&tag), second.clone()).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "{}", r.body);
    assert_eq!(r.body["error"]["code"], "stale");
    assert_eq!(etag(&r), now, "the 412 names the current version");
    let stored = app.get(&format!("/api/v1/mistakes/{id}"), &me).await;
    assert_eq!(stored.body["note"]["containment"], "Paused the consumer");
    assert_eq!(stored.body["note"]["fix"], Value::Null);

    // Read again, redo: saved. `*` and no If-Match keep last-writer-wins.
    let r = send(&app, Method::PUT, &note, &me, Some(&now), second).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(
        &app,
        Method::PUT,
        &note,
        &me,
        Some("*"),
        json!({"impact": {}, "prevention": []}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(
        &app,
        Method::PUT,
        &note,
        &me,
        None,
        json!({"impact": {}, "prevention": []}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Bad input is said first, whatever the version (found by the fuzzing:
    // an empty If-Match hid a too-long text behind a 412).
    let long = "x".repeat(rebound_domain::mistake::MAX_TEXT_CHARS + 1);
    let timeline = format!("/api/v1/mistakes/{id}/timeline");
    let r = send(
        &app,
        Method::POST,
        &timeline,
        &me,
        Some(""),
        json!({"text": long}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // A weak, foreign or empty tag never matches.
    for tag in ["W/\"0\"", "garbage", ""] {
        let r = send(
            &app,
            Method::PUT,
            &note,
            &me,
            Some(tag),
            json!({"impact": {}, "prevention": []}),
        )
        .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "{tag}");
    }
}

#[tokio::test]
async fn of_racing_saves_from_one_version_exactly_one_lands() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let note = format!("/api/v1/mistakes/{id}/note");
    let tag = etag(&app.get(&format!("/api/v1/mistakes/{id}"), &me).await).to_string();
    let bodies = (0..8)
        .map(|i| json!({"impact": {}, "prevention": [], "containment": format!("attempt {i}")}));
    let replies = together(&app, Method::PUT, &note, &me, Some(&tag), bodies).await;
    let ok = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let stale = replies
        .iter()
        .filter(|r| r.status == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!((ok, stale), (1, 7), "{:?}", statuses(&replies));
}

fn statuses(replies: &[Reply]) -> Vec<u16> {
    replies.iter().map(|r| r.status.as_u16()).collect()
}

#[tokio::test]
async fn parallel_timeline_entries_and_updates_all_land() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let base = format!("/api/v1/mistakes/{id}");
    let bodies = (0..20).map(|i| json!({"text": format!("step {i}")}));
    let path = format!("{base}/timeline");
    let replies = together(&app, Method::POST, &path, &me, None, bodies).await;
    assert!(
        replies.iter().all(|r| r.status == StatusCode::CREATED),
        "{:?}",
        statuses(&replies)
    );
    let bodies = (0..20).map(|i| json!({"text": format!("update {i}")}));
    let path = format!("{base}/updates");
    let replies = together(&app, Method::POST, &path, &me, None, bodies).await;
    assert!(
        replies.iter().all(|r| r.status == StatusCode::CREATED),
        "{:?}",
        statuses(&replies)
    );
    let m = app.get(&base, &me).await.body;
    assert_eq!(m["timeline"].as_array().unwrap().len(), 20, "{m}");
    assert_eq!(m["updates"].as_array().unwrap().len(), 20, "{m}");
}

#[tokio::test]
async fn parallel_plan_topics_all_land() {
    let w = world().await;
    let id = open_plan(&w).await;
    let base = format!("/api/v1/plans/{id}");
    let before = w.app.get(&base, &w.manager).await;
    assert_eq!(
        etag(&before),
        format!("\"{}\"", before.body["plan"]["version"])
    );
    let topics_before = before.body["plan"]["topics"].as_array().map_or(0, Vec::len);
    let bodies = (0..20).map(|i| json!({"topics": [format!("Topic {i}")]}));
    let path = format!("{base}/topics");
    let replies = together(&w.app, Method::POST, &path, &w.manager, None, bodies).await;
    assert!(
        replies.iter().all(|r| r.status == StatusCode::OK),
        "{:?}",
        statuses(&replies)
    );
    let after = w.app.get(&base, &w.manager).await;
    let topics = after.body["plan"]["topics"].as_array().unwrap();
    assert_eq!(topics.len(), topics_before + 20, "{}", after.body);

    // A change of the plan from a version read before is 412.
    let stale = send(
        &w.app,
        Method::PUT,
        &format!("{base}/context"),
        &w.manager,
        Some(etag(&before)),
        json!({"pressure_points": [], "drivers": []}),
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.body
    );
    assert_eq!(etag(&stale), etag(&after));
}

/// The web note form sends the version it showed: a save after someone
/// else's is shown again with what was typed and why, and saves nothing.
#[tokio::test]
async fn a_stale_note_form_is_shown_again_with_what_was_typed() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let page = app.page(&format!("/m/{id}"), Some(&me)).await;
    let csrf = page.csrf();
    let shown = crate::web_jar::input_value(&page.html, "note-version")
        .expect("the note form carries its version");
    // Meanwhile, someone else saves the note.
    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/note"),
            &me,
            json!({"impact": {}, "prevention": [], "containment": "Paused the consumer"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fields = [
        ("csrf", csrf.as_str()),
        ("version", shown.as_str()),
        ("who", "typed, not yet saved"),
    ];
    let r = app
        .post_form(&format!("/m/{id}/note"), Some(&me.cookie), &fields)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("Someone else changed this"), "{}", r.html);
    assert!(
        r.html.contains("value=\"typed, not yet saved\""),
        "{}",
        r.html
    );
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(m["note"]["containment"], "Paused the consumer");
    assert_eq!(m["note"]["impact"]["who"], Value::Null);
    // The form shown again carries the current version: saving again wins.
    let fresh = crate::web_jar::input_value(&r.html, "note-version").unwrap();
    assert_eq!(fresh, m["version"].to_string());
}

/// The heads-up form too: an edit over someone else's is refused and the
/// typed text kept.
#[tokio::test]
async fn a_stale_heads_up_edit_is_shown_again_with_what_was_typed() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let page = app.page(&format!("/m/{id}"), Some(&me)).await;
    let csrf = page.csrf();
    let shown = crate::web_jar::input_value(&page.html, "heads-up-version")
        .expect("the heads-up form carries its version");
    let theirs = json!({"text": "Their wording, saved first."});
    let r = app
        .put(&format!("/api/v1/mistakes/{id}/heads-up"), &me, theirs)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fields = [
        ("csrf", csrf.as_str()),
        ("version", shown.as_str()),
        ("text", "My wording, typed meanwhile."),
    ];
    let r = app
        .post_form(&format!("/m/{id}/heads-up"), Some(&me.cookie), &fields)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("Someone else changed this"), "{}", r.html);
    assert!(
        r.html.contains("My wording, typed meanwhile."),
        "{}",
        r.html
    );
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(m["heads_up"]["text"], "Their wording, saved first.");
}
