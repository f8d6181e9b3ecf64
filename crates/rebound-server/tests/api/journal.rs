//! A prompt a day and the private journal through the API: today's
//! prompt, answers and free entries, search, edit and delete, turning an
//! answer into a reflection or a principle — and that the journal is its
//! owner's alone: a manager, an admin, a teammate get 404 on every entry.

use crate::harness::{Person, TestApp, spawn_app};
use jiff::civil::date;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// An admin, a manager, their report (the writer), a teammate.
async fn people(app: &TestApp) -> (Person, Person, Person, Person) {
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Platform").await;
    let boss = app.join(&admin, "Mona", "member", None, Some(&team)).await;
    let owner = app
        .join(&admin, "Olga", "member", Some(&boss), Some(&team))
        .await;
    let mate = app.join(&admin, "Tim", "member", None, Some(&team)).await;
    (admin, boss, owner, mate)
}

async fn write(app: &TestApp, who: &Person, body: Value) -> Value {
    let r = app.post("/api/v1/me/journal", who, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body
}

fn ids(list: &Value) -> Vec<&str> {
    list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn todays_prompt_is_one_of_the_year_with_its_theme() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app.get("/api/v1/me/prompt", &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let text = r.body["text"].as_str().unwrap();
    let (week, theme) = rebound_domain::prompt::all()
        .find(|(_, _, t)| *t == text)
        .map(|(w, theme, _)| (w, theme))
        .expect("one of the year's prompts");
    assert_eq!(r.body["week"], week);
    assert_eq!(r.body["theme"], theme);
    let shown: jiff::civil::Date = r.body["date"].as_str().unwrap().parse().unwrap();
    let today: jiff::civil::Date = r.body["today"].as_str().unwrap().parse().unwrap();
    assert!(shown <= today && today.since(shown).unwrap().get_days() <= 2);
    assert!((1..=5).contains(&r.body["day"].as_u64().unwrap()));
    assert_eq!(
        app.call(Method::GET, "/api/v1/me/prompt", None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn answers_and_free_entries_are_kept_searched_edited_and_deleted() {
    let app = spawn_app().await;
    let (_, _, owner, _) = people(&app).await;
    let friday = rebound_domain::prompt::prompt_for(date(2025, 11, 28)).unwrap();
    // A Saturday answers Friday's prompt.
    let answer = write(
        &app,
        &owner,
        json!({"text": "I told Sam within the hour.\nIt helped.", "prompt_date": "2025-11-29"}),
    )
    .await;
    assert_eq!(answer["prompt"]["text"], friday.text);
    assert_eq!(answer["prompt"]["date"], "2025-11-28");
    assert_eq!(answer["prompt"]["theme"], friday.theme);
    let today = write(
        &app,
        &owner,
        json!({"text": "Short one", "prompt_date": "today"}),
    )
    .await;
    assert!(today["prompt"]["text"].is_string());
    let free = write(&app, &owner, json!({"text": "A walk by the RIVER"})).await;
    assert!(free["prompt"].is_null());

    let all = app.get("/api/v1/me/journal", &owner).await.body;
    let (a, t, f) = (
        answer["id"].as_str().unwrap(),
        today["id"].as_str().unwrap(),
        free["id"].as_str().unwrap(),
    );
    assert_eq!(ids(&all), [f, t, a], "newest first");
    let found = app.get("/api/v1/me/journal?q=river%20walk", &owner).await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(ids(&found.body), [f], "every word, any case");
    let none = app.get("/api/v1/me/journal?q=zebra", &owner).await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(ids(&none.body).is_empty());
    let blank = app.get("/api/v1/me/journal?q=%20", &owner).await;
    assert_eq!(ids(&blank.body).len(), 3, "a blank search lists all");

    let path = format!("/api/v1/me/journal/{a}");
    let edited = app
        .put(&path, &owner, json!({"text": "Within ten minutes."}))
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["text"], "Within ten minutes.");
    assert_eq!(
        edited.body["prompt"]["text"], friday.text,
        "the prompt stays"
    );
    assert_eq!(
        app.get(&path, &owner).await.body["text"],
        "Within ten minutes."
    );
    let gone = app.call(Method::DELETE, &path, Some(&owner), None).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path, &owner).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_entries_are_refused_in_words_and_nothing_is_kept() {
    let app = spawn_app().await;
    let (_, _, owner, _) = people(&app).await;
    let refusals = [
        (json!({"text": "   "}), "cannot be empty"),
        (json!({"text": "x".repeat(10_001)}), "too long"),
        (json!({"text": "bell\u{7}"}), "the journal entry"),
        (
            json!({"text": "Fine", "prompt_date": "2999-01-01"}),
            "after today",
        ),
        (
            json!({"text": "Fine", "prompt_date": "12/11/2026"}),
            "prompt_date",
        ),
        (json!({"text": "Fine", "prompt_date": "1969-12-31"}), "1970"),
    ];
    for (body, says) in refusals {
        let r = app.post("/api/v1/me/journal", &owner, body.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        let message = r.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{body}: {message}");
    }
    let r = app
        .post("/api/v1/me/journal", &owner, json!({"words": "x"}))
        .await;
    assert!(r.status.is_client_error(), "{}", r.body);
    let long_q = format!("/api/v1/me/journal?q={}", "q".repeat(201));
    assert_eq!(
        app.get(&long_q, &owner).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(ids(&app.get("/api/v1/me/journal", &owner).await.body).is_empty());

    let kept = write(&app, &owner, json!({"text": "Kept"})).await;
    let path = format!("/api/v1/me/journal/{}", kept["id"].as_str().unwrap());
    let r = app
        .put(&path, &owner, json!({"text": "y".repeat(10_001)}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get(&path, &owner).await.body["text"], "Kept");
}

#[tokio::test]
async fn nobody_else_reads_or_changes_a_journal_not_even_a_manager_or_admin() {
    let app = spawn_app().await;
    let (admin, boss, owner, mate) = people(&app).await;
    let e = write(
        &app,
        &owner,
        json!({"text": "Private: I will not hide a slip again"}),
    )
    .await;
    let path = format!("/api/v1/me/journal/{}", e["id"].as_str().unwrap());
    for who in [&admin, &boss, &mate] {
        assert_eq!(app.get(&path, who).await.status, StatusCode::NOT_FOUND);
        let put = app.put(&path, who, json!({"text": "Overwritten"})).await;
        assert_eq!(put.status, StatusCode::NOT_FOUND);
        for turn in ["reflection", "principle"] {
            let body = json!({"title": "Theirs"});
            let body = if turn == "principle" { json!({}) } else { body };
            let r = app.post(&format!("{path}/{turn}"), who, body).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{turn}");
        }
        let del = app.call(Method::DELETE, &path, Some(who), None).await;
        assert_eq!(del.status, StatusCode::NOT_FOUND);
        let theirs = app.get("/api/v1/me/journal?q=private", who).await;
        assert!(ids(&theirs.body).is_empty());
    }
    assert_eq!(
        app.get("/api/v1/me/journal/not-an-id", &owner).await.status,
        StatusCode::NOT_FOUND
    );
    let still = app.get(&path, &owner).await;
    assert_eq!(still.body["text"], "Private: I will not hide a slip again");
}

#[tokio::test]
async fn an_answer_becomes_a_principle_or_a_reflection_in_one_step() {
    let app = spawn_app().await;
    let (_, _, owner, _) = people(&app).await;
    let e = write(
        &app,
        &owner,
        json!({"text": "Thinking it over.\ni won't promise a date before engineering estimates it",
               "prompt_date": "2025-12-10"}),
    )
    .await;
    assert_eq!(
        e["principle_wording"],
        "I will not promise a date before engineering estimates it"
    );
    let path = format!("/api/v1/me/journal/{}", e["id"].as_str().unwrap());
    let p = app
        .post(&format!("{path}/principle"), &owner, json!({}))
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    assert_eq!(
        p.body["text"],
        "I will not promise a date before engineering estimates it"
    );
    let again = app
        .post(&format!("{path}/principle"), &owner, json!({}))
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "the principle checks apply"
    );
    let worded = app
        .post(
            &format!("{path}/principle"),
            &owner,
            json!({"text": "I will not ship on a Friday without a rollback plan"}),
        )
        .await;
    assert_eq!(worded.status, StatusCode::CREATED, "{}", worded.body);
    let not_one = app
        .post(
            &format!("{path}/principle"),
            &owner,
            json!({"text": "Be careful"}),
        )
        .await;
    assert_eq!(not_one.status, StatusCode::UNPROCESSABLE_ENTITY);

    let plain = write(
        &app,
        &owner,
        json!({"text": "I was rushed and skipped the review."}),
    )
    .await;
    let plain_path = format!("/api/v1/me/journal/{}", plain["id"].as_str().unwrap());
    let no_wording = app
        .post(&format!("{plain_path}/principle"), &owner, json!({}))
        .await;
    assert_eq!(no_wording.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_wording.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`text`")
    );

    let no_mistake = app
        .post(&format!("{plain_path}/reflection"), &owner, json!({}))
        .await;
    assert_eq!(no_mistake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_mistake.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("mistake_id"),
        "{}",
        no_mistake.body
    );
    let m = app.mistake(&owner, "Skipped the review", "private").await;
    let r = app
        .post(
            &format!("{plain_path}/reflection"),
            &owner,
            json!({"mistake_id": m}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["account"], "I was rushed and skipped the review.");
    assert_eq!(r.body["mistake"], m);
    let memory = app
        .post(
            &format!("{path}/reflection"),
            &owner,
            json!({"title": "The date I promised"}),
        )
        .await;
    assert_eq!(memory.status, StatusCode::CREATED, "{}", memory.body);
    // The entries stay.
    assert_eq!(app.get(&plain_path, &owner).await.status, StatusCode::OK);
}
