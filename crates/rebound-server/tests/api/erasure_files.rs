//! Erasure leaves no plaintext (issue 18), end to end on SQLite: a person
//! writes one unique phrase into every kind of record they can (a mistake's
//! title, timeline, update and note; a comment on someone else's mistake;
//! a reflection, a principle, a win), the phrase is in the database files,
//! they delete their account through the API — and the phrase is in no
//! file of the database (main file, WAL, shared memory) nor in a backup
//! made afterwards. PostgreSQL's data directory is checked by the store's
//! own test (`rebound-store-postgres/tests/scrub.rs`) on the same scrub.

use crate::harness::{PASSWORD, Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::json;

pub(crate) fn files_holding(db: &std::path::Path, phrase: &str) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", db.display());
        if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(phrase.len()).any(|w| w == phrase.as_bytes())
        {
            found.push(path);
        }
    }
    found
}

async fn ok(app: &TestApp, who: &Person, path: &str, body: serde_json::Value) -> String {
    let r = app.post(path, who, body).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
    r.body["id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_default()
}

#[tokio::test]
async fn a_deleted_account_leaves_its_words_in_no_database_file_or_later_backup() {
    let app = spawn_app().await;
    let Some(db) = app.sqlite_file() else {
        return; // PostgreSQL: the store's scrub test reads its data directory.
    };
    let admin = app.setup_admin().await;
    let dana = app.join(&admin, "Dana", "member", None, None).await;
    let phrase = format!("quokka-{}-lantern", std::process::id());

    let mine = app
        .mistake(&dana, &format!("Sent the {phrase} totals"), "team")
        .await;
    let m = format!("/api/v1/mistakes/{mine}");
    ok(
        &app,
        &dana,
        &format!("{m}/timeline"),
        json!({"text": format!("Pulled {phrase}")}),
    )
    .await;
    ok(
        &app,
        &dana,
        &format!("{m}/updates"),
        json!({"text": format!("Still {phrase}")}),
    )
    .await;
    let note = json!({"impact": {"who": format!("the {phrase} team")}, "prevention": [], "containment": phrase, "fix": phrase});
    let r = app.put(&format!("{m}/note"), &dana, note).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let theirs = app
        .mistake(&admin, "Admin's own slip", "stakeholders")
        .await;
    let named = format!("/api/v1/mistakes/{theirs}/stakeholders/{}", dana.id);
    assert!(app.put(&named, &admin, json!({})).await.status.is_success());
    ok(
        &app,
        &dana,
        &format!("/api/v1/mistakes/{theirs}/comments"),
        json!({"body": format!("Saw {phrase} too")}),
    )
    .await;
    ok(
        &app,
        &dana,
        "/api/v1/reflections",
        json!({"mistake": mine, "account": format!("I skipped the {phrase} check.")}),
    )
    .await;
    ok(
        &app,
        &dana,
        "/api/v1/principles",
        json!({"text": format!("I will not skip the {phrase} check")}),
    )
    .await;
    ok(
        &app,
        &dana,
        "/api/v1/wins",
        json!({"text": format!("Fixed {phrase} fast")}),
    )
    .await;
    // The test can fail: the phrase is in the files now.
    assert!(
        !files_holding(&db, &phrase).is_empty(),
        "the phrase was never written"
    );

    let r = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&dana),
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);

    assert_eq!(files_holding(&db, &phrase), Vec::<String>::new());
    // The comment stays on the admin's mistake, removed, without the words.
    let r = app
        .get(&format!("/api/v1/mistakes/{theirs}/comments"), &admin)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.to_string().contains(&phrase), "{}", r.body);
    // A backup made afterwards holds none of it either.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("after.db");
    rebound_store_sqlite::backup::backup(&db, &copy, &|_, _| ()).unwrap();
    assert_eq!(files_holding(&copy, &phrase), Vec::<String>::new());
}
