//! A manager's recovery plan for one of their reports, in real browsers:
//! open the plan, two check-ins with the ten signs, the chart, adopt a move,
//! write the debrief, the escalation panel; then the report reads it
//! without the private notes or the escalation. Every page is checked with
//! axe-core as it loads.

use crate::harness::Env;
use crate::people::{SIGNS, join, sign_in};
use serde_json::json;

async fn score_all(b: &crate::harness::Browser, level: &str) {
    for s in SIGNS {
        b.el(&format!("input[name=sign_{s}][value='{level}']"))
            .await
            .click()
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_supports_a_report_through_a_recovery_plan() {
    let Some(env) = Env::start("plans").await else {
        return;
    };
    let admin = crate::people::admin(&env).await;
    let (mara, mara_id) = join(&env, &admin, "Mara", "manager", None).await;
    let (remi, _) = join(&env, &admin, "Remi", "member", Some(&mara_id)).await;

    let m = env.browser("manager").await;
    sign_in(&m, &mara).await;
    m.follow("Recovery plans").await;
    m.assert_at("/plans").await;
    m.shot("plans-empty").await;

    // Open a plan: drivers, a pressure point, topics.
    m.el("#new-pp-public_mistake").await.click().await.unwrap();
    m.el("#new-dr-social").await.click().await.unwrap();
    m.el("#new-dr-skill_gap").await.click().await.unwrap();
    m.fill("#topics", "The demo\nNext sprint").await;
    m.submit("Open the plan", None).await;
    let plan = m.path().await;
    assert!(plan.starts_with("/plans/"), "{plan}");
    m.assert_text("Recovery plan with Remi").await;
    m.assert_text("Set up one small visible win within days")
        .await;

    // A check-in missing signs is refused by the browser (required radios);
    // a full one is saved.
    score_all(&m, "2").await;
    m.fill("#note_fewer_volunteers", "Did not offer to present")
        .await;
    m.el("#topic-0").await.click().await.unwrap();
    m.fill("#private_note", "Seemed tired.").await;
    m.shot_of("#check-in", "check-in-form").await;
    m.submit("Save the check-in", None).await;
    m.assert_text("Carried over: Next sprint").await;

    score_all(&m, "1").await;
    m.el("input[name=distress]").await.click().await.unwrap();
    m.submit("Save the check-in", None).await;
    m.assert_text("Recovering").await;
    m.assert_text("It may be time for more support").await;
    m.assert_text("Words you could use").await;
    let bars = m
        .js(
            "return document.querySelectorAll('#trend td.level').length",
            vec![],
        )
        .await;
    assert_eq!(bars, json!(20), "ten signs × two check-ins");
    m.shot_of("#trend", "trend-chart").await;
    m.shot_of("#escalation", "escalation").await;

    // Adopt the debrief, then write it: the task completes by itself.
    let adopt = m
        .el("#moves form:has(input[name=move][value=calm_debrief]) button")
        .await;
    m.navigate_by(adopt).await;
    m.assert_text("Done when the debrief note below is written.")
        .await;
    m.fill("#debrief-what_happened", "The demo failed on stage.")
        .await;
    m.fill("#debrief-what_is_known", "The staging data was stale.")
        .await;
    m.fill("#debrief-technical_fix", "Refresh staging before demos.")
        .await;
    m.fill(
        "#debrief-communication_change",
        "Say what is live and what is mocked.",
    )
    .await;
    m.submit("Save the debrief note", None).await;
    let done = m
        .js(
            "return document.querySelector('#tasks .pill.good') !== null",
            vec![],
        )
        .await;
    assert_eq!(done, json!(true), "{}", m.text().await);
    m.assert_text("debrief (.ics)").await;
    m.shot("plan-manager").await;
    eprintln!("pages checked with axe-core: manager {:?}", m.checked());
    m.close().await;

    // The report reads the plan; the private note and the escalation are not there.
    let r = env.browser("report").await;
    sign_in(&r, &remi).await;
    r.follow("Recovery plans").await;
    r.open(&plan).await;
    r.assert_text("Your recovery plan").await;
    r.assert_text("The staging data was stale.").await;
    let text = r.text().await;
    for hidden in [
        "Seemed tired.",
        "It may be time for more support",
        "Record a check-in",
        "severe distress",
    ] {
        assert!(!text.contains(hidden), "the report sees {hidden:?}");
    }
    r.shot("plan-report").await;
    eprintln!("pages checked with axe-core: report {:?}", r.checked());
    r.close().await;
}
