//! Issue 19, an organisation's own playbooks: admins add and edit them
//! (every version kept and listed), members read them and are refused
//! writes (403, as every admin-only API route), built-ins stay read-only,
//! hostile Markdown is refused in words (HTML written as code is kept and shown inert), a text over its
//! limit is refused with nothing stored, and they take part in search and
//! in the related playbooks of the built-ins.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn admin_and_member(app: &TestApp) -> (Person, Person) {
    let admin = app.setup_admin().await;
    let olga = app.join(&admin, "Olga", "member", None, None).await;
    (admin, olga)
}

fn slugs(list: &Value) -> Vec<String> {
    list["playbooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_owned())
        .collect()
}

async fn put_if(
    app: &TestApp,
    path: &str,
    who: &Person,
    tag: &str,
    body: Value,
) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .put(format!("{}{path}", app.base))
        .bearer_auth(&who.token)
        .header("if-match", tag)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn admins_add_and_edit_every_version_kept_members_read() {
    let app = spawn_app().await;
    let (ada, olga) = admin_and_member(&app).await;
    let made = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Our release checklist", "body": "## Before\n\nRun the **smoke** tests.\n"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.body["slug"], "our-release-checklist");
    assert_eq!(made.body["kind"], "organisation");
    assert_eq!(made.body["summary"], "Before", "made from the body");
    assert_eq!(made.body["version"], 1);
    assert_eq!(made.headers["etag"], "\"1\"");

    let listed = app.get("/api/v1/playbooks", &olga).await;
    assert_eq!(slugs(&listed.body).len(), 21);
    assert!(slugs(&listed.body).contains(&"our-release-checklist".to_owned()));
    let read = app
        .get("/api/v1/playbooks/our-release-checklist", &olga)
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["updated_by"], "Ada Admin");
    assert_eq!(read.headers["etag"], "\"1\"");

    // A member may not write: 403 in words, and nothing changes.
    let refused = app
        .post(
            "/api/v1/playbooks",
            &olga,
            json!({"title": "Mine", "body": "x"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only an admin")
    );
    let path = "/api/v1/playbooks/our-release-checklist";
    for (method, body) in [
        (Method::PUT, Some(json!({"body": "mine"}))),
        (Method::DELETE, None),
    ] {
        let r = app.call(method.clone(), path, Some(&olga), body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{method}: {}", r.body);
    }

    let (status, v2) = put_if(
        &app,
        path,
        &ada,
        "\"1\"",
        json!({"body": "## Before\n\nRun all tests.\n", "summary": "What we check"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v2}");
    assert_eq!(
        (v2["version"].as_i64(), v2["summary"].as_str()),
        (Some(2), Some("What we check"))
    );
    assert_eq!(v2["title"], "Our release checklist", "kept when left out");
    let (status, stale) = put_if(&app, path, &ada, "\"1\"", json!({"body": "late"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{stale}");

    let revs = app.get(&format!("{path}/revisions"), &olga).await;
    assert_eq!(revs.status, StatusCode::OK, "{}", revs.body);
    let revs = revs.body["revisions"].as_array().unwrap().clone();
    let seen: Vec<(i64, &str, &str)> = revs
        .iter()
        .map(|r| {
            (
                r["version"].as_i64().unwrap(),
                r["summary"].as_str().unwrap(),
                r["author"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (2, "What we check", "Ada Admin"),
            (1, "Before", "Ada Admin")
        ]
    );
    assert!(
        revs[1]["body_markdown"]
            .as_str()
            .unwrap()
            .contains("**smoke**")
    );
    assert!(revs[0]["at"].is_string());

    // Every write is in the playbook's audit trail (read from the store).
    let retired = app.call(Method::DELETE, path, Some(&ada), None).await;
    assert_eq!(retired.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(path, &olga).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("{path}/revisions"), &olga).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        slugs(&app.get("/api/v1/playbooks", &olga).await.body).len(),
        20
    );
}

#[tokio::test]
async fn builtins_are_read_only_and_bad_input_is_refused_in_words() {
    let app = spawn_app().await;
    let (ada, _) = admin_and_member(&app).await;
    for (method, path, body) in [
        (
            Method::PUT,
            "/api/v1/playbooks/four-traps",
            Some(json!({"body": "x"})),
        ),
        (Method::DELETE, "/api/v1/playbooks/four-traps", None),
        (
            Method::POST,
            "/api/v1/playbooks",
            Some(json!({"title": "Four traps", "body": "x"})),
        ),
        (
            Method::POST,
            "/api/v1/playbooks",
            Some(json!({"title": "T", "slug": "credibility-dip", "body": "x"})),
        ),
    ] {
        let r = app.call(method.clone(), path, Some(&ada), body).await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "{method} {path}: {}",
            r.body
        );
        assert_eq!(r.body["error"]["code"], "built_in");
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("built-in")
        );
    }
    assert_eq!(
        app.get("/api/v1/playbooks/four-traps/revisions", &ada)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let over = "x".repeat(20_001);
    for (body, words) in [
        (json!({"title": "Long", "body": over}), "at most 20000"),
        (json!({"title": " ", "body": "x"}), "the title is blank"),
        (json!({"title": "T", "body": ""}), "the body is blank"),
        (
            json!({"title": "T", "summary": "a\nb", "body": "x"}),
            "the summary",
        ),
        (
            json!({"title": "T", "slug": "Not A Slug", "body": "x"}),
            "the slug must be",
        ),
        (json!({"title": "日本語", "body": "x"}), "give a slug"),
        (json!({"title": "T", "body": "x", "extra": 1}), "extra"),
    ] {
        let r = app.post("/api/v1/playbooks", &ada, body.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.contains(words), "{words}: {msg}");
    }
    assert_eq!(
        slugs(&app.get("/api/v1/playbooks", &ada).await.body).len(),
        20,
        "nothing stored"
    );

    let first = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Ours", "body": "x"}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let taken = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Ours", "body": "y"}),
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    assert!(
        taken.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already has a playbook")
    );
    let too_long = app
        .put(
            "/api/v1/playbooks/ours",
            &ada,
            json!({"body": "x".repeat(20_001)}),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/api/v1/playbooks/ours", &ada).await.body["version"],
        1
    );
    // Bad input is a 422 whatever the version sent: checked first.
    let (status, body) = put_if(
        &app,
        "/api/v1/playbooks/ours",
        &ada,
        "\"7\"",
        json!({"title": "t".repeat(201), "body": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    for (method, path) in [
        (Method::PUT, "/api/v1/playbooks/nowhere"),
        (Method::DELETE, "/api/v1/playbooks/nowhere"),
        (Method::GET, "/api/v1/playbooks/nowhere/revisions"),
    ] {
        let body = (method == Method::PUT).then(|| json!({"body": "x"}));
        let r = app.call(method.clone(), path, Some(&ada), body).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            r.body
        );
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("no playbook")
        );
    }
}

#[tokio::test]
async fn org_playbooks_are_searched_and_related() {
    let app = spawn_app().await;
    let (ada, olga) = admin_and_member(&app).await;
    let made = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Zebra crossings for deploys", "summary": "How we pause releases.", "body": "We stop at the zebra before any deploy on Friday.\n"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let found = app.get("/api/v1/playbooks?q=zebra", &olga).await;
    assert_eq!(slugs(&found.body), vec!["zebra-crossings-for-deploys"]);
    assert!(
        found.body["playbooks"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("zebra")
    );

    // A text much like a built-in's is among its nearest, and it among theirs.
    let traps = app.get("/api/v1/playbooks/four-traps", &olga).await.body;
    let body = traps["body_markdown"].as_str().unwrap();
    let twin = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Our take on the traps", "body": body}),
        )
        .await;
    assert_eq!(twin.status, StatusCode::CREATED, "{}", twin.body);
    let related: Vec<Value> = twin.body["related"].as_array().unwrap().clone();
    assert_eq!(related[0]["slug"], "four-traps", "{related:?}");
    let traps = app.get("/api/v1/playbooks/four-traps", &olga).await.body;
    assert_eq!(
        traps["related"][0]["slug"], "our-take-on-the-traps",
        "{}",
        traps["related"]
    );
}

#[tokio::test]
async fn hostile_markdown_is_refused_in_words_and_what_is_kept_shows_inert() {
    let app = spawn_app().await;
    let (ada, olga) = admin_and_member(&app).await;
    // Each hostile construct is refused, saying what, and nothing is stored.
    for (body, says) in [
        ("# Hi\n\n<script>alert('pb')</script>\n", "holds HTML"),
        ("[click](javascript:alert('pb'))", "is not allowed"),
        ("<img src=x onerror=alert('pb')>", "holds HTML"),
        (
            "<a href=\"https://x.example\" onclick=\"steal()\">y</a>",
            "holds HTML",
        ),
        (
            "<iframe src=\"https://evil.example\"></iframe>",
            "holds HTML",
        ),
        ("![x](https://x.example/x.png)", "image"),
    ] {
        let r = app
            .post(
                "/api/v1/playbooks",
                &ada,
                json!({"title": "Hostile", "body": body}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.contains(says), "{body}: {msg}");
        let none = app.get("/api/v1/playbooks/hostile", &olga).await;
        assert_eq!(
            none.status,
            StatusCode::NOT_FOUND,
            "nothing stored for {body}"
        );
    }
    // HTML written as code is kept as written, and every page shows it as text.
    let shown = "# Hi\n\nNever paste `<script>alert('pb')</script>` into a page.\n\n```\n<img src=x onerror=alert('pb')>\n```\n";
    let made = app
        .post(
            "/api/v1/playbooks",
            &ada,
            json!({"title": "Hostile", "summary": "<b onmouseover=x()>s</b>", "body": shown}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.body["body_markdown"], shown, "stored as written");
    let edit = app
        .put(
            "/api/v1/playbooks/hostile",
            &ada,
            json!({"body": "<script>alert('pb')</script>"}),
        )
        .await;
    assert_eq!(
        edit.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        edit.body
    );
    for path in [
        "/playbooks/hostile",
        "/playbooks/hostile/history",
        "/playbooks?q=hostile",
    ] {
        let page = app.page(path, Some(&olga)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for tag in tags(&page.html) {
            let t = tag.to_lowercase();
            let ours = t.starts_with("<script src=\"/assets/");
            assert!(
                ours || !(t.starts_with("<script")
                    || t.starts_with("<img")
                    || t.starts_with("<iframe")),
                "{path}: {tag}"
            );
            for attr in ["onerror", "onclick", "onmouseover", "javascript:"] {
                assert!(!t.contains(attr), "{path}: {tag}");
            }
        }
    }
    let page = app.page("/playbooks/hostile", Some(&olga)).await;
    assert!(
        page.html.contains("&lt;script&gt;"),
        "code is shown as text"
    );
}

/// The page's tags (`<…>`), as written; text between them is left out.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        out.push(&rest[start..=start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

#[tokio::test]
async fn web_admins_add_edit_and_see_history_members_only_read() {
    let app = spawn_app().await;
    let (ada, olga) = admin_and_member(&app).await;
    let list = app.page("/playbooks", Some(&ada)).await;
    assert!(list.html.contains("href=\"/playbooks/new\""));
    assert!(
        !app.page("/playbooks", Some(&olga))
            .await
            .html
            .contains("/playbooks/new")
    );
    assert_eq!(
        app.page("/playbooks/new", Some(&olga)).await.status,
        StatusCode::NOT_FOUND
    );

    let over = "x".repeat(20_001);
    let refused = app
        .submit(
            "/playbooks/new",
            "/playbooks/new",
            &ada,
            &[
                ("title", "Web one"),
                ("summary", ""),
                ("slug", ""),
                ("body", &over),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("at most 20000") && refused.html.contains("value=\"Web one\""));

    let made = app
        .submit(
            "/playbooks/new",
            "/playbooks/new",
            &ada,
            &[
                ("title", "Web one"),
                ("summary", ""),
                ("slug", ""),
                ("body", "First text"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    assert_eq!(made.location(), "/playbooks/web-one");
    let shown = app.page("/playbooks/web-one", Some(&ada)).await;
    assert!(shown.html.contains("href=\"/playbooks/web-one/edit\""));
    assert!(shown.html.contains("href=\"/playbooks/web-one/history\""));
    let as_member = app.page("/playbooks/web-one", Some(&olga)).await;
    assert!(!as_member.html.contains("/edit\""));
    assert_eq!(
        app.page("/playbooks/web-one/edit", Some(&olga))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page("/playbooks/four-traps/edit", Some(&ada))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !app.page("/playbooks/four-traps", Some(&ada))
            .await
            .html
            .contains("/edit\"")
    );

    let saved = app
        .submit(
            "/playbooks/web-one/edit",
            "/playbooks/web-one/edit",
            &ada,
            &[
                ("title", "Web one"),
                ("summary", "Better"),
                ("body", "Second text"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    let stale = app
        .submit(
            "/playbooks/web-one/edit",
            "/playbooks/web-one/edit",
            &ada,
            &[
                ("title", "Web one"),
                ("summary", "Old"),
                ("body", "Stale text"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stale.html.contains("Someone else changed this") && stale.html.contains("Stale text"));

    let history = app.page("/playbooks/web-one/history", Some(&olga)).await;
    assert_eq!(history.status, StatusCode::OK);
    let v2 = history.html.find("Version 2").expect("version 2");
    let v1 = history.html.find("Version 1").expect("version 1");
    assert!(v2 < v1 && history.html.contains("Second text") && history.html.contains("First text"));

    let retired = app
        .submit(
            "/playbooks/web-one/edit",
            "/playbooks/web-one/retire",
            &ada,
            &[],
        )
        .await;
    assert_eq!(retired.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.page("/playbooks/web-one", Some(&olga)).await.status,
        StatusCode::NOT_FOUND
    );
}
