//! The patterns and insights pages (no browser): charts drawn as SVG with
//! their figures in tables, the same figures as the API's, and the same
//! refusals.

use crate::harness::spawn_app;
use crate::patterns::{owned_after, reflect};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_patterns_page_draws_the_apis_figures_beside_their_charts() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let olga = app.join(&admin, "Olga", "member", None, None).await;
    let a = owned_after(&app, &olga, 3, 10).await;
    owned_after(&app, &olga, 2, 30).await;
    reflect(&app, &olga, &a, "ego", "courage").await;
    let w = app
        .post(
            "/api/v1/wins",
            &olga,
            json!({"text": "Ran the <b>review</b>"}),
        )
        .await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.body);

    let api = app.get("/api/v1/me/patterns", &olga).await.body;
    assert_eq!(api["time_to_own"]["median_secs"], 1200);
    let page = app.page("/patterns", Some(&olga)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.html;
    assert!(html.matches("<svg").count() >= 5, "{html}");
    assert!(html.contains("viewBox=\"0 0 320 170\""));
    assert!(
        html.contains("<strong id=\"own-median\">20 min</strong>"),
        "{html}"
    );
    assert!(
        html.contains("<strong id=\"win-total\">1</strong>"),
        "{html}"
    );
    assert!(html.contains("<table id=\"trap-table\">"));
    assert!(
        html.contains("<th scope=\"row\">ego</th><td>1</td>"),
        "{html}"
    );
    // A chart's description lists its values for a screen reader.
    assert!(
        html.contains(
            "Reflections naming each trap: judgment 0, expertise 0, ego 1, confidence 0."
        ),
        "{html}"
    );
    assert!(!html.contains("<b>review"), "no record's text on the page");

    // Linked from Home and the reflections page; Insights only for leaders.
    let home = app.page("/", Some(&olga)).await.html;
    assert!(home.contains("href=\"/patterns\""));
    assert!(!home.contains("href=\"/insights\""));
    assert!(
        app.page("/reflections", Some(&olga))
            .await
            .html
            .contains("href=\"/patterns\"")
    );
}

#[tokio::test]
async fn the_insights_page_shows_five_reports_withholds_four_and_hides_teams() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Platform").await;
    let mona = app.join(&admin, "Mona", "manager", None, Some(&team)).await;
    let mut reports = Vec::new();
    for i in 0..4 {
        let r = app
            .join(&admin, &format!("Rep{i}"), "member", Some(&mona), None)
            .await;
        owned_after(&app, &r, 2, 10 * (i + 1)).await;
        reports.push(r);
    }
    let four = app.page("/insights", Some(&mona)).await;
    assert_eq!(four.status, StatusCode::OK);
    assert!(
        four.html
            .contains("not enough people to show this without pointing at someone"),
        "{}",
        four.html
    );
    assert!(!four.html.contains("<svg"));

    let fifth = app.join(&admin, "Rep4", "member", Some(&mona), None).await;
    owned_after(&app, &fifth, 2, 50).await;
    let api = app.get("/api/v1/insights?reports=me", &mona).await.body;
    assert_eq!(api["figures"]["time_to_own_median_secs"], 1800);
    let five = app.page("/insights", Some(&mona)).await.html;
    assert!(five.contains("<td id=\"own-median\">30 min</td>"), "{five}");
    assert!(five.contains("<svg"));
    assert!(!five.contains("Rep0"), "nobody is named");
    assert!(
        app.page("/", Some(&mona))
            .await
            .html
            .contains("href=\"/insights\"")
    );

    // A team is for administrators: 404 for the manager, shown (withheld) for the admin.
    let theirs = app
        .page(&format!("/insights?team={team}"), Some(&mona))
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let admins = app
        .page(&format!("/insights?team={team}"), Some(&admin))
        .await;
    assert_eq!(admins.status, StatusCode::OK);
    assert!(admins.html.contains("Team Platform"), "{}", admins.html);
}
