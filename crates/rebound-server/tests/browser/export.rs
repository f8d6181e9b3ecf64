//! The export section of the mistake page and the HTML export itself, in a
//! real browser at 390 and 1280 px: the page offers the five downloads, and
//! the exported document reads well on a phone and a desktop, with the
//! Markdown rendered and nothing injected running.

use crate::harness::{Env, PASSWORD};
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_export_reads_well_and_runs_nothing() {
    let Some(env) = Env::start("export").await else {
        return;
    };
    let token = crate::people::admin(&env).await;
    let m = env
        .api(
            Method::POST,
            "/api/v1/mistakes",
            &token,
            json!({"title": "Sent the wrong dashboard version to finance", "affected": "the finance leads", "severity": "high"}),
        )
        .await;
    let id = m["id"].as_str().unwrap().to_string();
    let note = json!({
        "impact": {"who": "the finance leads", "what_wrong": "refunds counted twice"},
        "containment": "Pulled **v42** <img src=x onerror=\"window.__pwned=1\"> and told finance",
        "fix": "Correct the refund join in `export.sql`",
        "prevention": [{"kind": "preventive", "text": "Compare with the ledger before publishing"}],
        "owner": "me",
    });
    env.api(
        Method::PUT,
        &format!("/api/v1/mistakes/{id}/note"),
        &token,
        note,
    )
    .await;
    env.api(
        Method::POST,
        &format!("/api/v1/mistakes/{id}/updates"),
        &token,
        json!({"text": "v41 is back; the fix ships at 16:00"}),
    )
    .await;

    let b = env.browser("owner").await;
    b.open("/signin").await;
    b.fill("#email", "ada@example.com").await;
    b.fill("#password", PASSWORD).await;
    b.submit("Sign in", None).await;
    b.open(&format!("/m/{id}")).await;
    for label in ["Download as a web page", "Download for chat"] {
        b.assert_text(label).await;
    }
    b.shot_of("#export", "export-section-1280").await;
    b.set_viewport(390, 844).await;
    b.shot_of("#export", "export-section-390").await;

    // The document as the API serves it, opened from a file as a reader would.
    let html = env
        .http
        .get(format!(
            "{}/api/v1/mistakes/{id}/export?format=html",
            env.base
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.html");
    std::fs::write(&file, html).unwrap();
    b.c.goto(&format!("file://{}", file.display()))
        .await
        .unwrap();
    b.wait_until(
        "the export to load",
        "return document.readyState === 'complete'",
    )
    .await;
    let facts = b
        .js(
            "return [document.querySelectorAll('script, img, iframe').length, window.__pwned === undefined, \
             document.querySelector('strong') && document.querySelector('strong').textContent, \
             document.documentElement.scrollWidth <= window.innerWidth]",
            vec![],
        )
        .await;
    assert_eq!(
        facts,
        json!([0, true, "v42", true]),
        "nothing runs, it fits 390 px"
    );
    b.shot("html-export-390").await;
    b.set_viewport(1280, 900).await;
    b.shot("html-export-1280").await;
    b.close().await;
}
