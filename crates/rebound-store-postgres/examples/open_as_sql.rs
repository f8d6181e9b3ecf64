//! Prints the statement GET one mistake runs on PostgreSQL (open-as by API
//! token: `$1` the token's hash, `$2` now in ms, `$3` the mistake's id), so
//! `scripts/bench-pg-statement` can run it under pgbench, without the
//! server, beside `pgbench -S` (BENCHMARKS.md, issue 13).
//!
//! `cargo run -q -p rebound-store-postgres --example open_as_sql`

use rebound_store_sql::Dialect;

fn main() {
    print!(
        "{}",
        <sqlx::Postgres as Dialect>::statements().open_as_by_token
    );
}
