//! The visibility policy as a table: relationship × visibility × action →
//! status, and how many mistakes each person's list shows. Read never
//! grants write; revoking takes effect on the next request.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

struct World {
    app: TestApp,
    admin: Person,
    owner: Person,
    manager: Person,
    other_manager: Person,
    teammate: Person,
    stranger: Person,
}

async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Finance BI").await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let other_manager = app.join(&admin, "Otto", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), Some(&team))
        .await;
    let teammate = app
        .join(&admin, "Tess", "member", Some(&other_manager), Some(&team))
        .await;
    let stranger = app
        .join(&admin, "Sid", "member", Some(&other_manager), None)
        .await;
    World {
        app,
        admin,
        owner,
        manager,
        other_manager,
        teammate,
        stranger,
    }
}

#[tokio::test]
async fn who_sees_what_at_each_visibility() {
    let w = world().await;
    let visibilities = ["private", "manager", "stakeholders", "team"];
    let mut ids = Vec::new();
    for v in visibilities {
        ids.push(w.app.mistake(&w.owner, &format!("A {v} mistake"), v).await);
    }
    // Expected read access per visibility, in the order above.
    let table: [(&str, &Person, [bool; 4]); 6] = [
        ("owner", &w.owner, [true, true, true, true]),
        ("own manager", &w.manager, [false, true, true, true]),
        (
            "another manager",
            &w.other_manager,
            [false, false, false, false],
        ),
        ("teammate", &w.teammate, [false, false, false, true]),
        ("stranger", &w.stranger, [false, false, false, false]),
        ("admin", &w.admin, [false, false, false, false]),
    ];
    for (who, person, reads) in table {
        let listed = w.app.get("/api/v1/mistakes", person).await;
        let count = listed.body["mistakes"].as_array().unwrap().len();
        assert_eq!(count, reads.iter().filter(|r| **r).count(), "{who}'s list");
        for ((id, v), can_read) in ids.iter().zip(visibilities).zip(reads) {
            let base = format!("/api/v1/mistakes/{id}");
            let expect = if can_read {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            let cell = format!("{who} × {v}");
            assert_eq!(
                w.app.get(&base, person).await.status,
                expect,
                "read: {cell}"
            );
            let export = w
                .app
                .get(&format!("{base}/export?format=markdown"), person)
                .await;
            assert_eq!(export.status, expect, "export: {cell}");

            // Writes: only the owner; a reader gets 404 just like a stranger.
            let write = if who == "owner" {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            let r = w
                .app
                .patch(&base, person, json!({"affected": "the finance leads"}))
                .await;
            assert_eq!(r.status, write, "edit facts: {cell}");
            let r = w
                .app
                .post(
                    &format!("{base}/updates"),
                    person,
                    json!({"text": "update"}),
                )
                .await;
            let created = if who == "owner" {
                StatusCode::CREATED
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(r.status, created, "post update: {cell}");
            let r = w
                .app
                .patch(&base, person, json!({"visibility": "team"}))
                .await;
            if who != "owner" {
                assert_eq!(r.status, StatusCode::NOT_FOUND, "change visibility: {cell}");
            } else {
                // Put it back for the next rows of the table.
                w.app.patch(&base, person, json!({"visibility": v})).await;
            }
        }
    }
}

#[tokio::test]
async fn revoking_takes_effect_on_the_next_request() {
    let w = world().await;
    let id = w
        .app
        .mistake(&w.owner, "Shared with my manager", "manager")
        .await;
    let team_id = w.app.mistake(&w.owner, "Shared with my team", "team").await;
    let path = format!("/api/v1/mistakes/{id}");
    assert_eq!(w.app.get(&path, &w.manager).await.status, StatusCode::OK);

    // A new manager: the old one loses access at once, lists included.
    let r = w
        .app
        .put(
            &format!("/api/v1/users/{}/manager", w.owner.id),
            &w.admin,
            json!({"manager": w.other_manager.id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        w.app.get(&path, &w.manager).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.app.get("/api/v1/mistakes", &w.manager).await.body["mistakes"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        w.app.get(&path, &w.other_manager).await.status,
        StatusCode::OK
    );

    // Leaving the team ends teammates' access.
    let team_path = format!("/api/v1/mistakes/{team_id}");
    assert_eq!(
        w.app.get(&team_path, &w.teammate).await.status,
        StatusCode::OK
    );
    let teams = w.app.get("/api/v1/teams", &w.admin).await;
    let team = teams.body["teams"][0]["id"].as_str().unwrap().to_string();
    let r = w
        .app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/teams/{team}/members/{}", w.teammate.id),
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        w.app.get(&team_path, &w.teammate).await.status,
        StatusCode::NOT_FOUND
    );

    // Narrowing the visibility ends access too.
    w.app
        .patch(&path, &w.owner, json!({"visibility": "private"}))
        .await;
    assert_eq!(
        w.app.get(&path, &w.other_manager).await.status,
        StatusCode::NOT_FOUND
    );
}
