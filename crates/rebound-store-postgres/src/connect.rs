//! Connecting: the URL, one direct connection (so a refusal says why,
//! rather than a pool timing out), the guard against schemas from a newer
//! Rebound, migrations, then the shared pool (and the options, for the hot
//! reads' own connections, `direct.rs`).

use rebound_store::StoreError;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::io;
use std::str::FromStr;
use std::time::Duration;

/// Embedded at build time; append-only (sqlx refuses an edited applied one).
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Per process: a server shares the pool between its requests, and
/// PostgreSQL's default of 100 connections leaves room for several processes.
const MAX_CONNECTIONS: u32 = 10;
/// How long connecting, or waiting for a free pooled connection, may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A pooled connection idle longer than this is pinged before it is lent.
/// sqlx pings every one by default, and again when it takes it back: three
/// round trips for a one-statement read. The ping on return stays (sqlx
/// always does it), so a connection in steady use was checked moments ago;
/// one that sat idle (the database may have restarted since) is checked.
const PING_IF_IDLE_FOR: Duration = Duration::from_secs(1);

pub(crate) async fn connect(url: &str) -> Result<(PgPool, PgConnectOptions), StoreError> {
    let options = parse(url)?;
    let mut conn = open(&options).await?;
    let prepared = prepare(&mut conn).await;
    // Closing also ends the migrator's advisory lock, which a failed run
    // leaves held.
    let _ = conn.close().await;
    prepared?;
    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(CONNECT_TIMEOUT)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_IF_IDLE_FOR {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect_lazy_with(options.clone());
    Ok((pool, options))
}

/// One direct connection, or `Unavailable` saying why not.
pub(crate) async fn open(options: &PgConnectOptions) -> Result<PgConnection, StoreError> {
    let unavailable = |reason: String| {
        StoreError::Unavailable(format!(
            "cannot connect to PostgreSQL at {}: {reason}",
            target(options)
        ))
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(unavailable(explain(&e))),
        Err(_) => Err(unavailable(format!(
            "no answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

fn parse(url: &str) -> Result<PgConnectOptions, StoreError> {
    let refuse = |why: String| {
        StoreError::Unavailable(format!(
            "cannot use the database URL {}: {why}",
            redact(url)
        ))
    };
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(refuse(
            "this backend opens postgres:// and postgresql:// URLs only".into(),
        ));
    }
    PgConnectOptions::from_str(url).map_err(|e| refuse(e.to_string()))
}

/// host:port/database, or socket-directory/database: what to name in a
/// message. Never the password.
pub(crate) fn target(options: &PgConnectOptions) -> String {
    let database = options
        .get_database()
        .unwrap_or_else(|| options.get_username());
    if let Some(socket) = options.get_socket() {
        return format!("{}/{database}", socket.display());
    }
    let host = options.get_host();
    let port = options.get_port();
    // An IPv6 address may come bracketed (from a URL) or bare.
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}/{database}")
    } else {
        format!("{host}:{port}/{database}")
    }
}

/// The URL with any password replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_string();
    };
    match authority[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &authority[..colon],
            &rest[at..]
        ),
        None => url.to_string(),
    }
}

/// Why a connection failed, in the server's words where it gave some
/// ('password authentication failed for user "x"', 'database "x" does not
/// exist'); those never carry the password.
fn explain(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused => {
            "connection refused (is the server running?)".to_string()
        }
        sqlx::Error::Io(io) => plain(io),
        sqlx::Error::Database(d) => d.message().to_string(),
        sqlx::Error::Tls(t) => format!("TLS: {t}"),
        other => other.to_string(),
    }
}

/// An io::Error's message without the "(os error N)" tail.
fn plain(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

async fn prepare(conn: &mut PgConnection) -> Result<(), StoreError> {
    rebound_store_sql::schema::refuse_newer_schema::<sqlx::Postgres>(conn, known_version()).await?;
    match MIGRATOR.run(&mut *conn).await {
        Ok(()) => {
            rebound_store_sql::schema::run_pending_rebuilds::<sqlx::Postgres>(conn).await?;
            analyze_the_never_analyzed(conn).await;
            Ok(())
        }
        Err(e) => {
            // Another process may have migrated past this build between the
            // check and the run (sqlx then refuses, writing nothing): say so.
            if let MigrateError::VersionMissing(_) = e {
                rebound_store_sql::schema::refuse_newer_schema::<sqlx::Postgres>(
                    conn,
                    known_version(),
                )
                .await?;
            }
            Err(StoreError::Backend(Box::new(e)))
        }
    }
}

/// Gives the planner statistics for every table of ours that has none
/// (`reltuples < 0`: never analysed nor vacuumed). Without them it guesses
/// ten pages a table, and plans each child-table read of GET one mistake as
/// a bitmap scan; autovacuum analyses a table only after 50 rows change,
/// which a small team's tables may never see. Cheap on such tables, and
/// done once: each table then has statistics. Best effort — statistics
/// only change plans, so a failure (a table another role owns) does not
/// stop the server; autovacuum still comes later.
async fn analyze_the_never_analyzed(conn: &mut PgConnection) {
    let _ = sqlx::raw_sql(
        "DO $$ DECLARE t text; BEGIN
           FOR t IN SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace
                       AND c.relkind = 'r' AND c.reltuples < 0
                     ORDER BY c.relname LOOP
             EXECUTE format('ANALYZE %I', t);
           END LOOP;
         END $$",
    )
    .execute(&mut *conn)
    .await;
}

/// The newest schema version this build carries.
pub(crate) fn known_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        let versions: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=versions.len() as i64).collect();
        assert_eq!(versions, expected);
        assert_eq!(known_version(), versions.len() as i64);
    }

    /// A schema change lands in both backends under the same number and
    /// name, so "schema N" means the same thing whichever stores the data.
    /// SQLite may be ahead (a change not yet brought here), never different.
    #[test]
    fn migrations_pair_file_for_file_with_sqlite() {
        let names = |dir: &Path| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".sql"))
                .collect();
            names.sort();
            names
        };
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let ours = names(&here.join("migrations"));
        let sqlite = names(&here.join("../rebound-store-sqlite/migrations"));
        assert!(
            sqlite.starts_with(&ours),
            "PostgreSQL migrations {ours:?} must pair, in order, with SQLite's {sqlite:?}"
        );
    }

    #[test]
    fn messages_name_host_port_and_database_never_the_password() {
        let options = parse("postgres://ana:s3cret@db.example.com:6543/rebound").unwrap();
        assert_eq!(target(&options), "db.example.com:6543/rebound");
        let options = parse("postgresql://ana@[::1]/").unwrap();
        assert_eq!(target(&options), "[::1]:5432/ana");
        assert_eq!(
            redact("postgres://ana:s3cret@db:5432/x?sslmode=require"),
            "postgres://ana:***@db:5432/x?sslmode=require"
        );
        assert_eq!(redact("postgres://ana@db/x"), "postgres://ana@db/x");
        assert_eq!(redact("postgres://db/x@y"), "postgres://db/x@y");
    }

    #[test]
    fn other_schemes_are_refused_by_name() {
        match parse("mysql://ana:s3cret@db/x") {
            Err(StoreError::Unavailable(msg)) => {
                assert!(msg.contains("postgres:// and postgresql://"), "{msg}");
                assert!(!msg.contains("s3cret"), "{msg}");
            }
            other => panic!("expected Unavailable, got {other:?}"),
        }
    }
}
