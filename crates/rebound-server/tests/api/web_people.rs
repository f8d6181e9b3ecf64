//! People and invitations as pages (no browser): an admin invites, the link
//! is shown once, the invited person accepts and is signed in; the link
//! leaves the address and works only once; managers, disabling and teams
//! go through the API; anyone but an admin gets a 404.

use crate::harness::spawn_app;
use crate::web_jar::{Jar, input_value};
use reqwest::StatusCode;

#[tokio::test]
async fn invite_then_accept_signs_the_person_in_and_the_link_works_once() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Finance BI").await;
    let people = app.page("/people", Some(&admin)).await;
    assert_eq!(people.status, StatusCode::OK, "{}", people.html);
    assert!(people.html.len() < 100 * 1024);
    let home = app.page("/", Some(&admin)).await;
    assert!(
        home.html.contains("href=\"/people\""),
        "admins see People in the header"
    );

    let made = app
        .submit(
            "/people",
            "/people/invite",
            &admin,
            &[
                ("email", "bea@example.com"),
                ("role", "manager"),
                ("manager", &admin.id),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.html);
    let link = input_value(&made.html, "invite-link").expect("the link is shown");
    assert!(made.html.contains("data-copy=\"invite-link\""));
    let token = link.rsplit("/invite/").next().unwrap().to_string();
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
    // Shown once: not on the page afterwards.
    assert!(
        !app.page("/people", Some(&admin))
            .await
            .html
            .contains(&token)
    );

    // The invited person's browser: the token leaves the address at once.
    let mut bea = Jar::default();
    let arrive = bea.get_page(&app, &format!("/invite/{token}")).await;
    assert_eq!(arrive.status, StatusCode::SEE_OTHER);
    assert_eq!(arrive.location(), "/invite");
    let form = bea.get_page(&app, "/invite").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(!form.html.contains(&token));
    // Too short a password: explained, and the invitation is not used up.
    let short = bea
        .submit(
            &app,
            "/invite",
            "/invite",
            &[
                ("display_name", "Bea"),
                ("password", "short"),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    assert_eq!(
        short.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        short.html
    );
    assert!(short.html.contains("role=\"alert\""));
    let joined = bea
        .submit(
            &app,
            "/invite",
            "/invite",
            &[
                ("display_name", "Bea"),
                ("password", "correct horse battery"),
                ("time_zone", "Europe/Berlin"),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.html);
    assert_eq!(joined.location(), "/");
    assert!(bea.get("rebound_session").is_some());
    assert!(bea.get("rebound_invitation").is_none());
    let home = bea.get_page(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.html);
    assert!(
        !home.html.contains("href=\"/people\""),
        "managers do not see People"
    );

    // The account is as invited.
    let users = app.get("/api/v1/users", &admin).await;
    let b = users.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "bea@example.com")
        .unwrap()
        .clone();
    assert_eq!(b["role"], "manager");
    assert_eq!(b["manager"], admin.id.as_str());
    assert_eq!(b["time_zone"], "Europe/Berlin");

    // Used: the same link now gets the kind page.
    let mut again = Jar::default();
    again.get_page(&app, &format!("/invite/{token}")).await;
    let form = again.get_page(&app, "/invite").await;
    let used = again
        .post(
            &app,
            "/invite",
            &[
                ("csrf", &form.csrf()),
                ("display_name", "Bea Twice"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(used.status, StatusCode::NOT_FOUND);
    assert!(
        used.html.contains("This invitation no longer works"),
        "{}",
        used.html
    );
    // No cookie at all: the same page.
    let mut none = Jar::default();
    assert_eq!(
        none.get_page(&app, "/invite").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_admins_see_people_and_their_changes_go_through() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let mara = app.join(&admin, "Mara", "manager", None, None).await;
    let owen = app.join(&admin, "Owen", "member", None, None).await;

    // Not an admin: the same 404 as a missing page, for reading and posting.
    let csrf = app.page("/", Some(&owen)).await.csrf();
    assert_eq!(
        app.page("/people", Some(&owen)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page("/people", Some(&mara)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            "/people/invite",
            Some(&owen.cookie),
            &[("csrf", &csrf), ("email", "sneak@example.com")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            &format!("/people/{}/disable", admin.id),
            Some(&owen.cookie),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Manager.
    let r = app
        .submit(
            "/people",
            &format!("/people/{}/manager", owen.id),
            &admin,
            &[("manager", &mara.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert_eq!(r.location(), format!("/people#person-{}", owen.id));
    let user = |users: &serde_json::Value, id: &str| {
        users["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()
            .clone()
    };
    let users = app.get("/api/v1/users", &admin).await.body;
    assert_eq!(user(&users, &owen.id)["manager"], mara.id.as_str());
    // A loop is explained beside the person.
    let r = app
        .submit(
            "/people",
            &format!("/people/{}/manager", mara.id),
            &admin,
            &[("manager", &owen.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.html);
    assert!(r.html.contains("role=\"alert\""));

    // Disable, then enable.
    let r = app
        .submit(
            "/people",
            &format!("/people/{}/disable", owen.id),
            &admin,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert_eq!(
        app.page("/", Some(&owen)).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        app.page("/people", Some(&admin))
            .await
            .html
            .contains("Disabled")
    );
    let r = app
        .submit(
            "/people",
            &format!("/people/{}/enable", owen.id),
            &admin,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let users = app.get("/api/v1/users", &admin).await.body;
    assert!(user(&users, &owen.id)["disabled_at"].is_null());

    // Teams: create, add, remove.
    let r = app
        .submit("/people", "/people/teams", &admin, &[("name", "Payments")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let teams = app.get("/api/v1/teams", &admin).await.body;
    let team = teams["teams"][0]["id"].as_str().unwrap().to_string();
    let r = app
        .submit(
            "/people",
            &format!("/people/teams/{team}/members"),
            &admin,
            &[("user", &owen.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    let remove = format!("/people/teams/{team}/members/{}/remove", owen.id);
    let page = app.page("/people", Some(&admin)).await;
    assert!(page.html.contains(&remove), "Owen is listed in the team");
    let r = app.submit("/people", &remove, &admin, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.html);
    assert!(
        !app.page("/people", Some(&admin))
            .await
            .html
            .contains(&remove)
    );
    // Removing again: nobody to remove, said beside the team.
    let r = app.submit("/people", &remove, &admin, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
