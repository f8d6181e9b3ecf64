//! The crash harness: the real `rebound serve` under a write-and-read load,
//! killed with SIGKILL at a random moment, restarted on the same database;
//! every acknowledged write and every acknowledged audit event must be
//! there, and on SQLite `PRAGMA integrity_check` must say `ok`.
//!
//! Short here (`CRASH_CYCLES`, default 12 per backend); `scripts/crash N
//! [sqlite|postgres]` runs the same code for N cycles. `CRASH_SEED` replays
//! a run (the seed is printed). PostgreSQL is skipped, saying so, when no
//! server answers outside CI.

use crate::served::{Auth, Server, try_request};
use rebound_store_postgres::testing::TestDatabase;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Clients sending requests at once.
const WORKERS: usize = 4;

#[test]
fn sqlite_keeps_every_acknowledged_write_and_audit_event_through_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    run(&url, Some(&db));
}

#[test]
fn postgres_keeps_every_acknowledged_write_and_audit_event_through_kill_9() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    run(db.url(), None);
}

/// What the server acknowledged about one mistake.
#[derive(Default, Clone)]
struct Acked {
    /// The cycle that created it: each restart checks that cycle's.
    cycle: usize,
    /// Timeline entries answered 201.
    entries: Vec<String>,
    /// Comments answered 201 (stored apart from the mistake, with their
    /// event in the comment's own transaction).
    comments: Vec<String>,
    /// `GET /api/v1/mistakes/{id}` answered 200: each one an audited read.
    reads: usize,
}

/// Every mistake whose creation was acknowledged, by id.
type Ledger = Arc<Mutex<HashMap<String, Acked>>>;

fn run(url: &str, sqlite: Option<&std::path::Path>) {
    let cycles: usize = std::env::var("CRASH_CYCLES")
        .ok()
        .map(|n| n.parse().expect("CRASH_CYCLES is a number"))
        .unwrap_or(12);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .map(|n| n.parse().expect("CRASH_SEED is a number"))
        .unwrap_or_else(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            t.unwrap().as_nanos() as u64 | 1
        });
    eprintln!("crash harness: {cycles} cycles on {url}, CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let mut server = Server::spawn(url).ready();
    let auth = crate::mailing::set_up(&server);
    let ledger: Ledger = Arc::default();
    for cycle in 0..cycles {
        let addr = server.addr.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| {
                let (addr, auth, ledger, stop) =
                    (addr.clone(), auth.clone(), ledger.clone(), stop.clone());
                let seed = rng.next() ^ w as u64;
                let rng = Rng(seed | 1);
                std::thread::spawn(move || load(&addr, &auth, &ledger, &stop, cycle, rng))
            })
            .collect();
        // Kill at a random moment of the load: SIGKILL, as `kill -9`. The
        // moment is counted from the cycle's first acknowledged creation (a
        // loaded machine can take longer than the whole window to answer
        // the first request after a restart, which would leave nothing to check).
        let before = ledger.lock().unwrap().len();
        let started = std::time::Instant::now();
        while ledger.lock().unwrap().len() == before && started.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(50 + rng.next() % 450));
        drop(server);
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            w.join().expect("a load worker panicked");
        }
        if let Some(db) = sqlite {
            assert_eq!(integrity(db), "ok", "cycle {cycle}: integrity_check");
        }
        server = Server::spawn(url).ready();
        check(&server, &auth, &ledger, Some(cycle));
    }
    // Last, everything again: a later crash must not have lost an earlier write.
    let (writes, events) = check(&server, &auth, &ledger, None);
    let mistakes = ledger.lock().unwrap().len();
    assert!(
        mistakes >= cycles && writes > mistakes && events > writes,
        "too little was acknowledged to prove anything: {mistakes} mistakes, \
         {writes} writes, {events} events"
    );
    eprintln!(
        "crash harness: {cycles} cycles, {} mistakes, {writes} acknowledged writes and \
         {events} acknowledged audit events, all present after restart (seed {seed})",
        mistakes
    );
}

