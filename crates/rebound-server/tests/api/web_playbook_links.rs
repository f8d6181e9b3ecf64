//! Issue 19, playbooks reached where they help: on the plan page each
//! pressure point, driver and sign links to the playbook about it and the
//! escalation panel to `beyond-a-quick-fix`; a reflection's trap and
//! failure type link to their part of `four-traps` and `failure-types`,
//! on the reflection and in the list; the anchors exist on those pages.

use crate::recovery::world;
use crate::web_recovery::{check_in, open};
use rebound_domain::playbook::slug_for;
use reqwest::StatusCode;
use serde_json::json;

fn link(slug: &str) -> String {
    format!("href=\"/playbooks/{slug}\"")
}

#[tokio::test]
async fn the_plan_page_links_its_keys_and_the_escalation() {
    let w = world().await;
    let id = open(&w).await;
    let at = format!("/plans/{id}");
    assert_eq!(
        check_in(&w, &id, &[], "2").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        check_in(&w, &id, &[("distress", "on")], "1").await.status,
        StatusCode::SEE_OTHER
    );

    let page = w.app.page(&at, Some(&w.manager)).await;
    assert_eq!(page.status, StatusCode::OK);
    for key in [
        "pressure:public_mistake",
        "driver:social",
        "driver:skill_gap",
        "sign:speaking_less",
        "sign:repeated_rework",
    ] {
        let slug = slug_for(key).unwrap_or_else(|| panic!("{key}"));
        assert!(page.html.contains(&link(slug)), "{key} → {slug}");
    }
    let panel = &page.html[page.html.find("id=\"escalation\"").expect("the panel")..];
    let panel = &panel[..panel.find("</section>").unwrap()];
    assert!(panel.contains(&link("beyond-a-quick-fix")), "{panel}");

    // The report reads the same links beside their plan, without the panel.
    let theirs = w.app.page(&at, Some(&w.report)).await;
    assert!(
        theirs
            .html
            .contains(&link(slug_for("driver:skill_gap").unwrap()))
    );
    assert!(!theirs.html.contains("id=\"escalation\""));
    // Every link lands on a playbook that exists.
    let target = w
        .app
        .page("/playbooks/beyond-a-quick-fix", Some(&w.report))
        .await;
    assert_eq!(target.status, StatusCode::OK);
}

#[tokio::test]
async fn a_reflection_links_its_trap_and_failure_type() {
    let w = world().await;
    let made = w
        .app
        .post(
            "/api/v1/reflections",
            &w.report,
            json!({
                "memory_title": "The review I stayed quiet in",
                "account": "I saw the numbers were wrong in the review and said nothing.",
                "trap": "confidence",
                "failure_type": "courage"
            }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.body["id"].as_str().unwrap();
    let trap = "href=\"/playbooks/four-traps#pb-confidence\"";
    let failure = "href=\"/playbooks/failure-types#pb-courage\"";
    for path in [format!("/reflect/{id}"), "/reflections".to_owned()] {
        let page = w.app.page(&path, Some(&w.report)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.html.contains(trap) && page.html.contains(failure),
            "{path}: {}",
            page.html
        );
    }
    let traps = w.app.page("/playbooks/four-traps", Some(&w.report)).await;
    assert!(traps.html.contains("id=\"pb-confidence\""));
    let types = w
        .app
        .page("/playbooks/failure-types", Some(&w.report))
        .await;
    assert!(types.html.contains("id=\"pb-courage\""));
}
