//! Two `rebound serve` processes on one PostgreSQL database, both mailing
//! through one real SMTP receiver: heads-ups created on one and sent
//! through the other, alternately, from several clients at once. Each
//! server's worker claims messages under a lease, so in the normal case
//! (no crash) every message arrives exactly once, with its own Message-ID,
//! after exactly one attempt. And when one of them is killed (`kill -9`)
//! mid-delivery and never comes back, the other sends what it held once
//! the lease runs out. Skipped, saying so, when no PostgreSQL server
//! answers outside CI.

use crate::crash_delivery::{Ledger, load};
use crate::mailing::{self, HeadsUp, Rng};
use crate::served::Server;
use rebound_deliver::testing::smtp::SmtpReceiver;
use rebound_store_postgres::testing::TestDatabase;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Clients sending at once, and heads-ups each.
const CLIENTS: usize = 4;
const EACH: usize = 25;

#[test]
fn two_servers_on_one_database_send_each_message_once() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let receiver = SmtpReceiver::start();
    let a = mailing::serve_mailing(db.url(), &receiver, None);
    let b = mailing::serve_mailing(db.url(), &receiver, None);
    let (a, b) = (a.ready(), b.ready());
    let auth = mailing::set_up(&a);
    let seed = mailing::seed();
    eprintln!("two servers delivering: CRASH_SEED={seed}");
    let mut rng = Rng(seed);

    let sent = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for c in 0..CLIENTS {
            let (a, b, auth, sent) = (&a, &b, &auth, &sent);
            let mut rng = Rng((rng.next() ^ c as u64) | 1);
            scope.spawn(move || {
                for n in 0..EACH {
                    // Created on one server, sent through the other.
                    let (on, through) = if (c + n) % 2 == 0 { (a, b) } else { (b, a) };
                    let title = format!("Two servers {c}.{n}");
                    let mistake = mailing::create(&on.addr, auth, &title)
                        .expect("the server answers the create");
                    let mut h = HeadsUp {
                        mistake,
                        title,
                        to: rng.addresses(),
                        acked: false,
                    };
                    h.acked = mailing::send(&through.addr, auth, &h);
                    assert!(h.acked, "{}: the server answers the send", h.mistake);
                    sent.lock().unwrap().push(h);
                }
            });
        }
    });
    let sent = sent.into_inner().unwrap();

    // Read through B what was mostly queued through A, and the reverse.
    let lists = mailing::wait_delivered(&b, &auth, &sent, &receiver);
    for (h, list) in sent.iter().zip(&lists) {
        for m in list {
            assert_eq!(
                m["attempts"], 1,
                "{}: one attempt per message when nothing crashed: {m}",
                h.mistake
            );
        }
    }
    let expected: Vec<(String, String, String)> = sent
        .iter()
        .flat_map(|h| {
            h.to.iter()
                .map(|a| (h.mistake.clone(), h.title.clone(), a.clone()))
        })
        .collect();
    let tally = mailing::check_arrivals(&receiver, &expected);
    let by_server = who_sent(&receiver, &[("A", &a), ("B", &b)]);
    eprintln!(
        "two servers delivering: {} messages expected, {} arrived; sent by {by_server:?}",
        tally.expected, tally.arrived
    );
    assert_eq!(
        tally.duplicates, 0,
        "sent more than once with no crash (Message-ID, arrivals): {:?}",
        tally.repeated
    );
}

