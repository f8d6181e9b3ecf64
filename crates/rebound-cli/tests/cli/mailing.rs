//! What the delivery crash test and the two-server delivery test share: a
//! `rebound serve` process that mails through a real SMTP receiver
//! (aiosmtpd, `scripts/setup-smtp`), the heads-ups a test asked for, and
//! the checks that every one of them arrived with its own Message-ID.

use crate::served::{Auth, Response, Server, try_request};
use rebound_deliver::testing::smtp::{Received, SmtpReceiver};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// The From domain, which every Message-ID ends in.
const DOMAIN: &str = "rebound.example";

/// Messages a worker claims at once (the server's `delivery::worker::BATCH`):
/// the most one kill may cause to be sent again.
pub const BATCH: usize = 8;

/// How long delivery may go without a single new arrival while messages
/// are still pending before a test calls it stuck: more than a lease after
/// a crash plus the worker's idle wait (15 s). A bound on being stuck, not
/// on speed: a slow machine that keeps delivering is given the time.
pub const STUCK: Duration = Duration::from_secs(60);

/// Watches the receiver while a test waits: when did anything last arrive.
struct Progress<'r> {
    receiver: &'r SmtpReceiver,
    arrived: usize,
    since: Instant,
    /// When the receiver was last counted (it is read by a Python process).
    probed: Option<Instant>,
}

impl Progress<'_> {
    /// True while something arrived within [`STUCK`].
    fn moving(&mut self) -> bool {
        if self
            .probed
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(3))
        {
            let now = self.receiver.messages().len();
            if now != self.arrived {
                (self.arrived, self.since) = (now, Instant::now());
            }
            self.probed = Some(Instant::now());
        }
        self.since.elapsed() < STUCK
    }
}

/// `rebound serve` on `db_url`, mailing through `receiver`; `lease` sets
/// `--delivery-lease` (seconds), `None` keeps the default.
pub fn serve_mailing(db_url: &str, receiver: &SmtpReceiver, lease: Option<u64>) -> Server {
    let smtp = receiver.url();
    let from = format!("Rebound <rebound@{DOMAIN}>");
    let lease = lease.map(|l| l.to_string());
    let mut args = vec!["--smtp-url", &smtp, "--mail-from", &from];
    if let Some(lease) = &lease {
        args.extend(["--delivery-lease", lease]);
    }
    Server::spawn_with(&args, &[("REBOUND_DATABASE_URL", db_url)])
}

/// First-run setup and an API token (stored, so it outlives restarts).
pub fn set_up(server: &Server) -> Auth {
    let (email, password) = ("ana@example.com", "correct horse battery");
    let setup = json!({"email": email, "display_name": "Ana", "password": password});
    server
        .send("POST", "/api/v1/setup", &Auth::None, Some(&setup))
        .expect(201, "setup");
    let signed_in = server
        .send(
            "POST",
            "/api/v1/session",
            &Auth::None,
            Some(&json!({"email": email, "password": password})),
        )
        .expect(200, "sign in");
    let cookie = signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a session cookie");
    let issued = server
        .send(
            "POST",
            "/api/v1/me/tokens",
            &Auth::Cookie(cookie.to_string()),
            Some(&json!({"name": "end-to-end tests"})),
        )
        .expect(201, "an API token")
        .json();
    Auth::Bearer(issued["token"].as_str().unwrap().to_string())
}

/// One heads-up the test asked to send.
#[derive(Debug, Clone)]
pub struct HeadsUp {
    pub mistake: String,
    pub title: String,
    /// The addresses, as given (lower case, distinct).
    pub to: Vec<String>,
    /// The server answered 200: its messages are queued for certain. A
    /// send cut off by a kill may or may not have committed.
    pub acked: bool,
}

/// Creates a mistake titled `title` on `addr`; `None` when the server did
/// not answer (killed). Any answer but 201 is a failure.
pub fn create(addr: &str, auth: &Auth, title: &str) -> Option<String> {
    let body = json!({"title": title, "visibility": "private"});
    let r = answered(addr, "POST", "/api/v1/mistakes", auth, Some(&body))?;
    assert_eq!(r.status, 201, "create {title:?}: {}", r.body);
    Some(r.json()["id"].as_str().unwrap().to_string())
}

