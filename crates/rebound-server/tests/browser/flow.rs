//! The whole path of a mistake, in real browsers (and, once it is closed,
//! a win logged after it, the way back and the list of reflections).

use crate::harness::{Env, PASSWORD};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mistake_from_setup_to_closed_across_owner_stakeholder_and_guest() {
    let Some(env) = Env::start("flow").await else {
        return;
    };
    let ada = env.browser("owner").await;

    // First run: setup makes the admin and signs her in.
    ada.open("/").await;
    ada.assert_at("/setup").await;
    ada.shot("setup").await;
    ada.fill("#email", "ada@example.com").await;
    ada.fill("#display_name", "Ada Lovelace").await;
    ada.fill("#password", PASSWORD).await;
    ada.fill("#time_zone", "Europe/Paris").await;
    ada.submit("Create account", None).await;
    ada.assert_at("/").await;

    // Sign out and in again through the sign-in page.
    ada.submit("Sign out", None).await;
    ada.assert_at("/signin").await;
    ada.fill("#email", "ada@example.com").await;
    ada.fill("#password", PASSWORD).await;
    ada.shot("sign-in").await;
    ada.submit("Sign in", None).await;
    ada.assert_at("/").await;
    ada.assert_text("Nothing open").await;
    ada.shot("home-empty").await;

    // New mistake: one short form, then the mistake page at its heads-up.
    ada.follow("I made a mistake").await;
    ada.fill("#title", "Sent the wrong dashboard version to finance")
        .await;
    ada.fill("#affected", "the finance leads").await;
    ada.fill("#doing", "re-sending yesterday's version").await;
    ada.el("#severity")
        .await
        .select_by_value("high")
        .await
        .unwrap();
    // Named stakeholders may read it.
    ada.el("input[name=visibility][value=stakeholders]")
        .await
        .click()
        .await
        .unwrap();
    ada.shot("new-mistake").await;
    ada.submit("Draft my heads-up", None).await;
    let mistake = ada.path().await;
    assert!(
        mistake.starts_with("/m/") && mistake.ends_with("#heads-up"),
        "{mistake}"
    );
    let mistake = mistake.trim_end_matches("#heads-up").to_string();

    // Copy the heads-up. Headless Chromium's clipboard may refuse; what is
    // asserted is the page's own effect: the button says "Copied" (the
    // clipboard took the text) or, when the clipboard is unavailable, the
    // whole draft is selected for the person to copy themselves.
    let draft = ada
        .js(
            "return document.getElementById('heads-up-text').value",
            vec![],
        )
        .await;
    let draft = draft.as_str().unwrap().to_string();
    assert!(draft.contains("the finance leads"), "{draft}");
    ada.button("Copy heads-up", None)
        .await
        .click()
        .await
        .unwrap();
    ada.wait_until(
        "the copy button to say Copied, or the draft to be selected",
        "const b = document.querySelector('button[data-copy]'); const t = document.getElementById('heads-up-text'); \
         return b.textContent === 'Copied' || (document.activeElement === t && t.selectionStart === 0 && t.selectionEnd === t.value.length)",
    )
    .await;
    let copied = ada
        .js(
            "return document.querySelector('button[data-copy]').textContent",
            vec![],
        )
        .await;
    eprintln!("copy button after the click: {copied}");
    ada.shot("heads-up-copied").await;
    ada.fill("#sent-to", "the finance leads and Grace").await;
    ada.submit("I have sent it", None).await;
    ada.assert_text("to the finance leads and Grace").await;
    ada.shot("heads-up-sent").await;

    // The follow-up note.
    ada.fill("#note-who", "the finance leads").await;
    ada.fill("#note-how-many", "four people").await;
    ada.fill(
        "#note-what-wrong",
        "The dashboard counted refunds twice, so revenue looked 3 % higher.",
    )
    .await;
    ada.fill(
        "#note-containment",
        "Re-sent yesterday's version; asked finance to discard v42.",
    )
    .await;
    ada.fill("#note-fix", "Correct the refund join in the revenue query.")
        .await;
    ada.fill(
        "#note-pt-0",
        "Compare the totals with the ledger before publishing.",
    )
    .await;
    ada.fill("#note-owner", "Ada").await;
    ada.submit("Save the note", Some("#note")).await;
    ada.assert_at(&mistake).await;
    ada.assert_text("Compare the totals with the ledger before publishing.")
        .await;
    ada.shot("note-saved").await;

    // A stakeholder joins through the people page's invitation link.
    ada.open("/people").await;
    ada.fill("#invite-email", "grace@example.com").await;
    ada.submit("Create invitation link", None).await;
    let invitation = ada
        .js(
            "return document.getElementById('invite-link').value",
            vec![],
        )
        .await;
    let invitation = invitation.as_str().expect("an invitation link").to_string();
    let path = invitation
        .split_once("/invite/")
        .map(|(_, t)| format!("/invite/{t}"))
        .unwrap_or_else(|| panic!("not an invitation link: {invitation}"));
    ada.shot("people-invitation").await;

    let grace = env.browser("stakeholder").await;
    grace.open(&path).await;
    grace.fill("#display_name", "Grace Hopper").await;
    grace.fill("#password", PASSWORD).await;
    grace.fill("#time_zone", "America/New_York").await;
    grace.shot("invitation").await;
    grace.submit("Create my account", None).await;
    grace.assert_at("/").await;

    // Share with her: name her as a stakeholder.
    ada.open(&mistake).await;
    ada.el("#stakeholder")
        .await
        .select_by_label("Grace Hopper (grace@example.com)")
        .await
        .unwrap_or_else(|e| panic!("Grace is not offered as a stakeholder: {e}"));
    ada.submit("Add as stakeholder", Some("#people")).await;
    ada.assert_text("0 of 1 acknowledged").await;
    ada.shot("stakeholder-named").await;
    ada.shot_of("#people", "people-section").await;

    // She sees it waiting, acknowledges and comments.
    grace.open("/").await;
    grace.assert_text("Waiting for your acknowledgement").await;
    grace.shot("home-waiting").await;
    grace
        .follow("Sent the wrong dashboard version to finance")
        .await;
    grace.assert_at(&mistake).await;
    grace.submit("Acknowledge", Some("#acknowledge")).await;
    grace.assert_text("You acknowledged this note").await;
    grace
        .fill(
            "#comment-body",
            "Does the Q3 board pack use the same query?",
        )
        .await;
    grace.submit("Post the comment", Some("#comments")).await;
    grace
        .assert_text("Does the Q3 board pack use the same query?")
        .await;
    grace.shot("acknowledged-and-commented").await;
    eprintln!(
        "pages checked with axe-core: stakeholder {:?}",
        grace.checked()
    );
    grace.close().await;

    // A share link for someone without an account.
    ada.open(&mistake).await;
    ada.assert_text("1 of 1 acknowledged").await;
    ada.fill("#link-label", "the finance leads").await;
    ada.submit("Make a share link", Some("#share-links")).await;
    let link = ada
        .js(
            "return document.getElementById('fresh-link-url').value",
            vec![],
        )
        .await;
    let link = link.as_str().expect("a share link").to_string();
    let link_path = link
        .split_once("/s/")
        .map(|(_, t)| format!("/s/{t}"))
        .unwrap_or_else(|| panic!("not a share link: {link}"));
    ada.shot("share-link").await;

    // The guest, in a fresh browser: a name, a comment, an upvote.
    let guest = env.browser("guest").await;
    guest.open(&link_path).await;
    guest.fill("#display_name", "Robin from finance").await;
    guest.shot("guest-arrives").await;
    guest.submit("Continue", None).await;
    guest
        .assert_text("Compare the totals with the ledger before publishing.")
        .await;
    guest
        .fill("#comment-body", "Thanks. The board pack uses it too.")
        .await;
    guest.submit("Post comment", Some("#comments")).await;
    guest
        .assert_text("Thanks. The board pack uses it too.")
        .await;
    guest
        .submit("Upvote the comment by Grace Hopper", Some("#comments"))
        .await;
    guest.assert_text("Take back my upvote").await;
    guest.shot("guest-commented-and-upvoted").await;
    eprintln!("pages checked with axe-core: guest {:?}", guest.checked());
    guest.close().await;

    // Ada sees both comments and the vote.
    ada.open(&mistake).await;
    ada.assert_text("Thanks. The board pack uses it too.").await;

    // Closing: refused while a checkbox is unticked, then done.
    ada.submit("It has been reviewed", Some("#lifecycle")).await;
    ada.assert_text("Closing needs both checkboxes ticked")
        .await;
    let offered = ada
        .js(
            "return [...document.querySelectorAll('#lifecycle button')].some(b => b.textContent.includes('Close the record'))",
            vec![],
        )
        .await;
    assert_eq!(
        offered,
        json!(false),
        "no close button while the checkboxes are unticked"
    );
    ada.submit("Tick impact documented", Some("#checks")).await;
    ada.submit("Tick prevention defined", Some("#checks")).await;
    // A checkbox unticked elsewhere (the CLI, another tab) while this page
    // still offers to close: the click is refused, with the reason.
    let token = env.api_token("ada@example.com").await;
    let id = mistake.trim_start_matches("/m/");
    env.api(
        reqwest::Method::DELETE,
        &format!("/api/v1/mistakes/{id}/checks/prevention"),
        &token,
        json!(null),
    )
    .await;
    ada.submit("Close the record", Some("#lifecycle")).await;
    let refusal = ada
        .js(
            "const a = document.querySelector('#lifecycle [role=alert]'); return a ? a.textContent : null",
            vec![],
        )
        .await;
    let Some(refusal) = refusal.as_str().map(str::to_string) else {
        panic!("no refusal in the Progress section:\n{}", ada.text().await);
    };
    assert!(refusal.contains("prevention"), "{refusal}");
    ada.shot_of("#lifecycle", "close-refused").await;
    ada.submit("Tick prevention defined", Some("#checks")).await;
    ada.submit("Close the record", Some("#lifecycle")).await;
    let state = ada
        .js("return document.querySelector('#lifecycle [aria-current=step] .stage-name').textContent", vec![])
        .await;
    assert_eq!(state, json!("Closed"));
    ada.shot("closed").await;

    // Keep showing up: a win after this mistake, logged from its page (the
    // owner's alone), then the way back and the list of reflections.
    ada.fill(
        "#win-text",
        "Walked finance through the corrected dashboard",
    )
    .await;
    ada.submit("Log the win", Some("#keep-showing-up")).await;
    ada.assert_at(&mistake).await;
    ada.assert_text("Walked finance through the corrected dashboard")
        .await;
    ada.shot_of("#keep-showing-up", "keep-showing-up").await;
    ada.follow("All your wins and self-care").await;
    ada.assert_at(&format!(
        "/recovery?mistake={}",
        mistake.trim_start_matches("/m/")
    ))
    .await;
    ada.assert_text("(after Sent the wrong dashboard version to finance)")
        .await;
    ada.follow("Your reflections").await;
    ada.assert_at("/reflections").await;
    ada.assert_text("No reflections yet").await;

    eprintln!("pages checked with axe-core: owner {:?}", ada.checked());
    ada.close().await;
}
