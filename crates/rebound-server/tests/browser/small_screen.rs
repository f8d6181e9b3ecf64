//! Every main page on a 390-px-wide phone screen — nothing wider than the
//! screen, every button within it — and what each page weighs: HTML, CSS
//! and script together under 100 KB, as on a first visit.

use crate::harness::{Browser, Env, PASSWORD};
use reqwest::Method;
use serde_json::{Value, json};

const WIDTH: u32 = 390;
const HEIGHT: u32 = 844;
const MAX_PAGE_BYTES: u64 = 100 * 1024;

/// Nothing sticks out sideways, and every visible button and button-like
/// link sits within the screen.
const FITS: &str = r#"
const width = window.innerWidth;
const wide = document.documentElement.scrollWidth;
const outside = [];
for (const b of document.querySelectorAll('button, a.button, input[type=submit]')) {
  const r = b.getBoundingClientRect();
  const s = getComputedStyle(b);
  if (b.closest('[hidden]') || s.display === 'none' || s.visibility === 'hidden' || r.width === 0) continue;
  if (b.closest('.sr-only, .skip')) continue;
  if (r.left < 0 || r.right > width + 0.5) outside.push((b.innerText || b.value).trim() + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
}
return { width, wide, outside };
"#;

/// Bytes of the page as on a first visit: the document as transferred
/// (headers and body), plus each stylesheet and script's body even when this
/// visit took it from the browser's cache.
const WEIGHT: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const parts = [['document', nav.transferSize || nav.encodedBodySize]];
for (const r of performance.getEntriesByType('resource')) {
  parts.push([new URL(r.name).pathname, Math.max(r.transferSize, r.encodedBodySize)]);
}
return parts;
"#;

async fn check(b: &Browser, path: &str, name: &str, weights: &mut Vec<(String, u64)>) {
    if !path.is_empty() {
        b.open(path).await;
    }
    let status = b
        .js(
            "return performance.getEntriesByType('navigation')[0].responseStatus",
            vec![],
        )
        .await;
    assert_eq!(
        status,
        json!(200),
        "{name}: {} answered {status}",
        b.path().await
    );
    let (w, _) = b.viewport().await;
    assert_eq!(w, WIDTH, "the viewport is {w} px wide, not {WIDTH}");
    let fits = b.js(FITS, vec![]).await;
    assert!(
        fits["wide"].as_u64().unwrap_or(u64::MAX) <= u64::from(WIDTH),
        "{name} ({}) is {} px wide at {WIDTH} px",
        b.path().await,
        fits["wide"]
    );
    assert_eq!(
        fits["outside"],
        json!([]),
        "{name}: buttons outside a {WIDTH}-px screen"
    );
    let parts = b.js(WEIGHT, vec![]).await;
    let parts = parts.as_array().cloned().unwrap_or_default();
    let total: u64 = parts.iter().map(|p| p[1].as_u64().unwrap_or(0)).sum();
    let detail: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {} B", p[0].as_str().unwrap_or("?"), p[1]))
        .collect();
    assert!(
        total < MAX_PAGE_BYTES,
        "{name} weighs {total} bytes: {detail:?}"
    );
    eprintln!("{name}: {total} B ({})", detail.join(", "));
    weights.push((name.to_string(), total));
    b.shot(&format!("390-{name}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_fits_a_390_px_screen_and_weighs_under_100_kb() {
    let Some(env) = Env::start("small-screen").await else {
        return;
    };
    let mut weights = Vec::new();
    let phone = env.browser("phone").await;
    phone.set_viewport(WIDTH, HEIGHT).await;

    // Before anyone exists: setup, through the page.
    check(&phone, "/setup", "setup", &mut weights).await;
    phone.fill("#email", "sam@example.com").await;
    phone.fill("#display_name", "Sam").await;
    phone.fill("#password", PASSWORD).await;
    phone.submit("Create account", None).await;
    phone.assert_at("/").await;

    // A record with something in every section, over the API.
    let token = env.api_token("sam@example.com").await;
    let m = env
        .api(
            Method::POST,
            "/api/v1/mistakes",
            &token,
            json!({"title": "Published the draft price list", "affected": "the sales team", "doing": "taking it down", "severity": "high", "visibility": "stakeholders"}),
        )
        .await;
    let id = m["id"].as_str().unwrap().to_string();
    let note = json!({
        "impact": {"who": "the sales team", "what_wrong": "draft prices were public for an hour"},
        "containment": "took the page down",
        "fix": "publish from the release branch only",
        "prevention": [{"kind": "preventive", "text": "a check that refuses drafts"}],
        "owner": "Sam"
    });
    env.api(
        Method::PUT,
        &format!("/api/v1/mistakes/{id}/note"),
        &token,
        note,
    )
    .await;
    env.api(
        Method::POST,
        &format!("/api/v1/mistakes/{id}/comments"),
        &token,
        json!({"body": "The cache also kept the old page for ten minutes."}),
    )
    .await;
    let link = env
        .api(
            Method::POST,
            &format!("/api/v1/mistakes/{id}/share-links"),
            &token,
            json!({"label": "the sales leads"}),
        )
        .await;
    let share_token = share_token(&link);
    let invite = env
        .api(
            Method::POST,
            "/api/v1/invitations",
            &token,
            json!({"email": "lee@example.com", "role": "member"}),
        )
        .await;
    let invite_token = invite["token"].as_str().unwrap().to_string();
    // Reflecting and the way back, with something in each: a reflection
    // with its principle, a win and the self-care plan after the mistake
    // (so its page has the owner's "Keep showing up" filled in too).
    let reflection = env
        .api(
            Method::POST,
            "/api/v1/reflections",
            &token,
            json!({
                "mistake": id,
                "account": "I published the draft price list from my branch because the release check was slow.",
                "trap": "judgment",
                "failure_type": "attention",
                "specific_error": "I published from a draft branch without comparing it with the release branch.",
                "lesson": "Before publishing prices I will compare the page with the release branch and have a second person check it."
            }),
        )
        .await;
    let reflection = reflection["id"].as_str().unwrap().to_string();
    env.api(
        Method::POST,
        "/api/v1/principles",
        &token,
        json!({"reflection": reflection, "text": "I will not publish prices from a draft branch"}),
    )
    .await;
    env.api(
        Method::POST,
        "/api/v1/reflections",
        &token,
        json!({"memory_title": "The demo I rushed", "account": "I demoed a feature before it was ready and it crashed in front of the client."}),
    )
    .await;
    env.api(
        Method::POST,
        "/api/v1/wins",
        &token,
        json!({"text": "Walked the sales team through the corrected prices", "mistake": id}),
    )
    .await;
    env.api(
        Method::PUT,
        "/api/v1/me/self-care",
        &token,
        json!({"items": ["A walk outside", "An evening off the phone"], "mistake": id}),
    )
    .await;

    check(&phone, "/", "home", &mut weights).await;
    check(&phone, "/new", "new-mistake", &mut weights).await;
    check(&phone, &format!("/m/{id}"), "mistake", &mut weights).await;
    check(&phone, "/settings", "settings", &mut weights).await;
    check(&phone, "/people", "people", &mut weights).await;
    check(&phone, "/reflections", "reflections", &mut weights).await;
    check(&phone, "/notifications", "notifications", &mut weights).await;
    check(
        &phone,
        &format!("/reflect/{reflection}"),
        "reflection",
        &mut weights,
    )
    .await;
    check(
        &phone,
        &format!("/recovery?mistake={id}"),
        "way-back",
        &mut weights,
    )
    .await;
    // On a phone the navigation is a "Menu" disclosure: open it first.
    phone
        .el("details.menu > summary")
        .await
        .click()
        .await
        .unwrap();
    phone.submit("Sign out", None).await;
    check(&phone, "/signin", "sign-in", &mut weights).await;
    check(
        &phone,
        &format!("/invite/{invite_token}"),
        "invitation",
        &mut weights,
    )
    .await;

    // A guest through the share link, in a browser of their own.
    let guest = env.browser("guest").await;
    guest.set_viewport(WIDTH, HEIGHT).await;
    check(
        &guest,
        &format!("/s/{share_token}"),
        "guest-arrival",
        &mut weights,
    )
    .await;
    guest.fill("#display_name", "Robin").await;
    guest.submit("Continue", None).await;
    check(&guest, "", "guest-record", &mut weights).await;

    eprintln!("page weights (bytes, first visit): {weights:?}");
    phone.close().await;
    guest.close().await;
}

/// The secret part of a share link, from the API's answer (the full URL or
/// the token alone).
fn share_token(link: &Value) -> String {
    for key in ["token", "url"] {
        if let Some(v) = link[key].as_str() {
            return v.rsplit('/').next().unwrap().to_string();
        }
    }
    panic!("no token in the share link: {link}");
}
