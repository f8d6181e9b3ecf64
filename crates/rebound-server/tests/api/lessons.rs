//! Issue 16 end to end: the essays' own lessons and principles through the
//! reflection flow (API and pages) come out as the essays judge them; a
//! principle is checked like a lesson and a cautious one is flagged with its
//! reason and a rewrite prompt; "I will not I will not …" is refused; the
//! same or a near principle is pointed out before it is added; the manual
//! links each principle to its reflection and mistake; reflecting again on
//! a mistake continues the reflection started on it.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ACCOUNT: &str = "I made our strongest engineer the tech lead because of her code, and the team fell apart within a month.";
const CAREFUL: &str = "I promoted based on technical ability without evaluating leadership readiness separately. Next time, I will use distinct criteria for leadership readiness and plan the transition with real support.";

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    body: Value,
) -> (StatusCode, Value) {
    let r = app.call(method, path, Some(who), Some(body)).await;
    (r.status, r.body)
}

async fn owner(app: &TestApp) -> Person {
    let admin = app.setup_admin().await;
    app.join(&admin, "Olga", "member", None, None).await
}

#[tokio::test]
async fn the_essays_lessons_and_principles_through_the_reflection_flow() {
    let app = spawn_app().await;
    let olga = owner(&app).await;
    let m = app
        .mistake(&olga, "Promoted the wrong lead", "private")
        .await;
    let (status, r) = call(&app, Method::POST, "/api/v1/reflections", &olga, json!({
        "mistake": m, "account": ACCOUNT, "trap": "judgment", "failure_type": "information",
        "specific_error": "I judged leadership readiness by coding skill alone.", "lesson": CAREFUL,
    }))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["lesson_verdict"], "careful", "{r}");
    assert_eq!(r["continued"], false);
    let rid = r["id"].as_str().unwrap().to_string();

    // The lesson step judges each essay example as the essay does.
    let path = format!("/api/v1/reflections/{rid}");
    for (lesson, verdict) in [
        (
            "Better to wait too long than promote too early.",
            "cautious",
        ),
        (
            "I should be more conservative about promotions.",
            "cautious",
        ),
        ("I am not good at this", "vague"),
        ("I was a bad leader", "vague"),
        (CAREFUL, "careful"),
    ] {
        let (status, r) = call(&app, Method::PUT, &path, &olga, json!({ "lesson": lesson })).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["lesson_verdict"], verdict, "{lesson}: {r}");
        assert!(!r["lesson_reasons"].as_array().unwrap().is_empty(), "{r}");
    }

    // A principle naming one behaviour is careful; one that steps back
    // from the work is flagged cautious, with why and what to rewrite.
    let add =
        |text: &str, anyway: bool| json!({ "text": text, "reflection": rid, "add_anyway": anyway });
    let (status, p) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add("I will not promote on technical skill alone", false),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(p["check"]["verdict"], "careful", "{p}");
    assert_eq!(p["check"]["needs_rewrite"], false);
    assert_eq!(
        (p["reflection"].as_str(), p["mistake"].as_str()),
        (Some(rid.as_str()), Some(m.as_str()))
    );
    let careful_id = p["id"].as_str().unwrap().to_string();
    let (status, p) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add("I will not take on big clients", false),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(p["check"]["verdict"], "cautious", "{p}");
    assert_eq!(p["check"]["needs_rewrite"], true);
    assert!(!p["check"]["reasons"].as_array().unwrap().is_empty(), "{p}");
    assert!(
        p["check"]["prompt"]
            .as_str()
            .unwrap()
            .contains("rules out the work itself"),
        "{p}"
    );

    // "I will not" twice cannot be saved; the same principle is refused,
    // a near one pointed out until the person adds it anyway.
    let (status, e) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add("I will not I will not promote on tenure", false),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"I will not\" twice"),
        "{e}"
    );
    let (status, e) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add("i will not  promote on technical skill alone", true),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["error"]["code"], "same_principle");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&careful_id),
        "{e}"
    );
    let near = "I won't promote anyone on technical skills alone";
    let (status, e) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add(near, false),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["error"]["code"], "near_principle");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&careful_id),
        "{e}"
    );
    let (status, p) = call(
        &app,
        Method::POST,
        "/api/v1/principles",
        &olga,
        add(near, true),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");

    // Reflecting again on the same mistake continues the reflection.
    let (status, again) = call(&app, Method::POST, "/api/v1/reflections", &olga, json!({
        "mistake": m, "account": ACCOUNT, "lesson": "I will keep promoting early, with a leadership assessment and a mentor for each new lead.",
    }))
    .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        (again["id"].as_str(), again["continued"].as_bool()),
        (Some(rid.as_str()), Some(true))
    );
    assert_eq!(again["trap"], "judgment", "earlier steps are kept: {again}");
    let list = app.get("/api/v1/reflections", &olga).await;
    assert_eq!(
        list.body["reflections"].as_array().unwrap().len(),
        1,
        "{}",
        list.body
    );

    // The manual: every principle with its reflection and mistake, and the
    // flag on the cautious one.
    let md = app.get("/api/v1/me/manual?format=markdown", &olga).await;
    let md = md.body.as_str().unwrap().to_string();
    assert_eq!(
        md.matches(&format!("- Drawn from: mistake {m}, reflection {rid}\n"))
            .count(),
        3,
        "{md}"
    );
    assert_eq!(md.matches("- Lesson check: cautious").count(), 1, "{md}");
    let json = app.get("/api/v1/me/manual", &olga).await;
    let flagged: Vec<&Value> = json.body["principles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["check"]["needs_rewrite"] == true)
        .collect();
    assert_eq!(flagged.len(), 1, "{}", json.body);
}

