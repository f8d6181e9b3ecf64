//! Erasure leaves no plaintext in the logs: a server logging at debug level
//! is taken through writing a phrase into a mistake, a comment and a
//! reflection, a refused request carrying it, and deleting the reflection;
//! the phrase is in no line it wrote, on SQLite and on PostgreSQL.

use crate::served::Server;
use rebound_store_postgres::testing::TestDatabase;
use serde_json::json;
use std::hash::{BuildHasher, Hasher};

fn phrase() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    format!("inkblot{:016x}", h.finish())
}

/// Writes and deletes the phrase through `server`, then reads its log.
fn written_and_deleted(server: &Server) {
    let phrase = phrase();
    let ana = crate::mailing::set_up(server);
    let title = format!("Pasted {phrase} into chat");
    let created = server
        .send(
            "POST",
            "/api/v1/mistakes",
            &ana,
            Some(&json!({"title": title})),
        )
        .expect(201, "a mistake")
        .json();
    let id = created["id"].as_str().unwrap().to_string();
    let comment = json!({"body": format!("It said {phrase} in full")});
    server
        .send(
            "POST",
            &format!("/api/v1/mistakes/{id}/comments"),
            &ana,
            Some(&comment),
        )
        .expect(201, "a comment");
    // Refused input is where a parser would echo what it was given.
    server
        .send(
            "POST",
            "/api/v1/mistakes",
            &ana,
            Some(&json!({"title": title, "severity": phrase})),
        )
        .expect(422, "a refused severity");
    let reflection = json!({
        "mistake": id,
        "account": format!("I pasted {phrase} where everyone could read it."),
    });
    let reflection = server
        .send("POST", "/api/v1/reflections", &ana, Some(&reflection))
        .expect(201, "a reflection")
        .json();
    let rid = reflection["id"].as_str().unwrap().to_string();
    server
        .send("DELETE", &format!("/api/v1/reflections/{rid}"), &ana, None)
        .expect(204, "deleted");
    server.log_line(|l| l.contains("method=DELETE") && l.contains("status=204"));
    let log = server.stderr();
    assert!(log.lines().count() >= 8, "the requests were logged:\n{log}");
    assert!(!log.contains(&phrase), "{phrase:?} is in the log:\n{log}");
}

#[test]
fn nothing_written_then_deleted_is_in_the_log_on_sqlite() {
    let server = Server::spawn_with(&[], &[("REBOUND_LOG", "debug")]).ready();
    written_and_deleted(&server);
}

#[test]
fn nothing_written_then_deleted_is_in_the_log_on_postgres() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let env = [("REBOUND_DATABASE_URL", db.url()), ("REBOUND_LOG", "debug")];
    let server = Server::spawn_with(&[], &env).ready();
    written_and_deleted(&server);
}
