//! What only the PostgreSQL backend promises: several processes on one
//! database, its refusals at connect, and its columns.

use jiff::SignedDuration;
use rebound_domain::{Mistake, State};
use rebound_store::conformance::{full_mistake, now};
use rebound_store::{ListFilter, Store, StoreError};
use rebound_store_postgres::PgStore;
use rebound_store_postgres::testing::TestDatabase;
use sqlx::{Connection, PgConnection};

async fn stored_mistake(store: &PgStore) -> Mistake {
    let m = full_mistake(&now());
    store.create(&m).await.unwrap();
    m
}

/// What a refused connect must not change: every table, the applied
/// migrations and the rows.
async fn snapshot(conn: &mut PgConnection) -> (Vec<String>, Vec<i64>, Vec<String>) {
    let tables = sqlx::query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables
         WHERE table_schema = 'public' ORDER BY table_name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let versions = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let mut rows: Vec<String> = sqlx::query_scalar("SELECT m::TEXT FROM mistakes m ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let transitions: Vec<String> =
        sqlx::query_scalar("SELECT t::TEXT FROM transitions t ORDER BY mistake_id, seq")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    rows.extend(transitions);
    (tables, versions, rows)
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_from_a_newer_rebound_is_refused_and_left_intact() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let m = stored_mistake(&store).await;
    store.close().await;
    let known = rebound_store_postgres::schema_version();
    let mut conn = db.raw().await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, 'from the future', TRUE, '\\x00', 0)",
    )
    .bind(known + 1)
    .execute(&mut conn)
    .await
    .unwrap();
    let before = snapshot(&mut conn).await;

    match rebound_store_postgres::connect(db.url()).await {
        Err(StoreError::NewerSchema { found, known: k }) => {
            assert_eq!((found, k), (known + 1, known));
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("expected NewerSchema, the database opened"),
    }

    let after = snapshot(&mut conn).await;
    assert_eq!(after, before, "the refused connect changed the database");
    assert_eq!(after.1.last(), Some(&(known + 1)));
    assert!(after.2[0].contains(m.id.as_str()), "{:?}", after.2);
    conn.close().await.unwrap();
}

