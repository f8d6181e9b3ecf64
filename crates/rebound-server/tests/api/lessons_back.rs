//! Issue 19, lessons that come back: a month and a year after a lesson or
//! principle was written it is back (API, Home, the Monday note's count),
//! with the mistake it came from; keep, reword or retire is one step; an
//! answer puts it away until the next moment; nobody else can see or
//! answer it (404); a refused answer stores nothing.

use crate::harness::{Person, TestApp, spawn_app};
use jiff::{SignedDuration, ToSpan};
use reqwest::StatusCode;
use serde_json::{Value, json};

const LESSON: &str = "Before I promise a date, I ask engineering for an estimate and quote that.";
const PRINCIPLE: &str = "I will not promise a date before engineering has estimated the work";

async fn back(app: &TestApp, who: &Person) -> Vec<Value> {
    let r = app.get("/api/v1/me/lessons", who).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["lessons"].as_array().unwrap().clone()
}

fn step_days(app: &TestApp, days: i64) {
    app.clock.step(SignedDuration::from_hours(24 * days));
}

/// Olga, with a reflection on a mistake (its lesson comes back itself) and
/// a principle from a memory; her manager Mona.
async fn olga_with_lessons(app: &TestApp) -> (Person, Person, String, String, String) {
    let admin = app.setup_admin().await;
    let mona = app.join(&admin, "Mona", "manager", None, None).await;
    let olga = app.join(&admin, "Olga", "member", Some(&mona), None).await;
    let m = app
        .mistake(&olga, "Promised the launch date", "manager")
        .await;
    let r = app
        .post("/api/v1/reflections", &olga, json!({
            "mistake": m, "account": "I promised a launch date before engineering looked at it.",
            "lesson": LESSON,
        }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let lesson = r.body["id"].as_str().unwrap().to_string();
    let memory = app
        .post(
            "/api/v1/reflections",
            &olga,
            json!({
                "memory_title": "The quote I sent in 2024",
                "account": "I sent a quote without the engineering estimate.",
                "lesson": "Ask for the estimate first.",
            }),
        )
        .await;
    let p = app
        .post(
            "/api/v1/principles",
            &olga,
            json!({
                "text": PRINCIPLE, "reflection": memory.body["id"],
            }),
        )
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    let principle = p.body["id"].as_str().unwrap().to_string();
    (olga, mona, m, lesson, principle)
}

#[tokio::test]
async fn lessons_come_back_after_a_month_and_a_year_and_one_answer_puts_each_away() {
    let app = spawn_app().await;
    let (olga, mona, m, lesson, principle) = olga_with_lessons(&app).await;
    assert!(
        back(&app, &olga).await.is_empty(),
        "nothing is back on day one"
    );

    step_days(&app, 32);
    let due = back(&app, &olga).await;
    assert_eq!(due.len(), 2, "{due:?}");
    assert_eq!(due[0]["kind"], "lesson");
    assert_eq!(due[0]["id"], lesson.as_str());
    assert_eq!(due[0]["moment"], "month");
    assert_eq!(due[0]["text"], LESSON);
    assert_eq!(due[0]["mistake"], m.as_str());
    assert_eq!(due[0]["came_from"], "Promised the launch date");
    // The memory's lesson became the principle, which speaks for it.
    assert_eq!(due[1]["kind"], "principle");
    assert_eq!(due[1]["came_from"], "The quote I sent in 2024");

    // Nobody else sees or answers them, her manager included.
    assert!(back(&app, &mona).await.is_empty());
    let keep = json!({"action": "keep"});
    let r = app
        .post(
            &format!("/api/v1/principles/{principle}/review"),
            &mona,
            keep.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = app
        .post(
            &format!("/api/v1/reflections/{lesson}/review"),
            &mona,
            keep.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // Refused answers, in words, and nothing stored.
    let path = format!("/api/v1/reflections/{lesson}/review");
    let r = app.post(&path, &olga, json!({"action": "revise"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("new wording"),
        "{}",
        r.body
    );
    let r = app.post(&path, &olga, json!({"action": "forget"})).await;
    assert!(r.status.is_client_error(), "{}", r.body);
    let msg = r.body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("action") && msg.contains("keep"), "{msg}");
    let r = app
        .post(&path, &olga, json!({"action": "retire", "reason": "   "}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(back(&app, &olga).await.len(), 2, "refusals changed nothing");

    // Keep the principle; reword the lesson (checked again).
    let ppath = format!("/api/v1/principles/{principle}/review");
    let r = app.post(&ppath, &olga, keep.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["reviews"][0]["outcome"], "kept");
    let reworded =
        "Before I promise a date, I ask the team to size the work and quote their range.";
    let r = app
        .post(
            &path,
            &olga,
            json!({"action": "revise", "text": reworded, "note": "the team sizes it"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["lesson"], reworded);
    assert!(r.body["lesson_verdict"].is_string());
    assert!(
        back(&app, &olga).await.is_empty(),
        "both answered for the month"
    );
    let r = app.post(&ppath, &olga, keep.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not back yet")
    );

    // A year on, both are back once more; retiring ends the principle's returns.
    let year = app
        .clock
        .now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .checked_add(1.year())
        .unwrap();
    app.step_past(year.timestamp());
    let due = back(&app, &olga).await;
    assert_eq!(due.len(), 2, "{due:?}");
    assert!(due.iter().all(|d| d["moment"] == "year"), "{due:?}");
    let r = app
        .post(
            &ppath,
            &olga,
            json!({"action": "retire", "reason": "a team rule now"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "retired");
    let due = back(&app, &olga).await;
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["kind"], "lesson");
    assert_eq!(due[0]["text"], reworded);
}

#[tokio::test]
async fn home_shows_a_returning_lesson_and_answers_it_in_one_step() {
    let app = spawn_app().await;
    let (mut olga, mut mona, _m, lesson, _p) = olga_with_lessons(&app).await;
    let home = app.page("/", Some(&olga)).await;
    assert!(
        !home.html.contains("A lesson is back"),
        "not before a month"
    );
    step_days(&app, 31);
    app.sign_in_again(&mut olga).await;
    app.sign_in_again(&mut mona).await;
    let home = app.page("/", Some(&olga)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.html.contains("A lesson is back"), "{}", home.html);
    assert!(home.html.contains(LESSON));
    assert!(home.html.contains("Promised the launch date"));
    let mona_home = app.page("/", Some(&mona)).await;
    assert!(
        !mona_home.html.contains(LESSON),
        "never on someone else's home"
    );

    // Her manager cannot answer it through the page either.
    let action = format!("/lessons/lesson/{lesson}");
    let r = app.submit("/", &action, &mona, &[("action", "keep")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A refused answer comes back to Home with the reason beside it.
    let r = app
        .submit("/", &action, &olga, &[("action", "retire")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("Give a reason to retire it"), "{}", r.html);

    let r = app.submit("/", &action, &olga, &[("action", "keep")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let home = app.page("/", Some(&olga)).await;
    assert!(!home.html.contains(LESSON), "kept: away until a year on");
    assert!(
        home.html.contains("I will not promise a date"),
        "the principle is still back"
    );
}

#[tokio::test]
async fn the_monday_note_names_lessons_back_by_their_mistake_and_never_quotes_them() {
    let app = spawn_app().await;
    let (olga, mona, _m, _lesson, _p) = olga_with_lessons(&app).await;
    step_days(&app, 32);
    let r = app.get("/api/v1/me/digest", &olga).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let text = r.body.to_string();
    assert!(text.contains("2 lessons back"), "{text}");
    assert!(
        text.contains(
            "A lesson from \u{201c}Promised the launch date\u{201d} is back: does it still hold?"
        ),
        "the mistake it came from: {text}"
    );
    assert!(
        text.contains("A lesson you wrote a while ago is back: does it still hold?"),
        "the one from an older memory, unnamed: {text}"
    );
    assert!(
        !text.contains("estimate"),
        "no lesson's words in a message: {text}"
    );
    assert!(
        !text.contains("The quote I sent"),
        "nor a memory's title: {text}"
    );
    // Her manager's note says nothing of them.
    let theirs = app.get("/api/v1/me/digest", &mona).await.body.to_string();
    assert!(!theirs.contains("Promised the launch date"), "{theirs}");
    assert!(!theirs.contains("lessons back"), "{theirs}");
}
