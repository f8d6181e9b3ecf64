//! The twelve moves over the API and the pages: the essay's scenario ranks
//! as the essay does, every move can be adopted with its own due date, the
//! ones that complete by themselves do, and the report reads their plan in
//! their own words — calm, no alarm, and ranked only from what they may see.

use crate::recovery::{World, world};
use reqwest::StatusCode;
use serde_json::{Value, json};

const MOVES: [(&str, i64); 12] = [
    ("calm_debrief", 2),
    ("separate_person_from_event", 3),
    ("small_visible_win", 5),
    ("development_plan", 7),
    ("paired_work", 14),
    ("share_own_failures", 7),
    ("protect_from_blame", 2),
    ("recalibrated_goals", 7),
    ("specific_feedback", 5),
    ("micro_experiments", 10),
    ("public_recognition", 21),
    ("track_in_one_on_ones", 14),
];

/// All ten signs at 0 but those named.
fn signs_with(raised: &[(&str, u8)]) -> Value {
    let mut all = crate::recovery::signs(0);
    for s in all.as_array_mut().unwrap() {
        if let Some((_, level)) = raised.iter().find(|(n, _)| s["sign"] == *n) {
            s["level"] = json!(level);
        }
    }
    all
}

async fn open(w: &World, body: Value) -> String {
    let mut body = body;
    body["report"] = json!(w.report.id);
    let r = w.app.post("/api/v1/plans", &w.manager, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["plan"]["id"].as_str().unwrap().to_string()
}

async fn check_in(w: &World, id: &str, body: Value) -> Value {
    let r = w
        .app
        .post(&format!("/api/v1/plans/{id}/check-ins"), &w.manager, body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body
}

fn moves_of(v: &Value) -> Vec<String> {
    v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["move"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_essays_demo_ranks_debrief_win_then_co_presenting_and_all_twelve_adopt() {
    let w = world().await;
    let id = open(&w, json!({"pressure_points": ["public_mistake"]})).await;
    let raised = [
        ("speaking_less", 3),
        ("low_risk_drift", 2),
        ("excessive_sign_off", 2),
    ];
    let v = check_in(&w, &id, json!({"signs": signs_with(&raised)})).await;
    assert_eq!(
        moves_of(&v)[..3],
        ["calm_debrief", "small_visible_win", "paired_work"]
    );
    assert!(!moves_of(&v).contains(&"public_recognition".to_string()));

    // Every move becomes a task due after its own number of days.
    let base = format!("/api/v1/plans/{id}");
    for (i, (name, days)) in MOVES.iter().enumerate() {
        let r = w
            .app
            .post(&format!("{base}/tasks"), &w.manager, json!({"move": name}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.body);
        let t = &r.body["plan"]["tasks"][i];
        assert_eq!(t["move"], *name);
        let at: jiff::Timestamp = t["adopted_at"].as_str().unwrap().parse().unwrap();
        let due: jiff::Timestamp = t["due"].as_str().unwrap().parse().unwrap();
        assert_eq!(due.duration_since(at).as_hours(), days * 24, "{name}");
    }
    let moves = w.app.get(&format!("{base}/moves"), &w.manager).await;
    assert_eq!(moves.body["suggestions"], json!([]), "all adopted");

    // Tracking in one-on-ones completes by itself after two check-ins.
    let track = |v: &Value| v["plan"]["tasks"][11]["completed_at"].clone();
    let task = w.app.get(&base, &w.manager).await.body["plan"]["tasks"][11]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let by_hand = w
        .app
        .post(
            &format!("{base}/tasks/{task}/complete"),
            &w.manager,
            json!({}),
        )
        .await;
    assert_eq!(by_hand.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        by_hand.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("two check-ins")
    );
    let v = check_in(&w, &id, json!({"signs": signs_with(&raised)})).await;
    assert!(track(&v).is_null());
    let v = check_in(&w, &id, json!({"signs": signs_with(&raised)})).await;
    assert!(track(&v).is_string(), "{}", v["plan"]["tasks"][11]);
}

#[tokio::test]
async fn the_report_reads_their_plan_as_support_not_an_alarm() {
    let w = world().await;
    let id = open(
        &w,
        json!({"pressure_points": ["public_mistake"], "drivers": ["process"]}),
    )
    .await;
    let base = format!("/api/v1/plans/{id}");
    check_in(
        &w,
        &id,
        json!({"signs": signs_with(&[("excessive_sign_off", 1)])}),
    )
    .await;
    check_in(
        &w,
        &id,
        json!({"signs": signs_with(&[("excessive_sign_off", 3), ("over_caution", 2)])}),
    )
    .await;

    // The manager's view keeps its words.
    let theirs = w.app.get(&base, &w.manager).await;
    assert_eq!(theirs.body["trend"]["trend"], "worsening");
    assert!(
        theirs.body["trend"]["description"]
            .as_str()
            .unwrap()
            .starts_with("Worsening")
    );
    let page = w.app.page(&format!("/plans/{id}"), Some(&w.manager)).await;
    assert!(page.html.contains("pill bad\">Worsening"));
    assert!(page.html.contains("They seek sign-off often"));

    // The report's: addressed to them, and calm.
    let mine = w.app.get(&base, &w.report).await;
    assert_eq!(mine.body["trend"]["trend"], "worsening", "the fact stays");
    let said = mine.body["trend"]["description"].as_str().unwrap();
    assert!(
        said.contains("your next one-on-one") && !said.contains("Worsening"),
        "{said}"
    );
    let trend = w.app.get(&format!("{base}/trend"), &w.report).await;
    assert_eq!(trend.body["description"], said);
    let reasons: Vec<String> = mine.body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["reasons"].as_array().unwrap().clone())
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("You have been seeking sign-off often"))
    );
    assert!(
        reasons.iter().all(|r| !r.starts_with("They ")),
        "{reasons:?}"
    );
    let page = w.app.page(&format!("/plans/{id}"), Some(&w.report)).await;
    assert_eq!(page.status, StatusCode::OK);
    for alarm in ["Worsening", "pill bad", "They seek", "Pair them", "/adopt"] {
        assert!(!page.html.contains(alarm), "the report sees '{alarm}'");
    }
    assert!(page.html.contains("Harder lately"));
    assert!(page.html.contains("What could help next"));
    assert!(page.html.contains("You have been seeking sign-off often"));
    let list = w.app.page("/plans", Some(&w.report)).await;
    assert!(list.html.contains("Harder lately") && !list.html.contains("Worsening"));
}

#[tokio::test]
async fn recognition_waits_for_recovery_and_the_reports_list_keeps_the_managers_knowledge() {
    let w = world().await;
    let id = open(&w, json!({"drivers": ["cultural"]})).await;
    let base = format!("/api/v1/plans/{id}");
    let r = w
        .app
        .put(
            &format!("{base}/debrief"),
            &w.manager,
            json!({"what_happened": "The demo failed.", "what_is_known": "Stale data.",
                   "technical_fix": "Refresh first.", "communication_change": "Say what is mocked."}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let v = check_in(&w, &id, json!({"signs": crate::recovery::signs(2)})).await;
    assert!(
        !moves_of(&v).contains(&"public_recognition".to_string()),
        "too early"
    );
    let v = check_in(&w, &id, json!({"signs": crate::recovery::signs(1)})).await;
    assert_eq!(v["trend"]["trend"], "recovering");
    assert!(moves_of(&v).contains(&"public_recognition".to_string()));
    assert!(
        !moves_of(&v).contains(&"calm_debrief".to_string()),
        "written"
    );

    // Distress recorded: the manager no longer sees recognition; the
    // report's list is ranked without what only the manager knows.
    let v = check_in(
        &w,
        &id,
        json!({"signs": crate::recovery::signs(1), "distress": true}),
    )
    .await;
    assert!(!moves_of(&v).contains(&"public_recognition".to_string()));
    for path in [base.clone(), format!("{base}/moves")] {
        let mine = w.app.get(&path, &w.report).await;
        assert!(
            moves_of(&mine.body).contains(&"public_recognition".to_string()),
            "{path}"
        );
        assert!(!mine.body.to_string().contains("distress"));
    }
}
