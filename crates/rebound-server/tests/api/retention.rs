//! Retention (issue 18) through the real server, on either backend, with
//! its clock stepped instead of waited for: a mistake closed longer than
//! `keep_closed_mistakes` goes as its owner's delete takes it (children,
//! stakeholders' notifications, the owner's win freed, its words scrubbed
//! from the files), audited as done by the server; one closed later, one
//! reopened and an open one stay. By default closed mistakes and ended
//! links are kept, and audit events go after `keep_audit_events`.

use crate::erasure_files::files_holding;
use crate::harness::{Person, TestApp, eventually, spawn_app_with};
use jiff::SignedDuration;
use rebound_server::Retention;
use reqwest::StatusCode;
use serde_json::json;

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

async fn ok(r: crate::harness::Reply, what: &str) -> serde_json::Value {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
    r.body
}

/// Moves `id` to `to` (closing it first makes it ready: heads-up sent,
/// note, both checkboxes).
async fn move_to(app: &TestApp, owner: &Person, id: &str, to: &str) {
    let base = format!("/api/v1/mistakes/{id}");
    if to == "closed" {
        ok(
            app.post(&format!("{base}/heads-up/sent"), owner, json!({}))
                .await,
            "sent",
        )
        .await;
        let note = json!({
            "impact": {"who": "the finance leads", "what_wrong": "refunds counted twice"},
            "containment": "Pulled v42",
            "prevention": [{"kind": "preventive", "text": "Compare with the ledger"}],
        });
        ok(app.put(&format!("{base}/note"), owner, note).await, "note").await;
        for cb in ["impact", "prevention"] {
            let path = format!("{base}/checks/{cb}");
            ok(app.put(&path, owner, json!({})).await, cb).await;
        }
    }
    let r = app
        .post(&format!("{base}/transitions"), owner, json!({ "to": to }))
        .await;
    ok(r, to).await;
}

/// Polls the server (as a person would, reloading) until `id` is gone for
/// `who`; a wait on a loaded machine, never a measurement.
async fn until_gone(app: &TestApp, who: &Person, id: &str) {
    let path = format!("/api/v1/mistakes/{id}");
    for _ in 0..3000 {
        match app.get(&path, who).await.status {
            StatusCode::NOT_FOUND => return,
            StatusCode::OK => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            other => panic!("{path}: {other}"),
        }
    }
    panic!("{path} was never deleted");
}

#[tokio::test]
async fn a_mistake_closed_longer_than_kept_goes_as_its_owners_delete_takes_it() {
    let app = spawn_app_with(|s| {
        s.retention = Retention {
            closed_mistakes: Some(days(30)),
            ..Retention::default()
        }
    })
    .await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let stella = app.join(&admin, "Stella", "member", None, None).await;
    let phrase = format!("wombat-{}-ledger", std::process::id());
    let old = app
        .mistake(&owner, &format!("Sent the {phrase} totals"), "stakeholders")
        .await;
    let later = app.mistake(&owner, "Closed later", "stakeholders").await;
    let reopened = app.mistake(&owner, "Reopened", "stakeholders").await;
    let open = app.mistake(&owner, "Still open", "stakeholders").await;
    let named = format!("/api/v1/mistakes/{old}/stakeholders/{}", stella.id);
    ok(app.put(&named, &owner, json!({})).await, "named").await;
    let comments = format!("/api/v1/mistakes/{old}/comments");
    let said = json!({"body": format!("Which {phrase} reports?")});
    ok(app.post(&comments, &stella, said).await, "comment").await;
    let win = json!({"text": "Caught it before the invoices went out", "mistake": old});
    ok(app.post("/api/v1/wins", &owner, win).await, "win").await;
    move_to(&app, &owner, &old, "closed").await;
    move_to(&app, &owner, &reopened, "closed").await;
    move_to(&app, &owner, &reopened, "reviewed").await;
    app.clock.step(days(10));
    move_to(&app, &owner, &later, "closed").await;
    if let Some(db) = app.sqlite_file() {
        // The check below can fail: the words are in the files now.
        assert!(!files_holding(&db, &phrase).is_empty());
    }

    // 31 days after the first close, 21 after the second.
    app.clock.step(days(21));
    until_gone(&app, &owner, &old).await;
    for who in [&owner, &stella] {
        let r = app.get(&format!("/api/v1/mistakes/{old}"), who).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&comments, who).await.status, StatusCode::NOT_FOUND);
    }
    for kept in [&later, &reopened, &open] {
        let r = app.get(&format!("/api/v1/mistakes/{kept}"), &owner).await;
        assert_eq!(r.status, StatusCode::OK, "{kept} stays");
    }
    let notes = app.get("/api/v1/me/notifications", &stella).await.body;
    let notes = notes["notifications"].as_array().unwrap().clone();
    assert!(
        notes.iter().all(|n| n["mistake"] != old.as_str()),
        "{notes:?}"
    );
    let wins = app.get("/api/v1/wins", &owner).await.body;
    assert!(wins["wins"][0]["mistake"].is_null(), "freed: {wins}");

    // Audited as the server's act, with no content.
    let store = app.store().await;
    // (A read that raced the delete may log after it: look for the one.)
    let logged = store.audit_of("mistake", &old, 500).await.unwrap();
    let deleted: Vec<_> = logged.iter().filter(|e| e.part == "deleted").collect();
    assert_eq!(deleted.len(), 1, "{logged:?}");
    let event = serde_json::to_value(deleted[0]).unwrap();
    assert_eq!(event["actor"], json!({"kind": "user", "id": "retention"}));
    assert_eq!(event["action"], "change");
    assert!(!event.to_string().contains(&phrase), "{event}");
    if let Some(db) = app.sqlite_file() {
        // PostgreSQL's files: the store's scrub test, on the same scrub.
        eventually("the scrub", || {
            files_holding(&db, &phrase).is_empty().then_some(())
        })
        .await;
    }
}

#[tokio::test]
async fn by_default_closed_mistakes_and_ended_links_stay_and_audit_events_go_when_told() {
    let app = spawn_app_with(|s| {
        s.retention = Retention {
            ended_share_links: None,
            audit_events: Some(days(400)),
            ..Retention::default()
        }
    })
    .await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let id = app.mistake(&owner, "Closed long ago", "stakeholders").await;
    let links = format!("/api/v1/mistakes/{id}/share-links");
    let link = ok(app.post(&links, &owner, json!({})).await, "link").await;
    let revoke = format!("{links}/{}", link["id"].as_str().unwrap());
    assert_eq!(
        app.delete(&revoke, &owner).await.status,
        StatusCode::NO_CONTENT
    );
    move_to(&app, &owner, &id, "closed").await;
    let store = app.store().await;
    assert!(
        !store
            .audit_of("mistake", &id, 100)
            .await
            .unwrap()
            .is_empty()
    );

    app.clock.step(days(401));
    // Every event about it was recorded before the step: all go.
    for _ in 0..3000 {
        if store
            .audit_of("mistake", &id, 100)
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        store
            .audit_of("mistake", &id, 100)
            .await
            .unwrap()
            .is_empty()
    );
    // That round had passed the links and the closed mistakes: both kept.
    let r = app.get(&format!("/api/v1/mistakes/{id}"), &owner).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "closed mistakes are kept by default"
    );
    let listed = ok(app.get(&links, &owner).await, "links").await;
    assert_eq!(listed["links"].as_array().unwrap().len(), 1, "{listed}");
}
