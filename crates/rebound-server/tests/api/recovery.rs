//! Recovery plans (issue 6) over the API: the manager's flow, bad input,
//! and who may do what — relation × resource × action → status. Private
//! notes never reach the report or an admin; a manager change ends the old
//! manager's access at once.

use crate::harness::{Person, Reply, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub struct World {
    pub app: TestApp,
    pub admin: Person,
    pub manager: Person,
    pub report: Person,
    pub other_manager: Person,
    pub teammate: Person,
    pub stranger: Person,
    pub next_manager: Person,
}

pub async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Platform").await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let other_manager = app.join(&admin, "Otto", "manager", None, None).await;
    let next_manager = app.join(&admin, "Nia", "manager", None, None).await;
    let report = app
        .join(&admin, "Remi", "member", Some(&manager), Some(&team))
        .await;
    let teammate = app
        .join(&admin, "Tess", "member", Some(&other_manager), Some(&team))
        .await;
    let stranger = app.join(&admin, "Sid", "member", None, None).await;
    World {
        app,
        admin,
        manager,
        report,
        other_manager,
        teammate,
        stranger,
        next_manager,
    }
}

/// All ten signs at `level`, in the API's names.
pub fn signs(level: u8) -> Value {
    let names = [
        "fewer_volunteers",
        "excessive_sign_off",
        "over_caution",
        "speaking_less",
        "defensive_tone",
        "low_risk_drift",
        "more_shadowing",
        "less_ownership",
        "leader_micromanaging",
        "repeated_rework",
    ];
    Value::Array(
        names
            .iter()
            .map(|n| json!({"sign": n, "level": level}))
            .collect(),
    )
}