#[tokio::test]
async fn the_pages_continue_a_reflection_flag_a_cautious_principle_and_link_back() {
    let app = spawn_app().await;
    let olga = owner(&app).await;
    let m = app.mistake(&olga, "Lost the renewal", "private").await;
    let start = format!("/m/{m}/reflect");
    let made = app
        .submit(&start, &start, &olga, &[("account", ACCOUNT)])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    let at = made.location().to_string();
    let rid = at.trim_start_matches("/reflect/").to_string();

    // Reflecting on it again goes back to the reflection already started.
    let again = app.page(&start, Some(&olga)).await;
    assert_eq!(
        (again.status, again.location()),
        (StatusCode::SEE_OTHER, at.as_str())
    );

    for (path, field, value) in [
        ("choose", "trap", "judgment"),
        (
            "error",
            "specific_error",
            "I took on the account with no cover for holidays.",
        ),
        ("lesson", "lesson", CAREFUL),
    ] {
        let fields: Vec<(&str, &str)> = match path {
            "choose" => vec![("trap", value), ("failure_type", "attention")],
            _ => vec![(field, value)],
        };
        let r = app
            .submit(&at, &format!("{at}/{path}"), &olga, &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.html);
    }
    let principle = format!("{at}/principle");
    let first = app
        .submit(
            &at,
            &principle,
            &olga,
            &[("text", "I will not take on big clients")],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html);
    let pid = first
        .location()
        .trim_start_matches("/manual#p-")
        .to_string();

    // The manual flags it, says why and opens the rewrite; it links back to
    // the reflection and the mistake.
    let manual = app.page("/manual", Some(&olga)).await;
    let card = &manual.html[manual.html.find(&format!("id=\"p-{pid}\"")).unwrap()..];
    assert!(
        card.contains("The lesson check says: <strong>cautious</strong>"),
        "{card}"
    );
    assert!(card.contains("rules out the work itself"), "{card}");
    assert!(card.contains("<details open"), "{card}");
    assert!(card.contains(&format!("href=\"/reflect/{rid}\"")), "{card}");
    assert!(card.contains(&format!("href=\"/m/{m}\"")), "{card}");

    // A near one is pointed out beside the step, with "add it anyway".
    let near = app
        .submit(
            &at,
            &principle,
            &olga,
            &[("text", "I won't take on big clients again")],
        )
        .await;
    assert_eq!(near.status, StatusCode::CONFLICT, "{}", near.html);
    assert!(
        near.html
            .contains(&format!("close to your principle {pid}")),
        "{}",
        near.html
    );
    assert!(near.html.contains("name=\"add_anyway\""), "{}", near.html);
    let anyway = app
        .submit(
            &at,
            &principle,
            &olga,
            &[
                ("text", "I won't take on big clients again"),
                ("add_anyway", "yes"),
            ],
        )
        .await;
    assert_eq!(anyway.status, StatusCode::SEE_OTHER, "{}", anyway.html);
    let twice = app
        .submit(
            &at,
            &principle,
            &olga,
            &[("text", "I will not I will not guess")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.html.contains("twice"), "{}", twice.html);
}
