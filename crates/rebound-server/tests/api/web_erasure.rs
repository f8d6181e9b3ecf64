//! Erasure's confirmation pages (issue 18): each names what it deletes
//! and posts to the same operation as the API; anyone else gets 404.

use crate::harness::{PASSWORD, spawn_app};
use reqwest::StatusCode;

#[tokio::test]
async fn deleting_a_mistake_is_confirmed_on_a_page_of_the_owners() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let mate = app.join(&admin, "Tess", "member", None, None).await;
    let m = app
        .mistake(&owner, "Wrong totals sent", "stakeholders")
        .await;
    let page = app.page(&format!("/m/{m}"), Some(&owner)).await;
    assert!(
        page.html.contains(&format!("href=\"/m/{m}/delete\"")),
        "the owner's link"
    );
    let confirm = app.page(&format!("/m/{m}/delete"), Some(&owner)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm.html.contains("Wrong totals sent"),
        "names the mistake"
    );
    assert!(confirm.html.contains("comments") && confirm.html.contains("stay yours"));
    let theirs = app.page(&format!("/m/{m}/delete"), Some(&mate)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let path = format!("/m/{m}/delete");
    let done = app.submit(&path, &path, &owner, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), "/");
    let gone = app.page(&format!("/m/{m}"), Some(&owner)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn deleting_ones_account_takes_the_password_and_says_what_stays() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let sam = app.join(&admin, "Sam", "member", None, None).await;
    let settings = app.page("/settings", Some(&sam)).await;
    assert!(settings.html.contains("href=\"/settings/delete-account\""));
    let page = app.page("/settings/delete-account", Some(&sam)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("type=\"password\""));
    assert!(page.html.contains("What stays"), "{}", page.html);
    let path = "/settings/delete-account";
    let wrong = app.submit(path, path, &sam, &[("password", "nope")]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.html.contains("not your password"), "{}", wrong.html);
    let done = app
        .submit(path, path, &sam, &[("password", PASSWORD)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), "/signin");
    assert_eq!(
        app.get("/api/v1/me", &sam).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_admin_confirms_deleting_someone_on_the_people_page() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let sam = app.join(&admin, "Sam", "member", None, None).await;
    let people = app.page("/people", Some(&admin)).await;
    let link = format!("href=\"/people/{}/delete\"", sam.id);
    assert!(people.html.contains(&link), "{}", people.html);
    let path = format!("/people/{}/delete", sam.id);
    assert_eq!(
        app.page(&path, Some(&sam)).await.status,
        StatusCode::NOT_FOUND
    );
    let confirm = app.page(&path, Some(&admin)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.html.contains("sam@example.com"));
    let done = app.submit(&path, &path, &admin, &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location(), "/people");
    assert_eq!(
        app.get("/api/v1/me", &sam).await.status,
        StatusCode::UNAUTHORIZED
    );
}
