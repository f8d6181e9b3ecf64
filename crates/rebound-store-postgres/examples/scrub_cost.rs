//! What a scrub costs on PostgreSQL (BENCHMARKS.md, "Erasure leaves no
//! plaintext"): N whole mistakes in a throwaway database, one deleted, then
//! the scrub of the mistake tables, timed, three times over.
//!
//! `cargo run --release -p rebound-store-postgres --example scrub_cost -- 10000`
//! (on `REBOUND_TEST_PG_URL`, as superuser, like the tests).

use rebound_store::conformance::{full_mistake, now};
use rebound_store::conformance_accounts::person;
use rebound_store::{AccountStore, Scrub, Store};
use rebound_store_postgres::testing::TestDatabase;
use sqlx::Executor;
use std::time::Instant;

const HASH: &str = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA";
const TABLES: &[&str] = &[
    "mistakes",
    "timeline_entries",
    "transitions",
    "progress_updates",
    "linked_commits",
    "prevention_items",
];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |a| a.parse().expect("a number of mistakes"));
    let db = TestDatabase::create().expect("a PostgreSQL server");
    let mut admin = db.raw().await;
    // Only so that filling the table is quick; the scrub is not affected.
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "ALTER DATABASE \"{}\" SET synchronous_commit = off",
            db.name()
        )))
        .await
        .unwrap();
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    store.create_user(&person("bench"), HASH).await.unwrap();
    let started = Instant::now();
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        let m = full_mistake(&now());
        store.create(&m).await.unwrap();
        ids.push(m.id);
    }
    println!("{n} mistakes stored in {} s", started.elapsed().as_secs());
    let size: i64 = sqlx::query_scalar(
        "SELECT sum(pg_total_relation_size(to_regclass(t)))::bigint FROM unnest($1::text[]) t",
    )
    .bind(TABLES)
    .fetch_one(&mut admin)
    .await
    .unwrap();
    println!("the {} tables: {} MiB", TABLES.len(), size / (1024 * 1024));
    for id in ids.iter().take(3) {
        sqlx::query("DELETE FROM mistakes WHERE id = $1")
            .bind(id.as_str())
            .execute(store.pool())
            .await
            .unwrap();
        let started = Instant::now();
        let report = store.scrub_after_erasure(TABLES).await.unwrap();
        println!(
            "one mistake deleted, scrubbed in {} ms (complete: {})",
            started.elapsed().as_millis(),
            report.complete()
        );
    }
    store.close().await;
}
