//! Issue 17's pages in a real browser, each at 390 px (a phone) and at
//! 1280 px, with screenshots: a manager's home with what waits on them, a
//! stakeholder's Acknowledge above the fold, the trend chart's text at 12 px
//! or more as rendered, a guest's times on their own clock with comments as
//! members see them, and the navigation — one line from 1024 px up, a
//! "Menu" disclosure on a phone.

use crate::harness::{Browser, Env};
use crate::people::{SIGNS, join, sign_in};
use reqwest::Method;
use serde_json::{Value, json};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 900);

fn signs(levels: [u8; 10]) -> Value {
    SIGNS
        .iter()
        .zip(levels)
        .map(|(n, l)| json!({"sign": n, "level": l}))
        .collect()
}

/// The navigation's links all on one line (same top), and its height.
const NAV_LINE: &str = r#"
const items = [...document.querySelectorAll('header.site nav li')].filter(li => li.checkVisibility());
// One line: every item's middle within a few px of the others'.
const mids = items.map(li => { const r = li.getBoundingClientRect(); return (r.top + r.bottom) / 2; });
const spread = mids.length ? Math.max(...mids) - Math.min(...mids) : 0;
const bar = document.querySelector('header.site').getBoundingClientRect().height;
const summary = getComputedStyle(document.querySelector('details.menu')).display;
const right = Math.max(0, ...items.map(li => li.getBoundingClientRect().right));
return { items: items.length, lines: spread < 6 ? 1 : 2, spread, bar, summary, right: Math.ceil(right), wide: document.documentElement.scrollWidth };
"#;

/// The smallest text in the trend chart as rendered, in CSS px, and the
/// signs table's.
const CHART_TEXT: &str = r#"
const svg = document.querySelector('#trend svg');
const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
const svgMin = Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * k));
const cells = [...document.querySelectorAll('#trend .signs-grid th, #trend .signs-grid td')];
const tableMin = Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize)));
const wide = document.documentElement.scrollWidth;
return { svgMin, tableMin, wide, values: [...svg.querySelectorAll('text[font-weight="700"]')].map(t => t.textContent) };
"#;

