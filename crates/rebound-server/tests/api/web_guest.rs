//! A guest through a share link, as pages (no browser): the token leaves
//! the address at once, a name form, then the shared record with comments,
//! replies and upvotes that the API sees; a dead link is one clear 404;
//! a guest reaches nothing else; forms without the token are refused.

use crate::guests::Link;
use crate::harness::{Person, TestApp, spawn_app};
use crate::web_jar::Jar;
use reqwest::StatusCode;
use serde_json::json;

async fn shared_mistake(app: &TestApp) -> (Person, String, Link) {
    let owner = app.setup_admin().await;
    let id = app
        .mistake(&owner, "Invoice export sent old totals", "private")
        .await;
    let r = app
        .put(
            &format!("/api/v1/mistakes/{id}/note"),
            &owner,
            json!({"impact": {"who": "finance leads", "what_wrong": "March totals showed **February**"},
                   "containment": "Rolled back <script>alert(1)</script> the export", "prevention": []}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/updates"),
            &owner,
            json!({"text": "Fixed totals are _back_ in the dashboard."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let link = app.share_link(&owner, &id, None).await;
    (owner, id, link)
}

/// Opens the link and gives a name, as a browser would.
async fn join(app: &TestApp, link: &Link, name: &str) -> Jar {
    let mut jar = Jar::default();
    jar.get_page(app, &format!("/s/{}", link.token)).await;
    let r = jar.submit(app, "/s", "/s", &[("display_name", name)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    jar
}

#[tokio::test]
async fn the_link_token_leaves_the_address_and_a_guest_comments_replies_and_upvotes() {
    let app = spawn_app().await;
    let (owner, id, link) = shared_mistake(&app).await;
    let mut jar = Jar::default();

    // The link's GET only moves the token into a short-lived cookie.
    let arrive = jar.get_page(&app, &format!("/s/{}", link.token)).await;
    assert_eq!(arrive.status, StatusCode::SEE_OTHER);
    assert_eq!(arrive.location(), "/s");
    let set = arrive.headers["set-cookie"].to_str().unwrap();
    assert!(
        set.starts_with(&format!("rebound_link={};", link.token)),
        "{set}"
    );
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(set.contains(attr), "{attr} in {set}");
    }
    assert!(jar.get("rebound_guest").is_none(), "no guest session yet");

    // /s asks for a name; the token is not on the page.
    let form = jar.get_page(&app, "/s").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(form.html.contains("Your name"), "{}", form.html);
    assert!(!form.html.contains(&link.token));

    // Without the anti-forgery token the name is refused and nothing starts.
    let forged = jar.post(&app, "/s", &[("display_name", "Mallory")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(jar.get("rebound_guest").is_none());

    // An empty name is explained on the form.
    let empty = jar.submit(&app, "/s", "/s", &[("display_name", " ")]).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.html
    );
    assert!(empty.html.contains("role=\"alert\""), "{}", empty.html);

    let named = jar
        .submit(&app, "/s", "/s", &[("display_name", "Gus <b>")])
        .await;
    assert_eq!(named.status, StatusCode::SEE_OTHER, "{}", named.html);
    assert_eq!(named.location(), "/s");
    assert!(jar.get("rebound_guest").is_some());
    assert!(
        jar.get("rebound_link").is_none(),
        "the link token is forgotten once used"
    );

    // The shared record: note (Markdown, sanitised), updates, under the name.
    let page = jar.get_page(&app, "/s").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.len() < 100 * 1024);
    assert!(page.html.contains("Invoice export sent old totals"));
    assert!(
        page.html.contains("<strong>February</strong>"),
        "{}",
        page.html
    );
    assert!(page.html.contains("<em>back</em>"), "{}", page.html);
    assert!(
        !page.html.contains("<script>alert"),
        "raw HTML is shown as text"
    );
    assert!(page.html.contains("Gus &lt;b&gt;"), "the name is escaped");
    assert!(!page.html.contains(&link.token));
    assert!(
        !page.html.contains("/signout"),
        "no member navigation for a guest"
    );

    // Comment, then the owner replies through the API, then upvote and reply.
    let posted = jar
        .submit(
            &app,
            "/s",
            "/s/comments",
            &[("body", "Which months are affected?")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.html);
    assert!(
        posted.location().starts_with("/s#comment-"),
        "{}",
        posted.location()
    );
    let guest_comment = posted
        .location()
        .trim_start_matches("/s#comment-")
        .to_string();
    let owner_reply = app
        .post(
            &format!("/api/v1/mistakes/{id}/comments"),
            &owner,
            json!({"body": "Only March.", "parent": guest_comment}),
        )
        .await;
    assert_eq!(
        owner_reply.status,
        StatusCode::CREATED,
        "{}",
        owner_reply.body
    );
    let owner_reply = owner_reply.body["id"].as_str().unwrap().to_string();
    let voted = jar
        .submit(&app, "/s", &format!("/s/comments/{owner_reply}/vote"), &[])
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.html);
    let replied = jar
        .submit(
            &app,
            "/s",
            "/s/comments",
            &[("body", "Thanks, clear."), ("parent", &owner_reply)],
        )
        .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER, "{}", replied.html);

    // The API sees it all, under the guest's name.
    let list = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &owner)
        .await;
    let comments = list.body["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 3, "{}", list.body);
    let by_id = |cid: &str| comments.iter().find(|c| c["id"] == cid).unwrap().clone();
    let first = by_id(&guest_comment);
    assert_eq!(first["author"]["name"], "Gus <b>");
    assert_eq!(first["author"]["kind"], "guest");
    assert_eq!(by_id(&owner_reply)["score"], 1);
    let last = comments
        .iter()
        .find(|c| c["body"] == "Thanks, clear.")
        .unwrap();
    assert_eq!(last["parent"], owner_reply.as_str());

    // And the page shows the thread with the score and the guest's vote.
    let page = jar.get_page(&app, "/s").await;
    assert!(page.html.contains("Only March."));
    assert!(page.html.contains("Take back my upvote"), "{}", page.html);
    assert!(page.html.contains("depth-1"), "replies are indented");

    // The vote can be taken back.
    let unvoted = jar
        .submit(
            &app,
            "/s",
            &format!("/s/comments/{owner_reply}/unvote"),
            &[],
        )
        .await;
    assert_eq!(unvoted.status, StatusCode::SEE_OTHER, "{}", unvoted.html);
    let list = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &owner)
        .await;
    let reply = list.body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == owner_reply.as_str())
        .unwrap()
        .clone();
    assert_eq!(reply["score"], 0);
    assert!(
        !jar.get_page(&app, "/s")
            .await
            .html
            .contains("Take back my upvote")
    );
}

#[tokio::test]
async fn unknown_expired_and_revoked_links_get_the_same_clear_page() {
    let app = spawn_app().await;
    let (owner, id, link) = shared_mistake(&app).await;

    // Unknown.
    let mut stranger = Jar::default();
    stranger
        .get_page(&app, "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    let unknown = stranger.get_page(&app, "/s").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown.html.contains("This link no longer works"),
        "{}",
        unknown.html
    );
    // Something that is not even a token, and no cookie at all.
    let mut odd = Jar::default();
    assert_eq!(
        odd.get_page(&app, "/s/not%20a%3Btoken").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(odd.get_page(&app, "/s").await.status, StatusCode::NOT_FOUND);

    // Revoked: a guest already in is shut out, and the link opens nothing.
    let mut guest = join(&app, &link, "Gus").await;
    assert_eq!(guest.get_page(&app, "/s").await.status, StatusCode::OK);
    let r = app
        .delete(
            &format!("/api/v1/mistakes/{id}/share-links/{}", link.id),
            &owner,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let shut = guest.get_page(&app, "/s").await;
    assert_eq!(shut.status, StatusCode::NOT_FOUND);
    assert!(shut.html.contains("This link no longer works"));
    let posted = guest
        .post(
            &app,
            "/s/comments",
            &[("csrf", "x"), ("body", "still here?")],
        )
        .await;
    assert_ne!(posted.status, StatusCode::SEE_OTHER);
    let mut late = Jar::default();
    late.get_page(&app, &format!("/s/{}", link.token)).await;
    let revoked = late.get_page(&app, "/s").await;
    assert_eq!(revoked.status, StatusCode::NOT_FOUND);
    assert!(revoked.html.contains("This link no longer works"));

    // Expired.
    let soon = app.clock.now() + jiff::SignedDuration::from_hours(1);
    let short = app.share_link(&owner, &id, Some(soon)).await;
    let mut early = join(&app, &short, "Ida").await;
    assert_eq!(early.get_page(&app, "/s").await.status, StatusCode::OK);
    app.step_past(short.expires_at);
    let expired = early.get_page(&app, "/s").await;
    assert_eq!(expired.status, StatusCode::NOT_FOUND);
    let mut after = Jar::default();
    after.get_page(&app, &format!("/s/{}", short.token)).await;
    let expired_link = after.get_page(&app, "/s").await;
    assert_eq!(expired_link.status, StatusCode::NOT_FOUND);
    // One page for every way a link dies.
    let h1 = |html: &str| {
        let at = html.find("<h1>").unwrap();
        html[at..at + html[at..].find("</h1>").unwrap()].to_string()
    };
    assert_eq!(h1(&unknown.html), h1(&revoked.html));
    assert_eq!(h1(&unknown.html), h1(&expired_link.html));
    assert_eq!(h1(&unknown.html), h1(&expired.html));

    // Nothing in the comments from any of it.
    let list = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &owner)
        .await;
    assert_eq!(list.body["comments"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_guest_reaches_nothing_outside_the_shared_page_and_can_leave() {
    let app = spawn_app().await;
    let (owner, id, link) = shared_mistake(&app).await;
    let mut guest = join(&app, &link, "Gus").await;
    let csrf = guest.get_page(&app, "/s").await.csrf();

    // Pages for members send a guest to sign in.
    for path in [
        format!("/m/{id}"),
        "/settings".into(),
        "/".into(),
        "/people".into(),
    ] {
        let r = guest.get_page(&app, &path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.location().starts_with("/signin"),
            "{path}: {}",
            r.location()
        );
    }
    // Posts outside /s change nothing, even with the guest's own token.
    let r = guest
        .post(&app, "/new", &[("csrf", &csrf), ("title", "Guest-made")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/signin"));
    let r = guest
        .post(
            &app,
            &format!("/m/{id}/heads-up"),
            &[("csrf", &csrf), ("text", "rewritten")],
        )
        .await;
    assert_ne!(r.status, StatusCode::OK);
    let mine = app.get("/api/v1/mistakes", &owner).await;
    assert_eq!(
        mine.body["mistakes"].as_array().map(Vec::len),
        Some(1),
        "{}",
        mine.body
    );
    // The guest API of another kind is closed too: no member JSON for a guest.
    let api = app
        .with_cookie(
            reqwest::Method::GET,
            &format!("/api/v1/mistakes/{id}"),
            Some(&guest.header()),
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);

    // A comment without the token, or from another site, is refused.
    let r = guest.post(&app, "/s/comments", &[("body", "forged")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    guest.origin = Some("https://evil.example".into());
    let r = guest
        .post(&app, "/s/comments", &[("csrf", &csrf), ("body", "forged")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    guest.origin = None;
    let list = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &owner)
        .await;
    assert_eq!(list.body["comments"].as_array().unwrap().len(), 0);

    // Leaving ends the session; the old cookie opens nothing.
    let old = guest.header();
    let left = guest.post(&app, "/s/leave", &[("csrf", &csrf)]).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    assert_eq!(left.location(), "/s?left=1");
    assert!(guest.get("rebound_guest").is_none());
    assert!(
        guest
            .get_page(&app, "/s?left=1")
            .await
            .html
            .contains("You have left")
    );
    let mut replay = Jar::with(&old);
    assert_eq!(
        replay.get_page(&app, "/s").await.status,
        StatusCode::NOT_FOUND
    );
}
