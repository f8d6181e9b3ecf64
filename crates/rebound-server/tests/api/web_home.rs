//! Issue 17's pages, without a browser: a manager's home (their reports'
//! mistakes the policy shares with them, and what waits on them, most
//! urgent first; nobody else gets manager panels), a stakeholder's
//! Acknowledge at the top of the record, a guest's times in a named zone
//! and comments rendered as members see them, and the navigation menu.

use crate::harness::Person;
use crate::recovery::world;
use crate::web_jar::Jar;
use reqwest::StatusCode;
use serde_json::json;

/// Where `needle` first sits in `html` (panics when it is not there).
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the page:\n{html}"))
}

pub async fn name(app: &crate::harness::TestApp, owner: &Person, id: &str, who: &Person) {
    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/stakeholders/{}", who.id),
            owner,
            json!({}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
}

#[tokio::test]
async fn a_managers_home_shows_reports_mistakes_and_what_waits_on_them() {
    let w = world().await;
    let app = &w.app;
    // Before anything happens: a calm line, not an empty panel.
    let h = app.page("/", Some(&w.manager)).await.html;
    assert!(
        h.contains("Nothing your reports shared with you is open."),
        "{h}"
    );
    assert!(!h.contains("Waiting on you"));
    // Remi (Mara's report): one shared with his manager, one private.
    let shared = app
        .mistake(&w.report, "Deployed the wrong branch", "manager")
        .await;
    let private = app
        .mistake(&w.report, "Private draft of a worry", "private")
        .await;
    // Tess names Mara as a stakeholder: an acknowledgement she owes.
    let asked = app
        .mistake(&w.teammate, "Broke the staging login", "stakeholders")
        .await;
    name(app, &w.teammate, &asked, &w.manager).await;
    // A plan for Remi whose first check-in is due in a day, then missed.
    let (plan, first) = crate::recovery::open_plan_checking_in_tomorrow(&w).await;

    let home = app.page("/", Some(&w.manager)).await;
    assert_eq!(home.status, StatusCode::OK);
    let h = &home.html;
    assert!(h.contains("Waiting on you"), "{h}");
    assert!(h.contains("Your reports' mistakes"));
    assert!(h.contains(&format!("href=\"/m/{shared}\"")));
    assert!(h.contains("Deployed the wrong branch"));
    assert!(
        !h.contains(&private) && !h.contains("Private draft"),
        "the policy keeps a private mistake off the manager's home"
    );
    // Owed now: the acknowledgement first, then the check-in coming up.
    let ack = at(h, &format!("href=\"/m/{asked}#acknowledge\""));
    let soon = at(h, &format!("href=\"/plans/{plan}#check-in\""));
    assert!(
        ack < soon,
        "an acknowledgement comes before a check-in ahead"
    );
    assert!(h.contains("Check in with Remi"));
    // Tess's mistake is not a report's: it is listed as shared, apart.
    assert!(at(h, "Your reports") < at(h, "Shared with you"));

    // Two days on, the check-in was missed: it comes first.
    app.step_past(first + jiff::SignedDuration::from_hours(24));
    let h = app.page("/", Some(&w.manager)).await.html;
    let missed = at(h.as_str(), &format!("href=\"/plans/{plan}#check-in\""));
    let ack = at(h.as_str(), &format!("href=\"/m/{asked}#acknowledge\""));
    assert!(missed < ack, "a missed check-in is the most urgent");
    assert!(h.contains("Due since"), "{h}");

    // Someone who manages nobody: no manager panels, empty or not.
    let h = app.page("/", Some(&w.stranger)).await.html;
    assert!(!h.contains("Your reports"), "{h}");
    assert!(!h.contains("Waiting on you"));
    assert!(h.contains("Your open mistakes"));
    // Otto manages Tess: her mistake is his report's.
    let h = app.page("/", Some(&w.other_manager)).await.html;
    assert!(at(&h, "Your reports") < at(&h, "Broke the staging login"));
}

#[tokio::test]
async fn a_stakeholder_acknowledges_at_the_top_of_the_record() {
    let w = world().await;
    let app = &w.app;
    let id = app
        .mistake(&w.report, "Sent the wrong invoice run", "stakeholders")
        .await;
    name(app, &w.report, &id, &w.stranger).await;
    let page = format!("/m/{id}");

    let before = app.page(&page, Some(&w.stranger)).await.html;
    let banner = at(&before, "id=\"acknowledge\"");
    assert!(
        banner < at(&before, "id=\"heads-up\""),
        "above the first section"
    );
    assert!(before.contains("You were asked to read this"));
    assert_eq!(
        before.matches(">Acknowledge</button>").count(),
        1,
        "one button, at the top, not again in People"
    );

    let done = app
        .submit(&page, &format!("/m/{id}/acknowledge"), &w.stranger, &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), format!("/m/{id}#acknowledge"));
    let after = app.page(&page, Some(&w.stranger)).await.html;
    assert!(!after.contains("You were asked to read this"));
    assert!(at(&after, "You acknowledged this note") < at(&after, "id=\"heads-up\""));
    assert!(!after.contains(">Acknowledge</button>"));

    // The manager is not named: no banner, the People section offers it.
    let manager = app.page(&page, Some(&w.manager)).await.html;
    assert!(!manager.contains("You were asked to read this"));
    assert!(at(&manager, ">Acknowledge</button>") > at(&manager, "id=\"people\""));
}

