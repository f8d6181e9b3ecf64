//! Today's prompt and the journal as pages (no browser): Home shows the
//! prompt with a box to answer and nothing that counts days; an answer
//! posted from there is kept and listed on `/journal`, searched, edited
//! and deleted there; a refused answer keeps what was typed; someone
//! else's entry is a 404 page.

use crate::harness::spawn_app;
use reqwest::StatusCode;

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[tokio::test]
async fn home_shows_the_prompt_and_an_answer_is_kept_in_the_journal() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let olga = app.join(&admin, "Olga", "member", None, None).await;
    let prompt = app.get("/api/v1/me/prompt", &olga).await.body;

    let home = app.page("/", Some(&olga)).await;
    assert_eq!(home.status, StatusCode::OK);
    let text = prompt["text"].as_str().unwrap();
    assert!(home.html.contains(&escaped(text)), "{}", home.html);
    assert!(home.html.contains("action=\"/journal\""));
    assert!(home.html.contains("Skipping is fine"));
    for shaming in ["streak", "missed", "in a row"] {
        assert!(!home.html.to_lowercase().contains(shaming), "{shaming}");
    }

    let r = app
        .submit(
            "/",
            "/journal",
            &olga,
            &[("prompt", "today"), ("text", "I said it <first>.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert!(r.location().starts_with("/journal#e-"));
    let id = r.location().trim_start_matches("/journal#e-").to_string();
    let list = app.page("/journal", Some(&olga)).await;
    assert!(
        list.html.contains("I said it &lt;first&gt;."),
        "{}",
        list.html
    );
    assert!(list.html.contains(&escaped(text)), "the prompt it answers");

    let found = app.page("/journal?q=FIRST", Some(&olga)).await;
    assert!(found.html.contains(&format!("id=\"e-{id}\"")));
    let none = app.page("/journal?q=zebra", Some(&olga)).await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.html.contains("Nothing in your journal matches that."));

    let long = "x".repeat(10_001);
    let refused = app
        .submit("/journal", "/journal", &olga, &[("text", long.as_str())])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("too long") && refused.html.contains(&long));

    let edit = format!("/journal/{id}/edit");
    let r = app
        .submit("/journal", &edit, &olga, &[("text", "Said it second.")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert!(
        app.page("/journal", Some(&olga))
            .await
            .html
            .contains("Said it second.")
    );

    // Nobody else reaches it.
    let theirs = app
        .submit("/journal", &edit, &admin, &[("text", "Overwritten")])
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert!(
        !app.page("/journal", Some(&admin))
            .await
            .html
            .contains("Said it second.")
    );

    let r = app
        .submit("/journal", &format!("/journal/{id}/delete"), &olga, &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !app.page("/journal", Some(&olga))
            .await
            .html
            .contains("Said it second.")
    );
}

#[tokio::test]
async fn an_answer_close_to_a_principle_held_can_be_added_anyway_from_the_page() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let olga = app.join(&admin, "Olga", "member", None, None).await;
    let held = app
        .post(
            "/api/v1/principles",
            &olga,
            serde_json::json!({"text": "I will not take on big clients"}),
        )
        .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.body);
    let r = app
        .submit(
            "/journal",
            "/journal",
            &olga,
            &[(
                "text",
                "Thinking it over.\nI won't take on big clients again",
            )],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let id = r.location().trim_start_matches("/journal#e-").to_string();
    let principle = format!("/journal/{id}/principle");

    // Refused as near, beside the entry, the wording kept, the choice offered.
    let near = app
        .submit(
            "/journal",
            &principle,
            &olga,
            &[("text", "I won't take on big clients again")],
        )
        .await;
    assert_eq!(near.status, StatusCode::CONFLICT, "{}", near.html);
    assert!(
        near.html.contains("close to your principle"),
        "{}",
        near.html
    );
    let card = &near.html[near.html.find(&format!("id=\"e-{id}\"")).unwrap()..];
    assert!(card.contains("<details open"), "{card}");
    assert!(card.contains("name=\"add_anyway\""), "{card}");
    assert!(
        card.contains("value=\"I won&#39;t take on big clients again\"")
            || card.contains("value=\"I won't take on big clients again\""),
        "{card}"
    );
    let manual = app.get("/api/v1/principles", &olga).await.body.to_string();
    assert!(!manual.contains("again"), "nothing added yet: {manual}");

    let anyway = app
        .submit(
            "/journal",
            &principle,
            &olga,
            &[
                ("text", "I won't take on big clients again"),
                ("add_anyway", "yes"),
            ],
        )
        .await;
    assert_eq!(anyway.status, StatusCode::SEE_OTHER, "{}", anyway.html);
    assert!(anyway.location().starts_with("/manual#p-"));
    let manual = app.get("/api/v1/principles", &olga).await.body.to_string();
    assert!(manual.contains("big clients again"), "{manual}");
}
