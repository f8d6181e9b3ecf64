//! The core path by keyboard alone: sign in, "I made a mistake", the form,
//! mark the heads-up sent — Tab, typing, Enter and Space only, with the
//! focus visible at every stop.

use crate::harness::{Env, PASSWORD};
use fantoccini::key::Key;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_core_path_works_by_keyboard_alone_with_the_focus_always_visible() {
    let Some(env) = Env::start("keyboard").await else {
        return;
    };
    let r = env
        .http
        .post(format!("{}/api/v1/setup", env.base))
        .json(&json!({"email": "kim@example.com", "display_name": "Kim", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "setup: {}", r.status());
    let kim = env.browser("kim").await;

    kim.open("/signin").await;
    kim.tab_to("#email").await;
    kim.type_text("kim@example.com").await;
    kim.tab_to("#password").await;
    kim.type_text(PASSWORD).await;
    kim.shot("sign-in-by-keyboard").await;
    kim.key_to_next_page(Key::Enter).await;
    kim.assert_at("/").await;

    // The first "I made a mistake" is in the header; Enter follows a link.
    kim.tab_to("a[href='/new']").await;
    kim.key_to_next_page(Key::Enter).await;
    kim.assert_at("/new").await;
    // The title field has the focus already (autofocus).
    let focused = kim.js("return document.activeElement.id", vec![]).await;
    assert_eq!(
        focused,
        json!("title"),
        "the form starts at its first field"
    );
    kim.type_text("Deleted the staging bucket").await;
    kim.tab_to("#affected").await;
    kim.type_text("the QA team").await;
    kim.tab_to("button[type=submit]:not(.link)").await;
    kim.shot("new-mistake-by-keyboard").await;
    kim.key_to_next_page(Key::Enter).await;
    assert!(kim.path().await.starts_with("/m/"));

    kim.tab_to("#sent-to").await;
    kim.type_text("the QA leads").await;
    kim.tab_to("#heads-up form[action$='/heads-up/sent'] button")
        .await;
    // Space presses a button as well as Enter does.
    kim.key_to_next_page(Key::Space).await;
    kim.assert_text("to the QA leads").await;
    kim.shot("heads-up-sent-by-keyboard").await;
    kim.close().await;
}
