//! The export formats beside Markdown, email and JSON: a standalone HTML
//! document and a short Slack message, each through the same read (the
//! guard) as the others; and naming stakeholders by the email they sign in
//! with, as the CLI does.

use crate::harness::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const HOSTILE: &str =
    "Paused it <img src=x onerror=alert(1)> and <script>alert(2)</script> [x](javascript:alert(3))";

async fn hostile_mistake(app: &TestApp, who: &Person) -> String {
    let id = app
        .mistake(who, "Wrong <b>totals</b> & more", "private")
        .await;
    let note = json!({"impact": {"who": "<i>finance</i>"}, "prevention": [], "containment": HOSTILE, "fix": "**Re-run** the export"});
    let r = app
        .put(&format!("/api/v1/mistakes/{id}/note"), who, note)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    id
}

async fn export(app: &TestApp, id: &str, format: &str, who: &Person) -> Reply {
    app.call(
        Method::GET,
        &format!("/api/v1/mistakes/{id}/export?format={format}"),
        Some(who),
        None,
    )
    .await
}

#[tokio::test]
async fn html_export_is_one_standalone_sanitised_document() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = hostile_mistake(&app, &ada).await;
    let r = export(&app, &id, "html", &ada).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ct = r.headers["content-type"].to_str().unwrap();
    assert!(ct.starts_with("text/html"), "{ct}");
    let html = r.body.as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<style>"));
    assert!(html.contains("<title>Wrong &lt;b&gt;totals&lt;/b&gt; &amp; more</title>"));
    // Markdown rendered, as on the web page …
    assert!(
        html.contains("<strong>Re-run</strong> the export"),
        "{html}"
    );
    // … and everything that could run is gone or shown as text.
    for bad in ["<script", "<img", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;i&gt;finance&lt;/i&gt;"),
        "plain fields escaped"
    );
    // Opened from its address it is styled: the policy it is served under
    // allows its own style block, by that block's hash, and nothing more.
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    let style = html.split("<style>").nth(1).unwrap();
    let style = style.split("</style>").next().unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
    assert!(csp.contains(&format!("style-src 'sha256-{hash}'")), "{csp}");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(!csp.contains("script-src"), "{csp}");
}

#[tokio::test]
async fn chat_export_is_a_short_slack_message() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = hostile_mistake(&app, &ada).await;
    let r = export(&app, &id, "chat", &ada).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let chat = r.body.as_str().unwrap();
    assert!(
        chat.starts_with("*Wrong &lt;b&gt;totals&lt;/b&gt; &amp; more* — detected"),
        "{chat}"
    );
    assert!(
        chat.contains("• *Containment:* Paused it &lt;img"),
        "{chat}"
    );
    assert!(
        !chat.contains('<'),
        "no Slack link or mention from what people wrote: {chat}"
    );
}

#[tokio::test]
async fn every_export_format_is_the_readers_alone() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let bob = app.join(&ada, "Bob", "member", None, None).await;
    let id = hostile_mistake(&app, &ada).await;
    for format in ["markdown", "email", "html", "chat", "json"] {
        let r = export(&app, &id, format, &bob).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{format}: {}", r.body);
    }
    let r = export(&app, &id, "pdf", &ada).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("html, chat"), "{message}");
    let doc = app.get("/api/v1/openapi.json", &ada).await.body;
    let op = &doc["paths"]["/api/v1/mistakes/{id}/export"]["get"];
    assert!(
        op["responses"]["200"]["content"]["text/html"].is_object(),
        "{op}"
    );
    assert!(op.to_string().contains("chat"), "{op}");
}

#[tokio::test]
async fn web_export_offers_a_web_page_and_chat() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = hostile_mistake(&app, &ada).await;
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    for (format, ct, ext) in [
        ("html", "text/html", ".html"),
        ("chat", "text/plain", "-chat.txt"),
    ] {
        assert!(
            page.html
                .contains(&format!("/m/{id}/export?format={format}"))
        );
        let r = app
            .page(&format!("/m/{id}/export?format={format}"), Some(&ada))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.html);
        let h = |k: &str| r.headers.get(k).unwrap().to_str().unwrap().to_string();
        assert!(h("content-type").starts_with(ct));
        assert!(h("content-disposition").starts_with("attachment"));
        assert!(h("content-disposition").contains(ext));
        let api = export(&app, &id, format, &ada).await;
        assert_eq!(Value::String(r.html), api.body, "the API's words");
    }
}

#[tokio::test]
async fn stakeholders_are_named_and_removed_by_email() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let bob = app.join(&ada, "Bob", "member", None, None).await;
    let cy = app.join(&ada, "Cy", "member", None, None).await;
    let id = app.mistake(&ada, "Wrong totals", "stakeholders").await;
    let path = format!("/api/v1/mistakes/{id}/stakeholders");
    let r = app
        .put(&format!("{path}/{}", bob.email), &ada, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let list = app.get(&path, &ada).await;
    assert_eq!(list.body["stakeholders"][0]["user"], bob.id.as_str());
    let r = app
        .put(
            &format!("{path}/{}", bob.email.to_uppercase()),
            &ada,
            json!({}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NO_CONTENT,
        "the same person: {}",
        r.body
    );
    let r = app
        .put(&format!("{path}/nobody@example.com"), &ada, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nobody signs in")
    );
    let r = app
        .put(&format!("{path}/not@an@email"), &ada, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Someone who may not change the sharing learns nothing about accounts.
    let r = app
        .put(&format!("{path}/nobody@example.com"), &cy, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call(
            Method::DELETE,
            &format!("{path}/{}", bob.email),
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let list = app.get(&path, &ada).await;
    assert_eq!(list.body["stakeholders"], json!([]));
}
