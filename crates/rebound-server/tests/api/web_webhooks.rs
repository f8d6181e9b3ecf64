//! Settings → Notifications as a page (no browser): every kind × channel
//! saved in one form through the API's choices, a forged form changes
//! nothing, and the person's chat webhook is added, refused in words,
//! shown redacted and removed.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::Value;

const PAGE: &str = "/settings/notifications";
const SECRET: &str = "T0001/B0002/sEcReTpAtH";

async fn choice(app: &TestApp, who: &Person, kind: &str, channel: &str) -> (bool, bool) {
    let all = app.get("/api/v1/me/preferences", who).await.body;
    let c: &Value = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind && c["channel"] == channel)
        .unwrap_or_else(|| panic!("{kind} by {channel} in {all}"));
    (
        c["enabled"].as_bool().unwrap(),
        c["default"].as_bool().unwrap(),
    )
}

/// Whether the page's checkbox `name` is ticked.
fn ticked(html: &str, name: &str) -> bool {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no box {name}"));
    let end = at + html[at..].find('>').unwrap();
    html[at..end].contains("checked")
}

#[tokio::test]
async fn every_box_round_trips_through_the_choices() {
    let app = spawn_app().await;
    let ana = app.setup_admin().await;
    let settings = app.page("/settings", Some(&ana)).await;
    assert!(settings.html.contains("href=\"/settings/notifications\""));

    let page = app.page(PAGE, Some(&ana)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.contains("The Monday note"));
    assert!(
        page.html
            .contains("Progress updates on mistakes you follow")
    );
    assert!(ticked(&page.html, "digest.email"), "email on by default");
    assert!(!ticked(&page.html, "update.chat"), "chat off by default");

    // Digest by email off, updates by chat on; the rest as they were.
    let all = app.get("/api/v1/me/preferences", &ana).await.body;
    let mut fields: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["enabled"] == true)
        .map(|c| {
            format!(
                "{}.{}",
                c["kind"].as_str().unwrap(),
                c["channel"].as_str().unwrap()
            )
        })
        .filter(|f| f != "digest.email")
        .collect();
    fields.push("update.chat".into());
    let form: Vec<(&str, &str)> = fields.iter().map(|f| (f.as_str(), "on")).collect();
    let saved = app
        .submit(PAGE, "/settings/notifications/choices", &ana, &form)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    assert_eq!(
        saved.location(),
        "/settings/notifications?saved=choices#choices"
    );
    assert_eq!(choice(&app, &ana, "digest", "email").await, (false, false));
    assert_eq!(choice(&app, &ana, "update", "chat").await, (true, false));
    // Untouched boxes stay defaults, not stored choices.
    let after = app.get("/api/v1/me/preferences", &ana).await.body;
    let chosen: Vec<String> = after
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["default"] == false)
        .map(|c| {
            format!(
                "{}.{}",
                c["kind"].as_str().unwrap(),
                c["channel"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(chosen.len(), 2, "{chosen:?}");
    assert_eq!(choice(&app, &ana, "update", "email").await, (true, true));
    assert_eq!(choice(&app, &ana, "closed", "chat").await, (false, true));

    let after = app
        .page("/settings/notifications?saved=choices", Some(&ana))
        .await;
    assert!(after.html.contains("Your choices are saved."));
    assert!(!ticked(&after.html, "digest.email"));
    assert!(ticked(&after.html, "update.chat"));
    assert!(ticked(&after.html, "update.email"));
}

#[tokio::test]
async fn a_form_without_the_token_changes_nothing() {
    let app = spawn_app().await;
    let ana = app.setup_admin().await;
    let forged = app
        .post_form(
            "/settings/notifications/choices",
            Some(&ana.cookie),
            &[("update.chat", "on")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(choice(&app, &ana, "digest", "email").await, (true, true));
    assert_eq!(choice(&app, &ana, "update", "chat").await, (false, true));
    let url = format!("https://93.184.215.14/services/{SECRET}");
    let forged = app
        .post_form(
            "/settings/notifications/webhook",
            Some(&ana.cookie),
            &[("url", &url), ("format", "slack")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let hook = app.get("/api/v1/me/webhook", &ana).await;
    assert_eq!(hook.body["webhook"], Value::Null);
}

#[tokio::test]
async fn my_webhook_is_added_refused_in_words_shown_redacted_and_removed() {
    let app = spawn_app().await;
    let ana = app.setup_admin().await;
    let private = format!("https://10.1.2.3/hooks/{SECRET}");
    let refused = app
        .submit(
            PAGE,
            "/settings/notifications/webhook",
            &ana,
            &[("url", &private), ("format", "slack"), ("label", "mine")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("The webhook URL points at a private address (10.1.2.3)"),
        "{}",
        refused.html
    );
    assert!(refused.html.contains("aria-invalid=\"true\""));
    assert!(
        !refused.html.contains("sEcReT"),
        "the secret is not typed back"
    );
    assert!(refused.html.contains("value=\"mine\""), "the label is kept");

    let url = format!("https://93.184.215.14/services/{SECRET}");
    let saved = app
        .submit(
            PAGE,
            "/settings/notifications/webhook",
            &ana,
            &[("url", &url), ("format", "mattermost"), ("label", "mine")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    let page = app.page(PAGE, Some(&ana)).await;
    assert!(
        page.html.contains("https://93.184.215.14/…"),
        "{}",
        page.html
    );
    assert!(page.html.contains("mattermost"));
    assert!(!page.html.contains("sEcReT"));
    assert!(page.html.contains("Replace webhook"));

    let removed = app
        .submit(PAGE, "/settings/notifications/webhook/remove", &ana, &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.html);
    let page = app.page(PAGE, Some(&ana)).await;
    assert!(!page.html.contains("93.184.215.14"));
    assert!(page.html.contains("Add webhook"));
    assert_eq!(
        app.get("/api/v1/me/webhook", &ana).await.body["webhook"],
        Value::Null
    );
}

#[tokio::test]
async fn a_teams_channel_is_set_refused_shown_and_removed_by_its_members_only() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Payments").await;
    let cy = app.join(&admin, "Cy", "member", None, Some(&team)).await;
    let di = app.join(&admin, "Di", "member", None, None).await;
    let action = format!("/settings/notifications/teams/{team}/webhook");
    let api = format!("/api/v1/teams/{team}/webhook");

    let page = app.page(PAGE, Some(&cy)).await;
    assert!(
        page.html.contains("Team channel: Payments"),
        "{}",
        page.html
    );
    assert!(page.html.contains(&format!("action=\"{action}\"")));
    // Not in the team: not listed, and posting is the 404 page, changing nothing.
    let theirs = app.page(PAGE, Some(&di)).await;
    assert!(!theirs.html.contains("Payments"));
    let url = format!("https://93.184.215.14/services/{SECRET}");
    let r = app
        .submit(PAGE, &action, &di, &[("url", &url), ("format", "slack")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&api, &cy).await.body["webhook"], Value::Null);
    // Without the form's token, nothing either.
    let forged = app
        .post_form(
            &action,
            Some(&cy.cookie),
            &[("url", &url), ("format", "slack")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let private = format!("https://10.1.2.3/hooks/{SECRET}");
    let refused = app
        .submit(
            PAGE,
            &action,
            &cy,
            &[("url", &private), ("format", "slack"), ("label", "#pay")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("The webhook URL points at a private address (10.1.2.3)"),
        "{}",
        refused.html
    );
    assert!(!refused.html.contains("sEcReT"));
    assert!(refused.html.contains("value=\"#pay\""), "the label is kept");
    // The refusal is beside the team's field, not beside mine.
    let team_card = &refused.html[refused.html.find(&format!("id=\"team-{team}\"")).unwrap()..];
    assert!(team_card.contains("aria-invalid=\"true\""));
    let mine = &refused.html[..refused.html.find(&format!("id=\"team-{team}\"")).unwrap()];
    assert!(!mine.contains("aria-invalid=\"true\""));

    let saved = app
        .submit(
            PAGE,
            &action,
            &cy,
            &[("url", &url), ("format", "mattermost"), ("label", "#pay")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    assert_eq!(
        saved.location(),
        format!("/settings/notifications?saved=team-webhook#team-{team}")
    );
    let hook = app.get(&api, &cy).await.body;
    assert_eq!(hook["webhook"]["format"], "mattermost");
    assert_eq!(hook["webhook"]["label"], "#pay");
    assert_eq!(
        app.get("/api/v1/me/webhook", &cy).await.body["webhook"],
        Value::Null
    );
    let page = app.page(PAGE, Some(&cy)).await;
    assert!(page.html.contains("https://93.184.215.14/…"));
    assert!(!page.html.contains("sEcReT"));

    let remove = format!("{action}/remove");
    assert_eq!(
        app.submit(PAGE, &remove, &di, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let removed = app.submit(PAGE, &remove, &cy, &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.html);
    assert_eq!(app.get(&api, &cy).await.body["webhook"], Value::Null);
    let page = app.page(PAGE, Some(&cy)).await;
    assert!(!page.html.contains("93.184.215.14"));
}