/// Two stores stand for two server processes: each has its own pool.
#[tokio::test(flavor = "current_thread")]
async fn of_two_saves_racing_from_one_version_exactly_one_wins() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    for round in 0..8 {
        let now = now();
        let m = full_mistake(&now);
        a.create(&m).await.unwrap();

        // Both hold version 0; each adds an entry and a step to `fixed`, so
        // both would append transition seq 3 if both got through.
        let edit = |who: &str| {
            let mut copy = m.clone();
            let mut changes = vec![
                copy.add_timeline_entry(now.timestamp(), &format!("from {who}"), false, &now)
                    .unwrap(),
            ];
            changes.extend(
                copy.move_to(State::Fixed, now.timestamp() + SignedDuration::from_mins(1))
                    .unwrap(),
            );
            copy.title = format!("saved by {who}");
            (copy, changes)
        };
        let (ma, ca) = edit("a");
        let (mb, cb) = edit("b");
        let (ra, rb) = tokio::join!(a.save(&ma, &ca), b.save(&mb, &cb));

        let (winner, loser) = match (ra, rb) {
            (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
            (Ok(_), Ok(_)) => panic!("round {round}: both saves from version 0 succeeded"),
            (Err(x), Err(y)) => panic!("round {round}: both saves failed: {x:?} / {y:?}"),
        };
        assert!(
            matches!(&loser, StoreError::Conflict(id) if *id == m.id),
            "round {round}: the loser should get Conflict, got {loser:?}"
        );
        assert_eq!(winner.version, 1);
        assert_eq!(winner.timeline.len(), 1);
        assert_eq!(winner.transitions.len(), 3);
        assert_eq!(
            winner.timeline[0].text,
            winner.title.replace("saved by", "from")
        );
        for store in [&a, &b] {
            assert_eq!(store.get(&m.id).await.unwrap(), winner, "round {round}");
        }
    }
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_processes_see_each_others_writes_and_data_survives_reconnect() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    // Connecting at the same moment: migrations run once, under sqlx's lock.
    let (a, b) = tokio::join!(
        rebound_store_postgres::connect(db.url()),
        rebound_store_postgres::connect(db.url())
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let m = stored_mistake(&a).await;
    assert_eq!(b.get(&m.id).await.unwrap(), m);
    let mut m2 = m.clone();
    let change = m2.post_update("Rolled back", &now()).unwrap();
    let saved = b.save(&m2, &[change]).await.unwrap();
    assert_eq!(a.get(&m.id).await.unwrap(), saved);
    a.close().await;
    b.close().await;

    let again = rebound_store_postgres::connect(db.url()).await.unwrap();
    assert_eq!(again.list(ListFilter::All).await.unwrap(), vec![saved]);
    again.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreachable_server_is_unavailable_naming_host_port_and_database() {
    match rebound_store_postgres::connect("postgres://ana:s3cret@127.0.0.1:1/rebound").await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(
                msg.contains("127.0.0.1:1/rebound") && msg.contains("connection refused"),
                "{msg}"
            );
            assert!(!msg.contains("s3cret"), "the password leaked: {msg}");
            assert_eq!(msg.lines().count(), 1, "{msg}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("connected to port 1"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_missing_database_is_unavailable_saying_so() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let url = format!("{}_missing", db.url());
    let missing = format!("{}_missing", db.name());
    match rebound_store_postgres::connect(&url).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(msg.contains(&format!("/{missing}:")), "{msg}");
            assert!(msg.contains("does not exist"), "{msg}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("connected to a database that does not exist"),
    }
}

/// `url` with its user (and password) replaced by `userinfo`.
fn with_user(url: &str, userinfo: &str) -> String {
    let start = url.find("://").expect("a URL") + 3;
    let rest = &url[start..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host_start = rest[..authority_end].rfind('@').map_or(0, |i| i + 1);
    format!("{}{userinfo}@{}", &url[..start], &rest[host_start..])
}

#[tokio::test(flavor = "current_thread")]
async fn refused_credentials_are_unavailable_without_the_password() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    // A role that does not exist is refused whatever the server's auth method.
    let url = with_user(db.url(), "rebound_no_such_role:hunter2-secret");
    match rebound_store_postgres::connect(&url).await {
        Err(StoreError::Unavailable(msg)) => {
            assert!(msg.contains("rebound_no_such_role"), "{msg}");
            assert!(!msg.contains("hunter2"), "the password leaked: {msg}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("connected as a role that does not exist"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_enum_value_in_a_row_is_a_backend_error() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let m = stored_mistake(&store).await;
    let mut conn = db.raw().await;
    // Only a tampered (or future) database can hold this: the CHECK forbids it.
    for sql in [
        "ALTER TABLE mistakes DROP CONSTRAINT mistakes_severity_check",
        "UPDATE mistakes SET severity = 'apocalyptic'",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();

    match store.get(&m.id).await {
        Err(StoreError::Backend(e)) => assert!(e.to_string().contains("severity"), "{e}"),
        other => panic!("expected a Backend error, got {other:?}"),
    }
    assert!(matches!(
        store.list(ListFilter::All).await,
        Err(StoreError::Backend(_))
    ));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn times_keep_millisecond_precision_as_bigint_epoch_ms() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let mut m = full_mistake(&now());
    // Finer than a millisecond: the store truncates, documented as such.
    m.updated_at =
        jiff::Timestamp::from_nanosecond(m.updated_at.as_nanosecond() + 456_789).unwrap();
    store.create(&m).await.unwrap();
    let got = store.get(&m.id).await.unwrap();
    assert_eq!(
        got.updated_at.as_nanosecond(),
        m.updated_at.as_nanosecond() - 456_789
    );
    let mut conn = db.raw().await;
    let stored: i64 = sqlx::query_scalar("SELECT updated_at FROM mistakes WHERE id = $1")
        .bind(m.id.as_str())
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(stored, got.updated_at.as_millisecond());
    conn.close().await.unwrap();
    store.close().await;
}

/// A new database's tables get statistics at connect: never analysed, the
/// planner takes each for ten pages and reads a mistake's empty child
/// tables by bitmap scans (BENCHMARKS.md, issue 13).
#[tokio::test(flavor = "current_thread")]
async fn every_table_has_statistics_once_connected() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let mut conn = db.raw().await;
    let unanalysed: Vec<String> = sqlx::query_scalar(
        "SELECT relname::TEXT FROM pg_class
          WHERE relnamespace = current_schema()::regnamespace
            AND relkind = 'r' AND reltuples < 0",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(unanalysed, Vec::<String>::new());
    let analysed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class
          WHERE relnamespace = current_schema()::regnamespace AND relname = 'transitions'
            AND reltuples >= 0",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(analysed, 1, "the tables are there and analysed");
    conn.close().await.unwrap();
    store.close().await;
}
