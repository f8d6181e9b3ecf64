//! A throwaway database per test (feature `testing`), for this crate's tests
//! and for callers' end-to-end tests.
//!
//! [`TestDatabase::create`] connects to the server named by
//! `REBOUND_TEST_PG_URL` (default [`DEFAULT_ADMIN_URL`]), creates an empty
//! `rebound_test_<random>` database and returns a guard whose drop removes
//! it (`DROP DATABASE … WITH (FORCE)`), a failed test included.
//!
//! When no server answers: with `CI` set the test fails, loudly; otherwise
//! stderr gets one line, `SKIPPED: PostgreSQL tests — no server at <url>
//! (set REBOUND_TEST_PG_URL)`, and `create` returns `None` so the test can
//! return early.
//!
//! Synchronous on purpose, so plain `#[test]`s can use it too: the
//! administrative statements run on a runtime of their own, on a thread of
//! their own.

use crate::connect::redact;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection};
use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::str::FromStr;
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const ADMIN_TIMEOUT: Duration = Duration::from_secs(5);

/// The server to create test databases on: `REBOUND_TEST_PG_URL`, or the
/// local default.
pub fn admin_url() -> String {
    std::env::var("REBOUND_TEST_PG_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_ADMIN_URL.to_string())
}

/// Whether this is a CI run, where a missing server is a failure.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// An empty database that exists until this guard is dropped.
#[derive(Debug)]
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// A new empty database; `None` (after saying so once on stderr) when
    /// no server answers outside CI. Panics in CI when none answers, and
    /// whenever the server answers but refuses to create the database.
    pub fn create() -> Option<TestDatabase> {
        let admin_url = admin_url();
        let name = fresh_name();
        let setup = {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            on_own_runtime(async move {
                let mut conn = admin(&admin_url).await.map_err(Setup::Unreachable)?;
                let created = conn
                    .execute(AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                    .await;
                let _ = conn.close().await;
                created.map(drop).map_err(|e| Setup::Refused(e.to_string()))
            })
        };
        match setup {
            Ok(()) => Some(TestDatabase {
                url: with_database(&admin_url, &name),
                admin_url,
                name,
            }),
            Err(Setup::Unreachable(reason)) if in_ci() => panic!(
                "PostgreSQL tests cannot run: no server at {} ({reason}). CI must run them: start PostgreSQL (scripts/test does) or set REBOUND_TEST_PG_URL",
                redact(&admin_url)
            ),
            Err(Setup::Unreachable(_)) => {
                say_skipped(&admin_url);
                None
            }
            Err(Setup::Refused(e)) => panic!(
                "cannot create the test database {name} on {}: {e}",
                redact(&admin_url)
            ),
        }
    }

    /// The database's own URL: the admin URL with its name as the path.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// A plain connection to this database, beside any store, to look at
    /// or tamper with it.
    pub async fn raw(&self) -> PgConnection {
        PgConnection::connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", self.name))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = on_own_runtime(async move {
            let mut conn = admin(&admin_url).await?;
            // FORCE ends the connections stores still hold.
            let done = conn
                .execute(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                )))
                .await
                .map(drop)
                .map_err(|e| e.to_string());
            let _ = conn.close().await;
            done
        });
        // Never panic here: this may run while a failed test unwinds.
        if let Err(e) = dropped {
            let _ = writeln!(
                std::io::stderr(),
                "warning: could not drop the test database {}: {e}",
                self.name
            );
        }
    }
}

enum Setup {
    Unreachable(String),
    Refused(String),
}

async fn admin(url: &str) -> Result<PgConnection, String> {
    let options = PgConnectOptions::from_str(url).map_err(|e| e.to_string())?;
    match tokio::time::timeout(ADMIN_TIMEOUT, PgConnection::connect_with(&options)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", ADMIN_TIMEOUT.as_secs())),
    }
}

/// Written straight to the process's stderr: the test harness captures
/// `eprintln!` and shows it only for failed tests, and a skip must be seen.
fn say_skipped(admin_url: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PostgreSQL tests — no server at {} (set REBOUND_TEST_PG_URL)",
            redact(admin_url)
        );
    });
}

/// `rebound_test_` and 16 hex digits: random enough that parallel test
/// processes (and leftovers of killed runs) never collide.
fn fresh_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    format!("rebound_test_{:016x}", h.finish())
}

/// `url` with its path (the database) replaced by `/name`, query kept.
fn with_database(url: &str, name: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let path_start = authority_start + rest.find(['/', '?']).unwrap_or(rest.len());
    let query = url[path_start..]
        .find('?')
        .map_or("", |i| &url[path_start + i..]);
    format!("{}/{name}{query}", &url[..path_start])
}

/// Runs `fut` to completion on a fresh current-thread runtime on a fresh
/// thread, so it works from sync code and from inside another runtime.
fn on_own_runtime<T: Send + 'static>(fut: impl Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
            .block_on(fut)
    })
    .join()
    .expect("the database setup thread panicked")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_url_keeps_everything_but_the_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgresql://a:b@h/db?sslmode=disable", "t2"),
            "postgresql://a:b@h/t2?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5433", "t3"),
            "postgres://h:5433/t3"
        );
        assert_eq!(
            with_database("postgres://h?application_name=x", "t4"),
            "postgres://h/t4?application_name=x"
        );
    }

    #[test]
    fn names_are_fresh_and_plain_identifiers() {
        let (a, b) = (fresh_name(), fresh_name());
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{a}"
        );
    }
}