/// Creates mistakes, adds timeline entries and comments and reads them until the server
/// stops answering; records in `ledger` only what was acknowledged. Every
/// answer must be the success asked for: a refusal would leave nothing to
/// check, and a 5xx is a bug.
fn load(addr: &str, auth: &Auth, ledger: &Ledger, stop: &AtomicBool, cycle: usize, mut rng: Rng) {
    let mut mine: Vec<String> = Vec::new();
    let send = |method: &str, path: &str, body: Option<&Value>, want: u16| {
        let r = try_request(addr, method, path, auth, body, &[]).ok()?;
        assert_eq!(r.status, want, "{method} {path}: {}", r.body);
        Some(r)
    };
    for n in 0.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let roll = rng.next() % 10;
        let answered = if mine.is_empty() || roll < 2 {
            let body = json!({"title": format!("Crash test mistake {n}"), "visibility": "private"});
            send("POST", "/api/v1/mistakes", Some(&body), 201).map(|r| {
                let id = r.json()["id"].as_str().unwrap().to_string();
                let acked = Acked {
                    cycle,
                    ..Acked::default()
                };
                ledger.lock().unwrap().insert(id.clone(), acked);
                mine.push(id);
            })
        } else {
            let id = mine[rng.next() as usize % mine.len()].clone();
            if roll < 4 {
                let text = format!("entry {n} by {:x}", rng.next());
                let path = format!("/api/v1/mistakes/{id}/timeline");
                send("POST", &path, Some(&json!({ "text": text })), 201).map(|_| {
                    ledger
                        .lock()
                        .unwrap()
                        .get_mut(&id)
                        .unwrap()
                        .entries
                        .push(text);
                })
            } else if roll < 6 {
                let text = format!("comment {n} by {:x}", rng.next());
                let path = format!("/api/v1/mistakes/{id}/comments");
                send("POST", &path, Some(&json!({ "body": text })), 201).map(|_| {
                    let mut ledger = ledger.lock().unwrap();
                    ledger.get_mut(&id).unwrap().comments.push(text);
                })
            } else {
                send("GET", &format!("/api/v1/mistakes/{id}"), None, 200).map(|_| {
                    ledger.lock().unwrap().get_mut(&id).unwrap().reads += 1;
                })
            }
        };
        if answered.is_none() {
            return; // killed: nothing more will be answered
        }
    }
}

/// Every acknowledged mistake, entry and audit event of `cycle` (or of all)
/// is there; returns the counts checked (writes, audit events). Reading the
/// mistake back is an acknowledged read too, counted for the next check.
fn check(server: &Server, auth: &Auth, ledger: &Ledger, cycle: Option<usize>) -> (usize, usize) {
    let mut ledger = ledger.lock().unwrap();
    let (mut writes, mut events) = (0, 0);
    let of_cycle = ledger
        .iter_mut()
        .filter(|(_, a)| cycle.is_none_or(|c| a.cycle == c));
    for (id, acked) in of_cycle {
        let log = server
            .send(
                "GET",
                &format!("/api/v1/mistakes/{id}/audit?limit=1000"),
                auth,
                None,
            )
            .expect(200, "the audit log")
            .json();
        let count = |action: &str, part: &str| {
            log["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["action"] == action && e["part"] == part)
                .count()
        };
        let (created, changed, read) = (
            count("create", "record"),
            count("change", "record"),
            count("read", "record"),
        );
        assert!(
            created == 1 && changed >= acked.entries.len() && read >= acked.reads,
            "cycle {cycle:?}, mistake {id}: acknowledged 1 create, {} entries, {} reads; \
             the log has {created}, {changed}, {read}",
            acked.entries.len(),
            acked.reads
        );
        let m = server
            .send("GET", &format!("/api/v1/mistakes/{id}"), auth, None)
            .expect(200, "an acknowledged mistake")
            .json();
        acked.reads += 1;
        let texts: Vec<&str> = m["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["text"].as_str().unwrap())
            .collect();
        for text in &acked.entries {
            assert!(
                texts.contains(&text.as_str()),
                "cycle {cycle:?}, mistake {id}: lost entry {text:?}"
            );
        }
        // A comment and its event commit together: every stored comment,
        // acknowledged or cut off by the kill, has exactly its one event.
        let comments_logged = count("create", "comments");
        let stored = server
            .send(
                "GET",
                &format!("/api/v1/mistakes/{id}/comments"),
                auth,
                None,
            )
            .expect(200, "the comments")
            .json();
        let stored: Vec<&str> = stored["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["body"].as_str().unwrap())
            .collect();
        assert_eq!(
            comments_logged,
            stored.len(),
            "cycle {cycle:?}, mistake {id}: comments and their events commit together"
        );
        for text in &acked.comments {
            assert!(
                stored.contains(&text.as_str()),
                "cycle {cycle:?}, mistake {id}: lost comment {text:?}"
            );
        }
        writes += 1 + acked.entries.len() + acked.comments.len();
        events += 1 + acked.entries.len() + acked.comments.len() + acked.reads - 1;
    }
    (writes, events)
}

pub fn integrity(db: &std::path::Path) -> String {
    use sqlx::Connection;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}", db.display());
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
        verdict
    })
}

/// xorshift64: enough randomness for when to kill and what to send, and
/// replayable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