/// A plan by `w.manager` for `w.report` with `body` (the report added);
/// its id.
async fn post_plan(w: &World, mut body: Value) -> String {
    body["report"] = json!(w.report.id);
    let r = w.app.post("/api/v1/plans", &w.manager, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["plan"]["id"].as_str().unwrap().to_string()
}

/// A plan by `w.manager` for `w.report`; its id.
pub async fn open_plan(w: &World) -> String {
    post_plan(
        w,
        json!({
            "pressure_points": ["public_mistake"],
            "drivers": ["social", "skill_gap"],
            "topics": ["The demo", "Next sprint"],
        }),
    )
    .await
}

/// A plan by `w.manager` for `w.report` whose weekly check-ins start a day
/// from now on the app's clock; its id and the first check-in's time.
pub async fn open_plan_checking_in_tomorrow(w: &World) -> (String, jiff::Timestamp) {
    let first = w.app.clock.now() + jiff::SignedDuration::from_hours(24);
    let id = post_plan(
        w,
        json!({
            "pressure_points": ["public_mistake"],
            "drivers": ["social"],
            "topics": [],
            "schedule": {"first_at": first.to_string(), "every_weeks": 1, "minutes": 30, "count": 4},
        }),
    )
    .await;
    (id, first)
}

fn ok(r: &Reply, what: &str) {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
}

#[tokio::test]
async fn the_managers_flow_from_opening_to_escalation() {
    let w = world().await;
    let app = &w.app;
    let mistake = app.mistake(&w.report, "The demo failed", "manager").await;
    let r = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({
                "report": w.report.id,
                "mistake": mistake,
                "pressure_points": ["public_mistake", "peer_comparison"],
                "drivers": ["social", "skill_gap"],
                "topics": ["The demo", "Next sprint"],
                "schedule": {"first_at": "2030-01-07T09:30:00Z", "every_weeks": 1, "minutes": 30, "count": 6},
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["plan"]["id"].as_str().unwrap().to_string();
    assert_eq!(r.body["plan"]["mistake"], mistake);
    assert_eq!(r.body["role"], "manager");
    assert_eq!(r.body["report_name"], "Remi");
    assert_eq!(r.body["trend"]["trend"], "too_early");
    // The debrief first until it is written, then ranked for social +
    // skill gap and the public mistake, each with its reasons.
    assert_eq!(r.body["suggestions"][0]["move"], "calm_debrief");
    let first = &r.body["suggestions"][1];
    assert_eq!(first["move"], "small_visible_win");
    assert!(!first["reasons"][0].as_str().unwrap().is_empty());
    let base = format!("/api/v1/plans/{id}");

    // Both see it listed.
    let mine = app.get("/api/v1/plans", &w.manager).await;
    assert_eq!(mine.body["managing"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["managing"][0]["report_name"], "Remi");
    let theirs = app.get("/api/v1/plans", &w.report).await;
    assert_eq!(theirs.body["about_me"][0]["id"], id.as_str());
    assert!(theirs.body["about_me"][0].get("escalation").is_none());
    assert!(theirs.body["managing"].as_array().unwrap().is_empty());

    // First check-in: the demo covered, next sprint carried over.
    let mut s = signs(2);
    s[0]["note"] = json!("Quiet in stand-up");
    let r = app
        .post(
            &format!("{base}/check-ins"),
            &w.manager,
            json!({"signs": s, "covered": ["The demo"], "new_topics": ["Pairing"], "private_note": "Seemed tired."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.body["plan"]["check_ins"][0]["carried_over"],
        json!(["Next sprint"])
    );
    assert_eq!(r.body["plan"]["topics"], json!(["Next sprint", "Pairing"]));
    assert_eq!(
        r.body["plan"]["check_ins"][0]["signs"][0]["note"],
        "Quiet in stand-up"
    );

    // Adopt the debrief: a task with a due date; its invite follows it.
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "calm_debrief", "due": "2030-01-03T15:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let task = r.body["plan"]["tasks"][0].clone();
    assert_eq!(task["move"], "calm_debrief");
    assert_eq!(task["due"], "2030-01-03T15:00:00Z");
    let task_id = task["id"].as_str().unwrap();
    let ics = app.get(&format!("{base}/debrief.ics"), &w.manager).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert_eq!(ics.headers["content-type"], "text/calendar; charset=utf-8");
    let text = ics.body.as_str().unwrap();
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );
    assert!(text.contains("\r\nDTSTART:20300103T150000Z\r\nDTEND:20300103T153000Z\r\n"));
    assert!(text.contains(&format!("\r\nUID:debrief-{id}@rebound\r\n")));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let ics = app.get(&format!("{base}/check-ins.ics"), &w.report).await;
    let text = ics.body.as_str().unwrap();
    assert!(text.contains("\r\nDTSTART:20300107T093000Z\r\n"));
    assert!(text.contains("\r\nRRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6\r\n"));
    assert!(
        !text.to_lowercase().contains("demo"),
        "invites say nothing of the plan"
    );

    // The debrief task completes when the note is written, not by hand.
    let r = app
        .post(
            &format!("{base}/tasks/{task_id}/complete"),
            &w.manager,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("debrief note is written")
    );
    let r = app
        .put(
            &format!("{base}/debrief"),
            &w.manager,
            json!({"what_happened": "The demo failed on stage.", "what_is_known": "Staging data was stale.",
                   "technical_fix": "Refresh staging before demos.", "communication_change": "Say what is mocked."}),
        )
        .await;
    ok(&r, "debrief");
    assert!(r.body["plan"]["tasks"][0]["completed_at"].is_string());

    // A move completed by hand.
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "small_visible_win"}),
        )
        .await;
    let win = r.body["plan"]["tasks"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &format!("{base}/tasks/{win}/complete"),
            &w.manager,
            json!({}),
        )
        .await;
    ok(&r, "complete");
    assert!(r.body["plan"]["tasks"][1]["completed_at"].is_string());
    let again = app
        .post(
            &format!("{base}/tasks/{win}/complete"),
            &w.manager,
            json!({}),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Adopted moves drop out of the suggestions.
    let moves = app.get(&format!("{base}/moves"), &w.report).await;
    let suggested: Vec<&str> = moves.body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["move"].as_str().unwrap())
        .collect();
    assert!(!suggested.contains(&"small_visible_win") && !suggested.contains(&"calm_debrief"));

    // Second check-in, lower signs, distress recorded: recovering, and the
    // escalation shows for the manager only.
    let r = app
        .post(
            &format!("{base}/check-ins"),
            &w.manager,
            json!({"signs": signs(1), "covered": ["Next sprint"], "distress": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["trend"]["trend"], "recovering");
    assert_eq!(r.body["trend"]["totals"], json!([20, 10]));
    assert_eq!(
        r.body["escalation"]["criteria"],
        json!(["distress_recorded"])
    );
    assert!(
        r.body["escalation"]["suggestion"]
            .as_str()
            .unwrap()
            .contains("employee assistance programme")
    );
    assert!(!r.body["escalation"]["words"].as_array().unwrap().is_empty());
    let t = app.get(&format!("{base}/trend"), &w.report).await;
    assert_eq!(t.body["trend"], "recovering");
    let e = app.get(&format!("{base}/escalation"), &w.manager).await;
    assert_eq!(
        e.body["escalation"]["criteria"],
        json!(["distress_recorded"])
    );

    let seen = app.get(&base, &w.report).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["role"], "report");
    assert!(seen.body.get("escalation").is_none());
    let text = seen.body.to_string();
    assert!(
        !text.contains("distress") && !text.contains("safety_impact"),
        "{text}"
    );
    assert!(!text.contains("Seemed tired"));

    // The manager's private notes: theirs alone.
    let notes = app.get(&format!("{base}/notes"), &w.manager).await;
    assert_eq!(notes.body["notes"][0]["body"], "Seemed tired.");
    for who in [&w.report, &w.admin] {
        let r = app.get(&format!("{base}/notes"), who).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(!r.body.to_string().contains("Seemed tired"));
    }
}

#[tokio::test]
async fn plans_are_only_for_ones_own_reports_and_bad_input_is_refused() {
    let w = world().await;
    let app = &w.app;
    // Not my report (exists), unknown, malformed: the same 404.
    for report in [w.teammate.id.as_str(), "zzzzzzzz", "nope"] {
        let r = app
            .post("/api/v1/plans", &w.manager, json!({"report": report}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{report}: {}", r.body);
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("reports to you")
        );
    }
    // An admin manages accounts, not people's recoveries.
    let r = app
        .post("/api/v1/plans", &w.admin, json!({"report": w.report.id}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Unknown driver, duplicate driver, bad schedule, a mistake that is not theirs.
    let bad_driver = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "drivers": ["lazy"]}),
        )
        .await;
    assert_eq!(
        bad_driver.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad_driver.body
    );
    let twice = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "drivers": ["social", "social"]}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    let schedule = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "schedule": {"first_at": "2030-01-07T09:30:00Z", "every_weeks": 9, "minutes": 30, "count": 6}}),
        )
        .await;
    assert_eq!(schedule.status, StatusCode::UNPROCESSABLE_ENTITY);
    let own = app.mistake(&w.manager, "Mine", "private").await;
    let r = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "mistake": own}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let hidden = app.mistake(&w.report, "Hidden", "private").await;
    let r = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "mistake": hidden}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a mistake the manager cannot see"
    );
    let unknown = app
        .post(
            "/api/v1/plans",
            &w.manager,
            json!({"report": w.report.id, "colour": "blue"}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    let id = open_plan(&w).await;
    let base = format!("/api/v1/plans/{id}");
    // Check-ins: all ten signs, 0–3, once each; topics must be open ones.
    let mut nine = signs(1);
    nine.as_array_mut().unwrap().pop();
    let mut four = signs(1);
    four[2]["level"] = json!(4);
    let mut negative = signs(1);
    negative[2]["level"] = json!(-1);
    let mut unknown_sign = signs(1);
    unknown_sign[2]["sign"] = json!("sadness");
    for (what, body, want) in [
        (
            "nine signs",
            json!({"signs": nine}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "level 4",
            json!({"signs": four}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "level -1",
            json!({"signs": negative}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown sign",
            json!({"signs": unknown_sign}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("no signs", json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "unknown topic",
            json!({"signs": signs(1), "covered": ["Weather"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "empty private note",
            json!({"signs": signs(1), "private_note": "x".repeat(6000)}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = app
            .post(&format!("{base}/check-ins"), &w.manager, body)
            .await;
        assert_eq!(r.status, want, "{what}: {}", r.body);
    }
    let r = app.get(&base, &w.manager).await;
    assert!(
        r.body["plan"]["check_ins"].as_array().unwrap().is_empty(),
        "refusals wrote nothing"
    );
    let r = app
        .call(
            Method::POST,
            &format!("{base}/check-ins"),
            Some(&w.manager),
            None,
        )
        .await;
    assert!(r.status.is_client_error());
    // Moves and tasks.
    let r = app
        .post(&format!("{base}/tasks"), &w.manager, json!({"move": "hug"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "paired_work", "due": "2001-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "paired_work"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "paired_work"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already adopted"
    );
    let r = app
        .post(
            &format!("{base}/tasks/zzzzzzzz/complete"),
            &w.manager,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .put(&format!("{base}/debrief"), &w.manager, json!({"what_happened": "x", "what_is_known": "", "technical_fix": "y", "communication_change": "z"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // No debrief adopted yet: no debrief invite.
    let r = app.get(&format!("{base}/debrief.ics"), &w.manager).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("adopt the calm debrief")
    );
}

/// What each relation gets from each resource and action.
/// Times a plan takes are bounded on both sides (issue 14, finding 11): a
/// schedule change as opening a plan is (1970 to ten years ahead, the
/// message naming the bound), and an adopted task's due date refuses an
/// offset no time zone has. Nothing changes when refused.
#[tokio::test]
async fn a_plans_times_are_bounded_on_both_sides() {
    let w = world().await;
    let id = open_plan(&w).await;
    let base = format!("/api/v1/plans/{id}");
    let schedule = |first_at: String| json!({"first_at": first_at, "every_weeks": 1, "minutes": 30, "count": 6});
    let before = w.app.get(&base, &w.manager).await.body["plan"].clone();
    let far = (w.app.clock.now() + jiff::SignedDuration::from_hours(24 * 3653 + 48)).to_string();
    for (first_at, says) in [
        (far, "more than ten years ahead"),
        ("1969-12-31T23:00:00Z".to_string(), "before 1970-01-01"),
    ] {
        let r = w
            .app
            .put(
                &format!("{base}/schedule"),
                &w.manager,
                schedule(first_at.clone()),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{first_at}: {}",
            r.body
        );
        let message = r.body["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(says), "{first_at}: {message}");
    }
    let r = w
        .app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "paired_work", "due": "2030-01-01T00:00:00+25:00"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let message = r.body["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("±23:59"), "{message}");
    assert_eq!(w.app.get(&base, &w.manager).await.body["plan"], before);
    // Within the window, it is saved.
    let soon = (w.app.clock.now() + jiff::SignedDuration::from_hours(24 * 365)).to_string();
    let r = w
        .app
        .put(&format!("{base}/schedule"), &w.manager, schedule(soon))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn who_may_do_what_with_a_plan() {
    let w = world().await;
    let app = &w.app;
    let id = open_plan(&w).await;
    let base = format!("/api/v1/plans/{id}");
    let r = app
        .post(
            &format!("{base}/check-ins"),
            &w.manager,
            json!({"signs": signs(1), "private_note": "Private words"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "calm_debrief"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .post(
            &format!("{base}/tasks"),
            &w.manager,
            json!({"move": "small_visible_win"}),
        )
        .await;
    let task = r.body["plan"]["tasks"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // (resource × action, method, path, body)
    let cells: Vec<(&str, Method, String, Option<Value>)> = vec![
        ("plan read", Method::GET, base.clone(), None),
        ("plan list entry", Method::GET, "/api/v1/plans".into(), None),
        (
            "plan change",
            Method::PUT,
            format!("{base}/context"),
            Some(json!({"pressure_points": [], "drivers": ["process"]})),
        ),
        (
            "check-in create",
            Method::POST,
            format!("{base}/check-ins"),
            Some(json!({"signs": signs(0)})),
        ),
        (
            "private note read",
            Method::GET,
            format!("{base}/notes"),
            None,
        ),
        (
            "private note create",
            Method::POST,
            format!("{base}/notes"),
            Some(json!({"body": "More private words"})),
        ),
        (
            "task create",
            Method::POST,
            format!("{base}/tasks"),
            Some(json!({"move": "recalibrated_goals"})),
        ),
        (
            "task complete",
            Method::POST,
            format!("{base}/tasks/{task}/complete"),
            Some(json!({})),
        ),
        (
            "escalation read",
            Method::GET,
            format!("{base}/escalation"),
            None,
        ),
        ("trend read", Method::GET, format!("{base}/trend"), None),
        (
            "debrief ics",
            Method::GET,
            format!("{base}/debrief.ics"),
            None,
        ),
        (
            "check-ins ics",
            Method::GET,
            format!("{base}/check-ins.ics"),
            None,
        ),
    ];
    // Expected success per cell, in the order above.
    const M: [bool; 12] = [true; 12];
    const R: [bool; 12] = [
        true, true, false, false, false, false, false, false, false, true, true, true,
    ];
    const NONE: [bool; 12] = [false; 12];
    let rows: [(&str, &Person, [bool; 12]); 6] = [
        ("the report", &w.report, R),
        ("another manager", &w.other_manager, NONE),
        ("admin", &w.admin, NONE),
        ("teammate", &w.teammate, NONE),
        ("stranger", &w.stranger, NONE),
        ("the manager", &w.manager, M),
    ];
    for (who, person, expected) in rows {
        for ((cell, method, path, body), want) in cells.iter().zip(expected) {
            let r = app
                .call(method.clone(), path, Some(person), body.clone())
                .await;
            let listed = *cell == "plan list entry";
            if listed {
                let text = r.body.to_string();
                assert_eq!(text.contains(&id), want, "{who} × {cell}: {text}");
                continue;
            }
            if want {
                assert!(
                    r.status.is_success(),
                    "{who} × {cell}: {} {}",
                    r.status,
                    r.body
                );
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::NOT_FOUND,
                    "{who} × {cell}: {}",
                    r.body
                );
                assert!(
                    !r.body.to_string().contains("Private words"),
                    "{who} × {cell}"
                );
            }
        }
    }

    // A guest (a share link's cookie, no account) and nobody: nothing.
    let m = app.mistake(&w.report, "Shared", "team").await;
    let link = app
        .post(
            &format!("/api/v1/mistakes/{m}/share-links"),
            &w.report,
            json!({}),
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    let (opened, guest) = app
        .open_link(link.body["token"].as_str().unwrap(), "Gus")
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let guest = guest.map(|g| g.cookie);
    assert!(guest.is_some());
    for (cell, method, path, body) in &cells {
        for cookie in [guest.as_deref(), None] {
            let r = app
                .with_cookie(method.clone(), path, cookie, body.clone())
                .await;
            assert!(
                r.status == StatusCode::UNAUTHORIZED || r.status == StatusCode::NOT_FOUND,
                "guest {cookie:?} × {cell}: {}",
                r.status
            );
            assert!(!r.body.to_string().contains("Private words"));
        }
    }

    // A manager change ends the old manager's access at once; the new
    // manager gets the plan but not the old manager's private notes.
    let r = app
        .put(
            &format!("/api/v1/users/{}/manager", w.report.id),
            &w.admin,
            json!({"manager": w.next_manager.id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    for ((cell, method, path, body), _) in cells.iter().zip(M) {
        let r = app
            .call(method.clone(), path, Some(&w.manager), body.clone())
            .await;
        if *cell == "plan list entry" {
            assert!(!r.body.to_string().contains(&id), "old manager × {cell}");
        } else {
            assert_eq!(
                r.status,
                StatusCode::NOT_FOUND,
                "old manager × {cell}: {}",
                r.body
            );
        }
    }
    let r = app.get(&base, &w.next_manager).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["role"], "manager");
    let notes = app.get(&format!("{base}/notes"), &w.next_manager).await;
    assert_eq!(notes.status, StatusCode::OK);
    assert_eq!(
        notes.body["notes"],
        json!([]),
        "the old manager's notes stay theirs"
    );
    let listed = app.get("/api/v1/plans", &w.next_manager).await;
    assert!(listed.body["managing"].to_string().contains(&id));
}

#[tokio::test]
async fn the_openapi_document_describes_the_plan_endpoints() {
    let w = world().await;
    let doc = w
        .app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let paths = doc.body["paths"].as_object().unwrap();
    for p in [
        "/api/v1/plans",
        "/api/v1/plans/{id}",
        "/api/v1/plans/{id}/check-ins",
        "/api/v1/plans/{id}/tasks",
        "/api/v1/plans/{id}/tasks/{task}/complete",
        "/api/v1/plans/{id}/escalation",
        "/api/v1/plans/{id}/notes",
        "/api/v1/plans/{id}/debrief.ics",
        "/api/v1/plans/{id}/check-ins.ics",
    ] {
        assert!(paths.contains_key(p), "{p}");
    }
}
