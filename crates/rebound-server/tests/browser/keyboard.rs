//! The flow by keyboard alone: sign in, "I made a mistake", the form, mark
//! the heads-up sent, write the note, tick both checkboxes, move through to
//! closed — Tab, typing, Enter and Space only, with the focus visible at
//! every stop.

use crate::harness::{Env, PASSWORD};
use fantoccini::key::Key;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flow_to_closed_works_by_keyboard_alone_with_the_focus_always_visible() {
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

    // The rest of the flow, still by keyboard: the note (impact and one
    // prevention item), both checkboxes, then every move to closed. After
    // each post the page comes back at its section, and Tab goes on from
    // there.
    kim.tab_to("#note-who").await;
    kim.type_text("the QA team, 6 people").await;
    kim.tab_to("#note-what-wrong").await;
    kim.type_text("the staging bucket was deleted").await;
    kim.tab_to("#note-pt-0").await;
    kim.type_text("a retention lock on the staging bucket")
        .await;
    kim.tab_to("form[action$='/note'] button[type=submit]")
        .await;
    kim.key_to_next_page(Key::Enter).await;
    for checkbox in ["impact", "prevention"] {
        kim.tab_to(&format!("form[action$='/checks/{checkbox}'] button"))
            .await;
        kim.key_to_next_page(Key::Space).await;
    }
    for _ in ["contained", "fixed", "reviewed", "closed"] {
        kim.tab_to("form[action$='/move'] button").await;
        kim.key_to_next_page(Key::Enter).await;
    }
    let state = kim
        .js(
            "return document.querySelector('main header .pill').textContent",
            vec![],
        )
        .await;
    assert_eq!(state, json!("closed"), "the record is closed");
    kim.shot("closed-by-keyboard").await;
    kim.close().await;
}
