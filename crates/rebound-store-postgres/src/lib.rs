//! The PostgreSQL backend of Rebound's stores, for one database shared by
//! several processes (servers, CLIs): connecting (`connect.rs`: one direct
//! connection first, so a refusal says why; the guard against a newer
//! schema; migrations; the pool). Every method is the shared SQL of
//! `rebound-store-sql`; the hot reads run it on connections kept apart from
//! sqlx's pool, which pings each connection twice per use (`direct.rs`).
//!
//! Concurrency: `save` checks the version in its UPDATE, which also locks the
//! mistake's row until the transaction ends, so of two savers holding the
//! same version exactly one wins and the other gets `Conflict`; everything a
//! save appends is computed behind that lock. Reads that span statements run
//! in one REPEATABLE READ snapshot; reading a mistake is one statement.
//! Accounts hold the same promises with several servers on the database:
//! the first account is made under a table lock (two servers racing through
//! setup make one admin), manager changes are serialised by a lock so no
//! loop forms between two of them, and an invitation is taken in the one
//! statement that marks it used.

mod connect;
mod direct;

#[cfg(feature = "testing")]
pub mod testing;

use rebound_store::StoreError;
use rebound_store_sql::SqlStore;

pub use direct::Direct;

/// Every storage trait on one PostgreSQL database; the hot reads on
/// connections of their own (`direct.rs`).
pub type PgStore = SqlStore<sqlx::Postgres, Direct>;

/// Connects to the `postgres://` or `postgresql://` URL and brings the
/// database's schema up to date. An unreachable server, refused
/// credentials or a missing database are `Unavailable`, naming
/// host:port/database (never the password); a database migrated by a
/// newer Rebound is `NewerSchema`, and is left untouched.
pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
    let (pool, options) = connect::connect(url).await?;
    Ok(SqlStore::new(pool, Direct::new(options)))
}

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    connect::known_version()
}