#[tokio::test]
async fn a_guest_reads_times_in_a_named_zone_and_comments_as_members_see_them() {
    let w = world().await;
    let app = &w.app;
    let id = app
        .mistake(&w.report, "Exported last month's totals", "private")
        .await;
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/comments"),
            &w.report,
            json!({"body": "The fix is **merged**; see `totals.rs`."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let link = app.share_link(&w.report, &id, None).await;
    let mut jar = Jar::default();
    jar.get_page(app, &format!("/s/{}", link.token)).await;
    let r = jar
        .submit(app, "/s", "/s", &[("display_name", "Robin")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);

    let page = jar.get_page(app, "/s").await.html;
    // Markdown, as on the members' page, in the members' layout.
    assert!(page.contains("<strong>merged</strong>"), "{page}");
    assert!(page.contains("<code>totals.rs</code>"));
    assert!(page.contains("class=\"comment-meta\""));
    // No zone from the browser yet, and the owner's is UTC: UTC, named.
    assert!(page.contains("data-times-in=\"UTC\""));
    assert!(page.contains(" (UTC)</time>"), "{page}");
    // The owner works in Lisbon: without a zone of their own the guest
    // sees the owner's, named.
    let profile = json!({"display_name": "Report", "time_zone": "Europe/Lisbon"});
    let r = app.put("/api/v1/me/profile", &w.report, profile).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = jar.get_page(app, "/s").await.html;
    assert!(page.contains("data-times-in=\"Europe/Lisbon\""), "{page}");
    assert!(page.contains(" (Europe/Lisbon)</time>"), "{page}");

    // The script told the server the browser's zone.
    let (_, page) = guest_page(app, &jar, "rebound_tz=Europe/Berlin").await;
    assert!(page.contains("data-times-in=\"Europe/Berlin\""));
    assert!(page.contains(" (Europe/Berlin)</time>"), "{page}");
    // A zone nobody knows falls back to the owner's, never an error.
    let (status, page) = guest_page(app, &jar, "rebound_tz=Mars/Olympus_Mons").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(" (Europe/Lisbon)</time>"));
}

/// `/s` as the guest's browser, with one more cookie.
async fn guest_page(app: &crate::harness::TestApp, jar: &Jar, extra: &str) -> (StatusCode, String) {
    let r = reqwest::Client::new()
        .get(format!("{}/s", app.base))
        .header("accept", "text/html")
        .header("cookie", format!("{}; {extra}", jar.header()))
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_navigation_is_a_menu_that_needs_no_script() {
    let w = world().await;
    let h = w.app.page("/", Some(&w.manager)).await.html;
    let menu = at(&h, "<details class=\"menu\"><summary>Menu");
    // The list follows the disclosure (the stylesheet shows it while open).
    assert!(menu < at(&h, "</details><ul>"));
    assert!(at(&h, "</details><ul>") < at(&h, "href=\"/settings\""));
}
