//! The record tells the truth (issue 17), in a real browser at 1280 and
//! 390 px: the new-mistake form takes when it was noticed and started in
//! words (a refusal said beside its field), and the timeline's entries are
//! corrected and removed with no script: the edit opens in place, the
//! removal asks first, and the past stays on the page; a corrected time
//! in the record's head keeps what it said before.

use crate::harness::{Browser, Env};
use reqwest::Method;
use serde_json::json;

async fn setup(b: &Browser) {
    b.open("/").await;
    b.fill("#email", "ada@example.com").await;
    b.fill("#display_name", "Ada Lovelace").await;
    b.fill("#password", crate::harness::PASSWORD).await;
    b.fill("#time_zone", "Europe/Paris").await;
    b.submit("Create account", None).await;
}

async fn summary(b: &Browser, entry: &str, label: &str) {
    let css = format!("#entry-{entry} details.{label} summary");
    b.el(&css).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn times_in_words_and_a_timeline_corrected_without_rewriting_it() {
    let Some(env) = Env::start("timeline").await else {
        return;
    };
    let ada = env.browser("owner").await;
    setup(&ada).await;

    ada.open("/new").await;
    ada.fill("#title", "Sent the wrong dashboard version to finance")
        .await;
    ada.fill("#noticed", "in 2 hours").await;
    ada.fill("#started", "yesterday at 17:45").await;
    ada.submit("Draft my heads-up", None).await;
    ada.assert_text("cannot be in the future").await;
    ada.shot("new-mistake-refused").await;
    ada.fill("#noticed", "20 minutes ago").await;
    ada.submit("Draft my heads-up", None).await;
    let page = ada.path().await.trim_end_matches("#heads-up").to_string();
    let id = page.trim_start_matches("/m/").to_string();
    ada.assert_text("undetected for").await;

    let token = env.api_token("ada@example.com").await;
    let path = format!("/api/v1/mistakes/{id}/timeline");
    for text in ["v42 publshed", "rolled back to v41"] {
        env.api(Method::POST, &path, &token, json!({ "text": text }))
            .await;
    }
    let m = env
        .api(
            Method::GET,
            &format!("/api/v1/mistakes/{id}"),
            &token,
            json!({}),
        )
        .await;
    let first = m["timeline"][0]["id"].to_string();
    let second = m["timeline"][1]["id"].to_string();

    ada.open(&page).await;
    summary(&ada, &first, "edit-entry").await;
    ada.fill(&format!("#entry-{first}-text"), "v42 published")
        .await;
    ada.fill(&format!("#entry-{first}-at"), "15 minutes ago")
        .await;
    ada.submit("Save the entry", Some(&format!("#entry-{first}")))
        .await;
    summary(&ada, &second, "remove-entry").await;
    ada.shot_of("#timeline", "remove-asks-first").await;
    ada.submit("Remove this entry", Some(&format!("#entry-{second}")))
        .await;
    ada.assert_text("Removed").await;
    summary(&ada, &first, "earlier").await;
    ada.assert_text("v42 publshed").await;
    ada.shot_of("#timeline", "timeline-1280").await;

    // The record's head: a corrected time keeps what it said before.
    ada.el("#times summary").await.click().await.unwrap();
    ada.fill("#times-noticed", "30 minutes ago").await;
    ada.submit("Save the times", Some("#times")).await;
    ada.assert_text("Times corrected (1)").await;
    ada.el("#times-history summary")
        .await
        .click()
        .await
        .unwrap();
    ada.assert_text("When it was noticed: ").await;
    ada.shot_of(".record-head", "times-corrected-1280").await;

    ada.set_viewport(390, 844).await;
    ada.open(&page).await;
    summary(&ada, &first, "edit-entry").await;
    ada.shot_of("#timeline", "timeline-390").await;
    ada.el("#times-history summary")
        .await
        .click()
        .await
        .unwrap();
    ada.assert_text("When it was noticed: ").await;
    ada.shot_of(".record-head", "times-corrected-390").await;
    ada.shot("mistake-390").await;
    ada.open("/new").await;
    ada.shot("new-mistake-390").await;
    ada.close().await;
}