/// Sends the heads-up of `h` from `addr`; false when the server did not
/// answer (the kill came first, or in the middle). Any answer but 200 is a
/// failure.
pub fn send(addr: &str, auth: &Auth, h: &HeadsUp) -> bool {
    let path = format!("/api/v1/mistakes/{}/heads-up/send", h.mistake);
    let body = json!({ "to": h.to });
    let Some(r) = answered(addr, "POST", &path, auth, Some(&body)) else {
        return false;
    };
    assert_eq!(r.status, 200, "send {path} to {:?}: {}", h.to, r.body);
    true
}

fn answered(
    addr: &str,
    method: &str,
    path: &str,
    auth: &Auth,
    body: Option<&Value>,
) -> Option<Response> {
    try_request(addr, method, path, auth, body, &[]).ok()
}

/// The Message-ID the heads-up of `mistake` to `address` must carry, on
/// every attempt: derived from (mistake, address) as the server promises.
pub fn message_id(mistake: &str, address: &str) -> String {
    let key = format!("heads-up:{mistake}:{}", address.to_lowercase());
    rebound_deliver::email::message_id(&key, DOMAIN)
}

/// `GET …/messages` for each heads-up until every message is `delivered`
/// (failing at once on `failed` or `cancelled`, or when nothing has
/// arrived at `receiver` for [`STUCK`]). Returns, per mistake, the
/// messages as listed. A heads-up whose send was not acknowledged must
/// show all its messages or none, never some.
pub fn wait_delivered(
    server: &Server,
    auth: &Auth,
    sent: &[HeadsUp],
    receiver: &SmtpReceiver,
) -> Vec<Vec<Value>> {
    let mut progress = Progress {
        receiver,
        arrived: 0,
        since: Instant::now(),
        probed: None,
    };
    sent.iter()
        .enumerate()
        .map(|(i, h)| {
            let list = delivered(server, auth, h, &mut progress, (i, sent.len()));
            // Marked sent exactly when its messages were queued.
            let path = format!("/api/v1/mistakes/{}", h.mistake);
            let m = server
                .send("GET", &path, auth, None)
                .expect(200, "the mistake");
            assert_eq!(
                m.json()["heads_up"]["sent_at"].is_string(),
                !list.is_empty(),
                "{}: marked sent if and only if its messages were queued: {list:?}",
                h.mistake
            );
            list
        })
        .collect()
}

