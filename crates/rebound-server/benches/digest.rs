//! The Monday digest for N people (issue 15): seeded through the storage
//! layer, then every digest of the week composed and queued by the code
//! `POST /api/v1/digests/run` runs (`queue_for`, pages of 1,000), then the
//! delivery worker sending them to a real SMTP receiver (aiosmtpd).
//!
//! Run: `cargo bench -p rebound-server --bench digest -- [N] [sqlite|postgres]`
//! (N default 100000; PostgreSQL at REBOUND_TEST_PG_URL or 127.0.0.1:5432).
//! Options (env): DIGEST_SEND_SECONDS (how long the worker sends, default
//! 20), DIGEST_DIR (where the SQLite file goes; default a temporary dir).
//!
//! Each person has two open mistakes of their own (one private, one shared
//! with stakeholders) and is a stakeholder on their neighbour's shared one;
//! every tenth person manages the next nine, and every tenth report has a
//! recovery plan by their manager.

use jiff::{Timestamp, Zoned};
use rebound_deliver::email::{MailFrom, SmtpSettings};
use rebound_deliver::testing::smtp::SmtpReceiver;
use rebound_domain::id::NotificationId;
use rebound_domain::{
    DisplayName, Email, Mistake, MistakeId, NewMistake, Role, User, UserId, Visibility,
};
use rebound_server::delivery::digest::{queue_for, this_week};
use rebound_server::{AppState, Backend, Settings};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let db = args.next().unwrap_or_else(|| "sqlite".into());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(n, &db));
}

/// A deterministic, distinct id for item `i` of kind `tag`.
fn bytes(tag: u8, i: usize) -> [u8; 5] {
    let b = (i as u32).to_be_bytes();
    [tag, b[0], b[1], b[2], b[3]]
}

fn user_id(i: usize) -> UserId {
    UserId::from_random(bytes(1, i))
}

fn mistake_id(i: usize, k: usize) -> MistakeId {
    MistakeId::from_random(bytes(2 + k as u8, i))
}

const ZONES: [&str; 3] = ["Europe/Paris", "America/New_York", "Asia/Tokyo"];
/// Stores keep hashes as given; nobody signs in here.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

fn manager_of(i: usize) -> Option<usize> {
    (!i.is_multiple_of(10)).then_some(i / 10 * 10)
}

fn person(i: usize, now: Timestamp) -> User {
    User {
        id: user_id(i),
        email: Email::parse(&format!("person{i}@bench.example")).unwrap(),
        display_name: DisplayName::parse(&format!("Person {i}")).unwrap(),
        role: if i == 0 { Role::Admin } else { Role::Member },
        manager: manager_of(i).map(user_id),
        time_zone: ZONES[i % 3].into(),
        working_hours: None,
        disabled_at: None,
        created_at: now,
    }
}

fn mistake(i: usize, k: usize, now: &Zoned) -> Mistake {
    let input = NewMistake {
        owner: Some(user_id(i)),
        visibility: Some([Visibility::Private, Visibility::Stakeholders][k]),
        title: format!("Person {i}'s mistake {k}: the wrong price list went out"),
        ..NewMistake::default()
    };
    Mistake::new(input, mistake_id(i, k), now).unwrap()
}

