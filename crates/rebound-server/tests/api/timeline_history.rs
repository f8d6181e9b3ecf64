//! The record tells the truth (issue 17): timeline entries are edited and
//! removed without rewriting the past, over the API and the mistake page;
//! when it started and when it was noticed are given in words on the new
//! mistake form and corrected later, and the clocks follow.

use crate::harness::{TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn entry(app: &TestApp, me: &crate::harness::Person, id: &str, text: &str) -> i64 {
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/timeline"),
            me,
            json!({ "text": text }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let timeline = r.body["timeline"].as_array().unwrap();
    timeline
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .max()
        .unwrap()
}

fn find(m: &Value, entry: i64) -> &Value {
    m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry)
        .unwrap()
}

#[tokio::test]
async fn timeline_entries_are_edited_and_removed_without_rewriting_the_past() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Sent the wrong dashboard", "team").await;
    let first = entry(&app, &me, &id, "v42 publshed").await;
    let second = entry(&app, &me, &id, "rolled back to v41").await;
    let path = |e: i64| format!("/api/v1/mistakes/{id}/timeline/{e}");
    let clock_before =
        app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body["clocks"]["timeline"].clone();

    let r = app
        .patch(
            &path(first),
            &me,
            json!({"text": "v42 published", "at": "2026-01-05T09:00:00Z", "starred": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let e = find(&r.body, first);
    assert_eq!(e["text"], "v42 published");
    assert_eq!(e["starred"], true);
    assert_eq!(e["earlier"][0]["text"], "v42 publshed");
    assert!(e["earlier"][0]["replaced_at"].is_string());
    assert_eq!(
        r.body["clocks"]["timeline"]["status"], clock_before["status"],
        "editing does not move the 15-minute clock"
    );

    let r = app
        .call(Method::DELETE, &path(second), Some(&me), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let e = find(&r.body, second);
    assert!(e["removed_at"].is_string(), "{e}");
    assert_eq!(e["text"], "rolled back to v41", "a removal keeps the text");

    // The write-up shows the current entries only.
    let md = app
        .get(
            &format!("/api/v1/mistakes/{id}/export?format=markdown"),
            &me,
        )
        .await;
    let md = md.body.as_str().unwrap();
    assert!(md.contains("v42 published"), "{md}");
    assert!(
        !md.contains("publshed") && !md.contains("rolled back"),
        "{md}"
    );

    // Refusals, in words; nothing changes.
    let before = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    for (e, body, status, words) in [
        (
            second,
            json!({"text": "again"}),
            StatusCode::CONFLICT,
            "was removed",
        ),
        (
            first,
            json!({}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing to change",
        ),
        (
            first,
            json!({"text": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "timeline entry is empty",
        ),
        (
            first,
            json!({"at": "2999-01-01T00:00:00Z"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a minute from now",
        ),
        (999_999, json!({"text": "x"}), StatusCode::NOT_FOUND, ""),
    ] {
        let r = app.patch(&path(e), &me, body.clone()).await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
        let message = r.body["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(words), "{body}: {message}");
    }
    let r = app
        .call(Method::DELETE, &path(second), Some(&me), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let after = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(before["timeline"], after["timeline"]);
    assert_eq!(before["version"], after["version"]);

    // A teammate may read the record but not change its timeline: 404.
    let bea = app.join(&me, "Bea", "member", None, None).await;
    let r = app.patch(&path(first), &bea, json!({"text": "mine"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = app
        .call(Method::DELETE, &path(first), Some(&bea), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

#[tokio::test]
async fn correcting_when_it_started_and_was_noticed_moves_the_clocks() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app
        .mistake(&me, "Deleted the staging bucket", "private")
        .await;
    let now = jiff::Timestamp::now();
    let noticed = (now - jiff::SignedDuration::from_mins(30)).to_string();
    let started = (now - jiff::SignedDuration::from_mins(90)).to_string();
    let r = app
        .patch(
            &format!("/api/v1/mistakes/{id}"),
            &me,
            json!({"detected_at": noticed, "started_at": started}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["clocks"]["time_undetected_secs"], 3600);
    let r = app
        .patch(
            &format!("/api/v1/mistakes/{id}"),
            &me,
            json!({"started_at": (now - jiff::SignedDuration::from_mins(10)).to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be detected before it started")
    );
}

#[tokio::test]
async fn web_new_mistake_takes_when_it_was_noticed_and_started_in_words() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;

    let form = app.page("/new", Some(&me)).await;
    assert!(form.html.contains("When did you notice?"), "{}", form.html);
    assert!(form.html.contains(r#"name="started""#));

    // In the future: said beside the field, what was typed kept.
    let r = app
        .submit(
            "/new",
            "/new",
            &me,
            &[("title", "Broke the build"), ("noticed", "in 2 hours")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains(r#"id="noticed-error""#), "{}", r.html);
    assert!(r.html.contains("When you noticed"), "{}", r.html);
    assert!(r.html.contains(r#"value="in 2 hours""#), "{}", r.html);
    let r = app
        .submit(
            "/new",
            "/new",
            &me,
            &[
                ("title", "Broke the build"),
                ("noticed", "2 hours from now"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains(r#"id="noticed-error""#), "{}", r.html);

    // Started after it was noticed: beside "started".
    let r = app
        .submit(
            "/new",
            "/new",
            &me,
            &[
                ("title", "Broke the build"),
                ("noticed", "an hour ago"),
                ("started", "10 minutes ago"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains(r#"id="started-error""#), "{}", r.html);
    assert!(r.html.contains("before it started"), "{}", r.html);

    let r = app
        .submit(
            "/new",
            "/new",
            &me,
            &[
                ("title", "Broke the build"),
                ("noticed", "20 minutes ago"),
                ("started", "an hour ago"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let id = r
        .location()
        .trim_start_matches("/m/")
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    let detected: jiff::Timestamp = m["detected_at"].as_str().unwrap().parse().unwrap();
    let ago = jiff::Timestamp::now().duration_since(detected).as_secs();
    assert!((19 * 60..22 * 60).contains(&ago), "noticed {ago} s ago");
    assert_eq!(m["clocks"]["time_undetected_secs"], 40 * 60);
}

#[tokio::test]
async fn web_mistake_page_edits_removes_and_corrects_times() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app
        .mistake(&me, "Sent the wrong dashboard", "private")
        .await;
    let first = entry(&app, &me, &id, "v42 publshed").await;
    let second = entry(&app, &me, &id, "rolled back to v41").await;
    let page = format!("/m/{id}");

    let html = app.page(&page, Some(&me)).await.html;
    assert!(
        html.contains(&format!(r#"action="/m/{id}/timeline/{first}/edit""#)),
        "{html}"
    );
    assert!(html.contains(&format!(r#"action="/m/{id}/timeline/{second}/remove""#)));
    assert!(html.contains("Remove this entry"));
    assert!(html.contains(&format!(r#"action="/m/{id}/times""#)));

    let r = app
        .submit(
            &page,
            &format!("/m/{id}/timeline/{first}/edit"),
            &me,
            &[("text", "v42 published"), ("at", "5 minutes ago")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let r = app
        .submit(
            &page,
            &format!("/m/{id}/timeline/{second}/remove"),
            &me,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let html = app.page(&page, Some(&me)).await.html;
    assert!(
        html.contains("Earlier wording") && html.contains("v42 publshed"),
        "{html}"
    );
    assert!(html.contains("<s>rolled back to v41</s>"), "{html}");
    assert!(
        !html.contains(&format!(r#"action="/m/{id}/timeline/{second}/edit""#)),
        "a removed entry takes no edit"
    );

    // A refused edit is said inside that entry, with what was typed.
    let r = app
        .submit(
            &page,
            &format!("/m/{id}/timeline/{first}/edit"),
            &me,
            &[("text", "v42 published"), ("at", "tomorrow 9:00")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("cannot be in the future"), "{}", r.html);
    assert!(r.html.contains(r#"value="tomorrow 9:00""#), "{}", r.html);

    // The record's head corrects both times; the clocks follow.
    let r = app
        .submit(
            &page,
            &format!("/m/{id}/times"),
            &me,
            &[("noticed", "30 minutes ago"), ("started", "90 minutes ago")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(m["clocks"]["time_undetected_secs"], 3600);
    // Both corrections are kept with what they replaced, in the record
    // and on the page.
    let corrections = m["time_corrections"].as_array().unwrap();
    let fields: Vec<&str> = corrections
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["started", "detected"], "{m}");
    assert_eq!(corrections[0]["earlier"], Value::Null, "no start was known");
    assert!(corrections[1]["earlier"].is_string(), "{m}");
    assert_eq!(corrections[1]["later"], m["detected_at"]);
    let html = app.page(&page, Some(&me)).await.html;
    assert!(html.contains("Times corrected (2)"), "{html}");
    assert!(html.contains("When it was noticed: "), "{html}");
    assert!(html.contains("When it started: not known → "), "{html}");
    // A field sent back as it was shown is no correction.
    let shown = html
        .split(r#"name="noticed_shown" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let r = app
        .submit(
            &page,
            &format!("/m/{id}/times"),
            &me,
            &[
                ("noticed", &shown),
                ("noticed_shown", &shown),
                ("started", "100 minutes ago"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let after = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(after["detected_at"], m["detected_at"], "left as it was");
    assert_eq!(after["time_corrections"].as_array().unwrap().len(), 3);
    assert_eq!(after["time_corrections"][2]["field"], "started");
    let r = app
        .submit(
            &page,
            &format!("/m/{id}/times"),
            &me,
            &[("started", "in an hour")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("When it started"), "{}", r.html);
}