fn delivered(
    server: &Server,
    auth: &Auth,
    h: &HeadsUp,
    progress: &mut Progress,
    (i, of): (usize, usize),
) -> Vec<Value> {
    loop {
        let path = format!("/api/v1/mistakes/{}/messages", h.mistake);
        let list = server
            .send("GET", &path, auth, None)
            .expect(200, "the messages");
        let list = list.json().as_array().expect("a list").clone();
        let mut to: Vec<String> = list
            .iter()
            .map(|m| m["to"].as_str().unwrap().to_lowercase())
            .collect();
        to.sort();
        let mut asked = h.to.clone();
        asked.sort();
        let whole = to == asked || (!h.acked && to.is_empty());
        assert!(
            whole,
            "{} (send acknowledged: {}): asked for {asked:?}, queued {to:?}",
            h.mistake, h.acked
        );
        for m in &list {
            let state = m["state"].as_str().unwrap();
            assert!(
                state == "pending" || state == "delivered",
                "{}: a message {state}: {m}",
                h.mistake
            );
        }
        if list.iter().all(|m| m["state"] == "delivered") {
            return list;
        }
        assert!(
            progress.moving(),
            "{} (heads-up {i} of {of}, in the order asked): not all delivered, and nothing \
             arrived for {STUCK:?} ({} arrivals in all): {list:?}",
            h.mistake,
            progress.arrived
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// What arrived, by Message-ID; panics on a message without one. The
/// Monday note is left out: these harnesses count heads-ups, and on a Monday
/// from 08:00 the quarter-hourly sweep also queues the sender's note (a run
/// crossing 09:00 one Monday got one more Message-ID than it queued).
pub fn arrivals(receiver: &SmtpReceiver) -> BTreeMap<String, Vec<Received>> {
    let mut by_id: BTreeMap<String, Vec<Received>> = BTreeMap::new();
    for m in receiver.messages() {
        if m.header("Subject")
            .is_some_and(|s| s.starts_with("Your Monday note"))
        {
            continue;
        }
        let id = m
            .header("Message-ID")
            .expect("every message has a Message-ID");
        by_id.entry(id).or_default().push(m);
    }
    by_id
}

/// How many heads-ups have arrived (Monday notes left out, as above).
pub fn heads_ups_arrived(receiver: &SmtpReceiver) -> usize {
    arrivals(receiver).values().map(Vec::len).sum()
}

/// How the arrivals compare with what was expected.
#[derive(Debug, Default)]
pub struct Tally {
    pub expected: usize,
    pub arrived: usize,
    /// Arrivals beyond the first of a Message-ID.
    pub duplicates: usize,
    /// The Message-IDs that arrived more than once, with how many times.
    pub repeated: Vec<(String, usize)>,
}

/// Every expected message arrived, to its address, with its Message-ID;
/// nothing else arrived. `expected` is (mistake, title, address) for each
/// message that must arrive. Duplicates are counted, not refused: the
/// caller says whether any are allowed.
pub fn check_arrivals(receiver: &SmtpReceiver, expected: &[(String, String, String)]) -> Tally {
    let by_id = arrivals(receiver);
    let want: BTreeMap<String, &(String, String, String)> = expected
        .iter()
        .map(|e| (message_id(&e.0, &e.2), e))
        .collect();
    assert_eq!(
        want.len(),
        expected.len(),
        "one Message-ID per (mistake, address)"
    );
    let got: BTreeSet<&String> = by_id.keys().collect();
    let wanted: BTreeSet<&String> = want.keys().collect();
    let missing: Vec<_> = wanted.difference(&got).map(|id| want[*id]).collect();
    let extra: Vec<_> = got.difference(&wanted).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{} expected, {} Message-IDs arrived; lost (mistake, title, address): {missing:?}; \
         arrived but never queued: {extra:?}",
        want.len(),
        by_id.len()
    );
    let mut tally = Tally {
        expected: want.len(),
        ..Tally::default()
    };
    for (id, copies) in &by_id {
        let (mistake, title, address) = want[id];
        for m in copies {
            assert_eq!(
                m.envelope_to(),
                std::slice::from_ref(address),
                "{id} of {mistake}: its recipient"
            );
            let subject = m.header("Subject").unwrap_or_default();
            assert!(
                subject.contains(title.as_str()),
                "{id} of {mistake}: subject {subject:?}"
            );
        }
        tally.arrived += copies.len();
        tally.duplicates += copies.len() - 1;
        if copies.len() > 1 {
            tally.repeated.push((id.clone(), copies.len()));
        }
    }
    tally
}

/// xorshift64: enough randomness for what to send and when to kill, and
/// replayable from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// 1–3 distinct addresses out of a small pool, so addresses repeat
    /// across mistakes (a Message-ID must still be per mistake).
    pub fn addresses(&mut self) -> Vec<String> {
        let n = 1 + (self.next() % 3) as usize;
        let mut to: Vec<String> = Vec::new();
        while to.len() < n {
            let a = format!("person{}@example.com", self.next() % 6);
            if !to.contains(&a) {
                to.push(a);
            }
        }
        to
    }
}

/// The seed from `CRASH_SEED`, else from the time (printed by the caller).
pub fn seed() -> u64 {
    std::env::var("CRASH_SEED")
        .ok()
        .map(|n| n.parse().expect("CRASH_SEED is a number"))
        .unwrap_or_else(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            t.unwrap().as_nanos() as u64 | 1
        })
}