#[test]
fn what_a_killed_server_held_is_sent_by_the_other() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let receiver = SmtpReceiver::start();
    // A short lease: the survivor takes over the dead one's claims soon.
    let a = mailing::serve_mailing(db.url(), &receiver, Some(3));
    let b = mailing::serve_mailing(db.url(), &receiver, Some(3));
    let (a, b) = (a.ready(), b.ready());
    let auth = mailing::set_up(&a);
    let seed = mailing::seed();
    eprintln!("one of two servers killed: CRASH_SEED={seed}");
    let mut rng = Rng(seed);

    let ledger: Ledger = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let addr = if c % 2 == 0 { &a.addr } else { &b.addr }.clone();
            let (auth, ledger, stop) = (auth.clone(), ledger.clone(), stop.clone());
            let rng = Rng((rng.next() ^ c as u64) | 1);
            std::thread::spawn(move || load(&addr, &auth, &ledger, &stop, (0, c), rng))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500 + rng.next() % 1500));
    // Sends take milliseconds, so a kill alone mostly finds A idle. Freeze
    // the mail server first: A's worker is then caught holding what it has
    // claimed, mid-send, when it dies, and what is asked meanwhile waits.
    receiver.pause();
    std::thread::sleep(Duration::from_millis(300 + rng.next() % 300));
    drop(a); // SIGKILL; its clients stop at their next request
    let asked: usize = ledger.lock().unwrap().iter().map(|h| h.to.len()).sum();
    let at_kill = (mailing::heads_ups_arrived(&receiver), asked);
    receiver.resume();
    // B goes on taking sends for a moment, then everything must go out.
    std::thread::sleep(Duration::from_millis(1000));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("a client panicked");
    }
    let sent = ledger.lock().unwrap().clone();
    let lists = mailing::wait_delivered(&b, &auth, &sent, &receiver);
    let expected: Vec<(String, String, String)> = sent
        .iter()
        .zip(&lists)
        .filter(|(_, list)| !list.is_empty())
        .flat_map(|(h, _)| {
            h.to.iter()
                .map(|a| (h.mistake.clone(), h.title.clone(), a.clone()))
        })
        .collect();
    assert!(
        at_kill.0 < at_kill.1,
        "everything had arrived before the kill, though the mail server was frozen: {at_kill:?}"
    );
    let tally = mailing::check_arrivals(&receiver, &expected);
    assert!(
        tally.duplicates <= mailing::BATCH,
        "a kill re-sends at most the batch its worker held: {:?}",
        tally.repeated
    );
    eprintln!(
        "one of two servers killed (seed {seed}): (arrived, asked) at the kill {at_kill:?}; \
         {} messages expected, {} arrived ({} duplicates, each with its first's Message-ID)",
        tally.expected, tally.arrived, tally.duplicates
    );
}

/// How many arrivals came from each server, as far as can be told: the
/// receiver records each connection's peer (`X-Peer`), and the servers'
/// pooled SMTP connections are still open, so `/proc` says which process
/// holds the socket on that port. "unknown" counts arrivals on connections
/// already closed (or where `/proc` is not Linux's).
fn who_sent(receiver: &SmtpReceiver, servers: &[(&str, &Server)]) -> BTreeMap<String, usize> {
    let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    // (local port, remote port, state, inode) of every IPv4 socket.
    let sockets: Vec<(u16, u16, String, String)> = tcp
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let port = |s: &str| u16::from_str_radix(s.rsplit(':').next()?, 16).ok();
            Some((
                port(f.get(1)?)?,
                port(f.get(2)?)?,
                f.get(3)?.to_string(),
                f.get(9)?.to_string(),
            ))
        })
        .collect();
    // Which server holds the socket of each client port to the receiver.
    let mut port_owner: HashMap<u16, &str> = HashMap::new();
    for (name, server) in servers {
        let listen: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
        let Some(listening) = sockets
            .iter()
            .find(|s| s.0 == listen && s.2 == "0A")
            .map(|s| format!("socket:[{}]", s.3))
        else {
            continue;
        };
        let Some(held) = process_sockets_holding(&listening) else {
            continue;
        };
        for s in &sockets {
            if s.1 == receiver.port() && held.contains(&format!("socket:[{}]", s.3)) {
                port_owner.insert(s.0, name);
            }
        }
    }
    let mut counts = BTreeMap::new();
    for m in receiver.messages() {
        // "('127.0.0.1', 54321)"
        let peer = m.header("X-Peer").unwrap_or_default();
        let port = peer
            .trim_end_matches(')')
            .rsplit(", ")
            .next()
            .and_then(|p| p.parse::<u16>().ok());
        let who = port.and_then(|p| port_owner.get(&p)).unwrap_or(&"unknown");
        *counts.entry(who.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Every socket of the process that holds `socket` (as `socket:[inode]`).
fn process_sockets_holding(socket: &str) -> Option<HashSet<String>> {
    for proc in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(fds) = std::fs::read_dir(proc.path().join("fd")) else {
            continue;
        };
        let links: HashSet<String> = fds
            .flatten()
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .map(|l| l.to_string_lossy().into_owned())
            .filter(|l| l.starts_with("socket:["))
            .collect();
        if links.contains(socket) {
            return Some(links);
        }
    }
    None
}
