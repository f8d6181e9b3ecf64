//! The mistake page's sections over HTTP (no browser): each form calls the
//! API's own handler, so what it changes is checked through the JSON API.
//! Only the moves that are legal now are offered; closing waits for both
//! checkboxes; stakeholders acknowledge, comment and upvote; a stranger's
//! post to any section is a 404 that changes nothing; comment Markdown is
//! rendered inert.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::Value;

/// Posts a form from the mistake page and expects the 303 back to `section`.
async fn ok(app: &TestApp, id: &str, action: &str, who: &Person, fields: &[(&str, &str)]) {
    let page = format!("/m/{id}");
    let r = app
        .submit(&page, &format!("/m/{id}/{action}"), who, fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.html);
    assert!(
        r.location().starts_with(&format!("/m/{id}#")),
        "{action}: {}",
        r.location()
    );
}

async fn record(app: &TestApp, id: &str, who: &Person) -> Value {
    let r = app.get(&format!("/api/v1/mistakes/{id}"), who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

/// The stored record without what is worked out from the clock at read time.
fn stored(mut m: Value) -> Value {
    let o = m.as_object_mut().unwrap();
    o.remove("clocks");
    o.remove("next_update_due");
    m
}

/// A note complete enough for both checkboxes.
const NOTE: &[(&str, &str)] = &[
    ("who", "the finance leads"),
    ("how_many", "about 40"),
    (
        "what_wrong",
        "last month's totals were shown as this month's",
    ),
    ("containment", "the export job is paused"),
    ("fix", "re-run the export with the right month"),
    ("fix_due", "2030-01-05T10:00"),
    ("prevention_kind_0", "detective"),
    (
        "prevention_text_0",
        "alert when the export month differs from the calendar",
    ),
    ("owner", "Ada"),
];

#[tokio::test]
async fn web_mistake_each_section_form_changes_what_the_api_shows() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app
        .mistake(&ada, "The export sent last month's totals", "stakeholders")
        .await;

    // Timeline: an entry, starred, then unstarred.
    ok(
        &app,
        &id,
        "timeline",
        &ada,
        &[
            ("text", "Export job ran with the wrong month"),
            ("at", "2020-01-01T09:30"),
            ("starred", "true"),
        ],
    )
    .await;
    let m = record(&app, &id, &ada).await;
    let entry = &m["timeline"][0];
    assert_eq!(entry["text"], "Export job ran with the wrong month");
    assert_eq!(entry["starred"], true);
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(page.html.contains("Starred"), "{}", page.html);
    assert!(page.html.contains("2020"), "full date shown");
    let entry_id = entry["id"].as_i64().unwrap().to_string();
    ok(
        &app,
        &id,
        &format!("timeline/{entry_id}/star"),
        &ada,
        &[("starred", "false")],
    )
    .await;
    assert_eq!(
        record(&app, &id, &ada).await["timeline"][0]["starred"],
        false
    );

    // The note, in its structured fields.
    ok(&app, &id, "note", &ada, NOTE).await;
    let m = record(&app, &id, &ada).await;
    assert_eq!(m["note"]["impact"]["who"], "the finance leads");
    assert_eq!(m["note"]["impact"]["how_many"], "about 40");
    assert_eq!(m["note"]["prevention"][0]["kind"], "detective");
    assert_eq!(m["note"]["owner"], "Ada");
    assert!(
        m["note"]["fix_due"]
            .as_str()
            .unwrap()
            .starts_with("2030-01-05")
    );
    assert_eq!(m["note_missing"].as_array().unwrap().len(), 0);

    // A commit, with advice when its message is thin.
    ok(
        &app,
        &id,
        "commits/hotfix",
        &ada,
        &[("sha", "abc1234"), ("url", ""), ("message", "fix")],
    )
    .await;
    let m = record(&app, &id, &ada).await;
    assert_eq!(m["commits"][0]["role"], "hotfix");
    assert_eq!(m["commits"][0]["sha"], "abc1234");
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(page.html.contains("Worth tightening"), "{}", page.html);

    // What the CLI found in the repository stays when only the message changes.
    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/commits/guardrail"),
            &ada,
            serde_json::json!({"sha": "def5678abc", "author": "Ada <ada@example.com>", "message": "Roll back"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    ok(
        &app,
        &id,
        "commits/guardrail",
        &ada,
        &[
            ("sha", "def5678abc"),
            (
                "message",
                "Roll back the export to v41 because v42 reads the wrong month",
            ),
        ],
    )
    .await;
    let m = record(&app, &id, &ada).await;
    assert_eq!(m["commits"][1]["author"], "Ada <ada@example.com>");
    assert!(
        m["commits"][1]["message"]
            .as_str()
            .unwrap()
            .contains("because")
    );

    // Updates, cadence and snooze.
    ok(
        &app,
        &id,
        "updates",
        &ada,
        &[("text", "The export is paused; re-run at 15:00.")],
    )
    .await;
    ok(
        &app,
        &id,
        "updates/schedule",
        &ada,
        &[("cadence", "every"), ("minutes", "45")],
    )
    .await;
    let m = record(&app, &id, &ada).await;
    assert_eq!(
        m["updates"][0]["text"],
        "The export is paused; re-run at 15:00."
    );
    assert_eq!(m["cadence"]["kind"], "every");
    assert_eq!(m["cadence"]["minutes"], 45);
    ok(
        &app,
        &id,
        "updates/schedule",
        &ada,
        &[("snooze_until", "2030-01-01T12:00")],
    )
    .await;
    let m = record(&app, &id, &ada).await;
    assert!(
        m["next_update_at"]
            .as_str()
            .unwrap()
            .starts_with("2030-01-01")
    );
    ok(&app, &id, "updates/schedule", &ada, &[("cadence", "none")]).await;
    assert_eq!(record(&app, &id, &ada).await["cadence"]["kind"], "none");

    // The affected list, one per line.
    ok(
        &app,
        &id,
        "affected",
        &ada,
        &[("affected", "the finance leads\nana@client.example\n\n")],
    )
    .await;
    let s = app
        .get(&format!("/api/v1/mistakes/{id}/stakeholders"), &ada)
        .await;
    assert_eq!(
        s.body["affected"],
        serde_json::json!(["the finance leads", "ana@client.example"])
    );

    // Who can open it.
    ok(&app, &id, "visibility", &ada, &[("visibility", "team")]).await;
    assert_eq!(record(&app, &id, &ada).await["visibility"], "team");

    // A refused note keeps what was typed, beside the reason.
    let r = app
        .submit(
            &format!("/m/{id}"),
            &format!("/m/{id}/note"),
            &ada,
            &[
                ("who", "typed, not yet saved"),
                ("since", "2099-01-01T00:00"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(
        r.html.contains("value=\"typed, not yet saved\""),
        "{}",
        r.html
    );
    assert_eq!(
        record(&app, &id, &ada).await["note"]["impact"]["who"],
        "the finance leads"
    );

    // Everything on one page, well under 100 KB.
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(page.html.len() < 100_000, "{} bytes", page.html.len());

    // A refused form keeps the page, with the reason beside its section.
    let r = app
        .submit(
            &format!("/m/{id}"),
            &format!("/m/{id}/updates/schedule"),
            &ada,
            &[("cadence", "every"), ("minutes", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.html.contains("between 5 minutes and 30 days"),
        "{}",
        r.html
    );
}

#[tokio::test]
async fn web_mistake_exports_download_as_plain_text() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app.mistake(&ada, "Wrong totals", "private").await;
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(
        page.html
            .contains(&format!("/m/{id}/export?format=markdown"))
    );
    assert!(page.html.contains(&format!("/m/{id}/export?format=email")));
    for (format, ext) in [("markdown", ".md"), ("email", "-email.txt")] {
        let r = app
            .page(&format!("/m/{id}/export?format={format}"), Some(&ada))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.html);
        let h = |k: &str| r.headers.get(k).unwrap().to_str().unwrap().to_string();
        assert!(h("content-type").starts_with("text/plain"));
        assert!(h("content-disposition").starts_with("attachment"));
        assert!(h("content-disposition").contains(ext));
        assert!(r.html.contains("Wrong totals"), "{}", r.html);
    }
    let api = app
        .get(&format!("/api/v1/mistakes/{id}/export?format=email"), &ada)
        .await;
    let email = app
        .page(&format!("/m/{id}/export?format=email"), Some(&ada))
        .await;
    assert_eq!(Value::String(email.html), api.body);
}

#[tokio::test]
async fn web_mistake_a_share_link_is_shown_once_and_can_be_revoked() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app.mistake(&ada, "Wrong totals", "private").await;
    let r = app
        .submit(
            &format!("/m/{id}"),
            &format!("/m/{id}/share-links"),
            &ada,
            &[("label", "client team"), ("days", "90")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.html);
    let at = r.html.find("/s/").expect("the new link is shown");
    let token: String = r.html[at + 3..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(token.len() > 20, "{token}");
    assert!(r.html.contains("data-copy=\"fresh-link-url\""));
    let links = app
        .get(&format!("/api/v1/mistakes/{id}/share-links"), &ada)
        .await;
    let link = &links.body["links"][0];
    assert_eq!(link["label"], "client team");
    assert_eq!(link["live"], true);
    // Shown once: the page does not carry it again.
    let again = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(!again.html.contains(&token));
    assert!(again.html.contains("client team"));
    ok(
        &app,
        &id,
        &format!("share-links/{}/revoke", link["id"].as_str().unwrap()),
        &ada,
        &[],
    )
    .await;
    let links = app
        .get(&format!("/api/v1/mistakes/{id}/share-links"), &ada)
        .await;
    assert_eq!(links.body["links"][0]["live"], false);
    assert!(
        app.page(&format!("/m/{id}"), Some(&ada))
            .await
            .html
            .contains("Revoked")
    );
}

#[tokio::test]
async fn web_mistake_closing_waits_for_both_checkboxes() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app.mistake(&ada, "Wrong totals", "private").await;
    ok(&app, &id, "heads-up/sent", &ada, &[("to", "my manager")]).await;
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(
        !page.html.contains("value=\"closed\""),
        "no close button yet"
    );
    assert!(page.html.contains("Closing needs both checkboxes"));
    // Posting it anyway is refused with the reason, and nothing moves.
    let r = app
        .submit(
            &format!("/m/{id}"),
            &format!("/m/{id}/move"),
            &ada,
            &[("to", "closed")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.html.contains("role=\"alert\""), "{}", r.html);
    assert!(r.html.contains("checkbox"), "{}", r.html);
    assert_eq!(record(&app, &id, &ada).await["state"], "owned");
    // A checkbox the note does not support yet is refused too.
    let r = app
        .submit(
            &format!("/m/{id}"),
            &format!("/m/{id}/checks/impact"),
            &ada,
            &[("ticked", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    ok(&app, &id, "note", &ada, NOTE).await;
    ok(&app, &id, "checks/impact", &ada, &[("ticked", "true")]).await;
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(
        !page.html.contains("value=\"closed\""),
        "one checkbox is not enough"
    );
    ok(&app, &id, "checks/prevention", &ada, &[("ticked", "true")]).await;
    let m = record(&app, &id, &ada).await;
    assert!(m["impact_checked_at"].is_string() && m["prevention_checked_at"].is_string());
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await;
    assert!(
        page.html.contains("value=\"closed\""),
        "the close button appears"
    );
    // Unticking takes it away again; ticking brings it back.
    ok(&app, &id, "checks/prevention", &ada, &[("ticked", "false")]).await;
    assert!(
        !app.page(&format!("/m/{id}"), Some(&ada))
            .await
            .html
            .contains("value=\"closed\"")
    );
    ok(&app, &id, "checks/prevention", &ada, &[("ticked", "true")]).await;
    ok(&app, &id, "move", &ada, &[("to", "closed")]).await;
    let m = record(&app, &id, &ada).await;
    assert_eq!(m["state"], "closed");
    // The moves made are recorded, not the stages passed over: closed
    // straight from owned, nothing claims it was contained or fixed.
    let to: Vec<&str> = (m["transitions"].as_array().unwrap().iter())
        .map(|t| t["to"].as_str().unwrap())
        .collect();
    assert_eq!(to, ["owned", "closed"]);
    let page = app.page(&format!("/m/{id}"), Some(&ada)).await.html;
    assert_eq!(page.matches(">skipped<").count(), 3, "{page}");
}

/// The `to` values of the move buttons on a page.
fn moves(html: &str) -> Vec<String> {
    html.match_indices("name=\"to\" value=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[tokio::test]
async fn web_mistake_only_the_moves_legal_now_are_offered() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app.mistake(&ada, "Wrong totals", "private").await;
    let page = format!("/m/{id}");
    // Not yet told anyone: nothing forward is legal (owned comes first).
    let html = app.page(&page, Some(&ada)).await.html;
    assert_eq!(moves(&html), Vec::<String>::new());
    assert!(html.contains("heads-up marked sent"), "says what is needed");
    ok(&app, &id, "heads-up/sent", &ada, &[]).await;
    let html = app.page(&page, Some(&ada)).await.html;
    assert_eq!(moves(&html), ["contained", "fixed", "reviewed"]);
    ok(&app, &id, "move", &ada, &[("to", "fixed")]).await;
    let html = app.page(&page, Some(&ada)).await.html;
    assert_eq!(moves(&html), ["reviewed", "contained"]);
    assert!(html.contains("The fix did not hold"));
    // A move that is not legal is refused, with the reason.
    let r = app
        .submit(&page, &format!("/m/{id}/move"), &ada, &[("to", "owned")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.html.contains("Cannot go back"), "{}", r.html);
    assert_eq!(record(&app, &id, &ada).await["state"], "fixed");
}

#[tokio::test]
async fn web_mistake_a_stakeholder_acknowledges_comments_and_upvotes_and_the_owner_sees_it() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let bea = app.join(&ada, "Bea", "member", None, None).await;
    let id = app.mistake(&ada, "Wrong totals", "stakeholders").await;
    let page = format!("/m/{id}");
    // The owner names Bea, chosen by name from the list of people.
    let owner_page = app.page(&page, Some(&ada)).await.html;
    assert!(owner_page.contains(&format!("value=\"{}\"", bea.id)));
    assert!(owner_page.contains("Bea (bea@example.com)"));
    ok(&app, &id, "stakeholders", &ada, &[("user", &bea.id)]).await;
    let s = app
        .get(&format!("/api/v1/mistakes/{id}/stakeholders"), &ada)
        .await;
    assert_eq!(s.body["stakeholders"][0]["display_name"], "Bea");
    let html = app.page(&page, Some(&ada)).await.html;
    assert!(html.contains("Not acknowledged yet"));
    assert!(
        !html.contains(">Acknowledge<"),
        "the owner does not acknowledge"
    );

    // Bea reads it: an Acknowledge button, no owner controls.
    let bea_page = app.page(&page, Some(&bea)).await;
    assert_eq!(bea_page.status, StatusCode::OK);
    assert!(bea_page.html.contains(">Acknowledge<"));
    for owner_only in [
        "/note\"",
        "/timeline\"",
        "/move\"",
        "/share-links\"",
        "/stakeholders\"",
        "/updates\"",
    ] {
        assert!(
            !bea_page
                .html
                .contains(&format!("action=\"/m/{id}{owner_only}")),
            "{owner_only}"
        );
    }
    ok(&app, &id, "acknowledge", &bea, &[]).await;
    ok(
        &app,
        &id,
        "comments",
        &bea,
        &[("body", "Which months are affected?")],
    )
    .await;
    let html = app.page(&page, Some(&bea)).await.html;
    assert!(html.contains("You acknowledged this note"));
    assert!(!html.contains(">Acknowledge<"));

    // Ada sees both, and replies.
    let html = app.page(&page, Some(&ada)).await.html;
    assert!(html.contains("Acknowledged <time"), "{html}");
    assert!(html.contains("1 of 1 acknowledged"));
    assert!(html.contains("Which months are affected?"));
    let comments = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &ada)
        .await;
    let question = comments.body["comments"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        &app,
        &id,
        "comments",
        &ada,
        &[("body", "Only October."), ("reply_to", &question)],
    )
    .await;
    let comments = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &ada)
        .await;
    assert_eq!(comments.body["comments"][1]["parent"], question.as_str());
    let reply = comments.body["comments"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Bea upvotes the reply; twice still counts once; the score is shown.
    ok(
        &app,
        &id,
        &format!("comments/{reply}/vote"),
        &bea,
        &[("up", "true")],
    )
    .await;
    ok(
        &app,
        &id,
        &format!("comments/{reply}/vote"),
        &bea,
        &[("up", "true")],
    )
    .await;
    let comments = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &ada)
        .await;
    assert_eq!(comments.body["comments"][1]["score"], 1);
    let html = app.page(&page, Some(&ada)).await.html;
    assert!(
        html.contains("<span class=\"score\">1</span> upvote"),
        "{html}"
    );
    let html = app.page(&page, Some(&bea)).await.html;
    assert!(html.contains("Take back my upvote"));
    ok(
        &app,
        &id,
        &format!("comments/{reply}/vote"),
        &bea,
        &[("up", "false")],
    )
    .await;
    let comments = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &ada)
        .await;
    assert_eq!(comments.body["comments"][1]["score"], 0);

    // The owner removes Bea: her access ends.
    ok(
        &app,
        &id,
        &format!("stakeholders/{}/remove", bea.id),
        &ada,
        &[],
    )
    .await;
    assert_eq!(
        app.page(&page, Some(&bea)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn web_mistake_a_strangers_post_to_any_section_is_404_and_changes_nothing() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let sam = app.join(&ada, "Sam", "member", None, None).await;
    let bea = app.join(&ada, "Bea", "member", None, None).await;
    let id = app.mistake(&ada, "Wrong totals", "stakeholders").await;
    app.put(
        &format!("/api/v1/mistakes/{id}/stakeholders/{}", bea.id),
        &ada,
        serde_json::json!({}),
    )
    .await;
    let c = app
        .post(
            &format!("/api/v1/mistakes/{id}/comments"),
            &ada,
            serde_json::json!({"body": "Context"}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    let comment = c.body["id"].as_str().unwrap().to_string();
    let before = record(&app, &id, &ada).await;
    let csrf = app.page("/new", Some(&sam)).await.csrf();
    let owner_only: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("heads-up".into(), vec![("text", "forged")]),
        ("heads-up/sent".into(), vec![]),
        ("timeline".into(), vec![("text", "forged")]),
        ("timeline/1/star".into(), vec![("starred", "true")]),
        ("note".into(), NOTE.to_vec()),
        ("commits/hotfix".into(), vec![("sha", "abc1234")]),
        ("checks/impact".into(), vec![("ticked", "true")]),
        ("move".into(), vec![("to", "owned")]),
        ("updates".into(), vec![("text", "forged")]),
        ("updates/schedule".into(), vec![("cadence", "none")]),
        ("stakeholders".into(), vec![("user", sam.id.as_str())]),
        (format!("stakeholders/{}/remove", bea.id), vec![]),
        ("affected".into(), vec![("affected", "forged")]),
        ("visibility".into(), vec![("visibility", "team")]),
        ("share-links".into(), vec![("label", "forged")]),
    ];
    let anyone_reading: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("acknowledge".into(), vec![]),
        ("comments".into(), vec![("body", "forged")]),
        (format!("comments/{comment}/vote"), vec![("up", "true")]),
    ];
    for (action, fields) in owner_only.iter().chain(&anyone_reading) {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend(fields.iter().copied());
        let r = app
            .post_form(&format!("/m/{id}/{action}"), Some(&sam.cookie), &all)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}: {}", r.html);
        assert!(!r.html.contains("Wrong totals"), "{action} leaks the title");
    }
    let export = app
        .page(&format!("/m/{id}/export?format=markdown"), Some(&sam))
        .await;
    assert_eq!(export.status, StatusCode::NOT_FOUND);
    // A stakeholder may read and comment, but the owner's controls are 404 too.
    let bea_csrf = app.page(&format!("/m/{id}"), Some(&bea)).await.csrf();
    for (action, fields) in &owner_only {
        let mut all = vec![("csrf", bea_csrf.as_str())];
        all.extend(fields.iter().copied());
        let r = app
            .post_form(&format!("/m/{id}/{action}"), Some(&bea.cookie), &all)
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "stakeholder {action}: {}",
            r.html
        );
    }
    let after = record(&app, &id, &ada).await;
    assert_eq!(after["version"], before["version"]);
    assert_eq!(stored(after), stored(before));
    let s = app
        .get(&format!("/api/v1/mistakes/{id}/stakeholders"), &ada)
        .await;
    assert_eq!(s.body["stakeholders"].as_array().unwrap().len(), 1);
    assert_eq!(s.body["affected"].as_array().unwrap().len(), 0);
    let comments = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &ada)
        .await;
    assert_eq!(comments.body["comments"].as_array().unwrap().len(), 1);
    assert_eq!(comments.body["comments"][0]["score"], 0);
    let links = app
        .get(&format!("/api/v1/mistakes/{id}/share-links"), &ada)
        .await;
    assert_eq!(links.body["links"].as_array().unwrap().len(), 0);
    let acks = app
        .get(&format!("/api/v1/mistakes/{id}/acknowledgements"), &ada)
        .await;
    assert_eq!(acks.body["acknowledged"], 0);
}

#[tokio::test]
async fn web_mistake_markdown_in_a_comment_is_rendered_inert() {
    let app = spawn_app().await;
    let ada = app.setup_admin().await;
    let id = app.mistake(&ada, "Wrong totals", "private").await;
    let payload = "**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))";
    ok(&app, &id, "comments", &ada, &[("body", payload)]).await;
    ok(&app, &id, "updates", &ada, &[("text", payload)]).await;
    ok(
        &app,
        &id,
        "note",
        &ada,
        &[("who", payload), ("what_wrong", "x")],
    )
    .await;
    let html = app.page(&format!("/m/{id}"), Some(&ada)).await.html;
    assert!(html.contains("<strong>Bold</strong>"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(!html.contains("onerror=alert(2)>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "shown as text");
}
