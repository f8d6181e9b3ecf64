//! What `secure_delete` costs SQLite's writes (BENCHMARKS.md, "Erasure
//! leaves no plaintext"): on a fresh database each round, N whole mistakes
//! created, each saved once, then each deleted, with `secure_delete` on (as
//! Rebound opens every database) and, for comparison, turned off again on
//! every pooled connection; then what a scrub (the WAL checkpoint) costs.
//!
//! `cargo run --release -p rebound-store-sqlite --example secure_delete_cost -- 2000`

use rebound_store::conformance::{full_mistake, now};
use rebound_store::conformance_accounts::person;
use rebound_store::{AccountStore, Scrub, Store};
use std::time::{Duration, Instant};

const HASH: &str = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA";
const POOL: usize = 4;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(2000, |a| a.parse().expect("a number of mistakes"));
    println!("{n} mistakes per round; times in ms");
    println!("secure_delete | create | save | delete | scrub | file KiB");
    for round in 0..4 {
        let secure = round % 2 == 0;
        let (create, save, delete, scrub, kib) = one_round(n, secure).await;
        let on = if secure { "on " } else { "off" };
        println!(
            "{on}           | {:6} | {:4} | {:6} | {:5} | {kib}",
            create.as_millis(),
            save.as_millis(),
            delete.as_millis(),
            scrub.as_millis()
        );
    }
}

async fn one_round(n: usize, secure: bool) -> (Duration, Duration, Duration, Duration, u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let store = rebound_store_sqlite::open(&path).await.unwrap();
    if !secure {
        let mut held = Vec::new();
        for _ in 0..POOL {
            let mut conn = store.pool().acquire().await.unwrap();
            sqlx::query("PRAGMA secure_delete = OFF")
                .execute(&mut *conn)
                .await
                .unwrap();
            held.push(conn);
        }
    }
    store.create_user(&person("bench"), HASH).await.unwrap();
    let started = Instant::now();
    let mut made = Vec::with_capacity(n);
    for _ in 0..n {
        let m = full_mistake(&now());
        store.create(&m).await.unwrap();
        made.push(m);
    }
    let create = started.elapsed();
    let started = Instant::now();
    for m in &mut made {
        m.edit_heads_up("A shorter heads-up, so each row is rewritten in place.")
            .unwrap();
        store.save(m, &[]).await.unwrap();
    }
    let save = started.elapsed();
    let started = Instant::now();
    for m in &made {
        sqlx::query("DELETE FROM mistakes WHERE id = $1")
            .bind(m.id.as_str())
            .execute(store.pool())
            .await
            .unwrap();
    }
    let delete = started.elapsed();
    let started = Instant::now();
    store.scrub_after_erasure(&["mistakes"]).await.unwrap();
    let scrub = started.elapsed();
    let kib = std::fs::metadata(&path).unwrap().len() / 1024;
    store.close().await;
    (create, save, delete, scrub, kib)
}
