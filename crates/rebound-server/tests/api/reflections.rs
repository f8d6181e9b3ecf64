//! Diagnose and learn through the API: the guided reflection (with the
//! diagnosis's suggestion and the person's label), the lesson check,
//! principles and the Operating Manual, wins, the self-care plan and the
//! feedback export — and that all of it is its owner's alone: a manager,
//! an admin, a teammate or a stranger gets 404 on every one.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ACCOUNT: &str = "I promised the customer a launch date in the meeting without asking engineering, and they could not make it.";

async fn ok(app: &TestApp, method: Method, path: &str, who: &Person, body: Value) -> Value {
    let r = app.call(method, path, Some(who), Some(body)).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
    r.body
}

async fn status(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    body: Option<Value>,
) -> StatusCode {
    app.call(method, path, Some(who), body).await.status
}

/// An admin, a manager, their report (the owner), a teammate of the owner.
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

#[tokio::test]
async fn diagnose_and_lesson_check_classify_without_storing() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let d = ok(
        &app,
        Method::POST,
        "/api/v1/diagnose",
        &admin,
        json!({"text": ACCOUNT}),
    )
    .await;
    for key in ["trap", "failure_type", "confidence", "cues", "unsure"] {
        assert!(d.get(key).is_some(), "{key}: {d}");
    }
    assert!(["judgment", "expertise", "ego", "confidence"].contains(&d["trap"].as_str().unwrap()));
    let l = ok(
        &app,
        Method::POST,
        "/api/v1/lesson-check",
        &admin,
        json!({"text": "I'm just not good at this. I will never take on a launch again."}),
    )
    .await;
    assert_ne!(l["verdict"], "careful", "{l}");
    assert_eq!(l["needs_rewrite"], true);
    assert!(!l["reasons"].as_array().unwrap().is_empty());
    assert!(l["prompt"].as_str().unwrap().len() > 10);
    for path in ["/api/v1/diagnose", "/api/v1/lesson-check"] {
        assert_eq!(
            status(
                &app,
                Method::POST,
                path,
                &admin,
                Some(json!({"text": "  "}))
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            status(
                &app,
                Method::POST,
                path,
                &admin,
                Some(json!({"words": "x"}))
            )
            .await
            .as_u16()
                / 100,
            4
        );
        let anon = app
            .call(Method::POST, path, None, Some(json!({"text": "x"})))
            .await;
        assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    }
    assert!(
        ok(
            &app,
            Method::GET,
            "/api/v1/reflections",
            &admin,
            json!(null)
        )
        .await["reflections"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let g = app.get("/api/v1/reflection-guide", &admin).await.body;
    assert_eq!(g["traps"].as_array().unwrap().len(), 4);
    assert_eq!(g["failure_types"][1]["name"], "courage");
    assert!(g["failure_types"][1]["correction"].as_str().unwrap().len() > 20);
}

#[tokio::test]
async fn a_reflection_on_a_mistake_becomes_a_principle_in_the_manual() {
    let app = spawn_app().await;
    let (_admin, _boss, owner, _mate) = people(&app).await;
    let m = app.mistake(&owner, "Launch date promised", "team").await;

    // Describe: the suggestion is kept, the later steps are open.
    let r = ok(
        &app,
        Method::POST,
        "/api/v1/reflections",
        &owner,
        json!({"mistake": m, "account": ACCOUNT}),
    )
    .await;
    let id = r["id"].as_str().unwrap().to_string();
    assert_eq!(r["subject"], "Launch date promised");
    assert_eq!(r["mistake"], m.as_str());
    assert!(r["suggested"]["trap"].is_string(), "{r}");
    assert!(r["suggested"]["cues"].is_array());
    assert_eq!(r["trap"], Value::Null);
    assert_eq!(r["complete"], false);
    let path = format!("/api/v1/reflections/{id}");

    // Choose (differently from the suggestion where possible): feedback kept.
    let suggested_trap = r["suggested"]["trap"].as_str().unwrap().to_string();
    let chosen = if suggested_trap == "ego" {
        "judgment"
    } else {
        "ego"
    };
    let r = ok(
        &app,
        Method::PUT,
        &path,
        &owner,
        json!({"trap": chosen, "failure_type": "information"}),
    )
    .await;
    assert_eq!(r["trap"], chosen);
    assert!(r["correction"].as_str().unwrap().contains("context"), "{r}");

    // The specific error, one sentence.
    let two = json!({"specific_error": "I promised a date. Then I hid it."});
    assert_eq!(
        status(&app, Method::PUT, &path, &owner, Some(two)).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    ok(&app, Method::PUT, &path, &owner, json!({"specific_error": "I promised a launch date before engineering had estimated the work."})).await;

    // The lesson: a vague one gets its verdict, reasons and a prompt.
    let r = ok(
        &app,
        Method::PUT,
        &path,
        &owner,
        json!({"lesson": "I'm bad at this and should stay out of launches."}),
    )
    .await;
    assert_ne!(r["lesson_verdict"], "careful", "{r}");
    assert!(!r["lesson_reasons"].as_array().unwrap().is_empty());
    assert!(
        r["lesson_prompt"].as_str().unwrap().contains("specific"),
        "{r}"
    );
    let r = ok(&app, Method::PUT, &path, &owner, json!({"lesson": "Before I commit to a date in a customer meeting, I ask engineering for an estimate and give a range."})).await;
    assert_eq!(r["complete"], true);
    assert!(r["lesson_verdict"].is_string());

    // Only half a choice, an unknown trap, unknown fields: refused.
    let fresh = ok(
        &app,
        Method::POST,
        "/api/v1/reflections",
        &owner,
        json!({"memory_title": "Old memory", "account": "I stayed quiet in the review."}),
    )
    .await;
    let fresh_path = format!("/api/v1/reflections/{}", fresh["id"].as_str().unwrap());
    assert_eq!(
        status(
            &app,
            Method::PUT,
            &fresh_path,
            &owner,
            Some(json!({"trap": "ego"}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        status(
            &app,
            Method::PUT,
            &path,
            &owner,
            Some(json!({"trap": "luck"}))
        )
        .await
        .as_u16()
            / 100,
        4
    );
    assert_eq!(
        status(
            &app,
            Method::PUT,
            &path,
            &owner,
            Some(json!({"colour": "red"}))
        )
        .await
        .as_u16()
            / 100,
        4
    );
    for bad in [
        json!({"account": "x"}),
        json!({"account": "x", "mistake": m, "memory_title": "both"}),
        json!({"account": " ", "memory_title": "t"}),
    ] {
        assert_eq!(
            status(&app, Method::POST, "/api/v1/reflections", &owner, Some(bad)).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }

    // The principle.
    let bad = json!({"reflection": id, "text": "Always ask engineering"});
    assert_eq!(
        status(&app, Method::POST, "/api/v1/principles", &owner, Some(bad)).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let p = ok(&app, Method::POST, "/api/v1/principles", &owner, json!({"reflection": id, "text": "i will not promise a date before engineering has estimated the work"})).await;
    assert_eq!(
        p["text"],
        "I will not promise a date before engineering has estimated the work"
    );
    assert_eq!(p["came_from"], "Launch date promised");
    assert_eq!(p["mistake"], m.as_str());
    let pid = p["id"].as_str().unwrap().to_string();
    let standalone = ok(&app, Method::POST, "/api/v1/principles", &owner, json!({"reflection": fresh["id"], "text": "I will not stay quiet when the numbers look wrong"})).await;
    assert_eq!(standalone["came_from"], "Old memory");

    // Revise, retire, history.
    let revised = ok(&app, Method::POST, &format!("/api/v1/principles/{pid}/revise"), &owner, json!({"text": "I will not give a date without an engineering estimate", "note": "shorter"})).await;
    assert_eq!(revised["history"].as_array().unwrap().len(), 2);
    let h = app
        .get(&format!("/api/v1/principles/{pid}/history"), &owner)
        .await
        .body;
    assert_eq!(
        h["history"][0]["text"],
        "I will not promise a date before engineering has estimated the work"
    );
    assert_eq!(h["history"][1]["note"], "shorter");
    let sid = standalone["id"].as_str().unwrap();
    assert_eq!(
        status(
            &app,
            Method::POST,
            &format!("/api/v1/principles/{sid}/retire"),
            &owner,
            Some(json!({"reason": " "}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let retired = ok(
        &app,
        Method::POST,
        &format!("/api/v1/principles/{sid}/retire"),
        &owner,
        json!({"reason": "it became a team habit"}),
    )
    .await;
    assert_eq!(retired["status"], "retired");
    assert_eq!(
        status(
            &app,
            Method::POST,
            &format!("/api/v1/principles/{sid}/revise"),
            &owner,
            Some(json!({"text": "I will not do that again at all"}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Search and filter.
    let list = |q: &str| format!("/api/v1/principles{q}");
    let found = app.get(&list("?q=ENGINEERING"), &owner).await.body;
    assert_eq!(found["principles"].as_array().unwrap().len(), 1);
    assert_eq!(found["principles"][0]["id"], pid.as_str());
    let active = app.get(&list("?status=active"), &owner).await.body;
    assert_eq!(active["principles"].as_array().unwrap().len(), 1);
    let all = app.get(&list(""), &owner).await.body;
    assert_eq!(all["principles"].as_array().unwrap().len(), 2);
    assert_eq!(
        status(&app, Method::GET, &list("?status=maybe"), &owner, None).await,
        StatusCode::BAD_REQUEST
    );

    // The manual, as JSON and as a Markdown download.
    let manual = app.get("/api/v1/me/manual", &owner).await.body;
    assert_eq!(manual["principles"].as_array().unwrap().len(), 2);
    let md = app.get("/api/v1/me/manual?format=markdown", &owner).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert!(
        md.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("operating-manual.md")
    );
    let text = md.body.as_str().unwrap();
    assert!(text.starts_with("# Operating Manual — Olga"), "{text}");
    assert!(text.contains("### I will not give a date without an engineering estimate"));
    assert!(text.contains("From: Launch date promised"));
    assert!(text.contains("## Retired"));
    assert!(text.contains("it became a team habit"));
    assert_eq!(
        status(
            &app,
            Method::GET,
            "/api/v1/me/manual?format=pdf",
            &owner,
            None
        )
        .await,
        StatusCode::BAD_REQUEST
    );

    // The labels for retraining: one line per reflection where a choice was made.
    let fb = app.get("/api/v1/me/diagnosis-feedback", &owner).await;
    assert!(
        fb.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/x-ndjson")
    );
    let text = match &fb.body {
        Value::String(s) => s.clone(),
        other => format!("{other}\n"),
    };
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["trap"], chosen);
    assert_eq!(lines[0]["failure_type"], "information");
    assert_eq!(lines[0]["suggested_trap"], suggested_trap.as_str());
    assert_eq!(lines[0]["corrected"], true);
    assert_eq!(lines[0]["text"], ACCOUNT);

    // Deleting the reflection keeps the principle.
    assert_eq!(
        status(&app, Method::DELETE, &path, &owner, None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        status(&app, Method::GET, &path, &owner, None).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(
            &app,
            Method::GET,
            &format!("/api/v1/principles/{pid}"),
            &owner,
            None
        )
        .await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn wins_and_the_self_care_plan() {
    let app = spawn_app().await;
    let (_admin, _boss, owner, _mate) = people(&app).await;
    let m = app.mistake(&owner, "Broken export", "private").await;
    assert_eq!(
        status(
            &app,
            Method::POST,
            "/api/v1/wins",
            &owner,
            Some(json!({"text": "  "}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    ok(
        &app,
        Method::POST,
        "/api/v1/wins",
        &owner,
        json!({"text": "Shipped the fix with a test", "mistake": m}),
    )
    .await;
    ok(
        &app,
        Method::POST,
        "/api/v1/wins",
        &owner,
        json!({"text": "Ran the incident review"}),
    )
    .await;
    let wins = app.get("/api/v1/wins", &owner).await.body;
    assert_eq!(wins["wins"][0]["text"], "Ran the incident review");
    assert_eq!(wins["wins"][1]["mistake_title"], "Broken export");

    let sc = app.get("/api/v1/me/self-care", &owner).await.body;
    assert_eq!(sc["plan"], Value::Null);
    assert!(!sc["ideas"].as_array().unwrap().is_empty());
    let plan = ok(
        &app,
        Method::PUT,
        "/api/v1/me/self-care",
        &owner,
        json!({"items": ["A walk outside", "", "Dinner with friends"], "mistake": m}),
    )
    .await;
    assert_eq!(
        plan["items"],
        json!(["A walk outside", "Dinner with friends"])
    );
    let sc = app.get("/api/v1/me/self-care", &owner).await.body;
    assert_eq!(sc["plan"]["items"][1], "Dinner with friends");
    let many: Vec<String> = (0..30).map(|i| format!("item {i}")).collect();
    assert_eq!(
        status(
            &app,
            Method::PUT,
            "/api/v1/me/self-care",
            &owner,
            Some(json!({"items": many}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn nobody_else_reaches_any_of_it_not_even_a_manager_or_an_admin() {
    let app = spawn_app().await;
    let (admin, boss, owner, mate) = people(&app).await;
    let stranger = app.join(&admin, "Sam", "member", None, None).await;
    // A mistake the manager and the team may read: the reflections on it stay private.
    let m = app.mistake(&owner, "Visible mistake", "team").await;
    let r = ok(
        &app,
        Method::POST,
        "/api/v1/reflections",
        &owner,
        json!({"mistake": m, "account": ACCOUNT, "trap": "ego", "failure_type": "skill"}),
    )
    .await;
    let rid = r["id"].as_str().unwrap().to_string();
    let p = ok(
        &app,
        Method::POST,
        "/api/v1/principles",
        &owner,
        json!({"reflection": rid, "text": "I will not skip the review"}),
    )
    .await;
    let pid = p["id"].as_str().unwrap().to_string();
    ok(
        &app,
        Method::POST,
        "/api/v1/wins",
        &owner,
        json!({"text": "A good week", "mistake": m}),
    )
    .await;
    ok(
        &app,
        Method::PUT,
        "/api/v1/me/self-care",
        &owner,
        json!({"items": ["Sleep"]}),
    )
    .await;

    for other in [&boss, &admin, &mate, &stranger] {
        // Someone else's records: 404, whatever the method.
        let refl = format!("/api/v1/reflections/{rid}");
        assert_eq!(
            status(&app, Method::GET, &refl, other, None).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(
                &app,
                Method::PUT,
                &refl,
                other,
                Some(json!({"lesson": "x y z"}))
            )
            .await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(&app, Method::DELETE, &refl, other, None).await,
            StatusCode::NOT_FOUND
        );
        let prin = format!("/api/v1/principles/{pid}");
        assert_eq!(
            status(&app, Method::GET, &prin, other, None).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(&app, Method::GET, &format!("{prin}/history"), other, None).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(
                &app,
                Method::POST,
                &format!("{prin}/revise"),
                other,
                Some(json!({"text": "I will not be nosy"}))
            )
            .await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(
                &app,
                Method::POST,
                &format!("{prin}/retire"),
                other,
                Some(json!({"reason": "mine now"}))
            )
            .await,
            StatusCode::NOT_FOUND
        );
        // Pointing their own records at it: 404 too.
        let from = json!({"reflection": rid, "text": "I will not read other people's notes"});
        assert_eq!(
            status(&app, Method::POST, "/api/v1/principles", other, Some(from)).await,
            StatusCode::NOT_FOUND
        );
        let on = json!({"mistake": m, "account": "Reflecting on someone else's mistake"});
        assert_eq!(
            status(&app, Method::POST, "/api/v1/reflections", other, Some(on)).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(
                &app,
                Method::POST,
                "/api/v1/wins",
                other,
                Some(json!({"text": "x", "mistake": m}))
            )
            .await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(
                &app,
                Method::PUT,
                "/api/v1/me/self-care",
                other,
                Some(json!({"items": ["x"], "mistake": m}))
            )
            .await,
            StatusCode::NOT_FOUND
        );
        // Their own lists show none of it.
        assert!(
            app.get("/api/v1/reflections", other).await.body["reflections"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(
            app.get("/api/v1/principles", other).await.body["principles"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(
            app.get("/api/v1/me/manual", other).await.body["principles"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(
            app.get("/api/v1/wins", other).await.body["wins"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            app.get("/api/v1/me/self-care", other).await.body["plan"],
            Value::Null
        );
        let fb = app.get("/api/v1/me/diagnosis-feedback", other).await;
        assert_eq!(fb.body, Value::String(String::new()));
    }
    // Nonsense ids are 404, not 400.
    assert_eq!(
        status(&app, Method::GET, "/api/v1/reflections/nope", &owner, None).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(&app, Method::GET, "/api/v1/principles/nope", &owner, None).await,
        StatusCode::NOT_FOUND
    );
    // And the owner still has it all.
    assert_eq!(
        status(
            &app,
            Method::GET,
            &format!("/api/v1/reflections/{rid}"),
            &owner,
            None
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/principles", &owner).await.body["principles"][0]["text"],
        "I will not skip the review"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_reflection_endpoints() {
    let app = spawn_app().await;
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let paths = r.body["paths"].as_object().unwrap();
    for p in [
        "/api/v1/diagnose",
        "/api/v1/lesson-check",
        "/api/v1/reflection-guide",
        "/api/v1/reflections",
        "/api/v1/reflections/{id}",
        "/api/v1/principles",
        "/api/v1/principles/{id}",
        "/api/v1/principles/{id}/history",
        "/api/v1/principles/{id}/revise",
        "/api/v1/principles/{id}/retire",
        "/api/v1/me/manual",
        "/api/v1/wins",
        "/api/v1/me/self-care",
        "/api/v1/me/diagnosis-feedback",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
}
