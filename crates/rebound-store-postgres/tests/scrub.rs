//! Erasure leaves no plaintext in PostgreSQL's files: a phrase written into
//! a mistake, a comment and a reflection is found in the data directory
//! while they exist (so the scan can fail), and once they are deleted and
//! the scrub has run, in no file of this database's directory, `global/`,
//! `pg_wal/` or anything else under the data directory, each read over SQL
//! as superuser (`pg_ls_dir`, `pg_read_binary_file`). Other databases'
//! directories are left out: other tests write there meanwhile.

use rebound_store::conformance_scrub::{TABLES, phrase, plant};
use rebound_store::{ReflectionStore, Scrub};
use rebound_store_postgres::testing::TestDatabase;
use sqlx::{Connection, Executor, PgConnection};

/// The files under the data directory (this database's only, under
/// `base/`) that hold `phrase`: each searched where it is, by the server.
async fn files_holding(conn: &mut PgConnection, phrase: &str) -> Vec<String> {
    let oid: String =
        sqlx::query_scalar("SELECT oid::text FROM pg_database WHERE datname = current_database()")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    let mut dirs = vec![".".to_string()];
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        let entries: Vec<(String, Option<bool>)> = sqlx::query_as(
            "SELECT name, (pg_stat_file($1 || '/' || name, true)).isdir \
             FROM pg_ls_dir($1, true, false) AS name",
        )
        .bind(&dir)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for (name, is_dir) in entries {
            let path = format!("{dir}/{name}");
            match is_dir {
                Some(true) if path == "./base" => dirs.push(format!("./base/{oid}")),
                Some(true) => dirs.push(path),
                Some(false) => {
                    let at: Option<i32> = sqlx::query_scalar(
                        "SELECT position($2::bytea IN pg_read_binary_file($1, 0, 1000000000, true))",
                    )
                    .bind(&path)
                    .bind(phrase.as_bytes())
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
                    if at.unwrap_or(0) > 0 {
                        found.push(path);
                    }
                }
                None => {} // gone meanwhile
            }
        }
    }
    found
}

/// The relation a file under `base/` belongs to, for a failure's message.
async fn relation_of(conn: &mut PgConnection, path: &str) -> String {
    let node = path.rsplit('/').next().unwrap_or_default();
    let node = node.split(['.', '_']).next().unwrap_or_default();
    let Ok(node) = node.parse::<i64>() else {
        return path.to_string();
    };
    sqlx::query_scalar("SELECT pg_filenode_relation(0, $1::oid)::text")
        .bind(node)
        .fetch_one(&mut *conn)
        .await
        .unwrap_or(None::<String>)
        .unwrap_or_else(|| format!("{path}: no relation, an old file"))
}

#[tokio::test(flavor = "current_thread")]
async fn erased_text_is_nowhere_under_the_data_directory() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let mut admin = db.raw().await;
    let phrase = phrase();
    // Twice, so the statistics keep the title as a most common value.
    let planted = [plant(&store, &phrase).await, plant(&store, &phrase).await];
    admin.execute("ANALYZE").await.unwrap();
    let in_statistics: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_stats WHERE tablename = 'mistakes' \
         AND most_common_vals::text LIKE '%' || $1 || '%')",
    )
    .bind(&phrase)
    .fetch_one(&mut admin)
    .await
    .unwrap();
    assert!(in_statistics, "the planner's statistics hold the title");
    // In the WAL, looked for before any checkpoint of ours: under the whole
    // suite's writes a checkpoint can recycle a full segment, and the next
    // writes overwrite it, so after one it may already be gone on its own.
    let in_wal = files_holding(&mut admin, &phrase).await;
    assert!(in_wal.iter().any(|f| f.contains("/pg_wal/")), "{in_wal:?}");
    // Written to the tables' files too, not only to the WAL.
    admin.execute("CHECKPOINT").await.unwrap();
    let before = files_holding(&mut admin, &phrase).await;
    assert!(before.iter().any(|f| f.contains("/base/")), "{before:?}");

    for planted in &planted {
        store
            .delete_reflection(Some(&planted.owner), &planted.reflection)
            .await
            .unwrap();
        sqlx::query("DELETE FROM mistakes WHERE id = $1")
            .bind(planted.mistake.as_str())
            .execute(store.pool())
            .await
            .unwrap();
    }
    let report = store.scrub_after_erasure(TABLES).await.unwrap();
    assert!(report.complete(), "{report:?}");
    assert_eq!(report.rewritten, TABLES);

    let left = files_holding(&mut admin, &phrase).await;
    let mut named = Vec::new();
    for path in &left {
        named.push(relation_of(&mut admin, path).await);
    }
    assert!(left.is_empty(), "{left:?} ({named:?}) after {report:?}");
    admin.close().await.unwrap();
    store.close().await;
}

/// A role that owns its tables but is neither superuser nor the database's
/// owner: the tables are rewritten; the statistics and the WAL are not, and
/// the report says so instead of failing.
#[tokio::test(flavor = "current_thread")]
async fn without_superuser_the_scrub_says_what_it_could_not_do() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let role = db.name().replace("rebound_test_", "rebound_plain_");
    let url = db.url().replacen("://postgres@", &format!("://{role}@"), 1);
    if url == db.url() {
        eprintln!("SKIPPED: REBOUND_TEST_PG_URL does not sign in as postgres@");
        return;
    }
    // Left behind only if the test fails before its end.
    let mut admin = db.raw().await;
    for sql in [
        format!("CREATE ROLE \"{role}\" LOGIN"),
        format!("GRANT CREATE, USAGE ON SCHEMA public TO \"{role}\""),
    ] {
        admin.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    let store = rebound_store_postgres::connect(&url).await.unwrap();
    let report = store.scrub_after_erasure(TABLES).await.unwrap();
    store.close().await;
    assert_eq!(report.rewritten, TABLES, "{report:?}");
    assert!(!report.wal_cleared && !report.complete(), "{report:?}");
    let left = report.left.join("\n");
    assert!(left.contains("pg_statistic"), "{left}");
    assert!(left.contains("pg_switch_wal()"), "{left}");

    drop(admin);
    let admin_url = rebound_store_postgres::testing::admin_url();
    drop(db);
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(sqlx::AssertSqlSafe(format!("DROP ROLE \"{role}\"")))
        .await
        .unwrap();
    admin.close().await.unwrap();
}
