//! Two `rebound serve` processes on one PostgreSQL database, as behind a
//! load balancer: whatever one server is told, the other knows at once —
//! setup, passwords, sessions, API tokens and their revocation, mistakes —
//! and concurrent saves through both never lose an acknowledged write.
//! Skipped, saying so, when no PostgreSQL server answers outside CI.

use crate::served::{Auth, Server};
use rebound_store_postgres::testing::TestDatabase;
use serde_json::{Value, json};
use std::sync::{Barrier, Mutex};
use std::time::Duration;

/// The record without what depends on the moment of asking (its clocks).
fn record(v: &Value) -> Value {
    let mut v = v.clone();
    let map = v.as_object_mut().expect("a JSON object");
    map.remove("clocks");
    map.remove("heads_up_missing");
    v
}

fn timeline_texts(v: &Value) -> Vec<String> {
    v["timeline"]
        .as_array()
        .expect("a timeline")
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_servers_on_one_database_act_as_one() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    // Started together: both migrate the empty database at the same moment.
    let (a, b) = (Server::spawn(db.url()), Server::spawn(db.url()));
    let (a, b) = (a.ready(), b.ready());

    // First-run setup happens once, whichever server is asked second.
    let (email, password) = ("ana@example.com", "correct horse battery");
    let setup = json!({"email": email, "display_name": "Ana", "password": password});
    let done = a
        .send("POST", "/api/v1/setup", &Auth::None, Some(&setup))
        .expect(201, "setup on A");
    assert_eq!(done.json()["user"]["role"], "admin");
    let again = json!({"email": "bob@example.com", "display_name": "Bob", "password": password});
    let refused = b
        .send("POST", "/api/v1/setup", &Auth::None, Some(&again))
        .expect(409, "setup again on B");
    assert_eq!(refused.json()["error"]["code"], "setup_done");

    // The password set through A signs in on B; the session works on both.
    let signed_in = b
        .send(
            "POST",
            "/api/v1/session",
            &Auth::None,
            Some(&json!({"email": email, "password": password})),
        )
        .expect(200, "sign in on B");
    let cookie = signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();
    assert!(cookie.starts_with("rebound_session="), "{cookie}");
    let session = Auth::Cookie(cookie);
    for server in [&b, &a] {
        let me = server
            .send("GET", "/api/v1/me", &session, None)
            .expect(200, "the session");
        assert_eq!(me.json()["email"], email);
    }
    // Failed sign-ins are counted in the database, not per process.
    let wrong = json!({"email": email, "password": "not the password"});
    b.send("POST", "/api/v1/session", &Auth::None, Some(&wrong))
        .expect(401, "a wrong password on B");

    // An API token made on A works on B.
    let issued = a
        .send(
            "POST",
            "/api/v1/me/tokens",
            &session,
            Some(&json!({"name": "laptop CLI"})),
        )
        .expect(201, "a token on A")
        .json();
    let token = Auth::Bearer(issued["token"].as_str().unwrap().to_string());
    let token_id = issued["id"].as_str().unwrap().to_string();
    let me = b
        .send("GET", "/api/v1/me", &token, None)
        .expect(200, "the token on B");
    assert_eq!(me.json()["email"], email);

    // A mistake recorded on A reads the same on B.
    let created = a
        .send(
            "POST",
            "/api/v1/mistakes",
            &token,
            Some(&json!({"title": "Deleted the staging bucket"})),
        )
        .expect(201, "a mistake on A")
        .json();
    let id = created["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/mistakes/{id}");
    let on_b = b.send("GET", &path, &token, None).expect(200, "read on B");
    let on_a = a.send("GET", &path, &token, None).expect(200, "read on A");
    assert_eq!(record(&on_b.json()), record(&created));
    assert_eq!(record(&on_b.json()), record(&on_a.json()));

    // Changed on B, read on A.
    let timeline = format!("{path}/timeline");
    b.send(
        "POST",
        &timeline,
        &session,
        Some(&json!({"text": "Noticed the 404s"})),
    )
    .expect(201, "a timeline entry on B");
    let after = a
        .send("GET", &path, &session, None)
        .expect(200, "read on A")
        .json();
    assert_eq!(timeline_texts(&after), ["Noticed the 404s"]);
    assert_eq!(after["version"], 1);

    // Ten saves of the same mistake at once, half through each server. A
    // save that lost the race is refused (409) and written again by its
    // sender; every acknowledged one must be there, exactly once.
    let writers = 10;
    let start = Barrier::new(writers);
    let refusals = Mutex::new(0);
    std::thread::scope(|scope| {
        for i in 0..writers {
            let (server, start, refusals, timeline) = (
                if i % 2 == 0 { &a } else { &b },
                &start,
                &refusals,
                &timeline,
            );
            let (token, session) = (&token, &session);
            scope.spawn(move || {
                let auth = if i % 4 < 2 { token } else { session };
                let body = json!({"text": format!("entry {i}")});
                start.wait();
                for _ in 0..100 {
                    let r = server.send("POST", timeline, auth, Some(&body));
                    match r.status {
                        201 => return,
                        409 => {
                            *refusals.lock().unwrap() += 1;
                            std::thread::sleep(Duration::from_millis(5 * (i as u64 + 1)));
                        }
                        other => panic!("entry {i}: {other} {}", r.body),
                    }
                }
                panic!("entry {i} was refused 100 times");
            });
        }
    });
    for server in [&a, &b] {
        let now = server
            .send("GET", &path, &token, None)
            .expect(200, "read after the race")
            .json();
        let mut texts = timeline_texts(&now);
        texts.sort();
        let mut expected: Vec<String> = (0..writers).map(|i| format!("entry {i}")).collect();
        expected.push("Noticed the 404s".into());
        expected.sort();
        assert_eq!(
            texts,
            expected,
            "refused {} times",
            refusals.lock().unwrap()
        );
        assert_eq!(now["version"], 1 + writers);
    }

    // Revoked on B, refused on A at the next request; the session lives on.
    b.send(
        "DELETE",
        &format!("/api/v1/me/tokens/{token_id}"),
        &session,
        None,
    )
    .expect(204, "revoke on B");
    a.send("GET", "/api/v1/me", &token, None)
        .expect(401, "the revoked token on A");
    a.send("GET", &path, &token, None)
        .expect(401, "the revoked token on A");
    a.send("GET", "/api/v1/me", &session, None)
        .expect(200, "the session on A");

    // Signing out on A ends the session on B too.
    a.send("DELETE", "/api/v1/session", &session, None)
        .expect(204, "sign out on A");
    b.send("GET", "/api/v1/me", &session, None)
        .expect(401, "the ended session on B");
}