async fn nav_at(b: &Browser, width: u32, name: &str) -> Value {
    b.set_viewport(width, 900).await;
    let nav = b.js(NAV_LINE, vec![]).await;
    b.shot_of("header.site", &format!("nav-{name}")).await;
    nav
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_managers_home_a_stakeholders_banner_the_chart_a_guest_and_the_nav() {
    let Some(env) = Env::start("pages").await else {
        return;
    };
    let admin = crate::people::admin(&env).await;
    let (mara, mara_id) = join(&env, &admin, "Mara", "manager", None).await;
    let (remi, remi_id) = join(&env, &admin, "Remi", "member", Some(&mara_id)).await;
    let (_, kai_id) = join(&env, &admin, "Kai", "member", Some(&mara_id)).await;
    let (sam, sam_id) = join(&env, &admin, "Sam", "member", None).await;
    let remi_token = env.api_token(&remi).await;
    let mara_token = env.api_token(&mara).await;

    // Remi's mistake, shared with his manager and named stakeholders.
    let m = env
        .api(
            Method::POST,
            "/api/v1/mistakes",
            &remi_token,
            json!({"title": "Sent the quarterly numbers to the wrong list", "severity": "high", "visibility": "stakeholders"}),
        )
        .await;
    let id = m["id"].as_str().unwrap().to_string();
    for who in [&sam_id, &mara_id] {
        env.api(
            Method::PUT,
            &format!("/api/v1/mistakes/{id}/stakeholders/{who}"),
            &remi_token,
            json!({}),
        )
        .await;
    }
    env.api(
        Method::POST,
        &format!("/api/v1/mistakes/{id}/comments"),
        &remi_token,
        json!({"body": "The list is **corrected**; the recall went out at 10:05."}),
    )
    .await;
    // Plans: Remi's with three check-ins in a narrow band; Kai's with its
    // first check-in tomorrow.
    let tomorrow = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
    let plan = env
        .api(
            Method::POST,
            "/api/v1/plans",
            &mara_token,
            json!({"report": remi_id, "pressure_points": ["public_mistake"], "drivers": ["social"], "topics": []}),
        )
        .await;
    let plan = plan["plan"]["id"].as_str().unwrap().to_string();
    for levels in [
        [2, 2, 1, 2, 1, 2, 1, 1, 1, 1],
        [2, 1, 1, 2, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    ] {
        env.api(
            Method::POST,
            &format!("/api/v1/plans/{plan}/check-ins"),
            &mara_token,
            json!({"signs": signs(levels)}),
        )
        .await;
    }
    env.api(
        Method::POST,
        "/api/v1/plans",
        &mara_token,
        json!({"report": kai_id, "pressure_points": ["public_mistake"], "drivers": ["social"], "topics": [],
               "schedule": {"first_at": tomorrow.to_string(), "every_weeks": 1, "minutes": 30, "count": 4}}),
    )
    .await;

    // 1. The manager's home, at 1280 and at 390.
    let b = env.browser("manager").await;
    sign_in(&b, &mara).await;
    b.assert_at("/").await;
    b.assert_text("Waiting on you").await;
    b.assert_text("Check in with Kai").await;
    b.assert_text("Your reports' mistakes").await;
    b.assert_text("Sent the quarterly numbers to the wrong list")
        .await;
    let order = b
        .js(
            "return [...document.querySelectorAll('#waiting li a')].map(a => a.textContent)",
            vec![],
        )
        .await;
    assert_eq!(
        order,
        json!([
            "Sent the quarterly numbers to the wrong list",
            "Check in with Kai"
        ]),
        "the acknowledgement owed now, then the check-in tomorrow"
    );
    b.shot("home-1280").await;

    // 5. The navigation: one line at 1280 and 1024, a menu at 390.
    for w in [1280, 1024] {
        let nav = nav_at(&b, w, &format!("{w}")).await;
        assert_eq!(nav["lines"], json!(1), "one line at {w} px: {nav}");
        assert!(nav["items"].as_u64().unwrap() >= 7, "{nav}");
        assert_eq!(nav["summary"], json!("none"), "{nav}");
        assert!(
            nav["right"].as_u64().unwrap() <= u64::from(w),
            "within the window: {nav}"
        );
        assert!(nav["wide"].as_u64().unwrap() <= u64::from(w), "{nav}");
    }
    let nav = nav_at(&b, PHONE.0, "390-closed").await;
    assert_eq!(nav["items"], json!(0), "closed on a phone: {nav}");
    assert!(nav["bar"].as_f64().unwrap() < 80.0, "compact: {nav}");
    b.el("details.menu > summary").await.click().await.unwrap();
    let open = b.js(NAV_LINE, vec![]).await;
    assert!(open["items"].as_u64().unwrap() >= 7, "{open}");
    b.shot("nav-390-open").await;
    b.el("details.menu > summary").await.click().await.unwrap();
    b.set_viewport(PHONE.0, PHONE.1).await;
    b.shot("home-390").await;

    // 3. The trend chart: text at 12 px or more, at 390 and 1280.
    b.open(&format!("/plans/{plan}")).await;
    for (w, h) in [PHONE, DESKTOP] {
        b.set_viewport(w, h).await;
        let t = b.js(CHART_TEXT, vec![]).await;
        assert!(t["svgMin"].as_f64().unwrap() >= 12.0, "at {w} px: {t}");
        assert!(t["tableMin"].as_f64().unwrap() >= 12.0, "at {w} px: {t}");
        assert!(
            t["wide"].as_u64().unwrap() <= u64::from(w),
            "at {w} px: {t}"
        );
        assert_eq!(t["values"], json!(["14", "12", "11"]), "{t}");
        b.shot_of("#trend", &format!("chart-{w}")).await;
    }
    b.assert_text("The scale runs from 9 to 16, not from 0 to 30")
        .await;

    // 2. A stakeholder's Acknowledge, above the fold on a phone.
    let s = env.browser("stakeholder").await;
    s.set_viewport(PHONE.0, PHONE.1).await;
    sign_in(&s, &sam).await;
    s.follow("Sent the quarterly numbers to the wrong list")
        .await;
    s.assert_at(&format!("/m/{id}")).await;
    // Opened afresh, from the top, as from a notification.
    s.open(&format!("/m/{id}")).await;
    let fold = s
        .js(
            "const r = document.querySelector('#acknowledge button').getBoundingClientRect(); return r.bottom <= window.innerHeight && r.top >= 0",
            vec![],
        )
        .await;
    assert_eq!(fold, json!(true), "Acknowledge is above the fold at 390 px");
    s.shot("acknowledge-390").await;
    s.shot_of("header.record-head", "acknowledge-390-top").await;
    s.submit("Acknowledge", Some("#acknowledge")).await;
    s.assert_text("You acknowledged this note").await;
    s.shot_of("header.record-head", "acknowledged-390-top")
        .await;
    s.set_viewport(DESKTOP.0, DESKTOP.1).await;
    s.open(&format!("/m/{id}")).await;
    s.shot("acknowledged-1280").await;

    // 4. A guest in Tokyo: times on their clock, named; comments as members see them.
    let link = env
        .api(
            Method::POST,
            &format!("/api/v1/mistakes/{id}/share-links"),
            &remi_token,
            json!({"label": "the list owners"}),
        )
        .await;
    let token = ["token", "url"]
        .iter()
        .find_map(|k| link[*k].as_str())
        .map(|v| v.rsplit('/').next().unwrap().to_string())
        .expect("a share link");
    let g = env.browser("guest").await;
    g.set_time_zone("Asia/Tokyo").await;
    g.set_viewport(PHONE.0, PHONE.1).await;
    g.open(&format!("/s/{token}")).await;
    g.fill("#display_name", "Robin").await;
    g.submit("Continue", None).await;
    g.wait_until(
        "times on Tokyo's clock",
        "return [...document.querySelectorAll('time[data-zoned]')].every(t => t.textContent.endsWith('(Asia/Tokyo)'))",
    )
    .await;
    let bold = g
        .js(
            "return document.querySelector('#comments .prose strong')?.textContent",
            vec![],
        )
        .await;
    assert_eq!(bold, json!("corrected"), "Markdown, as members see it");
    g.shot("guest-390").await;
    g.shot_of("#comments", "guest-390-comments").await;
    // The next page comes from the server in that zone already.
    g.open("/s").await;
    let zone = g
        .js(
            "return document.cookie.includes('rebound_tz=Asia/Tokyo') && document.querySelector('[data-times-in]').dataset.timesIn",
            vec![],
        )
        .await;
    assert_eq!(zone, json!("Asia/Tokyo"));
    g.set_viewport(DESKTOP.0, DESKTOP.1).await;
    g.shot("guest-1280").await;

    b.close().await;
    s.close().await;
    g.close().await;
}
