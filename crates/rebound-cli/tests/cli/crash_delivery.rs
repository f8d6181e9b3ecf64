//! The outbox through `kill -9`: the real `rebound serve` mailing to a real
//! SMTP receiver with a short delivery lease, heads-ups sent to 1–3
//! addresses each while its worker delivers, killed with SIGKILL at a
//! random moment, restarted on the same database, several times. Then
//! every acknowledged send's messages must be delivered and have arrived,
//! to their addresses, each with the Message-ID of its (mistake, address);
//! a send whose answer the kill cut off arrives whole or not at all; a
//! duplicate (a message sent but not yet recorded when the kill came) has
//! the same Message-ID as the first; nothing else arrives.
//!
//! Short here (`DELIVERY_CRASH_CYCLES`, default 5 per backend);
//! `scripts/crash N sqlite|postgres delivery` runs it longer. `CRASH_SEED`
//! replays the choices (the seed is printed; when the kill lands still
//! depends on the machine). PostgreSQL is skipped, saying so, when no
//! server answers outside CI.

use crate::mailing::{self, HeadsUp, Rng};
use crate::served::Auth;
use rebound_deliver::testing::smtp::SmtpReceiver;
use rebound_store_postgres::testing::TestDatabase;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Clients sending at once.
const CLIENTS: usize = 3;

/// Seconds a worker holds what it claimed: after a kill, what it held
/// goes again this much later.
const LEASE: u64 = 3;

#[test]
fn sqlite_delivers_every_queued_message_through_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash-delivery.db");
    run(&format!("sqlite://{}?mode=rwc", db.display()));
}

#[test]
fn postgres_delivers_every_queued_message_through_kill_9() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    run(db.url());
}

/// Every heads-up a client asked for, acknowledged or cut off.
pub type Ledger = Arc<Mutex<Vec<HeadsUp>>>;

fn run(url: &str) {
    let cycles: usize = std::env::var("DELIVERY_CRASH_CYCLES")
        .ok()
        .map(|n| n.parse().expect("DELIVERY_CRASH_CYCLES is a number"))
        .unwrap_or(5);
    let seed = mailing::seed();
    eprintln!("delivery crash: {cycles} cycles on {url}, CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let receiver = SmtpReceiver::start();
    let mut server = mailing::serve_mailing(url, &receiver, Some(LEASE)).ready();
    let auth = mailing::set_up(&server);
    let ledger: Ledger = Arc::default();
    let mut at_kills = Vec::new();
    for cycle in 0..cycles {
        let stop = Arc::new(AtomicBool::new(false));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (addr, auth, ledger, stop) = (
                    server.addr.clone(),
                    auth.clone(),
                    ledger.clone(),
                    stop.clone(),
                );
                let rng = Rng((rng.next() ^ c as u64) | 1);
                std::thread::spawn(move || load(&addr, &auth, &ledger, &stop, (cycle, c), rng))
            })
            .collect();
        // Kill at a random moment of the sends and deliveries. Sends take
        // milliseconds, so a kill alone may find the worker idle: every
        // other cycle freezes the mail server first, so that kill surely
        // catches the worker holding a claimed batch mid-send.
        std::thread::sleep(Duration::from_millis(300 + rng.next() % 1700));
        let frozen = cycle % 2 == 1;
        if frozen {
            receiver.pause();
            std::thread::sleep(Duration::from_millis(200 + rng.next() % 300));
        }
        drop(server);
        stop.store(true, Ordering::Relaxed);
        for c in clients {
            c.join().expect("a client panicked");
        }
        // How far delivery had got at the kill: arrived, of asked for.
        let asked: usize = ledger.lock().unwrap().iter().map(|h| h.to.len()).sum();
        at_kills.push((mailing::heads_ups_arrived(&receiver), asked));
        if frozen {
            receiver.resume();
        }
        server = mailing::serve_mailing(url, &receiver, Some(LEASE)).ready();
    }
    let sent = ledger.lock().unwrap().clone();
    let lists = mailing::wait_delivered(&server, &auth, &sent, &receiver);
    let expected: Vec<(String, String, String)> = sent
        .iter()
        .zip(&lists)
        .filter(|(_, list)| !list.is_empty())
        .flat_map(|(h, _)| {
            h.to.iter()
                .map(|a| (h.mistake.clone(), h.title.clone(), a.clone()))
        })
        .collect();
    let acked = sent.iter().filter(|h| h.acked).count();
    let cut_committed = sent
        .iter()
        .zip(&lists)
        .filter(|(h, l)| !h.acked && !l.is_empty())
        .count();
    assert!(
        acked >= cycles && expected.len() > acked,
        "too little was acknowledged to prove anything: {acked} sends, {} messages",
        expected.len()
    );
    assert!(
        at_kills
            .iter()
            .any(|&(arrived, asked)| arrived > 0 && arrived < asked),
        "no kill came while messages were still going out (arrived, asked): {at_kills:?}"
    );
    let tally = mailing::check_arrivals(&receiver, &expected);
    assert!(
        tally.duplicates <= cycles * mailing::BATCH,
        "a kill re-sends at most the batch its worker held: {} duplicates in {cycles} kills: {:?}",
        tally.duplicates,
        tally.repeated
    );
    eprintln!(
        "delivery crash: {cycles} cycles (seed {seed}): {} heads-ups asked, {acked} \
         acknowledged, {cut_committed} cut off by the kill yet committed; {} messages \
         expected, {} arrived ({} duplicates, each with its first's Message-ID); \
         (arrived, asked) at each kill: {at_kills:?}",
        sent.len(),
        tally.expected,
        tally.arrived,
        tally.duplicates
    );
}

/// Creates mistakes and sends each one's heads-up to 1–3 addresses until
/// the server stops answering; records every send it began in `ledger`,
/// acknowledged or not.
pub fn load(
    addr: &str,
    auth: &Auth,
    ledger: &Ledger,
    stop: &AtomicBool,
    (cycle, client): (usize, usize),
    mut rng: Rng,
) {
    for n in 0.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let title = format!("Delivery crash {cycle}.{client}.{n}");
        let Some(mistake) = mailing::create(addr, auth, &title) else {
            return;
        };
        let mut h = HeadsUp {
            mistake,
            title,
            to: rng.addresses(),
            acked: false,
        };
        let i = {
            let mut ledger = ledger.lock().unwrap();
            ledger.push(h.clone());
            ledger.len() - 1
        };
        h.acked = mailing::send(addr, auth, &h);
        if !h.acked {
            return; // killed: nothing more will be answered
        }
        ledger.lock().unwrap()[i].acked = true;
        // A pace the worker keeps up with, roughly: the kill should find
        // it sending, not a backlog that takes minutes to drain after.
        std::thread::sleep(Duration::from_millis(50 + rng.next() % 100));
    }
}