/// Runs `step(i)` for every `i` in `range`, `at_once` at a time.
async fn each<F, Fut>(at_once: usize, items: Vec<usize>, step: F)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let items = Arc::new(items);
    let step = Arc::new(step);
    let mut tasks = tokio::task::JoinSet::new();
    for k in 0..at_once {
        let (items, step) = (items.clone(), step.clone());
        tasks.spawn(async move {
            for i in items.iter().skip(k).step_by(at_once) {
                step(*i).await;
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
}

async fn seed(store: Arc<dyn Backend>, n: usize, at_once: usize) {
    let now = Zoned::now();
    let ts = now.timestamp();
    let (managers, reports): (Vec<usize>, Vec<usize>) = (0..n).partition(|i| i.is_multiple_of(10));
    for group in [managers, reports] {
        let s = store.clone();
        each(at_once, group, move |i| {
            let s = s.clone();
            async move { s.create_user(&person(i, ts), HASH).await.unwrap() }
        })
        .await;
    }
    let s = store.clone();
    let zone = now.clone();
    each(at_once, (0..n).collect(), move |i| {
        let (s, zone) = (s.clone(), zone.clone());
        async move {
            for k in 0..2 {
                s.create(&mistake(i, k, &zone)).await.unwrap();
            }
            // The neighbour awaits this person's acknowledgement.
            let them = user_id((i + 1) % n);
            let note = NotificationId::from_random(bytes(9, i));
            s.add_stakeholder(&mistake_id(i, 1), &them, ts, &note)
                .await
                .unwrap();
            if i % 100 == 1 && n > 1 {
                let (mgr, me) = (person(i / 10 * 10, ts), person(i, ts));
                let plan = rebound_store::conformance_recovery::full_plan(
                    &mgr,
                    &me,
                    Some(&mistake_id(i, 0)),
                );
                s.create_plan(&plan).await.unwrap();
            }
        }
    })
    .await;
}

async fn run(n: usize, db: &str) {
    let send_for = Duration::from_secs(
        std::env::var("DIGEST_SEND_SECONDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    );
    let dir = match std::env::var_os("DIGEST_DIR") {
        Some(d) => tempfile::tempdir_in(d).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let mut pg = None;
    let (store, at_once): (Arc<dyn Backend>, usize) = match db {
        "sqlite" => {
            let s = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
                .await
                .unwrap();
            (Arc::new(s), 2)
        }
        "postgres" => {
            let db = rebound_store_postgres::testing::TestDatabase::create()
                .expect("PostgreSQL is not reachable: set REBOUND_TEST_PG_URL");
            let store = rebound_store_postgres::connect(db.url()).await.unwrap();
            pg = Some(db);
            (Arc::new(store), 8)
        }
        other => panic!("the database is sqlite or postgres, not {other}"),
    };

    let started = Instant::now();
    seed(store.clone(), n, at_once).await;
    let seeding = started.elapsed();
    eprintln!("seeded {n} people in {:.1} s", seeding.as_secs_f64());
    if let Some(pg) = &pg {
        // The statistics a live database has: right after a bulk load,
        // autovacuum has not analyzed yet, and PostgreSQL's planner would
        // scan whole tables for a page's id lists (DIGEST_ANALYZE=0 skips).
        if std::env::var("DIGEST_ANALYZE").as_deref() != Ok("0") {
            use sqlx::Executor as _;
            pg.raw().await.execute("ANALYZE").await.unwrap();
            eprintln!("analyzed");
        }
    }

    let mut receiver = SmtpReceiver::start();
    let mut settings = Settings::default();
    settings.delivery.mail = Some((
        SmtpSettings::parse(&receiver.url()).unwrap(),
        MailFrom::parse("Rebound <rebound@rebound.example>").unwrap(),
    ));
    settings.delivery.public_url = Some("https://rebound.example".parse().unwrap());
    let (state, _audit) = AppState::start(store.clone(), settings);

    // Composing and queuing: what `POST /api/v1/digests/run` does, page
    // after page of 1,000 people.
    let started = Instant::now();
    let mut everyone = store.list_users().await.unwrap();
    everyone.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let (mut queued, mut pages) = (0, 0);
    for page in everyone.chunks(1000) {
        queued += queue_for(&state, page, this_week).await.unwrap();
        pages += 1;
    }
    let composing = started.elapsed();
    assert_eq!(queued, n, "everyone has something waiting");
    let per_s = n as f64 / composing.as_secs_f64();
    eprintln!(
        "composed and queued {queued} digests in {pages} pages: {:.1} s ({per_s:.0} people/s)",
        composing.as_secs_f64()
    );

    // Delivery: the worker sends for `send_for`, then we count what arrived.
    let worker = rebound_server::delivery::Worker::new(&state);
    let started = Instant::now();
    let sending = tokio::spawn(async move { worker.tick().await });
    tokio::time::sleep(send_for).await;
    sending.abort();
    let elapsed = started.elapsed();
    receiver.stop();
    let got = receiver.messages();
    assert!(!got.is_empty(), "no digest arrived");
    assert!(
        got.iter()
            .all(|m| m.header("Subject").unwrap_or_default().contains("Monday")),
        "a message that is not a digest arrived"
    );
    let rate = got.len() as f64 / elapsed.as_secs_f64();
    println!();
    println!("| {db}, {n} people | figure |");
    println!("| --- | ---: |");
    println!(
        "| seeding (not the benchmark) | {:.1} s |",
        seeding.as_secs_f64()
    );
    println!(
        "| compose + queue, all | **{:.1} s** |",
        composing.as_secs_f64()
    );
    println!("| compose + queue, people/s | {per_s:.0} |");
    println!(
        "| delivered in the first {:.0} s | {} messages, **{rate:.0} /s** |",
        elapsed.as_secs_f64(),
        got.len()
    );
}
