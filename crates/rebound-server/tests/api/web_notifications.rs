//! The notification centre as pages (no browser): the unread count in the
//! header of a signed-in person's pages, `/notifications` newest first with
//! the domain's sentence, the mistake linked and the time in the reader's
//! zone, "Mark read" and "Mark all read"; someone else sees nothing of it
//! and cannot mark it.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

/// The header's unread badge on `path` as `who` sees it (`None`: no badge).
async fn badge(app: &TestApp, path: &str, who: &Person) -> Option<String> {
    let page = app.page(path, Some(who)).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.html);
    let link = page
        .html
        .find("id=\"nav-notifications\"")
        .unwrap_or_else(|| panic!("no notifications link on {path}:\n{}", page.html));
    let nav = &page.html[link..link + page.html[link..].find("</a>").unwrap()];
    let at = nav.find("data-unread=\"")?;
    let rest = &nav[at + "data-unread=\"".len()..];
    Some(rest[..rest.find('"').unwrap()].to_string())
}

/// Owen's mistake with Stella named a stakeholder and one update posted:
/// two unread notifications for her. Lou is on the server, not named.
async fn world() -> (TestApp, Person, Person, Person, String) {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let stella = app.join(&admin, "Stella", "member", None, None).await;
    let lou = app.join(&admin, "Lou", "member", None, None).await;
    let id = app
        .mistake(&owner, "Wrong <totals> sent", "stakeholders")
        .await;
    let named = format!("/api/v1/mistakes/{id}/stakeholders/{}", stella.id);
    assert!(app.put(&named, &owner, json!({})).await.status.is_success());
    let update = format!("/api/v1/mistakes/{id}/updates");
    let r = app.post(&update, &owner, json!({"text": "v41 back"})).await;
    assert!(r.status.is_success(), "{}", r.body);
    (app, owner, stella, lou, id)
}

fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the page:\n{html}"))
}

#[tokio::test]
async fn web_the_header_counts_unread_and_marking_read_lowers_it() {
    let (app, _owner, stella, _lou, id) = world().await;
    // Stella lives in Tokyo: times on the page are hers.
    let profile = json!({"display_name": "Stella", "time_zone": "Asia/Tokyo"});
    let r = app.put("/api/v1/me/profile", &stella, profile).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    for path in ["/", "/reflections", "/notifications"] {
        assert_eq!(
            badge(&app, path, &stella).await.as_deref(),
            Some("2"),
            "{path}"
        );
    }
    let page = app.page("/notifications", Some(&stella)).await;
    let html = &page.html;
    // Newest first, each the domain's sentence with the mistake linked
    // (its title escaped), unread ones saying so.
    let update = at(html, "A progress update was posted on");
    let named = at(html, "You were named a stakeholder on");
    assert!(update < named, "newest first:\n{html}");
    assert!(html.contains(&format!("href=\"/m/{id}\"")), "{html}");
    assert!(html.contains("Wrong &lt;totals&gt; sent"), "{html}");
    assert_eq!(html.matches(">Unread<").count(), 2, "{html}");
    assert!(html.contains(" JST</time>"), "in her time zone:\n{html}");
    assert!(html.contains("Mark all read"));

    // Mark the newest read: the count drops to one.
    let listed = app.get("/api/v1/me/notifications", &stella).await;
    let newest = listed.body["notifications"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let action = format!("/notifications/{newest}/read");
    let done = app.submit("/notifications", &action, &stella, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), "/notifications");
    assert_eq!(badge(&app, "/", &stella).await.as_deref(), Some("1"));
    let page = app.page("/notifications", Some(&stella)).await;
    assert_eq!(page.html.matches(">Unread<").count(), 1, "{}", page.html);
    assert!(page.html.contains(" · read "), "{}", page.html);

    // Mark all read: no badge, nothing unread, no "Mark all read".
    let done = app
        .submit("/notifications", "/notifications/read", &stella, &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(badge(&app, "/", &stella).await, None);
    let page = app.page("/notifications", Some(&stella)).await;
    assert!(!page.html.contains(">Unread<"), "{}", page.html);
    assert!(!page.html.contains("Mark all read"), "{}", page.html);
    assert!(page.html.contains("A progress update was posted on"));
}

#[tokio::test]
async fn web_someone_else_sees_nothing_of_yours_and_cannot_mark_it() {
    let (app, _owner, stella, lou, _id) = world().await;
    // Lou: no badge, the empty state, nothing of Stella's.
    assert_eq!(badge(&app, "/", &lou).await, None);
    let page = app.page("/notifications", Some(&lou)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Nothing here yet."), "{}", page.html);
    assert!(
        !page.html.contains("Wrong &lt;totals&gt; sent"),
        "{}",
        page.html
    );
    assert!(!page.html.contains("Mark all read"), "{}", page.html);

    // Marking Stella's with Lou's session is a 404, and hers stays unread.
    let listed = app.get("/api/v1/me/notifications", &stella).await;
    let hers = listed.body["notifications"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let action = format!("/notifications/{hers}/read");
    let refused = app.submit("/notifications", &action, &lou, &[]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.html);
    // Lou's "mark all" touches only his (none).
    let all = app
        .submit("/notifications", "/notifications/read", &lou, &[])
        .await;
    assert_eq!(all.status, StatusCode::SEE_OTHER);
    assert_eq!(badge(&app, "/", &stella).await.as_deref(), Some("2"));

    // Without the form's token, nothing is marked.
    let forged = app
        .post_form("/notifications/read", Some(&stella.cookie), &[])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(badge(&app, "/", &stella).await.as_deref(), Some("2"));

    // Nobody signed in is sent to sign in.
    let anon = app.page("/notifications", None).await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER);
    assert!(
        anon.location().starts_with("/signin"),
        "{}",
        anon.location()
    );
}

#[tokio::test]
async fn web_the_header_counts_none_about_a_mistake_no_longer_readable() {
    let (app, owner, stella, _lou, id) = world().await;
    assert_eq!(badge(&app, "/", &stella).await.as_deref(), Some("2"));
    // Owen takes Stella off: her two notifications are about a mistake she
    // may no longer read, so neither the list nor the count tells of them.
    let named = format!("/api/v1/mistakes/{id}/stakeholders/{}", stella.id);
    let r = app
        .call(
            reqwest::Method::DELETE,
            &named,
            Some(&owner),
            Some(json!({})),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    assert_eq!(badge(&app, "/", &stella).await, None, "no badge");
    let listed = app.get("/api/v1/me/notifications", &stella).await;
    assert_eq!(listed.body["unread"], 0, "{}", listed.body);
    assert_eq!(listed.body["notifications"], json!([]));
}
